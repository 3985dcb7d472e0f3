// How a meeting looks in Mattermost: the card's props (named in @plugnmeet/contracts, which the
// webapp renders), the message attachment that mobile and plugin-less clients show instead, the
// recording post, and the text helpers that keep user text inert there.
import {createHash} from 'node:crypto';
import type {MeetingCardProps, RecordingPostProps} from '@plugnmeet/contracts';
import type {Meeting} from '../../store/store.js';
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

export interface RecordingInfo {
    recordId: string;
    sizeMb: number;
    createdAt: number; // ms
}

function button(ctx: CardContext, m: Meeting, action: ButtonAction, name: string, style: string, post: {postId: string; recordId?: string}) {
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

/** `@username` for a real username; anything else (or a channel-wide name) is made inert. */
export function mention(username: string): string {
    return /^[A-Za-z0-9._-]+$/.test(username) && !/^(all|channel|here)$/i.test(username) ? `@${username}` : inert(username);
}

export function formatDuration(ms: number): string {
    const minutes = Math.max(0, Math.round(ms / 60_000));
    if (minutes < 1) {
        return 'less than a minute';
    }
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export function durationOf(m: Meeting): number {
    return (m.endedAt ?? m.startedAt) - m.startedAt;
}

/** The card's message: written once, at creation, and true for the card's whole life (edits change props only). */
export function cardMessage(m: Meeting): string {
    return `${mention(m.creatorUsername)} started a meeting: ${inert(m.topic)}`;
}

/** The card's props: the contract's, plus what Mattermost itself reads (from_bot, attachments). */
export type CardProps = MeetingCardProps & {from_bot: 'true'; attachments: unknown[]};

export function renderCard(m: Meeting, ctx: CardContext): {message: string; props: CardProps} {
    const ended = m.status === 'ended';
    const who = mention(m.creatorUsername);
    const topic = inert(m.topic);
    const people = m.participants === 1 ? '1 participant' : `${m.participants} participants`;
    const message = cardMessage(m);
    const post = {postId: m.postId};

    const attachment = ended ? {
        fallback: `${topic}: the meeting ended after ${formatDuration(durationOf(m))}.`,
        color: '#8a8a8a',
        title: topic,
        text: `Meeting ended after ${formatDuration(durationOf(m))} · peak ${people} · started by ${who}`,
        // A room ends about 20 s after the last person leaves: a new one is one tap away.
        actions: [button(ctx, m, 'start', 'Start a new meeting', 'default', post)],
    } : {
        fallback: message,
        color: '#3db887',
        title: topic,
        text: `Live now · ${people} · started by ${who}. Tap **Join** for your personal link.`,
        actions: [button(ctx, m, 'join', 'Join meeting', 'primary', post), button(ctx, m, 'refresh', 'Refresh', 'default', post)],
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
            meeting_started_at: m.startedAt,
            ...(ended ? {meeting_ended_at: m.endedAt as number} : {}),
            meeting_participants: m.participants,
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
export function renderRecording(m: Meeting, r: RecordingInfo, ctx: CardContext): {message: string; props: RecordingPostProps & {attachments: unknown[]}} {
    const size = `${r.sizeMb.toFixed(1)} MB`;
    const message = `Recording of ${inert(m.topic)} (${size})`;
    return {
        message,
        props: {
            plugnmeet_room_id: m.roomId,
            plugnmeet_record_id: r.recordId,
            recording_size_mb: r.sizeMb,
            recording_created_at: r.createdAt,
            attachments: [{
                fallback: message,
                title: `Recording: ${inert(m.topic)}`,
                text: `${size} · tap **Download** for your personal link`,
                // Posted once and never edited: its context names no post, the store knows which post it is.
                actions: [button(ctx, m, 'download', 'Download', 'primary', {postId: '', recordId: r.recordId})],
            }],
        },
    };
}

/** The bot's reply in the card's thread when the meeting ends: mobile users see it even where the card cannot be edited. */
export function endNotice(m: Meeting): string {
    const lasted = formatDuration(durationOf(m));
    // A real post in the thread: the topic must not ping or link (see inert).
    const topic = inert(m.topic);
    const starter = mention(m.creatorUsername);
    if (!m.endedBy) {
        return `The meeting **${topic}**, started by ${starter}, ended after ${lasted}.`;
    }
    return m.endedBy === m.creatorUsername ?
        `${starter} ended the meeting **${topic}** after ${lasted}.` :
        `${mention(m.endedBy)} ended the meeting **${topic}**, started by ${starter}, after ${lasted}.`;
}
