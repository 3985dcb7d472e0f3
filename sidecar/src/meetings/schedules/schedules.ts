// Scheduled meetings (docs/admin.md, "Scheduled meetings"): plan one with `/plugnmeet schedule`
// (within the caps, warned of a meeting live or planned then), its card's buttons (Join opens it
// early: close to the time, or once confirmed; Notify me; Cancel; Cancel series), `/plugnmeet
// list`, and the calendar file. An occurrence's card, start and end: occurrences.ts; the
// scheduler's round: scheduler.ts.
import {randomBytes} from 'node:crypto';
import {OPEN_EARLY_MS, parseFlags} from '@plugnmeet/contracts';
import type {FastifyBaseLogger} from 'fastify';
import type {Mattermost} from '../../mattermost/bot.js';
import type {Meeting, Schedule, Store} from '../../store/store.js';
import type {Access} from '../access.js';
import type {Admit, AdmitOccurrence, StartPlaceRequest} from '../admission.js';
import {inert, personalLink, type CardContext} from '../cards/render.js';
import {renderCancelledCard, whenText} from '../cards/scheduled.js';
import {UserError} from '../errors.js';
import {translator, type Message} from '../i18n.js';
import {describePlugnmeetFailure, newRoomId, type Lifecycle} from '../lifecycle.js';
import {flagError} from '../options.js';
import {isSystemAdmin, type Person} from '../people.js';
import type {PolicySource} from '../policy-source.js';
import type {Scope} from '../scope.js';
import {icsFor, type CalendarFile} from './calendar.js';
import {createOccurrences} from './occurrences.js';
import {createScheduler} from './scheduler.js';
import {parseWhen, whenExamples, type WhenError} from './when.js';

export {LATE_MS} from './scheduler.js';

/** How long a meeting is taken to last, for the "planned on top of another" warning, when it sets no duration. */
const ASSUMED_LENGTH_MS = 60 * 60_000;

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
    admitOccurrence: AdmitOccurrence;
    policy: PolicySource;
    mattermost: Pick<Mattermost, 'createPost' | 'updatePost' | 'joinChannel'>;
    cardContext: CardContext;
    config: {publicUrl: string; mattermostUrl: string; secret: string; reminderMinutes: number};
    log: FastifyBaseLogger;
    now: () => number;
}

export type PlanRequest = StartPlaceRequest;

const lengthOf = (minutes: number | undefined) => (minutes && minutes > 0 ? minutes * 60_000 : ASSUMED_LENGTH_MS);

export function createSchedules(deps: SchedulesDeps) {
    const {store, lifecycle, access, admit, policy, config, log, now} = deps;
    const occurrences = createOccurrences(deps);
    const {voiceOf, render, postCard, moveOn, tell} = occurrences;
    const tick = createScheduler({store, occurrences, log, now, reminderMinutes: config.reminderMinutes});

    /** What the planner is warned of: a meeting live then, or another planned close to it. */
    async function conflict(me: Person, channelId: string, at: number, minutes: number): Promise<string> {
        const open = await store.openMeetingInChannel(channelId);
        if (open && open.status !== 'ended' && at < Math.max(now(), open.startedAt + lengthOf(open.options?.duration))) {
            return me.t('plugnmeet.schedule.conflict_live', {topic: inert(open.topic)});
        }
        const other = (await store.schedulesInChannel(channelId))
            .find((o) => o.status === 'scheduled' && o.at < at + lengthOf(minutes) && at < o.at + lengthOf(o.options.duration));
        return other ? me.t('plugnmeet.schedule.conflict_planned', {topic: inert(other.topic), when: whenText(other.at, me.zone, me.locale)}) : '';
    }

    /**
     * Join before the planned time: the first one starts the meeting, its planner its starter and
     * moderator, under today's policy. More than OPEN_EARLY_MS ahead, only once `confirmed`; the
     * one who opens it must be allowed to start meetings here, and the thread says who did.
     */
    async function startEarly(s: Schedule, opener: Person, scope: Scope, confirmed: boolean): Promise<Meeting> {
        if (s.status === 'scheduled') {
            if (s.at - now() > OPEN_EARLY_MS && !confirmed) {
                throw new UserError('plugnmeet.schedule.open_early_confirm', {topic: inert(s.topic), when: whenText(s.at, opener.zone, opener.locale), room: s.roomId});
            }
            await access.assertMayStart(opener, {scope}, await policy.current());
            const outcome = await occurrences.start(s);
            if (outcome.kind === 'busy') {
                throw new UserError('plugnmeet.schedule.busy_join', {topic: inert(s.topic), live: inert(outcome.live.topic)}, outcome.live);
            }
            if (outcome.kind === 'refused') {
                const reason: Message = outcome.verdict.refused === 'planner' ?
                    {id: 'plugnmeet.schedule.planner_refused', values: {topic: inert(s.topic), name: inert(s.creatorName || s.creatorUsername)}} :
                    {id: outcome.verdict.reason.id, values: outcome.verdict.reason.values};
                throw new UserError(reason.id, reason.values);
            }
            if (outcome.kind === 'failed') {
                throw outcome.err instanceof UserError ? outcome.err : new UserError('plugnmeet.reply.start_failed', {reason: describePlugnmeetFailure(outcome.err)});
            }
            if (outcome.kind === 'started' && s.at > now()) {
                const voice = voiceOf(s);
                await tell(s, voice.t('plugnmeet.schedule.opened_early', {name: inert(opener.name), topic: inert(s.topic), when: whenText(s.at, s.zone, s.creatorLocale)}))
                    .catch((err: unknown) => log.warn({err: String(err)}, 'could not say who opened a scheduled meeting early'));
            }
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
            const rules = await policy.current();
            if ((await store.countUpcomingSchedules({creatorId: me.userId})) >= rules.maxSchedulesPerPlanner) {
                throw new UserError('plugnmeet.schedule.cap_planner', {max: rules.maxSchedulesPerPlanner});
            }
            if ((await store.countUpcomingSchedules({channelId: scope.channelId})) >= rules.maxSchedulesPerChannel) {
                throw new UserError('plugnmeet.schedule.cap_channel', {max: rules.maxSchedulesPerChannel});
            }
            const warning = await conflict(me, scope.channelId, when.at, options.duration);
            const s = await store.addSchedule({
                id: randomBytes(16).toString('hex'), channelId: scope.channelId, teamId: scope.kind === 'direct' ? '' : scope.teamId, channelType: scope.type, rootId,
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
            const planned = me.t('plugnmeet.schedule.planned', {topic: inert(topic), when: whenText(s.at, me.zone, me.locale), minutes: config.reminderMinutes});
            return {text: warning ? `${planned}\n${warning}` : planned, roomId: s.roomId};
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
                return {ephemeral_text: t(on ? 'plugnmeet.schedule.notify_on' : 'plugnmeet.schedule.notify_off', {minutes: config.reminderMinutes, topic: inert(s.topic)}), update: await render(s)};
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
            // Join before the planned time: the first one opens it (far ahead, once confirmed by command).
            const meeting = await startEarly(s, me, scope, false);
            const joinUrl = await lifecycle.join(meeting, me);
            return {ephemeral_text: t('plugnmeet.reply.join_link', {topic: inert(s.topic), link: personalLink(t('plugnmeet.reply.join_link_label'), joinUrl)})};
        },

        startEarly,

        /** The scheduler's round: reminders and starts that are due, and series whose occurrence ended. */
        tick,

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
