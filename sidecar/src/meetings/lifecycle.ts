// A meeting's life against plugNmeet and Mattermost: start (room, token, card), a personal join
// link, end, and the clean-up of a start that crashed midway. The card updater says how the card
// looks and is told when a meeting ends.
import {randomBytes} from 'node:crypto';
import {MEETING_ENDED_PATH, type MeetingOptions} from '@plugnmeet/contracts';
import type {FastifyBaseLogger} from 'fastify';
import type {Config} from '../config/config.js';
import type {Mattermost} from '../mattermost/bot.js';
import {PlugnmeetError, type CreateRoomInput, type PlugnmeetClient} from '../plugnmeet/client.js';
import type {Meeting, Store} from '../store/store.js';
import type {Access} from './access.js';
import {CARD_POST_TYPE, inert, visibleKey, type CardProps} from './cards/render.js';
import type {CardUpdates} from './cards/updater.js';
import {UserError} from './errors.js';
import type {Message} from './i18n.js';
import {isSystemAdmin, type People, type Person} from './people.js';
import type {PolicySource} from './policy-source.js';

/** Who asks: their name is what plugNmeet shows; a meeting they start is written in their language. */
export type Caller = Person;

/** A start the policy allowed, with the options chosen within it. */
export interface StartRequest {
    caller: Caller;
    channelId: string;
    teamId: string;
    rootId: string;
    topic: string;
    options: MeetingOptions;
    /**
     * A scheduled meeting's start: the room id its card names, and the card, which turns live
     * (where the bot may not edit it, a live card is posted in its thread). No join link is made.
     */
    scheduled?: {roomId: string; postId: string};
}

/** `joinUrl`: the starter's personal link ('' for a scheduled start, which has no one to open it). */
export type StartResult = {started: true; meeting: Meeting; joinUrl: string} | {started: false; meeting: Meeting};

/** A start's card, drawn while the room is created (lifecycle.start). */
interface DrawnCard {
    /** The scheduled meeting's card, edited in place where the bot may ('' for none). */
    scheduledCard: string;
    scheduledProps?: CardProps;
    message: string;
    props: CardProps;
    /** Another meeting here rang moments ago: this card does not ring again. */
    rangBefore: boolean;
}

export interface LifecycleDeps {
    config: Pick<Config, 'publicUrl' | 'mattermostUrl'>;
    store: Store;
    plugnmeet: PlugnmeetClient;
    mattermost: Mattermost;
    cards: CardUpdates;
    people: People;
    access: Access;
    policy: PolicySource;
    log: FastifyBaseLogger;
    now: () => number;
}

/** A second call in the same DM or GM within this long does not ring again (the webapp rings). */
const RING_AGAIN_AFTER_MS = 60_000;

/** 128 random bits, lowercase hex: unguessable and valid as a plugNmeet room id. */
export const newRoomId = () => randomBytes(16).toString('hex');

/** What a meeting's room is created with: the one create request, shared with `doctor --live`. */
export function roomFor(config: Pick<Config, 'publicUrl' | 'mattermostUrl'> & Partial<Pick<Config, 'recap'>>, m: {roomId: string; topic: string; channelId: string; teamId: string; options: MeetingOptions; adminWelcome: string}): CreateRoomInput {
    return {
        roomId: m.roomId,
        title: m.topic,
        options: m.options,
        adminWelcome: m.adminWelcome,
        recap: {summaryPrompt: config.recap?.summaryPrompt},
        webhookUrl: `${config.publicUrl}/plugnmeet/webhook`,
        // The end page tells the meeting window inside Mattermost to close (http/routes/meeting-ended.ts).
        logoutUrl: `${config.publicUrl}${MEETING_ENDED_PATH}`,
        extraData: {mattermost_channel_id: m.channelId, mattermost_team_id: m.teamId},
    };
}

