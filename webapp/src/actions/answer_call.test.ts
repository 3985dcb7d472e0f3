import {createAnswerCall} from './answer_call';

import {fakeClient, fakeWindow} from '../../tests/test_utils';
import {ClientError} from '../client/client';
import {createNoticeStore} from '../stores/notice_store';
import type {IncomingCall, RingingStore} from '../stores/ringing_store';

const call: IncomingCall = {roomId: 'room-1', channelId: 'dm1', rootId: 'card1', postId: 'card1', callerName: 'Alice', topic: 'Sync', group: false, hasJoinAction: true};
const state = {entities: {teams: {currentTeamId: 'team1'}}};

function setup(client = fakeClient()) {
    const ringing = {answered: jest.fn()} as unknown as RingingStore & {answered: jest.Mock};
    const notices = createNoticeStore();
    const win = fakeWindow();
    const openWindow = jest.fn(() => win as unknown as Window);
    const answer = createAnswerCall({client, getState: () => state, notices, ringing, openWindow, desktop: false});
    return {answer, ringing, notices, client, openWindow, win};
}

describe('answering a call', () => {
    it('Join stops the ring everywhere and runs the card\'s join, its window opened within the click', async () => {
        const {answer, ringing, client, openWindow, win} = setup();
        answer.join(call);
        expect(ringing.answered).toHaveBeenCalledWith('room-1', 'joined');
        expect(openWindow).toHaveBeenCalledWith('');
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet join room-1', {channel_id: 'dm1', team_id: 'team1', root_id: 'card1'});
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(win.location.href).toBe('https://meet.example.com/?access_token=t1');
    });

    it('Join falls back to the card\'s own action where commands are refused', async () => {
        const client = fakeClient({executeCommand: jest.fn(async () => {
            throw new ClientError('forbidden', 403, 'api.context.permissions.app_error');
        })});
        const {answer, notices} = setup(client);
        answer.join(call);
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(client.doPostAction).toHaveBeenCalledWith('card1', 'join');
        expect(notices.getSnapshot()[0]).toMatchObject({tone: 'info', info: 'plugnmeet.open.posted_privately'});
    });

    it('Decline runs `/plugnmeet decline` in the call\'s channel and thread, and says when that failed', async () => {
        const {answer, ringing, client, notices, openWindow} = setup();
        answer.decline(call);
        expect(ringing.answered).toHaveBeenCalledWith('room-1', 'declined');
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet decline room-1', {channel_id: 'dm1', team_id: 'team1', root_id: 'card1'});
        expect(openWindow).not.toHaveBeenCalled();

        (client.executeCommand as jest.Mock).mockRejectedValueOnce(new ClientError('gone', 0, 'network'));
        answer.decline(call);
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(notices.getSnapshot()[0]).toMatchObject({tone: 'error', title: 'plugnmeet.notice.decline_failed', problem: {id: 'plugnmeet.error.network'}});
    });
});
