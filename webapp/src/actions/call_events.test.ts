import type {Post} from '@mattermost/types/posts';

import {createCallEvents, endedRoomOf, postOf} from './call_events';
import type {MeetingStatus} from './meeting_status';

import {createLiveStore} from '../stores/live_store';
import type {RingingStore} from '../stores/ringing_store';
import type {WebSocketMessage} from '../types/mattermost';

const ME = 'me0000000000000000000000aa';

function baseState(extra: {status?: string; channels?: Record<string, unknown>; posts?: Record<string, unknown>} = {}) {
    return {
        entities: {
            teams: {currentTeamId: 'team1'},
            channels: {currentChannelId: 'town', channels: {dm1: {id: 'dm1', type: 'D', team_id: ''}, gm1: {id: 'gm1', type: 'G', team_id: ''}, town: {id: 'town', type: 'O', team_id: 'team1'}, ...extra.channels}},
            posts: {posts: extra.posts ?? {}},
            users: {currentUserId: ME, profiles: {bot1: {id: 'bot1', username: 'plugnmeet', is_bot: true}}, statuses: {[ME]: extra.status ?? 'online'}},
        },
    };
}

function card(channelId: string, props: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
    return {
        id: `card-${channelId}`, channel_id: channelId, root_id: '', user_id: 'bot1', type: 'custom_plugnmeet',
        props: {
            plugnmeet_room_id: `room-${channelId}`, meeting_status: 'live', meeting_topic: 'Sync', meeting_creator_id: 'ualice',
            meeting_creator_username: 'alice', meeting_creator_display_name: 'Alice', attachments: [{actions: [{id: 'join'}]}], ...props,
        },
        ...extra,
    };
}

const posted = (post: unknown, channelType = ''): WebSocketMessage => ({event: 'posted', data: {post: JSON.stringify(post), channel_type: channelType, team_id: 'team1'}});
const edited = (post: unknown): WebSocketMessage => ({event: 'post_edited', data: {post: JSON.stringify(post)}});

function setup(state: unknown = baseState(), {botKnown = true} = {}) {
    let known: string | null | undefined = botKnown ? 'bot1' : undefined;
    const listeners = new Set<() => void>();
    const identity = {
        current: () => known,
        resolve: jest.fn(),
        subscribe: (l: () => void) => {
            listeners.add(l);
            return () => listeners.delete(l);
        },
        dispose: jest.fn(),
        learn(id: string | null) {
            known = id;
            listeners.forEach((l) => l());
        },
    };
    const ringing = {ring: jest.fn(), stop: jest.fn(), answered: jest.fn(), getSnapshot: jest.fn(() => null), subscribe: jest.fn(), lastStop: jest.fn(), clear: jest.fn()};
    const status = {joined: jest.fn(async () => undefined), ended: jest.fn(async () => undefined), pendingRoom: jest.fn(() => null as string | null), isOptedIn: jest.fn(), setOptedIn: jest.fn()};
    const live = createLiveStore();
    const events = createCallEvents({getState: () => state, identity, ringing: ringing as unknown as RingingStore, status: status as unknown as MeetingStatus, live});
    return {events, ringing, status, live, identity};
}

