// How a meeting looks in Mattermost: the card's props (named in @plugnmeet/contracts, which the
// webapp renders), the message attachment that mobile and plugin-less clients show instead, the
// recording post, and the text helpers that keep user text inert there.
import {createHash} from 'node:crypto';
import type {MeetingCardProps, RecordingPostProps} from '@plugnmeet/contracts';
import {DateTime} from 'luxon';
import type {Meeting} from '../../store/store.js';
import {english, type Translate} from '../i18n.js';
import {NO_FACES, type CardFaces} from '../recap/presence.js';
import {signContext, type ButtonAction} from './button-context.js';

export {CARD_POST_TYPE, RECORDING_POST_TYPE} from '@plugnmeet/contracts';

export interface CardContext {
    actionUrl: string; // <SIDECAR_PUBLIC_URL>/mattermost/action
    secret: string;
    now: () => number;
}

/**
 * How long a button context works after the card was last rendered. Live cards are rendered again
 * on every change and refresh; a click on an older one answers "out of date" and names the command.
 */
export const CONTEXT_TTL_MS = 14 * 24 * 60 * 60_000;

/**
 * Whom a post names and in which language it is written: a card, its end notice and its recordings
 * are the starter's (everyone in the channel reads them; the starter's locale is the best guess).
 */
export interface Voice {
    /** The starter's name as Mattermost shows it (user text: made inert here). */
    name: string;
    t: Translate;
}

/** Cards rendered without a lookup (tests, fuzzing): the username, in English. */
const plainVoice = (m: Meeting): Voice => ({name: m.creatorUsername, t: english});

export interface RecordingInfo {
    recordId: string;
    sizeMb: number;
    createdAt: number; // ms
}

export function button(ctx: CardContext, m: Pick<Meeting, 'roomId' | 'channelId'>, action: ButtonAction, name: string, style: string, post: {postId: string; recordId?: string}) {
    const context = signContext(ctx.secret, {
        action, room_id: m.roomId, channel_id: m.channelId, post_id: post.postId,
        ...(post.recordId ? {record_id: post.recordId} : {}), expires_at: ctx.now() + CONTEXT_TTL_MS,
    });
    // The action in the URL too: a context copied onto another button of a forged post is caught.
    return {id: action, type: 'button', name, style, integration: {url: `${ctx.actionUrl}?action=${action}`, context}};
}

/**
 * A personal link as a markdown link, never a bare URL: Mattermost fetches previews (and keeps
 * them in its link metadata table) only for the first autolinked URL of a message, not for
 * `[text](url)` links nor for links in attachments (server/channels/app/post_metadata.go
 * getFirstLinkAndImages, getImagesInMessageAttachments).
 */
export function personalLink(label: string, url: string): string {
    return `[${label}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

/**
 * User text (a topic) made inert for the markdown Mattermost renders and scans for mentions: the
 * fallback message, attachment title and text, thread replies. One line; markdown characters that
 * both renderers (webapp and mobile) unescape get a backslash; mentions, hashtags, channel links,
 * URL schemes, domains and emoji are broken by a zero-width space (the server's mention parser
 * splits words on it, and no autolinker takes it for part of a name); `<` and entities become
 * entities. What people read is the same text.
 */
export function inert(text: string): string {
    return text
        .replace(/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu, ' ') // controls, line breaks, bidi overrides
        .trim()
        .replace(/[@#~]/g, '$&\u200B')
        .replace(/:/g, '\u200B:\u200B') // before: no URL scheme; after: no :emoji: with the text that follows
        .replace(/\.(?=[\p{L}\p{N}])/gu, '\u200B.') // no domain names
        .replace(/[\\`*_[\]~#]/g, '\\$&')
        .replace(/^([>+-])/, '\\$1') // block quote or list marker at the start of a line
        .replace(/^(\d+)([.)])/, '$1\\$2') // ordered list
        .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
        .replace(/</g, '&lt;');
}

export function formatDuration(ms: number, t: Translate = english): string {
    const minutes = Math.max(0, Math.round(ms / 60_000));
    if (minutes < 1) {
        return t('plugnmeet.duration.under_minute');
    }
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h > 0 ? t('plugnmeet.duration.hours_minutes', {hours: h, minutes: m}) : t('plugnmeet.duration.minutes', {minutes: m});
}

/** A time as the reader reads it: in their Mattermost zone and language ("Mon, Dec 7, 2026, 4:36 PM"). */
export function readerTime(ms: number, zone: string, locale: string): string {
    return DateTime.fromMillis(ms, {zone}).setLocale(locale || 'en').toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY);
}

export function durationOf(m: Meeting): number {
    return (m.endedAt ?? m.startedAt) - m.startedAt;
}

/**
 * The card's message: written once, at creation, and true for the card's whole life (edits change
 * props only): the starter's name and the topic. Names, never mentions: nobody is pinged by a card.
 */
