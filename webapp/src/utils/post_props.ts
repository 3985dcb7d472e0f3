// Reads the card props (named once, in @plugnmeet/contracts, for the sidecar and the webapp)
// defensively: posts can come from older sidecar versions, be hand-edited, or lose fields, and a
// card must never crash the channel.
import {CARD_PROPS, MAX_DURATION_MINUTES, NOT_STARTED_REASONS, RECORDING_PROPS, RECURRENCES} from '@plugnmeet/contracts';
import type {ButtonAction, MeetingStatus as PostedStatus, NotStartedReason, Recurrence} from '@plugnmeet/contracts';

import type {Post} from '@mattermost/types/posts';

import {safeHttpUrl} from '../actions/open_command';

export type MeetingStatus = PostedStatus | 'unknown';

export type MeetingInfo = {
    roomId: string;
    topic: string;
    status: MeetingStatus;
    creatorUsername: string;

    // As Mattermost shows people (TeammateNameDisplay); '' on cards made before the sidecar sent it.
    creatorDisplayName: string;
    startedAt?: number;
    endedAt?: number;
    participants?: number;
    hasRefreshAction: boolean;

    // The options a joiner meets; false and undefined on cards made before options.
    waitingRoom: boolean;
    recorded: boolean;
    e2ee: boolean;
    durationMinutes?: number;

    // Scheduled cards: who planned it (user id), when it starts, how it repeats, the planner's
    // zone, the .ics link (http(s) only) and how many asked for a reminder. A cancelled one is
    // `ended` with `cancelled`.
    creatorId: string;
    scheduledAt?: number;
    recurrence: Recurrence;
    timeZone: string;
    calendarUrl: string;
    watchers?: number;
    cancelled: boolean;

    // An ended call in a DM or GM that nobody but its starter joined.
    missed: boolean;

    /** Who asked to be reminded (user ids): the reader sees their own state. */
    watcherIds: string[];

    /** The live meeting a scheduled one waits for (or waited for in vain). */
    blockedBy: string;

    /** Why a scheduled occurrence did not start. */
    notStarted?: NotStartedReason;

    // How many joined by a guest link (issue 24); 0 when none or on older cards.
    guests: number;
};

/**
 * What names a recording: its meeting's topic, when that started and how long it lasted. The
 * sidecar sends these four props (`topic`, `started_at`, `duration_ms`, `recording_id`) on both
 * the recording post and each live-sheet recording (contracts: RecordingPostProps, LiveRecording);
 * older sidecars send none, and the cards then say "Meeting recording" with the upload time.
 */
export type RecordingName = {
    topic: string;
    startedAt?: number;
    durationMs?: number;
};

export type RecordingInfo = RecordingName & {
    recordId: string;
    sizeMb?: number;
    createdAt?: number;
};

// Ids travel inside a slash command, so only the url-safe alphabet plugNmeet uses is accepted.
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

function propsOf(post: Partial<Post> | null | undefined): Record<string, unknown> {
    const props = post?.props;
    return props && typeof props === 'object' && !Array.isArray(props) ? props as Record<string, unknown> : {};
}

export function text(value: unknown, maxLength = 500): string {
    if (typeof value !== 'string') {
        return '';
    }
    return value.trim().slice(0, maxLength);
}

function id(value: unknown): string {
    const s = text(value, 100);
    return ID_PATTERN.test(s) ? s : '';
}

