// Recordings: posted once into the card's thread when plugNmeet has one, listed per channel, and
// handed out as personal download links only for recordings of the channel (or card) asking.
import type {Mattermost} from '../mattermost/bot.js';
import type {PlugnmeetClient, Recording} from '../plugnmeet/client.js';
import type {Meeting, Store} from '../store/store.js';
import {RECORDING_POST_TYPE, type RecordingInfo} from './cards/render.js';
import type {CardUpdates} from './cards/updater.js';
import {UserError} from './errors.js';
import {describePlugnmeetFailure} from './lifecycle.js';
import {assertSameTeam, type Scope} from './scope.js';

const MAX_RECORDING_ROOMS = 100;

/**
 * A recording with its meeting: plugNmeet knows a recording's room, time and size, not its name
 * or length; the meeting (in the store) gives the topic, when it started and how long it lasted.
 */
export interface NamedRecording extends Recording {
    topic: string;
    /** ms since epoch; the recording's own time when the meeting is not known. */
    startedAt: number;
    /** The meeting's length in ms; 0 while it is live or unknown. */
    durationMs: number;
}

/** A recording's name for the webapp: the props of each recording item (contracts LiveRecording). */
export function recordingItem(r: NamedRecording): {recording_id: string; topic: string; started_at: number; duration_ms: number} {
    return {recording_id: r.recordId, topic: r.topic, started_at: r.startedAt, duration_ms: r.durationMs};
}

export function createRecordings(deps: {store: Store; plugnmeet: PlugnmeetClient; mattermost: Mattermost; cards: CardUpdates}) {
    const {store, plugnmeet, mattermost, cards} = deps;

    /** Posts a recording into the card's thread, once per recording. */
    async function post(m: Meeting, r: RecordingInfo): Promise<boolean> {
        if (!(await store.claimRecording(r.recordId, m.roomId))) {
            return false;
        }
        const {message, props} = await cards.renderRecording(m, r);
        let created;
        try {
            created = await mattermost.createPost({channel_id: m.channelId, root_id: m.rootId || m.postId, message, type: RECORDING_POST_TYPE, props});
        } catch (err) {
            await store.releaseRecording(r.recordId); // plugNmeet's redelivery (or the next event) tries again
            throw err;
        }
        await store.setRecordingPost(r.recordId, created.id);
        return true;
    }

    async function downloadLink(recordId: string): Promise<string> {
        return plugnmeet.recordingDownloadUrl(await plugnmeet.getRecordingDownloadToken(recordId));
    }

    /** A personal download link, only for a recording of this meeting's room. */
    async function linkFor(m: Meeting, recordId: string): Promise<string> {
        try {
            const recordings = await plugnmeet.fetchRecordings([m.roomId]);
            if (!recordings.some((r) => r.recordId === recordId)) {
                throw new UserError('plugnmeet.reply.recording_gone');
            }
            return await downloadLink(recordId);
        } catch (err) {
            if (err instanceof UserError) {
                throw err;
            }
            throw new UserError('plugnmeet.reply.download_failed', {reason: describePlugnmeetFailure(err)});
        }
    }

    /** Recordings are looked up only among this channel's rooms, so ids from elsewhere get nothing. */
    async function ofChannel(scope: Scope): Promise<Recording[]> {
        const roomIds = await store.roomIdsInChannel(scope.channelId, MAX_RECORDING_ROOMS);
        // A channel's meetings are all of its team: the newest tells whether this request's team is it.
        const newest = roomIds.length > 0 ? await store.getMeeting(roomIds[0]) : undefined;
        if (newest) {
            assertSameTeam(newest, scope);
        }
        try {
            return await plugnmeet.fetchRecordings(roomIds);
        } catch (err) {
            throw new UserError('plugnmeet.reply.list_failed', {reason: describePlugnmeetFailure(err)});
        }
    }

    /** Personal links for recordings already known to be the channel's. */
    async function links(list: Recording[]): Promise<string[]> {
        return Promise.all(list.map(async (r) => {
            try {
                return await downloadLink(r.recordId);
            } catch (err) {
                throw new UserError('plugnmeet.reply.download_failed', {reason: describePlugnmeetFailure(err)});
            }
        }));
    }

    /** Recordings with their meeting's topic, start and length (one store read per room). */
    async function named(list: Recording[]): Promise<NamedRecording[]> {
        const rooms = new Map<string, Promise<Meeting | undefined>>();
        for (const r of list) {
            if (!rooms.has(r.roomId)) {
                rooms.set(r.roomId, store.getMeeting(r.roomId));
            }
        }
        return Promise.all(list.map(async (r) => {
            const m = await rooms.get(r.roomId);
            return {
                ...r,
                topic: m?.topic ?? '',
                startedAt: m?.startedAt ?? r.createdAt * 1000,
                durationMs: m?.endedAt ? m.endedAt - m.startedAt : 0,
            };
        }));
    }

    /** Where a recording was posted (its Download button works only on that post). */
    const postOf = (recordId: string) => store.recordingPost(recordId);

    return {post, linkFor, ofChannel, named, links, postOf};
}

export type Recordings = ReturnType<typeof createRecordings>;
