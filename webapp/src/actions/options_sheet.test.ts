import {NO_OPTIONS} from '@plugnmeet/contracts';

import {loadSheet, readSheet} from './options_sheet';

import {fakeClient} from '../../tests/test_utils';
import {ClientError} from '../client/client';

const args = {channel_id: 'c1', team_id: 't1', root_id: ''};

describe('readSheet', () => {
    it('reads the sheet the sidecar sends in plugnmeet_options', () => {
        const sheet = {defaults: {...NO_OPTIONS, waitingRoom: true, duration: 60, welcome: 'Hi'}, fixed: ['record', 'duration'], maxDuration: 120};
        expect(readSheet({plugnmeet_options: sheet})).toEqual(sheet);
    });

    it('keeps a refusal, and nothing is left out of the defaults', () => {
        expect(readSheet({plugnmeet_options: {refusal: ' Not here. '}})).toEqual({defaults: NO_OPTIONS, fixed: [], maxDuration: 0, refusal: 'Not here.'});
    });

    it('drops what no command could carry', () => {
        const sheet = readSheet({plugnmeet_options: {
            defaults: {waitingRoom: 'yes', mute: 1, e2ee: true, duration: 1e9, welcome: 'x'.repeat(900), evil: true},
            fixed: ['record', 'root', 42, '__proto__'],
            maxDuration: -5,
            refusal: {text: 'no'},
        }});
        expect(sheet).toEqual({defaults: {...NO_OPTIONS, e2ee: true, welcome: 'x'.repeat(500)}, fixed: ['record'], maxDuration: 0});
    });

    it('is null without a sheet', () => {
        expect(readSheet(undefined)).toBeNull();
        expect(readSheet({plugnmeet_options: 'defaults'})).toBeNull();
        expect(readSheet({other: {}})).toBeNull();
    });
});

describe('loadSheet', () => {
    it('asks with /plugnmeet options for the channel and thread', async () => {
        const client = fakeClient();
        client.executeCommand.mockResolvedValueOnce({text: '', props: {plugnmeet_options: {defaults: NO_OPTIONS, fixed: [], maxDuration: 0}}});
        await expect(loadSheet(client, {...args, root_id: 'r1'})).resolves.toEqual({kind: 'sheet', sheet: {defaults: NO_OPTIONS, fixed: [], maxDuration: 0}});
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet options --quiet', {...args, root_id: 'r1'});
    });

    it('passes on a text answer, and says so when there is neither sheet nor text', async () => {
        const client = fakeClient();
        client.executeCommand.mockResolvedValueOnce({text: 'The plugNmeet service is not set up.'});
        await expect(loadSheet(client, args)).resolves.toEqual({kind: 'text', text: 'The plugNmeet service is not set up.'});
        client.executeCommand.mockResolvedValueOnce({text: '', goto_location: 'https://meet.example.com/'});
        await expect(loadSheet(client, args)).resolves.toEqual({kind: 'failed', problem: {id: 'plugnmeet.options.unavailable'}});
    });

    it('turns a refused command (read-only channel) into the usual problem', async () => {
        const client = fakeClient();
        client.executeCommand.mockRejectedValueOnce(new ClientError('You do not have the appropriate permissions.', 403, 'api.context.permissions.app_error'));
        await expect(loadSheet(client, args)).resolves.toEqual({kind: 'failed', problem: {id: 'plugnmeet.error.forbidden'}});
    });
});