export function cardMessage(m: Meeting, voice: Voice = plainVoice(m)): string {
    // In a DM or GM (no team) the card is a call: its message is what the mobile push notification says.
    const id = isCall(m) ? 'plugnmeet.post.call_message' : 'plugnmeet.post.card_message';
    return voice.t(id, {name: inert(voice.name), topic: inert(m.topic)});
}

/** A meeting in a DM or GM (it remembers no team): a call, which rings. */
export const isCall = (m: Pick<Meeting, 'teamId'>) => m.teamId === '';

/**
 * An ended call nobody but its starter joined (plugNmeet's peak count stayed under two): it reads
 * as missed, as a phone's would, on the card and in the end reply.
 */
export const isMissed = (m: Pick<Meeting, 'teamId' | 'status' | 'peakParticipants'>) => isCall(m) && m.status === 'ended' && m.peakParticipants < 2;

/** The options a joiner meets, as the card's props (absent for meetings from before options). */
export function optionProps(m: Pick<Meeting, 'options'>): Partial<MeetingCardProps> {
    const o = m.options;
    return o ? {meeting_waiting_room: o.waitingRoom, meeting_recorded: o.record, meeting_e2ee: o.e2ee, meeting_duration_minutes: o.duration} : {};
}

/** The same, as a line under the live card's text for mobile and plugin-less clients: '' when none apply. */
export function optionLine(m: Pick<Meeting, 'options'>, t: Translate): string {
    const o = m.options;
    if (!o) {
        return '';
    }
    const parts = [
        o.waitingRoom && t('plugnmeet.post.option_waiting_room'),
        o.record && t('plugnmeet.post.option_recorded'),
        o.e2ee && t('plugnmeet.post.option_e2ee'),
        o.duration > 0 && t('plugnmeet.post.option_duration', {minutes: o.duration}),
    ].filter(Boolean);
    return (parts.length > 0 ? `\n${parts.join(' · ')}` : '') + recapLine(m, t);
}

/**
 * What to expect of --transcript and --summary: a moderator turns them on inside the meeting
 * (plugNmeet's rule, pkg/controllers/insights.go) and the result comes to this thread.
 */
function recapLine(m: Pick<Meeting, 'options'>, t: Translate): string {
    const parts = [m.options?.transcript && t('plugnmeet.post.part_transcript'), m.options?.summary && t('plugnmeet.post.part_summary')].filter(Boolean);
    return parts.length > 0 ? `\n${t('plugnmeet.post.option_recap', {parts: parts.join(', ')})}` : '';
}

/** The ended card of a meeting with --summary, until its summary is in the thread (minutes after the end). */
export function summaryComingLine(m: Pick<Meeting, 'options' | 'summaryPosted'>, t: Translate): string {
    return m.options?.summary && !m.summaryPosted ? `\n${t('plugnmeet.post.summary_coming')}` : '';
}

/** Who is in it (who came, once ended), as a line for mobile and plugin-less clients: '' before anyone joined. */
export function peopleLine(m: Pick<Meeting, 'status'>, {people, more}: CardFaces, t: Translate): string {
    if (people.length === 0) {
        return '';
    }
    const names = people.map((p) => inert(p.name)).join(', ') + (more > 0 ? ` ${t('plugnmeet.post.people_more', {count: more})}` : '');
    return `\n${t(m.status === 'ended' ? 'plugnmeet.post.people_came' : 'plugnmeet.post.people_live', {names})}`;
}

/** The card's props: the contract's, plus what Mattermost itself reads (from_bot, attachments). */
export type CardProps = MeetingCardProps & {from_bot: 'true'; attachments: unknown[]};

/**
 * `guests`: how many joined by a guest link (meetings/guests/), counted on the card when there are
 * any; `faces`: who is in it (recap/presence.ts cardFaces).
 */
