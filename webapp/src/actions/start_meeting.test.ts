import type {Channel} from '@mattermost/types/channels';

import {createStartMeeting} from './start_meeting';

import {deferred, fakeClient, fakeWindow} from '../../tests/test_utils';
import {ClientError} from '../client/client';
import {createNoticeStore} from '../stores/notice_store';

const channel = (id: string, teamId: string) => ({id, team_id: teamId} as Channel);

function setup(state: object = {}) {
    const client = fakeClient();
    const notices = createNoticeStore();
    const win = fakeWindow();
    const openWindow = jest.fn(() => win as unknown as Window);
    const start = createStartMeeting({client, getState: () => state, notices, openWindow});
    return {client, notices, win, openWindow, start};
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('start meeting (header button / App Bar)', () => {
    it('opens a window at once and sends /plugnmeet start for the channel', async () => {
        const {client, win, openWindow, start} = setup({entities: {teams: {currentTeamId: 'teamCurrent'}}});
        const answer = deferred<object>();
        client.executeCommand.mockReturnValueOnce(answer.promise);
        start(channel('c1', 't1'));
        expect(openWindow).toHaveBeenCalledTimes(1);
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet start', {channel_id: 'c1', team_id: 't1', root_id: ''});
        answer.resolve({goto_location: 'https://meet.example.com/?access_token=mod'});
        await flush();
        expect(win.location.href).toBe('https://meet.example.com/?access_token=mod');
    });

    it('uses the current team for DMs and group messages', () => {
        const {client, start} = setup({entities: {teams: {currentTeamId: 'teamCurrent'}}});
        start(channel('dm1', ''));
        expect(client.executeCommand.mock.calls[0][1]).toEqual({channel_id: 'dm1', team_id: 'teamCurrent', root_id: ''});
    });

    it('starts in the thread open in the RHS when it belongs to this channel', () => {
        const state = {
            entities: {posts: {posts: {p1: {id: 'p1', channel_id: 'c1', root_id: ''}, r2: {id: 'r2', channel_id: 'c1', root_id: 'p1'}}}},
            views: {rhs: {selectedPostId: 'r2'}},
        };
        const {client, start} = setup(state);
        start(channel('c1', 't1'));
        expect(client.executeCommand.mock.calls[0][0]).toBe('/plugnmeet start --root p1');
        expect(client.executeCommand.mock.calls[0][1].root_id).toBe('p1');
    });

    it('never roots the meeting in a thread of another channel', () => {
        const state = {
            entities: {posts: {posts: {p1: {id: 'p1', channel_id: 'other', root_id: ''}}}},
            views: {rhs: {selectedPostId: 'p1'}},
        };
        const {client, start} = setup(state);
        start(channel('c1', 't1'));
        expect(client.executeCommand.mock.calls[0][0]).toBe('/plugnmeet start');
        expect(client.executeCommand.mock.calls[0][1].root_id).toBe('');
    });

    it('falls back to the current channel when called without one (App Bar on some versions)', () => {
        const {client, start} = setup({entities: {channels: {currentChannelId: 'cur'}, teams: {currentTeamId: 'tm'}}});
        start(undefined);
        expect(client.executeCommand.mock.calls[0][1]).toEqual({channel_id: 'cur', team_id: 'tm', root_id: ''});
    });

    it('says so when there is no channel at all, without opening a window', () => {
        const {client, notices, openWindow, start} = setup({});
        start(null);
        expect(openWindow).not.toHaveBeenCalled();
        expect(client.executeCommand).not.toHaveBeenCalled();
        expect(notices.getSnapshot()[0].problem?.id).toBe('plugnmeet.error.no_channel');
    });

    it('shows Mattermost errors as a notice and closes the pre-opened window', async () => {
        const {client, notices, win, start} = setup();
        client.executeCommand.mockRejectedValueOnce(new ClientError("Command with a trigger of 'plugnmeet' not found.", 404, 'api.command.execute_command.not_found.app_error'));
        start(channel('c1', 't1'));
        await flush();
        expect(win.close).toHaveBeenCalled();
        expect(notices.getSnapshot()).toEqual([expect.objectContaining({tone: 'error', title: 'plugnmeet.notice.start_failed', problem: {id: 'plugnmeet.error.not_set_up'}})]);
    });

    it('stays quiet when the sidecar answered with text (already shown by Mattermost)', async () => {
        const {client, notices, win, start} = setup();
        client.executeCommand.mockResolvedValueOnce({response_type: 'ephemeral', text: 'A meeting is already live in this channel.', props: {}});
        start(channel('c1', 't1'));
        await flush();
        expect(win.close).toHaveBeenCalled();
        expect(notices.getSnapshot()).toEqual([]);
    });

    it('offers a link in a notice when the popup was blocked', async () => {
        const {client, notices, openWindow, start} = setup();
        openWindow.mockReturnValueOnce(null as unknown as Window);
        client.executeCommand.mockResolvedValueOnce({goto_location: 'https://meet.example.com/?access_token=b'});
        start(channel('c1', 't1'));
        await flush();
        expect(notices.getSnapshot()).toEqual([expect.objectContaining({tone: 'info', link: 'https://meet.example.com/?access_token=b'})]);
    });

    it('ignores clicks while a start is in flight, and accepts them again afterwards', async () => {
        const {client, openWindow, start} = setup();
        const answer = deferred<object>();
        client.executeCommand.mockReturnValueOnce(answer.promise);
        start(channel('c1', 't1'));
        start(channel('c1', 't1'));
        expect(openWindow).toHaveBeenCalledTimes(1);
        answer.resolve({goto_location: 'https://meet.example.com/?access_token=1'});
        await flush();
        start(channel('c1', 't1'));
        expect(openWindow).toHaveBeenCalledTimes(2);
    });

    it('starts with the options dialog\'s words after start, in the same window flow', async () => {
        const {client, win, openWindow, start} = setup();
        start.startIn({channel_id: 'c1', team_id: 't1', root_id: 'abcdefghijklmnopqrstuvwxyz'}, '--waiting-room --duration 45 -- Sprint review');
        expect(openWindow).toHaveBeenCalledTimes(1);
        expect(client.executeCommand).toHaveBeenCalledWith(
            '/plugnmeet start --root abcdefghijklmnopqrstuvwxyz --waiting-room --duration 45 -- Sprint review',
            {channel_id: 'c1', team_id: 't1', root_id: 'abcdefghijklmnopqrstuvwxyz'},
        );
        await flush();
        expect(win.location.href).toBe('https://meet.example.com/?access_token=t1');
        start.startIn({channel_id: 'c1', team_id: 't1', root_id: ''}, '--');
        expect(client.executeCommand.mock.calls[1][0]).toBe('/plugnmeet start --');
    });

    it('shares the in-flight guard with the one-click start', () => {
        const {client, start} = setup();
        client.executeCommand.mockReturnValueOnce(deferred<object>().promise);
        start(channel('c1', 't1'));
        start.startIn({channel_id: 'c1', team_id: 't1', root_id: ''}, '--mute --');
        expect(client.executeCommand).toHaveBeenCalledTimes(1);
    });

    it('writes the placeholder text in the user\'s language', () => {
        const {win, start} = setup({entities: {users: {currentUserId: 'me', profiles: {me: {locale: 'es'}}}}});
        start(channel('c1', 't1'));
        expect(win.document.body.textContent).toBe('Abriendo plugNmeet…');
    });
});
