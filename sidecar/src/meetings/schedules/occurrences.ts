// One occurrence of a scheduled meeting, from its card to its start or its end: the card (posted,
// waiting for a busy channel, not started), the replies in its thread, the start under the policy
// in force at that moment (admission.ts admitOccurrence), and moving on to the next occurrence of a
// series. Each step moves the schedule's row from one state to the next in the store
// (moveSchedule), so with several replicas each happens once. Used by the scheduler's round
// (scheduler.ts) and by the card's buttons (schedules.ts).
import type {FastifyBaseLogger} from 'fastify';
import type {Mattermost} from '../../mattermost/bot.js';
import type {Meeting, Schedule, Store} from '../../store/store.js';
import type {AdmitOccurrence, OccurrenceVerdict} from '../admission.js';
import {inert, type CardContext, type Voice} from '../cards/render.js';
import {renderCancelledCard, renderScheduledCard, whenText, type NotStarted} from '../cards/scheduled.js';
import {translator} from '../i18n.js';
import {newRoomId, type Lifecycle} from '../lifecycle.js';
import {calendarUrl} from './calendar.js';
import {nextOccurrence} from './when.js';

export type StartOutcome =
    | {kind: 'started'}
    /** Another replica, the scheduler or a Join got there first. */
    | {kind: 'raced'}
    /** Another meeting is live (or starting) in the channel. */
    | {kind: 'busy'; live: Meeting}
    /** Today's policy refuses it (its place, or its planner). */
    | {kind: 'refused'; verdict: Extract<OccurrenceVerdict, {ok: false}>}
    /** plugNmeet or Mattermost failed, or could not tell who the planner is: try again. */
    | {kind: 'failed'; err: unknown};

export interface OccurrencesDeps {
    store: Store;
    lifecycle: Lifecycle;
    admitOccurrence: AdmitOccurrence;
    mattermost: Pick<Mattermost, 'createPost' | 'updatePost' | 'joinChannel'>;
    cardContext: CardContext;
    config: {publicUrl: string; secret: string};
    log: FastifyBaseLogger;
    now: () => number;
}

