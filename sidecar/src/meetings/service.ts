// Meeting lifecycle shared by the slash command, the buttons and the reconciler:
// start, join, end, and bringing a meeting (and its card) in line with plugNmeet.
import {randomBytes} from 'node:crypto';
import type {FastifyBaseLogger} from 'fastify';
import type {Config} from '../config.js';
import type {Mattermost} from '../mattermost/adapter.js';
import {PlugnmeetError, type CreateRoomInput, type PlugnmeetClient} from '../plugnmeet/client.js';
import type {Meeting, Store} from '../store/store.js';
import type {CardUpdates} from './card-updates.js';
import {UserError} from './errors.js';
import {CARD_POST_TYPE, inert, mention, RECORDING_POST_TYPE, renderCard, renderRecording, visibleKey, type RecordingInfo} from './card.js';

export {UserError} from './errors.js';

export interface Caller {
    userId: string;
    username: string;
}

export interface StartRequest extends Caller {
    channelId: string;
    teamId: string;
    rootId: string;
    topic: string;
}

export type StartResult = {started: true; meeting: Meeting; joinUrl: string} | {started: false; meeting: Meeting};

export interface Meetings {
    start(req: StartRequest): Promise<StartResult>;
    /** A personal join URL: moderator for the starter, attendee for everyone else. */
    join(meeting: Meeting, caller: Caller): Promise<string>;
    end(meeting: Meeting, caller: Caller): Promise<Meeting>;
    /** Asks plugNmeet for the room's state, stores it, and returns the meeting as it is now. */
    sync(meeting: Meeting): Promise<Meeting>;
    /** Stores a live meeting's participant count; its card follows within the coalescing window. */
    setParticipants(roomId: string, participants: number): Promise<Meeting | undefined>;
    /** A start that crashed midway (no card was posted): its room is ended and the channel freed. */
    abandonStart(meeting: Meeting): Promise<void>;
    /** Ends the meeting in the store once; its card and the thread are told at once. */
    markEnded(meeting: Meeting, endedAt: number, by?: string): Promise<Meeting>;
    card(meeting: Meeting): ReturnType<typeof renderCard>;
    /** Posts a recording into the card's thread, once per recording. */
    postRecording(meeting: Meeting, recording: RecordingInfo): Promise<boolean>;
    /** A personal download link, only for a recording of this meeting's room. */
    recordingLink(meeting: Meeting, recordId: string): Promise<string>;
}

export interface MeetingDeps {
    config: Config;
    store: Store;
    plugnmeet: PlugnmeetClient;
    mattermost: Mattermost;
    cardUpdates: CardUpdates;
    /** How long card edits are gathered (participant changes); ends are edited at once. */
    cardWindowMs: number;
    log: FastifyBaseLogger;
    now?: () => number;
}

/** 128 random bits, lowercase hex: unguessable and valid as a plugNmeet room id. */
export const newRoomId = () => randomBytes(16).toString('hex');

/** What a meeting's room is created with: the one create request, shared with `doctor --live`. */
export function roomFor(config: Pick<Config, 'publicUrl' | 'mattermostUrl'>, m: {roomId: string; topic: string; channelId: string; teamId: string}): CreateRoomInput {
    return {
        roomId: m.roomId,
        title: m.topic,
        webhookUrl: `${config.publicUrl}/plugnmeet/webhook`,
        logoutUrl: config.mattermostUrl,
        extraData: {mattermost_channel_id: m.channelId, mattermost_team_id: m.teamId},
    };
}

export function describePlugnmeetFailure(err: unknown): string {
    if (err instanceof PlugnmeetError && err.kind === 'unreachable') {
        return 'the meeting server (plugNmeet) is not reachable right now. Try again in a minute; if it keeps failing, tell your system admin.';
    }
    return 'the meeting server (plugNmeet) reported an error. Try again in a minute; if it keeps failing, tell your system admin.';
}

