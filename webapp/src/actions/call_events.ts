// What the websocket tells the plugin about meetings (registerWebSocketEventHandler), and what a
// join from this webapp means for them:
// - `posted` of a live card (custom_plugnmeet) in a DM or GM, by the bot account, for someone other
//   than its starter: ring (not while the user is Do Not Disturb, nor for a card marked
//   meeting_no_ring: a call there rang less than a minute before);
// - `posted` of the bot's reply carrying {plugnmeet_room_id, meeting_status: 'ended'}
//   (MeetingEndedProps: in DMs and GMs the bot cannot edit the card), or `post_edited` of a card
//   to ended (channels): the meeting is over: stop ringing, clear the "In a meeting" status;
// - a start or join this webapp ran (any of its buttons, a typed command) that opened a link:
//   the call was answered here, and the status is set.
// Mattermost hands plugins the raw message: data.post is the post as a JSON string
// (actions/websocket_actions.jsx handleNewPostEvent and handlePostEditEvent: JSON.parse(msg.data.post)),
// and `posted` also carries channel_type (server app/notification.go SendNotifications).
import {CARD_POST_TYPE} from '@plugnmeet/contracts';

import type {Post} from '@mattermost/types/posts';

import type {MeetingStatus} from './meeting_status';

import {isBotPost} from '../hooks/use_bot_author';
import {findCardOfRoom, getChannelInfo, getCurrentUserId, getMyStatus} from '../selectors/state';
import type {BotIdentity} from '../stores/bot_identity';
import type {LiveStore} from '../stores/live_store';
import type {IncomingCall, RingingStore} from '../stores/ringing_store';
import type {WebSocketMessage} from '../types/mattermost';
import {hasPostAction, readMeeting, text, threadRootId} from '../utils/post_props';

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

// Mattermost's status for Do Not Disturb (General.DND in mattermost-redux constants/general.ts).
const DND = 'dnd';

/** The post in a `posted` or `post_edited` message: a JSON string as the server sends it (an object is accepted too). */
export function postOf(message: WebSocketMessage | null | undefined): Partial<Post> | null {
    const raw = message?.data?.post;
    let post: unknown = raw;
    if (typeof raw === 'string') {
        try {
            post = JSON.parse(raw);
        } catch {
            return null;
        }
    }
    return post && typeof post === 'object' ? post as Partial<Post> : null;
}

function propsOf(post: Partial<Post>): Record<string, unknown> {
    return post.props && typeof post.props === 'object' ? post.props as Record<string, unknown> : {};
}

/** The room a bot's "meeting ended" reply is about, or ''. */
export function endedRoomOf(post: Partial<Post>): string {
    const props = propsOf(post);
    const roomId = text(props.plugnmeet_room_id, 64);
    return String(post.type) !== CARD_POST_TYPE && props.meeting_status === 'ended' && ROOM_ID.test(roomId) ? roomId : '';
}

export type CallEventsDeps = {
    getState: () => unknown;
    identity: BotIdentity;
    ringing: RingingStore;
    status: MeetingStatus;
    live: LiveStore;
};

export type CallEvents = {
    posted(message: WebSocketMessage): void;
    postEdited(message: WebSocketMessage): void;

    /** A start or join run from this webapp opened `roomId` (its command's text, for the time limit). */
    joined(roomId: string, command: string): void;

    /** After a reconnect: the rooms this tab waits on that the store now shows as ended. */
    recheck(): void;
};

function durationFromCommand(command: string): number | undefined {
    const match = (/(?:^|\s)--duration\s+(\d{1,4})(?:\s|$)/).exec(command);
    return match ? Number(match[1]) : undefined;
}

