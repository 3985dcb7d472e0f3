// Calling (docs/architecture.md, "Contracts"): what the webapp learns from the posts and command
// answers the sidecar makes, to ring, to set the "In a meeting" status and to fill the live panel.
import type {Recurrence} from './options.js';

/**
 * The props of the "meeting ended" reply the bot posts in the card's thread. In DMs and GMs the
 * bot is no member and cannot edit the card: this reply is how a client learns the call is over.
 */
export interface MeetingEndedProps {
    plugnmeet_room_id: string;
    meeting_status: 'ended';
    /** ms since epoch (sidecars from before these three send none): when it started, */
    meeting_started_at?: number;
    /** when it ended, */
    meeting_ended_at?: number;
    /** and, for a call in a DM or GM, whether nobody but its starter joined. */
    meeting_missed?: boolean;
}

/** A meeting the live panel lists: live now, in a channel of the team the asker can read. */
export interface LiveMeeting {
    room_id: string;
    channel_id: string;
    topic: string;
    /** ms since epoch */
    started_at: number;
    participants: number;
    creator_display_name: string;
}

/** A recording of the asker's current channel, newest first. */
export interface LiveRecording {
    record_id: string;
    room_id: string;
    /** ms since epoch */
    created_at: number;
    size_mb: number;
    /** The same as record_id (sidecars before names sent none of these four). */
    recording_id?: string;
    /** The meeting's topic; '' when the meeting is not known. */
    topic?: string;
    /** When the meeting started, ms since epoch. */
    started_at?: number;
    /** The meeting's length in ms (plugNmeet tells no recording's own length); 0 when not known. */
    duration_ms?: number;
}

/** A meeting scheduled in the asker's current channel, soonest first. */
export interface LiveUpcoming {
    /** The room it will get: `/plugnmeet join <room_id>` in the channel starts it early. */
    room_id: string;
    topic: string;
    /** ms since epoch */
    scheduled_at: number;
    recurrence: Recurrence;
}

/** What `/plugnmeet live` answers in its props (LIVE_SHEET_PROP); asked with QUIET_FLAG (the webapp's panel) its text is empty, else it lists the meetings in words. */
export interface LiveSheet {
    meetings: LiveMeeting[];
    recordings: LiveRecording[];
    /** Sidecars from before scheduling send none. */
    upcoming?: LiveUpcoming[];
}
export const LIVE_SHEET_PROP = 'plugnmeet_live';
