// How a scheduled meeting looks before it starts: when (the webapp shows it in each reader's zone;
// the attachment that mobile shows, in the planner's, named), who planned it, how it repeats, Add to
// calendar, and Join (starts it early), Notify me, Cancel, and Cancel series for a recurring one.
// Once its room starts, the same post becomes the live card (render.ts).
import type {MeetingCardProps, NotStartedReason} from '@plugnmeet/contracts';
import {DateTime} from 'luxon';
import type {Schedule} from '../../store/store.js';
import type {Translate} from '../i18n.js';
import {button, inert, optionLine, optionProps, personalLink, type CardContext, type CardProps, type Voice} from './render.js';

/** When, in the planner's zone and language: "Thu, Dec 3, 2026, 3:00 PM (Europe/Berlin)". */
export function whenText(at: number, zone: string, locale: string): string {
    return `${DateTime.fromMillis(at, {zone}).setLocale(locale || 'en').toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY)} (${zone})`;
}

const REPEATS = {day: 'plugnmeet.post.repeats_day', weekday: 'plugnmeet.post.repeats_weekday', week: 'plugnmeet.post.repeats_week'} as const;

export function repeatText(s: Pick<Schedule, 'recurrence'>, t: Translate): string {
    return s.recurrence ? t(REPEATS[s.recurrence]) : '';
}

/** Written once, when it is planned: it stays true when the card turns live. */
export function scheduledMessage(s: Schedule, voice: Voice): string {
    return voice.t('plugnmeet.post.scheduled_message', {name: inert(voice.name), topic: inert(s.topic)});
}

export interface ScheduledCardInput {
    calendarUrl: string;
    /** Who asked to be reminded: their count is shown, their ids let each reader see their own state. */
    watcherIds: string[];
    locale: string;
    /** The topic of the meeting live in the channel that it waits for. */
    blockedBy?: string;
}

/** Ids kept in the card for the webapp's "You'll be notified" (the count stays exact beyond it). */
const MAX_WATCHER_IDS = 5000;

export function renderScheduledCard(s: Schedule, ctx: CardContext, voice: Voice, o: ScheduledCardInput): {message: string; props: CardProps} {
    const {t} = voice;
    const post = {postId: s.postId};
    const when = whenText(s.at, s.zone, o.locale);
    const lines = [
        [when, repeatText(s, t), t('plugnmeet.post.scheduled_by', {name: inert(voice.name)})].filter(Boolean).join(' · '),
        o.watcherIds.length > 0 ? t('plugnmeet.post.watchers', {count: o.watcherIds.length}) : '',
        o.blockedBy ? t('plugnmeet.post.waiting_text', {live: inert(o.blockedBy)}) : '',
        personalLink(t('plugnmeet.post.add_to_calendar'), o.calendarUrl),
    ].filter(Boolean);
    const actions = [
        button(ctx, s, 'join', t('plugnmeet.post.join_early'), 'primary', post),
        button(ctx, s, 'notify', t('plugnmeet.post.notify_me'), 'default', post),
        button(ctx, s, 'cancel', t(s.recurrence ? 'plugnmeet.post.cancel_one' : 'plugnmeet.post.cancel'), 'danger', post),
        ...(s.recurrence ? [button(ctx, s, 'cancel_series', t('plugnmeet.post.cancel_series'), 'danger', post)] : []),
    ];
    const props: MeetingCardProps = {
        plugnmeet_room_id: s.roomId,
        meeting_topic: s.topic,
        meeting_status: 'scheduled',
        meeting_creator_id: s.creatorId,
        meeting_creator_username: s.creatorUsername,
        meeting_creator_display_name: voice.name,
        meeting_started_at: s.at,
        meeting_participants: 0,
        ...optionProps(s),
        meeting_scheduled_at: s.at,
        meeting_recurrence: s.recurrence,
        meeting_time_zone: s.zone,
        meeting_calendar_url: o.calendarUrl,
        meeting_watchers: o.watcherIds.length,
        meeting_watcher_ids: o.watcherIds.slice(0, MAX_WATCHER_IDS),
        ...(o.blockedBy ? {meeting_blocked_by: o.blockedBy} : {}),
    };
    return {
        message: scheduledMessage(s, voice),
        props: {
            from_bot: 'true',
            ...props,
            attachments: [{fallback: `${inert(s.topic)}: ${when}`, color: '#1c58d9', title: inert(s.topic), text: lines.join('\n') + optionLine(s, t), actions}],
        },
    };
}

/** Why an occurrence did not start: the reason for the webapp, and what mobile reads (planner's language, markdown). */
export interface NotStarted {
    reason: NotStartedReason;
    blockedBy?: string;
    text: string;
}

/**
 * A cancelled occurrence, or one that did not start (another meeting stayed live, the policy
 * refused it): no buttons, and the card says so (`ended` with `meeting_cancelled`).
 */
export function renderCancelledCard(s: Schedule, voice: Voice, locale: string, notStarted?: NotStarted): {message: string; props: CardProps} {
    const {t} = voice;
    const when = whenText(s.at, s.zone, locale);
    const text = notStarted ? `${t('plugnmeet.post.not_started_text', {when})}\n${notStarted.text}` : t('plugnmeet.post.cancelled_text', {when});
    return {
        message: scheduledMessage(s, voice),
        props: {
            from_bot: 'true',
            plugnmeet_room_id: s.roomId,
            meeting_topic: s.topic,
            meeting_status: 'ended',
            meeting_cancelled: true,
            meeting_creator_id: s.creatorId,
            meeting_creator_username: s.creatorUsername,
            meeting_creator_display_name: voice.name,
            meeting_started_at: s.at,
            meeting_ended_at: s.at,
            meeting_participants: 0,
            meeting_scheduled_at: s.at,
            meeting_recurrence: s.recurrence,
            meeting_time_zone: s.zone,
            ...(notStarted ? {meeting_not_started: notStarted.reason, ...(notStarted.blockedBy ? {meeting_blocked_by: notStarted.blockedBy} : {})} : {}),
            attachments: [{fallback: text, color: '#8a8a8a', title: inert(s.topic), text, actions: []}],
        },
    };
}