export function createCallEvents({getState, identity, ringing, status, live}: CallEventsDeps): CallEvents {
    // Rooms this tab has rung for already: a repeated `posted` (a websocket replay) rings no more.
    const rung = new Set<string>();

    /** Runs `then` once the bot's id is known, if `post` is the bot's. */
    const whenFromBot = (post: Partial<Post>, then: () => void) => {
        const fromBot = isBotPost(identity, post);
        if (fromBot !== undefined) {
            if (fromBot) {
                then();
            }
            return;
        }
        const unsubscribe = identity.subscribe(() => {
            const known = isBotPost(identity, post);
            if (known !== undefined) {
                unsubscribe();
                if (known) {
                    then();
                }
            }
        });
        identity.resolve();
    };

    const ended = (roomId: string) => {
        ringing.stop('ended', roomId);
        live.markEnded(roomId);
        status.ended(roomId).catch((error: unknown) => {
            console.warn('plugnmeet: could not clear the "In a meeting" status', error); // eslint-disable-line no-console
        });
    };

    const card = (post: Partial<Post>, message: WebSocketMessage, isNew: boolean) => {
        const meeting = readMeeting(post);
        const channelId = text(post.channel_id, 64);
        if (!meeting.roomId || !channelId) {
            return;
        }
        if (meeting.status === 'ended') {
            ended(meeting.roomId);
            return;
        }
        if (meeting.status !== 'live') {
            return;
        }
        const state = getState();
        const channel = getChannelInfo(state, channelId);
        live.markLive(meeting.roomId, channelId, channel?.teamId ?? text(message.data?.team_id, 64));
        if (!isNew) {
            return;
        }

        // The store's channel first; `posted` names the type too, for a channel not loaded yet.
        const type = channel?.type || text(message.data?.channel_type, 1);
        const me = getCurrentUserId(state);
        const creatorId = text(propsOf(post).meeting_creator_id, 64);

        // meeting_no_ring: the sidecar's word that a call there rang less than a minute ago.
        const quiet = propsOf(post).meeting_no_ring === true;
        if ((type !== 'D' && type !== 'G') || !me || creatorId === me || quiet || getMyStatus(state) === DND || rung.has(meeting.roomId)) {
            return;
        }
        rung.add(meeting.roomId);
        const call: IncomingCall = {
            roomId: meeting.roomId,
            channelId,
            rootId: threadRootId(post),
            postId: text(post.id, 64),
            callerName: meeting.creatorDisplayName || (meeting.creatorUsername && `@${meeting.creatorUsername}`),
            topic: meeting.topic,
            group: type === 'G',
            hasJoinAction: hasPostAction(post, 'join'),
        };
        ringing.ring(call);
    };

    const handle = (message: WebSocketMessage, isNew: boolean) => {
        const post = postOf(message);
        if (!post) {
            return;
        }
        if (String(post.type) === CARD_POST_TYPE) {
            whenFromBot(post, () => card(post, message, isNew));
            return;
        }
        const roomId = endedRoomOf(post);
        if (roomId) {
            whenFromBot(post, () => ended(roomId));
        }
    };

    /** Whether the store holds the bot's card of `roomId` as ended, or the bot's "ended" reply for it. */
    const endedInStore = (roomId: string): boolean => {
        const posts = (getState() as {entities?: {posts?: {posts?: Record<string, Partial<Post> | undefined>}}})?.entities?.posts?.posts ?? {};
        return Object.values(posts).some((post) => post && isBotPost(identity, post) === true && (
            (String(post.type) === CARD_POST_TYPE && readMeeting(post).roomId === roomId && readMeeting(post).status === 'ended') ||
            endedRoomOf(post) === roomId
        ));
    };

    return {
        posted: (message) => handle(message, true),
        postEdited: (message) => handle(message, false),
        joined(roomId, command) {
            ringing.answered(roomId, 'joined');
            const loaded = findCardOfRoom(getState(), CARD_POST_TYPE, roomId);
            const minutes = durationFromCommand(command) ?? (loaded ? readMeeting(loaded).durationMinutes : undefined);
            status.joined(roomId, minutes).catch((error: unknown) => {
                console.warn('plugnmeet: could not set the "In a meeting" status', error); // eslint-disable-line no-console
            });
        },
        recheck() {
            const waiting = new Set([ringing.getSnapshot()?.roomId, status.pendingRoom()].filter((room): room is string => Boolean(room)));
            waiting.forEach((roomId) => {
                if (endedInStore(roomId)) {
                    ended(roomId);
                }
            });
        },
    };
}
