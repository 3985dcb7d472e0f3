import {createStartInThread, threadTarget} from './start_in_thread';

import {createNoticeStore} from '../stores/notice_store';

const state = {
    entities: {
        teams: {currentTeamId: 'team1'},
        channels: {channels: {chan1: {id: 'chan1', team_id: 'team1'}, dm1: {id: 'dm1', team_id: ''}}},
        posts: {posts: {
            root1: {id: 'root1', channel_id: 'chan1', root_id: '', type: ''},
            reply1: {id: 'reply1', channel_id: 'chan1', root_id: 'root1', type: ''},
            dmpost: {id: 'dmpost', channel_id: 'dm1', root_id: '', type: ''},
            joined: {id: 'joined', channel_id: 'chan1', root_id: '', type: 'system_join_channel'},
        }},
    },
};

describe('start in this thread', () => {
    it('starts in the post\'s channel with the thread\'s root', () => {
        expect(threadTarget(state, 'reply1')).toEqual({channel_id: 'chan1', team_id: 'team1', root_id: 'root1'});
        expect(threadTarget(state, 'root1')).toEqual({channel_id: 'chan1', team_id: 'team1', root_id: 'root1'});
        expect(threadTarget(state, 'dmpost')).toEqual({channel_id: 'dm1', team_id: 'team1', root_id: 'dmpost'});
        expect(threadTarget(state, 'missing')).toBeNull();

        const startMeeting = {startIn: jest.fn()};
        const notices = createNoticeStore();
        const inThread = createStartInThread({getState: () => state, notices, startMeeting});
        inThread.action('reply1');
        expect(startMeeting.startIn).toHaveBeenCalledWith({channel_id: 'chan1', team_id: 'team1', root_id: 'root1'});
        inThread.action('missing');
        expect(notices.getSnapshot()).toHaveLength(1);
    });

    it('is offered on loaded, ordinary posts only', () => {
        const inThread = createStartInThread({getState: () => state, notices: createNoticeStore(), startMeeting: {startIn: jest.fn()}});
        expect(['reply1', 'dmpost', 'joined', 'missing'].map(inThread.filter)).toEqual([true, true, false, false]);
    });
});