describe('call events', () => {
    it('reads the post of posted and post_edited as Mattermost sends it: a JSON string', () => {
        expect(postOf(posted({id: 'p1'}))).toEqual({id: 'p1'});
        expect(postOf({event: 'posted', data: {post: {id: 'p2'}}})).toEqual({id: 'p2'});
        expect(postOf({event: 'posted', data: {post: '{not json'}})).toBeNull();
        expect(postOf({event: 'posted'})).toBeNull();
    });

    it('rings for a live card in a DM or GM, for everyone but its starter, with the caller and the card\'s thread', () => {
        const {events, ringing} = setup();
        events.posted(posted(card('dm1')));
        expect(ringing.ring).toHaveBeenCalledWith({
            roomId: 'room-dm1', channelId: 'dm1', rootId: 'card-dm1', postId: 'card-dm1', callerName: 'Alice', topic: 'Sync', group: false, hasJoinAction: true,
        });
        events.posted(posted(card('gm1', {meeting_creator_display_name: ''})));
        expect(ringing.ring).toHaveBeenLastCalledWith(expect.objectContaining({roomId: 'room-gm1', callerName: '@alice', group: true}));

        // Once per room, whatever the websocket repeats.
        events.posted(posted(card('dm1')));
        expect(ringing.ring).toHaveBeenCalledTimes(2);
    });

    it('takes the channel type from the event when the store does not have the channel', () => {
        const {events, ringing} = setup();
        events.posted(posted(card('dm9'), 'D'));
        events.posted(posted(card('pub9'), 'O'));
        expect(ringing.ring.mock.calls.map(([c]) => c.roomId)).toEqual(['room-dm9']);
    });

    it('does not ring in channels, for the starter, under Do Not Disturb, for ended or edited cards, or for anyone but the bot', () => {
        const {events, ringing} = setup();
        events.posted(posted(card('town')));
        events.posted(posted(card('dm1', {meeting_creator_id: ME})));
        events.posted(posted(card('dm1', {plugnmeet_room_id: 'room-x', meeting_status: 'ended'})));
        events.postEdited(edited(card('dm1', {plugnmeet_room_id: 'room-y'})));
        events.posted(posted(card('dm1', {plugnmeet_room_id: 'room-z'}, {user_id: 'mallory'})));
        expect(ringing.ring).not.toHaveBeenCalled();

        const dnd = setup(baseState({status: 'dnd'}));
        dnd.events.posted(posted(card('dm1')));
        expect(dnd.ringing.ring).not.toHaveBeenCalled();
    });

    it('does not ring again for a call the sidecar marked meeting_no_ring (a call there rang less than a minute ago)', () => {
        const {events, ringing} = setup();
        events.posted(posted(card('gm1', {plugnmeet_room_id: 'room-again', meeting_no_ring: true})));
        expect(ringing.ring).not.toHaveBeenCalled();
        events.posted(posted(card('gm1', {plugnmeet_room_id: 'room-later', meeting_no_ring: false})));
        expect(ringing.ring).toHaveBeenCalledTimes(1);
    });

    it('waits for the bot\'s id when it is not known yet', () => {
        const {events, ringing, identity} = setup(baseState(), {botKnown: false});
        events.posted(posted(card('dm1')));
        expect(identity.resolve).toHaveBeenCalled();
        expect(ringing.ring).not.toHaveBeenCalled();
        identity.learn('bot1');
        expect(ringing.ring).toHaveBeenCalledTimes(1);

        const none = setup(baseState(), {botKnown: false});
        none.events.posted(posted(card('dm1')));
        none.identity.learn(null);
        expect(none.ringing.ring).not.toHaveBeenCalled();
    });

    it('ends a meeting on the bot\'s "ended" reply or a card edited to ended: the ring stops, the status is cleared, the channel is no longer live', () => {
        const {events, ringing, status, live} = setup();
        events.posted(posted(card('dm1')));
        expect(live.isLive('dm1')).toBe(true);
        const reply = {id: 'r1', channel_id: 'dm1', root_id: 'card-dm1', user_id: 'bot1', type: '', props: {plugnmeet_room_id: 'room-dm1', meeting_status: 'ended'}};
        expect(endedRoomOf(reply as Partial<Post>)).toBe('room-dm1');
        events.posted(posted(reply));
        expect(ringing.stop).toHaveBeenCalledWith('ended', 'room-dm1');
        expect(status.ended).toHaveBeenCalledWith('room-dm1');
        expect(live.isLive('dm1')).toBe(false);

        events.postEdited(edited(card('town', {meeting_status: 'ended'})));
        expect(status.ended).toHaveBeenLastCalledWith('room-town');

        // Someone else's look-alike reply changes nothing.
        events.posted(posted({...reply, user_id: 'mallory', props: {plugnmeet_room_id: 'room-gm1', meeting_status: 'ended'}}));
        expect(status.ended).not.toHaveBeenCalledWith('room-gm1');
        expect(endedRoomOf({props: {plugnmeet_room_id: '../x', meeting_status: 'ended'}})).toBe('');
    });

    it('answers the call and sets the status on a join from this webapp, with the time limit it knows', () => {
        const loaded = card('town', {meeting_duration_minutes: 45});
        const {events, ringing, status} = setup(baseState({posts: {[loaded.id]: loaded}}));
        events.joined('room-town', '/plugnmeet join room-town');
        expect(ringing.answered).toHaveBeenCalledWith('room-town', 'joined');
        expect(status.joined).toHaveBeenCalledWith('room-town', 45);

        events.joined('room-new', '/plugnmeet start --waiting-room --duration 30 -- Review');
        expect(status.joined).toHaveBeenLastCalledWith('room-new', 30);
        events.joined('room-other', '/plugnmeet join room-other');
        expect(status.joined).toHaveBeenLastCalledWith('room-other', undefined);
    });

    it('after a reconnect, ends what the store now shows as ended', () => {
        const ended = card('town', {meeting_status: 'ended'});
        const {events, status} = setup(baseState({posts: {[ended.id]: ended}}));
        status.pendingRoom.mockReturnValue('room-town');
        events.recheck();
        expect(status.ended).toHaveBeenCalledWith('room-town');

        const live = card('town');
        const other = setup(baseState({posts: {[live.id]: live}}));
        other.status.pendingRoom.mockReturnValue('room-town');
        other.events.recheck();
        expect(other.status.ended).not.toHaveBeenCalled();
    });
});