export function renderCard(m: Meeting, ctx: CardContext, voice: Voice = plainVoice(m), guests = 0, faces: CardFaces = NO_FACES): {message: string; props: CardProps} {
    const {t} = voice;
    const ended = m.status === 'ended';
    const who = inert(voice.name);
    const topic = inert(m.topic);
    const message = cardMessage(m, voice);
    const post = {postId: m.postId};
    const duration = formatDuration(durationOf(m), t);
    const guestLine = guests > 0 ? ` · ${t('plugnmeet.post.guests', {count: guests})}` : '';

    const call = isCall(m);
    const missed = isMissed(m);
    // A call's card is the bot's in a DM or GM, which it cannot edit: its message stays (a changed
    // message in a click's update can be refused past PostEditTimeLimit), its attachment says how it went.
    let endedText = t('plugnmeet.post.ended_text', {duration, count: m.participants, name: who});
    if (call) {
        endedText = missed ? t('plugnmeet.post.call_missed_text', {name: who}) : t('plugnmeet.post.call_ended_text', {duration});
    }
    const attachment = ended ? {
        fallback: call ? `${endedText}: ${topic}` : t('plugnmeet.post.ended_fallback', {topic, duration}),
        color: '#8a8a8a',
        title: topic,
        text: endedText + guestLine + peopleLine(m, faces, t) + summaryComingLine(m, t),
        // A room ends about 20 s after the last person leaves: a new one is one tap away.
        actions: [button(ctx, m, 'start', t('plugnmeet.card.start_again'), 'default', post)],
    } : {
        fallback: message,
        color: '#3db887',
        title: topic,
        text: t('plugnmeet.post.live_text', {count: m.participants, name: who}) + guestLine + peopleLine(m, faces, t) + optionLine(m, t),
        actions: [
            button(ctx, m, 'join', t('plugnmeet.card.join'), 'primary', post),
            // Mobile has no ringing dialog: a ringing call is declined from its card.
            ...(call ? [button(ctx, m, 'decline', t('plugnmeet.call.decline'), 'danger', post)] : []),
            button(ctx, m, 'refresh', t('plugnmeet.post.refresh'), 'default', post),
        ],
    };

    return {
        message,
        props: {
            // Mattermost sets from_bot on create; a patch replaces all props, so keep it or the BOT tag goes.
            from_bot: 'true',
            plugnmeet_room_id: m.roomId,
            meeting_topic: m.topic,
            meeting_status: ended ? 'ended' : 'live',
            meeting_creator_id: m.creatorId,
            meeting_creator_username: m.creatorUsername,
            meeting_creator_display_name: voice.name,
            meeting_started_at: m.startedAt,
            ...(ended ? {meeting_ended_at: m.endedAt as number} : {}),
            // A live card without anyone counted yet says nothing rather than "0 participants".
            ...(ended || m.participants > 0 ? {meeting_participants: m.participants} : {}),
            ...(missed ? {meeting_missed: true} : {}),
            ...optionProps(m),
            ...(faces.people.length > 0 ? {meeting_people: faces.people, meeting_people_more: faces.more} : {}),
            ...(ended && m.options?.summary ? {meeting_summary_coming: !m.summaryPosted} : {}),
            ...(guests > 0 ? {meeting_guests: guests} : {}),
            attachments: [attachment],
        },
    };
}

/**
 * What a person sees of a card: its props without the button contexts, which are renewed on every
 * render. Two renders with the same key need no edit (each edit is a row in Mattermost's database).
 */
export function visibleKey(props: object): string {
    return createHash('sha256').update(JSON.stringify(props, (key, value) => (key === 'integration' ? undefined : value))).digest('base64url');
}

/** The recording reply in the card's thread; Download answers with a personal link. */
export function renderRecording(m: Meeting, r: RecordingInfo, ctx: CardContext, t: Translate = english): {message: string; props: RecordingPostProps & {attachments: unknown[]}} {
    const size = `${r.sizeMb.toFixed(1)} MB`;
    const topic = inert(m.topic);
    const message = t('plugnmeet.post.recording_message', {topic, size});
    return {
        message,
        props: {
            plugnmeet_room_id: m.roomId,
            plugnmeet_record_id: r.recordId,
            recording_size_mb: r.sizeMb,
            recording_created_at: r.createdAt,
            topic: m.topic,
            started_at: m.startedAt,
            duration_ms: m.endedAt ? m.endedAt - m.startedAt : 0,
            recording_id: r.recordId,
            attachments: [{
                fallback: message,
                title: t('plugnmeet.post.recording_title', {topic}),
                text: t('plugnmeet.post.recording_text', {size}),
                // Posted once and never edited: its context names no post, the store knows which post it is.
                actions: [button(ctx, m, 'download', t('plugnmeet.recording.download'), 'primary', {postId: '', recordId: r.recordId})],
            }],
        },
    };
}

/**
 * The bot's reply in the card's thread when the meeting ends: mobile users see it even where the
 * card cannot be edited. Names, not mentions: the starter is not pinged by their own meeting.
 * `enderName`: who ended it with /plugnmeet end, as Mattermost shows them.
 */
export function endNotice(m: Meeting, voice: Voice = plainVoice(m), enderName: string = m.endedBy): string {
    const {t} = voice;
    const duration = formatDuration(durationOf(m), t);
    // A real post in the thread: the topic and the names must not ping or link (see inert).
    const topic = inert(m.topic);
    const name = inert(voice.name);
    if (isCall(m)) {
        return isMissed(m) ? t('plugnmeet.post.call_missed_notice', {topic, name}) : t('plugnmeet.post.call_ended_notice', {topic, duration});
    }
    if (!m.endedBy) {
        return t('plugnmeet.post.end_notice', {topic, name, duration});
    }
    return m.endedBy === m.creatorUsername ?
        t('plugnmeet.post.end_notice_by_starter', {topic, name, duration}) :
        t('plugnmeet.post.end_notice_by_other', {topic, name, duration, ender: inert(enderName || m.endedBy)});
}