/** Why plugNmeet failed, as the `reason` of a user's message. */
export function describePlugnmeetFailure(err: unknown): Message {
    return {id: err instanceof PlugnmeetError && err.kind === 'unreachable' ? 'plugnmeet.failure.unreachable' : 'plugnmeet.failure.error'};
}

export function createLifecycle(deps: LifecycleDeps) {
    const {config, store, plugnmeet, mattermost, cards, people, access, policy, log, now} = deps;

    async function start(req: StartRequest): Promise<StartResult> {
        const {caller} = req;
        const roomId = req.scheduled?.roomId ?? newRoomId();
        const startedAt = now();
        const reservation = await store.reserveMeeting({
            roomId, channelId: req.channelId, teamId: req.teamId, rootId: req.rootId,
            creatorId: caller.userId, creatorUsername: caller.username, creatorName: caller.name, creatorLocale: caller.locale,
            topic: req.topic, startedAt, options: req.options,
        });
        if (!reservation.ok) {
            return {started: false, meeting: reservation.existing};
        }

        try {
            // Three round trips in a row (the look-ups before this were made side by side): the room,
            // with the bot joining the channel (to edit its card, to read its members) beside it; then
            // the starter's token beside the card. Nothing is live before both are done. The card is
            // drawn while the room is being created, so the third round trip starts at once.
            const inForce = await policy.current(); // the store, at most every 5 s: no upstream call
            const pending = (await store.getMeeting(roomId))!;
            const draft = drawCard(pending, req);
            draft.catch(() => undefined); // awaited below, after the room
            const [, isAdmin] = await Promise.all([
                plugnmeet.createRoom(roomFor(config, {roomId, topic: req.topic, channelId: req.channelId, teamId: req.teamId, options: req.options, adminWelcome: inForce.defaults.welcome})),
                req.scheduled ? false : access.isModerator(pending, caller, inForce),
                mattermost.joinChannel(req.channelId).catch((err) => {
                    log.warn({err: String(err)}, 'could not add the bot to the channel; the card will be refreshed by its buttons');
                }),
            ]);
            // Whoever is in the channel can be named without a look-up when they join.
            void mattermost.prefetchChannel(req.channelId);
            const [token, card] = await Promise.allSettled([
                req.scheduled ? '' : plugnmeet.getJoinToken({roomId, userId: caller.userId, name: caller.name, isAdmin}),
                draft.then((drawn) => postCard(drawn, req)),
            ]);
            if (card.status === 'rejected') {
                throw card.reason;
            }
            if (token.status === 'rejected') {
                await withdrawCard(pending, card.value.postId);
                throw token.reason;
            }
            const meeting = await store.activateMeeting(roomId, card.value.postId, card.value.shown);
            return {started: true, meeting, joinUrl: token.value ? plugnmeet.joinUrl(token.value) : ''};
        } catch (err) {
            await store.discardMeeting(roomId);
            // Even when creating it seemed to fail: a create that timed out may have happened all the same.
            await plugnmeet.endRoom(roomId).catch(() => undefined);
            log.error({err: String(err), roomId}, 'starting a meeting failed');
            if (err instanceof PlugnmeetError) {
                throw new UserError('plugnmeet.reply.start_failed', {reason: describePlugnmeetFailure(err)});
            }
            throw new UserError('plugnmeet.reply.start_failed_post');
        }
    }

    /**
     * A card posted beside a token that failed: the start fails, so the card shows the meeting
     * ended (best effort; its refresh button would show the same) rather than a live room.
     */
    async function withdrawCard(pending: Meeting, postId: string): Promise<void> {
        const {props} = await cards.render({...pending, postId, status: 'ended', endedAt: now()});
        await mattermost.updatePost(postId, props).catch((err) => {
            log.warn({err: String(err), postId}, 'could not mark the card of a failed start ended');
        });
    }

    /** The live card's content, before anything is posted: a scheduled card's props, or a new post's message and props. */
    async function drawCard(pending: Meeting, req: StartRequest): Promise<DrawnCard> {
        const scheduledCard = req.scheduled?.postId ?? '';
        const [scheduled, fresh, rangBefore] = await Promise.all([
            scheduledCard ? cards.render({...pending, status: 'live', postId: scheduledCard}, {prefetch: false}) : undefined,
            cards.render({...pending, status: 'live'}, {prefetch: false}),
            rangLately(pending),
        ]);
        return {scheduledCard, scheduledProps: scheduled?.props, message: fresh.message, props: fresh.props, rangBefore};
    }

    /** The live card: a scheduled one edited in place where the bot may, else a new post (in its thread). */
    async function postCard(drawn: DrawnCard, req: StartRequest): Promise<{postId: string; shown: string}> {
        const {scheduledCard, scheduledProps, message, props} = drawn;
        if (scheduledCard && scheduledProps && (await mattermost.updatePost(scheduledCard, scheduledProps)) === 'edited') {
            return {postId: scheduledCard, shown: visibleKey(scheduledProps)};
        }
        // Only DMs and GMs ring (the webapp decides by the channel's type), so any channel may be asked.
        const noRing = drawn.rangBefore ? {meeting_no_ring: true} : {};
        const post = await mattermost.createPost({channel_id: req.channelId, root_id: req.rootId || scheduledCard, message, type: CARD_POST_TYPE, props: {...props, ...noRing}});
        return {postId: post.id, shown: visibleKey(props)};
    }

    /** Whether another meeting in this channel started less than RING_AGAIN_AFTER_MS before this one (a call there rang). */
    async function rangLately(m: Meeting): Promise<boolean> {
        const [previous] = (await store.roomIdsInChannel(m.channelId, 2)).filter((id) => id !== m.roomId);
        const before = previous ? await store.getMeeting(previous) : undefined;
        return before !== undefined && m.startedAt - before.startedAt < RING_AGAIN_AFTER_MS;
    }

    /** A personal join URL: moderator for the roles MEETINGS_MODERATORS names (the starter, unless set), attendee for everyone else. */
    async function join(m: Meeting, caller: Caller): Promise<string> {
        if (m.status === 'starting') {
            throw new UserError('plugnmeet.reply.still_starting', {}, m);
        }
        if (m.status === 'ended') {
            throw new UserError('plugnmeet.reply.meeting_ended', {topic: inert(m.topic)}, m);
        }
        try {
            const token = await plugnmeet.getJoinToken({
                roomId: m.roomId, userId: caller.userId, name: caller.name, isAdmin: await access.isModerator(m, caller, await policy.current()),
            });
            return plugnmeet.joinUrl(token);
        } catch (err) {
            if (err instanceof PlugnmeetError && err.kind === 'rejected' && (await plugnmeet.getActiveRoomInfo(m.roomId).catch(() => undefined)) === null) {
                const ended = await cards.ended(m, now());
                throw new UserError('plugnmeet.reply.meeting_ended', {topic: inert(m.topic)}, ended);
            }
            throw new UserError('plugnmeet.reply.join_failed', {reason: describePlugnmeetFailure(err)}, m);
        }
    }

    /** The starter, a system admin, or anyone who would join as moderator may end a meeting. */
    async function end(m: Meeting, caller: Caller): Promise<Meeting> {
        const allowed = caller.userId === m.creatorId || isSystemAdmin(caller) || (await access.isModerator(m, caller, await policy.current()));
        if (!allowed) {
            const starter = await people.byId(m.creatorId, m.creatorUsername);
            throw new UserError('plugnmeet.reply.end_not_allowed', {name: inert(starter.name)}, m);
        }
        try {
            await plugnmeet.endRoom(m.roomId);
        } catch (err) {
            throw new UserError('plugnmeet.reply.end_failed', {reason: describePlugnmeetFailure(err)}, m);
        }
        return cards.ended(m, now(), caller.username);
    }

    /** A start that crashed midway (no card was posted): its room is ended and the channel freed. */
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

    return {start, join, end, abandonStart};
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
