// The selectors calling reads (selectors/state.ts), against Mattermost's state shapes.
import {findCardOfRoom, getChannelInfo, getCurrentUserId, getMyCustomStatus, getMyStatus, getPost, getPreferenceValue} from './state';

const state = {
    entities: {
        channels: {channels: {dm1: {id: 'dm1', type: 'D', display_name: '', name: 'a__b', team_id: ''}}},
        users: {
            currentUserId: 'me',
            profiles: {me: {id: 'me', props: {customStatus: '{"emoji":"coffee","text":"Break","duration":"one_hour","expires_at":"2026-11-22T12:00:00Z"}'}}},
            statuses: {me: 'dnd', other: 'online'},
        },
        preferences: {myPreferences: {'pp_plugnmeet--in_meeting_status': {category: 'pp_plugnmeet', name: 'in_meeting_status', value: 'on'}}},
        posts: {posts: {
            old: {id: 'old', type: 'custom_plugnmeet', create_at: 1, props: {plugnmeet_room_id: 'r1'}},
            newer: {id: 'newer', type: 'custom_plugnmeet', create_at: 2, props: {plugnmeet_room_id: 'r1'}},
            reply: {id: 'reply', type: '', create_at: 3, props: {plugnmeet_room_id: 'r1'}},
        }},
    },
};

describe('calling selectors', () => {
    it('read the channel, the user, their status, preferences and custom status', () => {
        expect(getCurrentUserId(state)).toBe('me');
        expect(getChannelInfo(state, 'dm1')).toEqual({type: 'D', displayName: '', name: 'a__b', teamId: ''});
        expect(getChannelInfo(state, 'nope')).toBeNull();
        expect(getMyStatus(state)).toBe('dnd');
        expect(getPreferenceValue(state, 'pp_plugnmeet', 'in_meeting_status')).toBe('on');
        expect(getPreferenceValue(state, 'pp_plugnmeet', 'other')).toBe('');
        expect(getMyCustomStatus(state)).toEqual({emoji: 'coffee', text: 'Break', duration: 'one_hour', expires_at: '2026-11-22T12:00:00Z'});
        expect(getPost(state, 'reply')?.id).toBe('reply');
        expect(findCardOfRoom(state, 'custom_plugnmeet', 'r1')?.id).toBe('newer');
        expect(findCardOfRoom(state, 'custom_plugnmeet', 'r2')).toBeUndefined();
    });

    it('tolerate a state of any shape', () => {
        for (const broken of [null, {}, {entities: {users: {currentUserId: 'me', profiles: {me: {props: {customStatus: '{nope'}}}}}}]) {
            expect(getMyCustomStatus(broken)).toBeNull();
            expect(getMyStatus(broken)).toBe('');
            expect(getChannelInfo(broken, 'x')).toBeNull();
            expect(findCardOfRoom(broken, 'custom_plugnmeet', 'r1')).toBeUndefined();
        }
    });
});
