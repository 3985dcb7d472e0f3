import {createCopyGuestLink} from './copy_guest_link';

import {fakeClient} from '../../tests/test_utils';
import {ClientError} from '../client/client';
import {createNoticeStore} from '../stores/notice_store';

const live = {id: 'live', channel_id: 'chan1', root_id: '', type: 'custom_plugnmeet', props: {plugnmeet_room_id: 'r1', meeting_status: 'live'}};
const state = {
    entities: {
        teams: {currentTeamId: 'team1'},
        channels: {channels: {chan1: {id: 'chan1', team_id: 'team1'}}},
        posts: {posts: {
            live,
            ended: {...live, id: 'ended', props: {plugnmeet_room_id: 'r1', meeting_status: 'ended'}},
            plain: {...live, id: 'plain', type: ''},
        }},
    },
};

function setup(reply: unknown, clipboard: {writeText: jest.Mock} | null = {writeText: jest.fn(async () => undefined)}) {
    const client = fakeClient({executeCommand: jest.fn(async () => {
        if (reply instanceof Error) {
            throw reply;
        }
        return reply as object;
    })});
    const notices = createNoticeStore();
    const copy = createCopyGuestLink({client, getState: () => state, notices, clipboard: () => clipboard ?? undefined});
    return {client, notices, copy, clipboard, shown: () => notices.getSnapshot().map((n) => n.info ?? n.title)};
}

describe('Copy guest link', () => {
    it('is offered on a live meeting\'s card only', () => {
        const {copy} = setup({});
        expect(['live', 'ended', 'plain', 'missing'].map(copy.filter)).toEqual([true, false, false, false]);
    });

    it('copies an http(s) link from the answer\'s props, nothing else', async () => {
        const ok = setup({props: {plugnmeet_guest_url: 'https://pnm.example.com/guest/abc'}});
        await ok.copy.action('live');
        expect(ok.client.executeCommand).toHaveBeenCalledWith('/plugnmeet invite', {channel_id: 'chan1', team_id: 'team1', root_id: ''});
        expect(ok.clipboard!.writeText).toHaveBeenCalledWith('https://pnm.example.com/guest/abc');
        expect(ok.shown()).toEqual(['plugnmeet.guest_link.copied']);

        const odd = setup({props: {plugnmeet_guest_url: 'javascript:alert(1)'}});
        await odd.copy.action('live');
        expect(odd.clipboard!.writeText).not.toHaveBeenCalled();
        expect(odd.shown()).toEqual(['plugnmeet.guest_link.not_made']);
    });

    it('says where the link is when the browser will not copy, and what failed when Mattermost did', async () => {
        const denied = setup({props: {plugnmeet_guest_url: 'https://pnm.example.com/guest/abc'}}, {writeText: jest.fn(() => Promise.reject(new Error('NotAllowedError')))});
        await denied.copy.action('live');
        expect(denied.shown()).toEqual(['plugnmeet.guest_link.copy_failed']);
        const none = setup({props: {plugnmeet_guest_url: 'https://pnm.example.com/guest/abc'}}, null);
        await none.copy.action('live');
        expect(none.shown()).toEqual(['plugnmeet.guest_link.copy_failed']);

        const down = setup(new ClientError('failed', 500, 'api.command.execute_command.failed.app_error'));
        await down.copy.action('live');
        expect(down.notices.getSnapshot()[0]).toMatchObject({tone: 'error', title: 'plugnmeet.guest_link.failed', problem: {id: 'plugnmeet.error.unreachable'}});
    });
});
