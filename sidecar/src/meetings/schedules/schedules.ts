// Scheduled meetings (docs/admin.md, "Scheduled meetings"): plan one with `/plugnmeet schedule`,
// its card's buttons (Join starts it early, Notify me, Cancel, Cancel series), `/plugnmeet list`,
// and the scheduler's round: reminders, starts on time (or late, saying so), and the next
// occurrence of a series once one has ended. Each step moves the schedule's row from one state to
// the next in the store (moveSchedule), so with several replicas each happens once.
import {randomBytes} from 'node:crypto';
import {parseFlags} from '@plugnmeet/contracts';
import type {FastifyBaseLogger} from 'fastify';
import type {Mattermost} from '../../mattermost/bot.js';
import type {Schedule, Store} from '../../store/store.js';
import type {Access} from '../access.js';
import type {Admit, StartPlaceRequest} from '../admission.js';
import {inert, personalLink, type CardContext, type Voice} from '../cards/render.js';
import {renderCancelledCard, renderScheduledCard, whenText} from '../cards/scheduled.js';
import {UserError} from '../errors.js';
import {translator} from '../i18n.js';
import {newRoomId, type Lifecycle} from '../lifecycle.js';
import {flagError} from '../options.js';
import {isSystemAdmin, type People, type Person} from '../people.js';
import type {Scope} from '../scope.js';
import {calendarUrl, icsFor, type CalendarFile} from './calendar.js';
import {nextOccurrence, parseWhen, whenExamples, type WhenError} from './when.js';

/** Started more than this late (the sidecar was down): the thread is told. */
export const LATE_MS = 5 * 60_000;

const WHEN_ERRORS: Readonly<Record<WhenError, 'plugnmeet.schedule.unknown_when' | 'plugnmeet.schedule.past' | 'plugnmeet.schedule.skipped' | 'plugnmeet.schedule.repeated' | 'plugnmeet.schedule.too_far'>> = {
    unknown: 'plugnmeet.schedule.unknown_when',
    past: 'plugnmeet.schedule.past',
    skipped: 'plugnmeet.schedule.skipped',
    repeated: 'plugnmeet.schedule.repeated',
    too_far: 'plugnmeet.schedule.too_far',
};

export interface SchedulesDeps {
    store: Store;
    lifecycle: Lifecycle;
    access: Access;
    admit: Admit;
    people: People;
    mattermost: Pick<Mattermost, 'createPost' | 'updatePost' | 'joinChannel'>;
    cardContext: CardContext;
    config: {publicUrl: string; mattermostUrl: string; secret: string; reminderMinutes: number};
    log: FastifyBaseLogger;
    now: () => number;
}

export type PlanRequest = StartPlaceRequest;