export function createOccurrences(deps: OccurrencesDeps) {
    const {store, lifecycle, admitOccurrence, mattermost, cardContext, config, now} = deps;

    const voiceOf = (s: Schedule): Voice => ({name: s.creatorName || s.creatorUsername, t: translator(s.creatorLocale)});
    const link = (s: Schedule) => calendarUrl(config.publicUrl, config.secret, s, now());

    /** The scheduled card as it is now; `blockedBy`: the live meeting it waits for. */
    async function render(s: Schedule, blockedBy?: string) {
        const watcherIds = (await store.watchers(s.id)).map((w) => w.userId);
        return renderScheduledCard(s, cardContext, voiceOf(s), {calendarUrl: link(s), watcherIds, locale: s.creatorLocale, blockedBy});
    }

    /** Posts the card of the schedule's current occurrence and records it. */
    async function postCard(s: Schedule): Promise<Schedule> {
        await mattermost.joinChannel(s.channelId).catch(() => false); // public channels: so the bot can edit it later
        const {message, props} = await render(s);
        const post = await mattermost.createPost({channel_id: s.channelId, root_id: s.rootId, message, type: 'custom_plugnmeet', props});
        // The first card is the series' thread, unless it was planned inside one.
        const change = {postId: post.id, ...(s.rootId ? {} : {rootId: post.id})};
        await store.moveSchedule(s.id, {status: 'scheduled', at: s.at}, change);
        return {...s, ...change};
    }

    /** A reply in the series' thread, in the planner's language. */
    async function tell(s: Schedule, message: string): Promise<void> {
        await mattermost.createPost({channel_id: s.channelId, root_id: s.rootId || s.postId, message, type: '', props: {}});
    }

    /** After an occurrence: the next one of a series gets its own card in the thread; a single one is done. */
    async function moveOn(s: Schedule, from: Schedule['status']): Promise<Schedule | undefined> {
        if (!s.recurrence) {
            await store.moveSchedule(s.id, {status: from, at: s.at}, {status: 'done'});
            return undefined;
        }
        let at = nextOccurrence(s.at, s.recurrence, s.zone);
        while (at <= now()) {
            at = nextOccurrence(at, s.recurrence, s.zone); // down for days: the next one still ahead
        }
        const next = {status: 'scheduled' as const, at, roomId: newRoomId(), reminded: false, postId: ''};
        if (!(await store.moveSchedule(s.id, {status: from, at: s.at}, next))) {
            return undefined;
        }
        return postCard({...s, ...next});
    }

    /**
     * An occurrence that will not start: its card says why, the thread is told (with the next
     * one's time), and the series moves on, or stops when `pause` (its planner may no longer start).
     */
    async function notStarted(s: Schedule, why: NotStarted, pause: boolean): Promise<void> {
        const voice = voiceOf(s);
        if (pause) {
            if (!(await store.moveSchedule(s.id, {status: 'scheduled', at: s.at}, {status: 'cancelled'}))) {
                return;
            }
        }
        const next = pause ? undefined : await moveOn(s, 'scheduled');
        if (s.postId) {
            await mattermost.updatePost(s.postId, renderCancelledCard(s, voice, s.creatorLocale, why).props);
        }
        const then = next ? ` ${voice.t('plugnmeet.schedule.next_one', {when: whenText(next.at, s.zone, s.creatorLocale)})}` : '';
        await tell(s, why.text + then);
    }

    return {
        voiceOf,
        render,
        postCard,
        tell,
        moveOn,

        /**
         * Starts the current occurrence, once, if today's policy lets its planner start it here:
         * the row moves from scheduled to live first; a start that does not happen moves it back.
         */
        async start(s: Schedule): Promise<StartOutcome> {
            const verdict = await admitOccurrence(s);
            if (!verdict.ok) {
                return verdict.refused === 'unknown' ? {kind: 'failed', err: verdict.reason} : {kind: 'refused', verdict};
            }
            if (!(await store.moveSchedule(s.id, {status: 'scheduled', at: s.at}, {status: 'live'}))) {
                return {kind: 'raced'};
            }
            const back = () => store.moveSchedule(s.id, {status: 'live', at: s.at}, {status: 'scheduled'});
            try {
                const result = await lifecycle.start({
                    caller: verdict.planner, channelId: s.channelId, teamId: s.teamId, rootId: s.rootId === s.postId ? '' : s.rootId,
                    topic: s.topic, options: verdict.options, scheduled: {roomId: s.roomId, postId: s.postId},
                });
                if (!result.started) {
                    await back();
                    return {kind: 'busy', live: result.meeting};
                }
                return {kind: 'started'};
            } catch (err) {
                await back();
                return {kind: 'failed', err};
            }
        },

        /** Another meeting is live at the planned time: the card and the thread say so, once. */
        async waitFor(s: Schedule, live: Meeting, until: number): Promise<void> {
            const {t} = voiceOf(s);
            if (s.postId) {
                await mattermost.updatePost(s.postId, (await render(s, live.topic)).props);
            }
            const untilText = whenText(until, s.zone, s.creatorLocale);
            await tell(s, t('plugnmeet.schedule.busy', {topic: inert(s.topic), live: inert(live.topic), until: untilText}));
        },

        /** The channel stayed busy: this occurrence is skipped. */
        async giveUp(s: Schedule, live: Meeting): Promise<void> {
            const {t} = voiceOf(s);
            const minutes = Math.round((now() - s.at) / 60_000);
            await notStarted(s, {reason: 'busy', blockedBy: live.topic, text: t('plugnmeet.schedule.busy_gave_up', {topic: inert(s.topic), live: inert(live.topic), minutes})}, false);
        },

        /** Today's policy refuses it: its place (this occurrence is skipped) or its planner (the series pauses). */
        async refuse(s: Schedule, verdict: Extract<OccurrenceVerdict, {ok: false}>): Promise<void> {
            const {t, name} = voiceOf(s);
            const reason = verdict.reason.in(t);
            if (verdict.refused === 'planner') {
                await notStarted(s, {reason: 'paused', text: t('plugnmeet.schedule.paused', {topic: inert(s.topic), name: inert(name), reason})}, true);
            } else {
                await notStarted(s, {reason: 'refused', text: t('plugnmeet.schedule.skipped_refused', {topic: inert(s.topic), reason})}, false);
            }
        },
    };
}

export type Occurrences = ReturnType<typeof createOccurrences>;