/** A finite, non-negative number; numeric strings are accepted because JSON round-trips vary. */
export function count(value: unknown): number | undefined {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A plausible epoch-milliseconds timestamp (after 2001, so seconds are not misread). */
export function timestamp(value: unknown): number | undefined {
    const n = count(value);
    return n !== undefined && n > 1e12 ? n : undefined;
}

export function hasPostAction(post: Partial<Post> | null | undefined, actionId: ButtonAction): boolean {
    const attachments = propsOf(post).attachments;
    if (!Array.isArray(attachments)) {
        return false;
    }
    return attachments.some((attachment) => {
        const actions = attachment && typeof attachment === 'object' ? (attachment as {actions?: unknown}).actions : undefined;
        return Array.isArray(actions) && actions.some((action) => action && typeof action === 'object' && (action as {id?: unknown}).id === actionId);
    });
}

export function readMeeting(post: Partial<Post> | null | undefined): MeetingInfo {
    const props = propsOf(post);
    const startedAt = timestamp(props[CARD_PROPS.startedAt]);
    let endedAt = timestamp(props[CARD_PROPS.endedAt]);
    if (endedAt !== undefined && startedAt !== undefined && endedAt < startedAt) {
        endedAt = undefined;
    }

    let status: MeetingStatus = 'unknown';
    if (props[CARD_PROPS.status] === 'scheduled') {
        status = 'scheduled';
    } else if (props[CARD_PROPS.status] === 'live') {
        status = 'live';
    } else if (props[CARD_PROPS.status] === 'ended' || endedAt !== undefined) {
        status = 'ended';
    }

    const participants = count(props[CARD_PROPS.participants]);
    const duration = Math.floor(count(props[CARD_PROPS.durationMinutes]) ?? 0);
    const recurrence = props[CARD_PROPS.recurrence];
    const watchers = count(props[CARD_PROPS.watchers]);
    return {
        roomId: id(props[CARD_PROPS.roomId]),
        topic: text(props[CARD_PROPS.topic], 300),
        status,
        creatorUsername: text(props[CARD_PROPS.creatorUsername], 64).replace(/^@/, ''),
        creatorDisplayName: text(props[CARD_PROPS.creatorDisplayName], 128),
        startedAt,
        endedAt,
        participants: participants === undefined ? undefined : Math.floor(participants),
        hasRefreshAction: hasPostAction(post, 'refresh'),
        waitingRoom: props[CARD_PROPS.waitingRoom] === true,
        recorded: props[CARD_PROPS.recorded] === true,
        e2ee: props[CARD_PROPS.e2ee] === true,
        durationMinutes: duration >= 1 && duration <= MAX_DURATION_MINUTES ? duration : undefined,
        creatorId: id(props[CARD_PROPS.creatorId]),
        scheduledAt: timestamp(props[CARD_PROPS.scheduledAt]),
        recurrence: (RECURRENCES as readonly unknown[]).includes(recurrence) ? recurrence as Recurrence : '',
        timeZone: text(props[CARD_PROPS.timeZone], 64),
        calendarUrl: safeHttpUrl(text(props[CARD_PROPS.calendarUrl], 4000)),
        watchers: watchers === undefined ? undefined : Math.floor(watchers),
        cancelled: status === 'ended' && props[CARD_PROPS.cancelled] === true,
        missed: status === 'ended' && props[CARD_PROPS.missed] === true,
        watcherIds: Array.isArray(props[CARD_PROPS.watcherIds]) ? (props[CARD_PROPS.watcherIds] as unknown[]).slice(0, 10_000).map(id).filter(Boolean) : [],
        blockedBy: text(props[CARD_PROPS.blockedBy], 300),
        notStarted: (NOT_STARTED_REASONS as readonly unknown[]).includes(props[CARD_PROPS.notStarted]) ? props[CARD_PROPS.notStarted] as NotStartedReason : undefined,
        guests: Math.floor(count(props[CARD_PROPS.guests]) ?? 0),
    };
}

/**
 * A live card whose meeting the bot's end reply (MeetingEndedProps) says is over: ended, when, and
 * whether nobody answered. The card itself may stay live: the bot cannot edit it in DMs and GMs.
 */
export function endedByReply(meeting: MeetingInfo, reply: Partial<Post>): MeetingInfo {
    const props = propsOf(reply);
    const endedAt = timestamp(props.meeting_ended_at);
    return {
        ...meeting,
        status: 'ended',
        endedAt: endedAt !== undefined && (meeting.startedAt === undefined || endedAt >= meeting.startedAt) ? endedAt : undefined,
        missed: props.meeting_missed === true,
    };
}

/** The name props of a recording post or a live-sheet recording (see RecordingName). */
export function readRecordingName(props: Record<string, unknown>): RecordingName {
    const durationMs = count(props.duration_ms);
    return {
        topic: text(props.topic, 300),
        startedAt: timestamp(props.started_at),
        durationMs: durationMs ? Math.floor(durationMs) : undefined,
    };
}

export function readRecording(post: Partial<Post> | null | undefined): RecordingInfo {
    const props = propsOf(post);
    return {
        ...readRecordingName(props),
        recordId: id(props[RECORDING_PROPS.recordId]) || id(props.recording_id),
        sizeMb: count(props[RECORDING_PROPS.sizeMb]),
        createdAt: timestamp(props[RECORDING_PROPS.createdAt]),
    };
}

/** When the post last changed: what the stale-card refresh measures against. */
export function lastUpdatedAt(post: Partial<Post> | null | undefined): number {
    return Math.max(count(post?.update_at) ?? 0, count(post?.edit_at) ?? 0, count(post?.create_at) ?? 0);
}

/** Replies to a card go into the card's thread: its root, or the card itself. */
export function threadRootId(post: Partial<Post> | null | undefined): string {
    return text(post?.root_id, 64) || text(post?.id, 64);
}

/**
 * A new meeting from an ended card: the card's channel, and the thread the card is in (none for a
 * card at channel level, so the new card is seen there too), with the same topic. The sidecar's
 * "Start a new meeting" button for mobile does the same (meetings start again where they were).
 */
export function startAgainCommand(post: Partial<Post> | null | undefined, topic: string, teamId: string) {
    const rootId = text(post?.root_id, 64);
    const command = ['/plugnmeet start', rootId ? `--root ${rootId}` : '', topic.replace(/\s+/g, ' ')].filter(Boolean).join(' ');
    return {command, args: {channel_id: text(post?.channel_id), team_id: teamId, root_id: rootId}};
}

/** Where a card's button runs its command: the post's channel and thread, the current team. */
export function commandArgs(post: Partial<Post> | null | undefined, teamId: string) {
    return {channel_id: text(post?.channel_id), team_id: teamId, root_id: threadRootId(post)};
}
