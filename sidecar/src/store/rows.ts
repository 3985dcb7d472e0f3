// The meetings table's row, as both backends read it (same column names in SQLite and PostgreSQL).
import type {MeetingOptions} from '@plugnmeet/contracts';
import type {CardJob, Guest, GuestInvite, Meeting, Schedule, StoredSetting} from './store.js';

// A row as the driver returns it: column names to SQLite or PostgreSQL values, mapped below.
export type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const toMeeting = (r: Row): Meeting => ({
    roomId: r.room_id,
    channelId: r.channel_id,
    teamId: r.team_id,
    rootId: r.root_id,
    postId: r.post_id,
    creatorId: r.creator_id,
    creatorUsername: r.creator_username,
    creatorName: r.creator_name,
    creatorLocale: r.creator_locale,
    topic: r.topic,
    status: r.status,
    startedAt: r.started_at,
    endedAt: r.ended_at ?? null,
    participants: r.participants,
    peakParticipants: r.peak_participants,
    updatedAt: r.updated_at,
    endedBy: r.ended_by,
    version: r.version,
    endNoticePosted: Boolean(r.end_notice_posted), // SQLite stores 0/1, PostgreSQL a boolean
    cardShown: r.card_shown,
    cardEdits: r.card_edits,
    options: readOptions(r.options),
    summaryPosted: Boolean(r.summary_posted),
});

/** The options column: JSON of MeetingOptions, '' for meetings from before v6. */
export const writeOptions = (o: MeetingOptions | undefined) => (o ? JSON.stringify(o) : '');

function readOptions(v: unknown): MeetingOptions | undefined {
    if (typeof v !== 'string' || v === '') {
        return undefined;
    }
    try {
        return JSON.parse(v) as MeetingOptions;
    } catch {
        return undefined;
    }
}

export const toCardJob = (r: Row): CardJob => ({...toMeeting(r), cardAttempts: r.card_attempts});

/** PostgreSQL returns BIGINT as a string: Number() reads both backends' updated_at. */
export const toSetting = (r: Row): StoredSetting => ({name: r.name, value: r.value, updatedBy: r.updated_by, updatedAt: Number(r.updated_at)});

export const toGuestInvite = (r: Row): GuestInvite => ({
    id: r.id, tokenHash: r.token_hash, roomId: r.room_id, inviterId: r.inviter_id, inviterName: r.inviter_name,
    createdAt: Number(r.created_at), expiresAt: Number(r.expires_at), maxUses: r.max_uses, uses: r.uses, revoked: Boolean(r.revoked),
});

export const toGuest = (r: Row): Guest & {inviterName: string} => ({
    guestId: r.guest_id, inviteId: r.invite_id, roomId: r.room_id, name: r.name, joinedAt: Number(r.joined_at), inviterName: r.inviter_name ?? '',
});

export const toSchedule = (r: Row): Schedule => ({
    id: r.id,
    channelId: r.channel_id,
    teamId: r.team_id,
    channelType: r.channel_type ?? '',
    rootId: r.root_id,
    postId: r.post_id,
    creatorId: r.creator_id,
    creatorUsername: r.creator_username,
    creatorName: r.creator_name,
    creatorLocale: r.creator_locale,
    topic: r.topic,
    options: readOptions(r.options)!,
    zone: r.zone,
    recurrence: r.recurrence,
    at: Number(r.at),
    roomId: r.room_id,
    status: r.status,
    reminded: Boolean(r.reminded),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
});

/** A ScheduleChange as column = value pairs (names from a fixed list, never from input). */
export function scheduleColumns(change: Record<string, unknown>): Array<[string, unknown]> {
    const columns: Record<string, string> = {status: 'status', postId: 'post_id', rootId: 'root_id', at: 'at', roomId: 'room_id', reminded: 'reminded'};
    return Object.entries(change).filter(([k, v]) => columns[k] && v !== undefined).map(([k, v]) => [columns[k], v]);
}
