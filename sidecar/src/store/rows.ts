// The meetings table's row, as both backends read it (same column names in SQLite and PostgreSQL).
import type {CardJob, Meeting} from './store.js';

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
});

export const toCardJob = (r: Row): CardJob => ({...toMeeting(r), cardAttempts: r.card_attempts});
