// `/plugnmeet status on|off` typed in the web or desktop app (the slash-command hook's part of the
// "In a meeting" status; actions/meeting_status.ts keeps the choice).
import {createSlashCommandHook, planStatusChoice} from './slash_command_hook';

import {fakeClient} from '../../tests/test_utils';
import {ClientError} from '../client/client';
import {createNoticeStore} from '../stores/notice_store';

const args = {channel_id: 'c1', team_id: 't1', root_id: ''};

function setup(setStatusOptIn?: jest.Mock) {
    const client = fakeClient();
    const notices = createNoticeStore();
    const openWindow = jest.fn();
    const hook = createSlashCommandHook({client, getState: () => ({}), notices, openWindow, desktop: false, setStatusOptIn});
    return {client, notices, openWindow, hook};
}

describe('typed /plugnmeet status', () => {
    it.each([
        ['/plugnmeet status on', true],
        ['  /PlugNmeet  Status  OFF ', false],
        ['/plugnmeet status', null],
        ['/plugnmeet status maybe', null],
        ['/plugnmeet status on now', null],
        ['/plugnmeet start status on', null],
    ])('%p is %p', (message, choice) => {
        expect(planStatusChoice(message)).toBe(choice);
    });

    it('saves the choice instead of sending the command, and confirms it', async () => {
        const setStatusOptIn = jest.fn(async () => undefined);
        const {client, notices, openWindow, hook} = setup(setStatusOptIn);
        expect(hook('/plugnmeet status on', args)).toEqual({});
        expect(setStatusOptIn).toHaveBeenCalledWith(true);
        expect(client.executeCommand).not.toHaveBeenCalled();
        expect(openWindow).not.toHaveBeenCalled();
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(notices.getSnapshot()).toEqual([expect.objectContaining({tone: 'info', info: 'plugnmeet.status.turned_on'})]);

        hook('/plugnmeet status off', args);
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(notices.getSnapshot().at(-1)).toEqual(expect.objectContaining({tone: 'info', info: 'plugnmeet.status.turned_off'}));
    });

    it('says why the choice was not saved', async () => {
        const setStatusOptIn = jest.fn(async () => {
            throw new ClientError('session', 401);
        });
        const {notices, hook} = setup(setStatusOptIn);
        hook('/plugnmeet status on', args);
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(notices.getSnapshot()).toEqual([expect.objectContaining({tone: 'error', title: 'plugnmeet.notice.status_failed', problem: {id: 'plugnmeet.error.session'}})]);
    });

    it('goes on to Mattermost (whose answer points to the apps) without a status to set, or with no choice', () => {
        const {hook} = setup();
        expect(hook('/plugnmeet status on', args)).toEqual({message: '/plugnmeet status on', args});
        const withStatus = setup(jest.fn(async () => undefined));
        expect(withStatus.hook('/plugnmeet status', args)).toEqual({message: '/plugnmeet status', args});
    });
});