export function createMeetings(deps: MeetingDeps): Meetings {
    const {config, store, plugnmeet, mattermost, cardUpdates, log} = deps;
    const now = deps.now ?? Date.now;
    const cardContext = {actionUrl: `${config.publicUrl}/mattermost/action`, secret: config.secret, now};
    const card = (m: Meeting) => renderCard(m, cardContext);

    async function markEnded(m: Meeting, endedAt: number, by?: string): Promise<Meeting> {
        const ended = await store.endMeeting(m.roomId, endedAt, by);
        if (!ended) {
            return (await store.getMeeting(m.roomId)) ?? m; // someone else already ended it
        }
        await cardUpdates.applyNow(ended.roomId);
        return ended;
    }

    async function abandonStart(m: Meeting): Promise<void> {
        try {
            await plugnmeet.endRoom(m.roomId);
        } catch (err) {
            if (!(err instanceof PlugnmeetError && err.kind === 'rejected')) {
                throw err; // plugNmeet unreachable: the next round tries again
            }
        }
        await store.endMeeting(m.roomId, now());
        log.info({roomId: m.roomId}, 'ended the room of a start that did not finish');
    }

    async function setParticipants(roomId: string, participants: number): Promise<Meeting | undefined> {
        const dueAt = now() + deps.cardWindowMs;
        const m = await store.setParticipants(roomId, participants, dueAt);
        cardUpdates.changed(roomId, dueAt);
        return m;
    }

    async function start(req: StartRequest): Promise<StartResult> {
        const roomId = newRoomId();
        const startedAt = now();
        const reservation = await store.reserveMeeting({
            roomId, channelId: req.channelId, teamId: req.teamId, rootId: req.rootId,
            creatorId: req.userId, creatorUsername: req.username, topic: req.topic, startedAt,
        });
        if (!reservation.ok) {
            return {started: false, meeting: reservation.existing};
        }

        try {
            await plugnmeet.createRoom(roomFor(config, {roomId, topic: req.topic, channelId: req.channelId, teamId: req.teamId}));
            const token = await plugnmeet.getJoinToken({roomId, userId: req.userId, name: req.username, isAdmin: true});

            await mattermost.joinChannel(req.channelId).catch((err) => {
                log.warn({err: String(err)}, 'could not add the bot to the channel; the card will be refreshed by its buttons');
            });
            const pending = (await store.getMeeting(roomId))!;
            const {message, props} = card({...pending, status: 'live'});
            const post = await mattermost.createPost({channel_id: req.channelId, root_id: req.rootId, message, type: CARD_POST_TYPE, props});
            const meeting = await store.activateMeeting(roomId, post.id, visibleKey(props));
            return {started: true, meeting, joinUrl: plugnmeet.joinUrl(token)};
        } catch (err) {
            await store.discardMeeting(roomId);
            // Even when creating it seemed to fail: a create that timed out may have happened all the same.
            await plugnmeet.endRoom(roomId).catch(() => undefined);
            log.error({err: String(err), roomId}, 'starting a meeting failed');
            if (err instanceof PlugnmeetError) {
                throw new UserError(`Could not start the meeting: ${describePlugnmeetFailure(err)}`);
            }
            throw new UserError('Could not start the meeting: posting the meeting card in Mattermost failed. Try again; if it keeps failing, ask your system admin to check the plugNmeet bot account.');
        }
    }

    async function join(m: Meeting, caller: Caller): Promise<string> {
        if (m.status === 'starting') {
            throw new UserError('This meeting is still starting. Try again in a moment.', m);
        }
        if (m.status === 'ended') {
            throw new UserError(`The meeting **${inert(m.topic)}** has ended. Start a new one with \`/plugnmeet start\`.`, m);
        }
        try {
            const token = await plugnmeet.getJoinToken({
                roomId: m.roomId, userId: caller.userId, name: caller.username, isAdmin: caller.userId === m.creatorId,
            });
            return plugnmeet.joinUrl(token);
        } catch (err) {
            if (err instanceof PlugnmeetError && err.kind === 'rejected' && (await plugnmeet.getActiveRoomInfo(m.roomId).catch(() => undefined)) === null) {
                const ended = await markEnded(m, now());
                throw new UserError(`The meeting **${inert(m.topic)}** has ended. Start a new one with \`/plugnmeet start\`.`, ended);
            }
            throw new UserError(`Could not join the meeting: ${describePlugnmeetFailure(err)}`, m);
        }
    }

    async function end(m: Meeting, caller: Caller): Promise<Meeting> {
        if (caller.userId !== m.creatorId) {
            const user = await mattermost.getUser(caller.userId).catch(() => undefined);
            if (!user?.isSystemAdmin) {
                throw new UserError(`Only ${mention(m.creatorUsername)}, who started this meeting, or a system admin can end it.`, m);
            }
        }
        try {
            await plugnmeet.endRoom(m.roomId);
        } catch (err) {
            throw new UserError(`Could not end the meeting: ${describePlugnmeetFailure(err)}`, m);
        }
        return markEnded(m, now(), caller.username);
    }

    async function sync(m: Meeting): Promise<Meeting> {
        if (m.status !== 'live') {
            return m;
        }
        const info = await plugnmeet.getActiveRoomInfo(m.roomId);
        if (!info) {
            return markEnded(m, now());
        }
        return (await setParticipants(m.roomId, info.participants)) ?? m;
    }

    async function postRecording(m: Meeting, r: RecordingInfo): Promise<boolean> {
        if (!(await store.claimRecording(r.recordId, m.roomId))) {
            return false;
        }
        const {message, props} = renderRecording(m, r, cardContext);
        let post;
        try {
            post = await mattermost.createPost({channel_id: m.channelId, root_id: m.rootId || m.postId, message, type: RECORDING_POST_TYPE, props});
        } catch (err) {
            await store.releaseRecording(r.recordId); // plugNmeet's redelivery (or the next event) tries again
            throw err;
        }
        await store.setRecordingPost(r.recordId, post.id);
        return true;
    }

    async function recordingLink(m: Meeting, recordId: string): Promise<string> {
        try {
            const recordings = await plugnmeet.fetchRecordings([m.roomId]);
            if (!recordings.some((r) => r.recordId === recordId)) {
                throw new UserError('That recording is not available any more.');
            }
            return plugnmeet.recordingDownloadUrl(await plugnmeet.getRecordingDownloadToken(recordId));
        } catch (err) {
            if (err instanceof UserError) {
                throw err;
            }
            throw new UserError(`Could not get a download link: ${describePlugnmeetFailure(err)}`);
        }
    }

    return {start, join, end, sync, setParticipants, abandonStart, markEnded, card, postRecording, recordingLink};
}