export function createSchedules(deps: SchedulesDeps) {
    const {store, lifecycle, access, admit, people, mattermost, cardContext, config, log, now} = deps;
    const reminderMs = config.reminderMinutes * 60_000;

    const voiceOf = (s: Schedule): Voice => ({name: s.creatorName || s.creatorUsername, t: translator(s.creatorLocale)});
    const link = (s: Schedule) => calendarUrl(config.publicUrl, config.secret, s, now());

    async function render(s: Schedule) {
        const watchers = (await store.watchers(s.id)).length;
        return renderScheduledCard(s, cardContext, voiceOf(s), {calendarUrl: link(s), watchers, locale: s.creatorLocale});
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

    /**
     * Starts the current occurrence, once: the row moves from scheduled to live first. A start that
     * fails (plugNmeet down, another meeting live in the channel) moves it back, to try again.
     */
    async function start(s: Schedule): Promise<'started' | 'busy' | 'failed'> {
        if (!(await store.moveSchedule(s.id, {status: 'scheduled', at: s.at}, {status: 'live'}))) {
            return 'busy'; // another replica, or a Join, got there first
        }
        try {
            const planner = await people.byId(s.creatorId, s.creatorUsername);
            const result = await lifecycle.start({
                caller: {...planner, name: s.creatorName || planner.name, locale: s.creatorLocale},
                channelId: s.channelId, teamId: s.teamId, rootId: s.rootId === s.postId ? '' : s.rootId, topic: s.topic, options: s.options,
                scheduled: {roomId: s.roomId, postId: s.postId},
            });
            if (!result.started) {
                throw new Error(`the channel already has a meeting (${result.meeting.roomId})`);
            }
            const late = now() - s.at;
            if (late > LATE_MS) {
                await tell(s, voiceOf(s).t('plugnmeet.schedule.started_late', {topic: inert(s.topic), minutes: Math.round(late / 60_000)}));
            }
            return 'started';
        } catch (err) {
            log.warn({err: String(err), scheduleId: s.id}, 'a scheduled meeting did not start; will try again');
            await store.moveSchedule(s.id, {status: 'live', at: s.at}, {status: 'scheduled'});
            return 'failed';
        }
    }

    /** The reminder, once, mentioning who chose Notify me (nobody chose it: nothing is posted). */
    async function remind(s: Schedule): Promise<void> {
        if (!(await store.moveSchedule(s.id, {status: 'scheduled', at: s.at, reminded: false}, {reminded: true}))) {
            return;
        }
        const watchers = await store.watchers(s.id);
        if (watchers.length === 0) {
            return;
        }
        const minutes = Math.max(1, Math.round((s.at - now()) / 60_000));
        await tell(s, `${voiceOf(s).t('plugnmeet.schedule.reminder', {topic: inert(s.topic), minutes})} ${watchers.map((w) => `@${w.username}`).join(' ')}`);
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

    /** Join before the planned time: the first one starts the meeting (its planner is its starter). */
    async function startEarly(s: Schedule) {
        if (s.status === 'scheduled' && (await start(s)) === 'failed') {
            throw new UserError('plugnmeet.reply.start_failed', {reason: {id: 'plugnmeet.failure.error'}});
        }
        const meeting = await store.getMeeting(s.roomId);
        if (!meeting) {
            throw new UserError('plugnmeet.reply.still_starting');
        }
        return meeting;
    }

    async function mayManage(me: Person, s: Schedule, scope: Scope): Promise<boolean> {
        return me.userId === s.creatorId || isSystemAdmin(me) || (await access.holds('channel_admins', me, scope)).ok;
    }

    return {
        /** `/plugnmeet schedule <when> [--every day|weekday|week] [options] [topic]` */
        async plan(me: Person, req: PlanRequest, scope: Scope, arg: string): Promise<{text: string; roomId: string}> {
            const when = parseWhen(arg, now(), me.zone, me.locale);
            if (!when.ok) {
                throw new UserError(WHEN_ERRORS[when.error], {zone: me.zone, examples: whenExamples(me.locale, now(), me.zone)});
            }
            const flags = parseFlags(when.rest);
            if (!flags.ok) {
                throw flagError(flags.error);
            }
            const {rootId, topic, options} = await admit(me, req, scope, {options: flags.options, rootId: flags.rootId, topic: flags.rest});
            const s = await store.addSchedule({
                id: randomBytes(16).toString('hex'), channelId: scope.channelId, teamId: scope.kind === 'direct' ? '' : scope.teamId, rootId,
                creatorId: me.userId, creatorUsername: me.username, creatorName: me.name, creatorLocale: me.locale,
                topic, options, zone: me.zone, recurrence: flags.every, at: when.at, roomId: newRoomId(),
            });
            try {
                await postCard(s);
            } catch (err) {
                await store.moveSchedule(s.id, {status: 'scheduled', at: s.at}, {status: 'cancelled'});
                log.error({err: String(err)}, 'posting a scheduled meeting\'s card failed');
                throw new UserError('plugnmeet.reply.start_failed_post');
            }
            return {
                text: me.t('plugnmeet.schedule.planned', {topic: inert(topic), when: whenText(s.at, me.zone, me.locale), minutes: config.reminderMinutes}),
                roomId: s.roomId,
            };
        },

        /** `/plugnmeet list`: this channel's upcoming meetings and the live one. */
        async list(me: Person, scope: Scope): Promise<string> {
            const {t} = me;
            const open = await store.openMeetingInChannel(scope.channelId);
            const planned = (await store.schedulesInChannel(scope.channelId)).filter((s) => s.status === 'scheduled');
            const lines = [
                ...(open?.status === 'live' ? [t('plugnmeet.schedule.list_live', {topic: inert(open.topic)})] : []),
                ...planned.map((s) => t('plugnmeet.schedule.list_line', {topic: inert(s.topic), when: whenText(s.at, me.zone, me.locale), repeats: s.recurrence ? ' 🔁' : ''})),
            ];
            return lines.length === 0 ? t('plugnmeet.schedule.list_empty') : `${t('plugnmeet.schedule.list_title')}\n${lines.join('\n')}`;
        },

        /** A scheduled card's button, its context checked by the caller. */
        async click(action: string, s: Schedule, me: Person, scope: Scope): Promise<{ephemeral_text?: string; update?: {message: string; props: object}}> {
            const {t} = me;
            if (s.status !== 'scheduled') {
                return {ephemeral_text: t(s.status === 'live' ? 'plugnmeet.schedule.already_live' : 'plugnmeet.schedule.gone')};
            }
            if (action === 'notify') {
                const on = await store.toggleWatcher(s.id, me.userId, me.username);
                return {ephemeral_text: t(on ? 'plugnmeet.schedule.notify_on' : 'plugnmeet.schedule.notify_off', {minutes: config.reminderMinutes}), update: await render(s)};
            }
            if (action === 'cancel' || action === 'cancel_series') {
                if (!(await mayManage(me, s, scope))) {
                    throw new UserError('plugnmeet.schedule.cancel_not_allowed', {name: inert(s.creatorName || s.creatorUsername)});
                }
                const series = action === 'cancel_series' || !s.recurrence;
                const cancelled = renderCancelledCard(s, voiceOf(s), s.creatorLocale);
                if (series) {
                    if (!(await store.moveSchedule(s.id, {status: 'scheduled', at: s.at}, {status: 'cancelled'}))) {
                        return {ephemeral_text: t('plugnmeet.schedule.gone')};
                    }
                } else {
                    await moveOn(s, 'scheduled');
                }
                return {ephemeral_text: t(series ? 'plugnmeet.schedule.cancelled_series' : 'plugnmeet.schedule.cancelled_one', {topic: inert(s.topic)}), update: cancelled};
            }
            // Join before the planned time: the first one starts it.
            const meeting = await startEarly(s);
            const joinUrl = await lifecycle.join(meeting, me);
            return {ephemeral_text: t('plugnmeet.reply.join_link', {topic: inert(s.topic), link: personalLink(t('plugnmeet.reply.join_link_label'), joinUrl)})};
        },

        startEarly,

        /** The scheduler's round: reminders and starts that are due, and series whose occurrence ended. */
        async tick(): Promise<void> {
            const at = now();
            for (const s of await store.dueSchedules(at + reminderMs)) {
                try {
                    if (s.status === 'live') {
                        const m = await store.getMeeting(s.roomId);
                        if (!m || m.status === 'ended') {
                            await moveOn(s, 'live');
                        }
                    } else if (s.at <= at) {
                        await start(s);
                    } else if (!s.reminded && reminderMs > 0) {
                        await remind(s);
                    }
                } catch (err) {
                    log.warn({err: String(err), scheduleId: s.id}, 'a scheduled meeting\'s step failed; will try again');
                }
            }
        },

        /** The .ics of a schedule, for the calendar route (its link checked there); undefined when gone. */
        async calendar(id: string): Promise<CalendarFile | undefined> {
            const s = await store.getSchedule(id);
            if (!s || s.status === 'cancelled') {
                return undefined;
            }
            const permalink = `${config.mattermostUrl}/_redirect/pl/${s.postId}`;
            return icsFor(s, {permalink, now: now(), calendarName: translator(s.creatorLocale)('plugnmeet.schedule.calendar_description')});
        },
    };
}

export type Schedules = ReturnType<typeof createSchedules>;
