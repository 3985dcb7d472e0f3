// What the sidecar writes into Mattermost and the webapp reads back: the post types, the props of
// each post, the button actions and what a button's context carries. One definition for both
// sides, so a renamed prop breaks the build instead of a card; and the translations both show
// (i18n/). No dependencies: it is bundled into the webapp.

import type {Recurrence} from './options.js';

/** The meeting card, posted and edited by the bot. */
export const CARD_POST_TYPE = 'custom_plugnmeet';
/** A recording, posted by the bot in the card's thread. */
export const RECORDING_POST_TYPE = 'custom_plugnmeet_recording';

/** A part of a meeting's recap (attendance, transcript, AI summary), posted by the bot in the card's thread. */
export const RECAP_POST_TYPE = 'custom_plugnmeet_recap';

/**
 * The recap post's props. Its message is the same in Markdown (mobile and other clients show it);
 * the webapp draws a card from these. Every text is as plugNmeet or Mattermost gave it: render it as text.
 */
export interface RecapPostProps {
    plugnmeet_room_id: string;
    plugnmeet_artifact_id: string;
    plugnmeet_recap: 'attendance' | 'transcript' | 'summary';
    /** The meeting's topic. */
    recap_topic: string;
    /** Set when the part could not be posted (the message says why). */
    recap_failed?: boolean;
    /** Attendance: the meeting's length and each person, longest present first. */
    recap_duration_ms?: number;
    recap_people?: Array<{name: string; guest: boolean; present_ms: number; talked_ms: number}>;
    /** Transcript: the cues the message shows, and whether there are more. */
    recap_cues?: Array<{speaker: string; text: string}>;
    recap_cut?: boolean;
    /** Transcript where the bot could not attach the file: the signed link to it. */
    recap_file_url?: string;
}

/** `scheduled`: planned, no room yet (the card says when); `live`, then `ended`. */
export type MeetingStatus = 'scheduled' | 'live' | 'ended';

/** The card's props (docs/architecture.md, "Contracts"): what the webapp renders. */
export interface MeetingCardProps {
    plugnmeet_room_id: string;
    meeting_topic: string;
    meeting_status: MeetingStatus;
    meeting_creator_id: string;
    meeting_creator_username: string;
    /** The creator as Mattermost shows people (TeammateNameDisplay); cards made before it have none. */
    meeting_creator_display_name?: string;
    /** ms since epoch */
    meeting_started_at: number;
    /** ms since epoch, only once ended */
    meeting_ended_at?: number;
    /**
     * Online now while live, absent while nobody is counted (a new card, before the starter is in:
     * no "0 participants"); the peak once ended.
     */
    meeting_participants?: number;
    /** The options a joiner meets (cards made before options have none): a waiting room, */
    meeting_waiting_room?: boolean;
    /** recorded from the start, */
    meeting_recorded?: boolean;
    /** end-to-end encrypted, */
    meeting_e2ee?: boolean;
    /** and ended by plugNmeet after this many minutes (0: no limit). */
    meeting_duration_minutes?: number;
    /** Scheduled cards: when it starts (ms since epoch), shown in the reader's time zone, */
    meeting_scheduled_at?: number;
    /** how it repeats ('' once), */
    meeting_recurrence?: Recurrence;
    /** the planner's time zone (IANA), for the fallback text, */
    meeting_time_zone?: string;
    /** a signed, expiring link to its .ics file, */
    meeting_calendar_url?: string;
    /** and how many asked to be reminded (Notify me). */
    meeting_watchers?: number;
    /** A scheduled occurrence that was cancelled (its status is then `ended`). */
    meeting_cancelled?: boolean;
    /**
     * Only on the post that starts a call in a DM or GM: another call there started less than a
     * minute before, and rang; this one does not ring again.
     */
    meeting_no_ring?: boolean;
    /** An ended call in a DM or GM that nobody but its starter joined. */
    meeting_missed?: boolean;
    /** Who asked to be reminded (user ids): the webapp shows each reader their own state. */
    meeting_watcher_ids?: string[];
    /** The topic of the meeting live in the channel that a scheduled occurrence waits for (or waited for in vain). */
    meeting_blocked_by?: string;
    /**
     * Why a scheduled occurrence did not start (its status is then `ended`, with `meeting_cancelled`):
     * another meeting stayed live (`busy`), the policy refused its place (`refused`), or its planner
     * may no longer start meetings and the series is paused (`paused`).
     */
    meeting_not_started?: NotStartedReason;
    /** Who is in it while live, who came once ended: the first few (faces), by Mattermost user id when they have one. */
    meeting_people?: CardPerson[];
    /** How many more than meeting_people (the "+N"). */
    meeting_people_more?: number;
    /** An ended meeting started with --summary whose summary is not in the thread yet. */
    meeting_summary_coming?: boolean;
    /** How many guests (people without a Mattermost account, by a guest link) joined; absent when none. */
    meeting_guests?: number;
}

/** A face on the card: `id` is a Mattermost user id, '' for a guest or an identity Mattermost does not know (shown as initials). */
export interface CardPerson {
    id: string;
    name: string;
}

export const NOT_STARTED_REASONS = ['busy', 'refused', 'paused'] as const;

/**
 * Join opens a scheduled meeting at once from this long before its time; earlier it starts it for
 * everyone only once confirmed (`/plugnmeet join <id> early`, the card's "Open early").
 */
export const OPEN_EARLY_MS = 15 * 60_000;
export type NotStartedReason = (typeof NOT_STARTED_REASONS)[number];

/** The recording post's props. */
export interface RecordingPostProps {
    plugnmeet_room_id: string;
    plugnmeet_record_id: string;
    recording_size_mb: number;
    /** ms since epoch */
    recording_created_at: number;
    /** The meeting's name (sidecars before names sent none of these four): its topic, */
    topic?: string;
    /** when it started (ms since epoch), */
    started_at?: number;
    /** how long it lasted in ms (plugNmeet tells no recording's own length; 0 when not known), */
    duration_ms?: number;
    /** and the recording's id (the same as plugnmeet_record_id). */
    recording_id?: string;
}

/** Each prop name once, for code that reads props by name. */
export const CARD_PROPS = {
    roomId: 'plugnmeet_room_id',
    topic: 'meeting_topic',
    status: 'meeting_status',
    creatorId: 'meeting_creator_id',
    creatorUsername: 'meeting_creator_username',
    creatorDisplayName: 'meeting_creator_display_name',
    startedAt: 'meeting_started_at',
    endedAt: 'meeting_ended_at',
    participants: 'meeting_participants',
    waitingRoom: 'meeting_waiting_room',
    recorded: 'meeting_recorded',
    e2ee: 'meeting_e2ee',
    durationMinutes: 'meeting_duration_minutes',
    scheduledAt: 'meeting_scheduled_at',
    recurrence: 'meeting_recurrence',
    timeZone: 'meeting_time_zone',
    calendarUrl: 'meeting_calendar_url',
    watchers: 'meeting_watchers',
    cancelled: 'meeting_cancelled',
    noRing: 'meeting_no_ring',
    missed: 'meeting_missed',
    watcherIds: 'meeting_watcher_ids',
    blockedBy: 'meeting_blocked_by',
    notStarted: 'meeting_not_started',
    people: 'meeting_people',
    peopleMore: 'meeting_people_more',
    summaryComing: 'meeting_summary_coming',
    guests: 'meeting_guests',
} as const satisfies Record<string, keyof MeetingCardProps>;

export const RECORDING_PROPS = {
    roomId: 'plugnmeet_room_id',
    recordId: 'plugnmeet_record_id',
    sizeMb: 'recording_size_mb',
    createdAt: 'recording_created_at',
} as const satisfies Record<string, keyof RecordingPostProps>;

/** The attachment buttons' ids, which are also the action the sidecar performs. */
export const BUTTON_ACTIONS = ['join', 'refresh', 'download', 'start', 'notify', 'cancel', 'cancel_series', 'decline'] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

/**
 * What a button's integration context carries, signed by the sidecar: the action, the room, the
 * channel, the post (empty when the context was made before its post existed), the recording (for
 * download), until when it works (ms), and the HMAC over all of them.
 */
export interface ButtonContext {
    action: ButtonAction;
    room_id: string;
    channel_id: string;
    post_id: string;
    record_id?: string;
    expires_at: number;
    signature: string;
}

export {catalogues, LOCALES, pickLocale, webappCatalogues} from './i18n/index.js';
export type {Catalogue, Locale, MessageId, SidecarMessageId, WebappCatalogue, WebappMessageId} from './i18n/index.js';

export {formatFlags, RECURRENCES, MAX_DURATION_MINUTES, MAX_WELCOME_LENGTH, NO_OPTIONS, OPTION_FLAGS, OPTION_NAMES, OPTIONS_SHEET_PROP, parseFlags, QUIET_FLAG, SWITCH_OPTIONS} from './options.js';
export type {FlagError, Recurrence, MeetingOptions, OptionName, OptionsSheet, ParsedFlags, SwitchOption} from './options.js';
export {LIVE_SHEET_PROP} from './calls.js';
export {closest, editDistance, isSubcommand, nearestSubcommand, parseCommandText, startMistake, SUBCOMMANDS} from './command.js';
export type {CommandMistake, ParsedCommand, Subcommand} from './command.js';
export type {LiveMeeting, LiveRecording, LiveSheet, LiveUpcoming, MeetingEndedProps} from './calls.js';
export {DESKTOP_EMBED_PROP, END_PAGE_ORIGIN_PROP, FRAME_REFUSED_PROP, isMeetingEndedMessage, MEETING_ENDED_MESSAGE, MEETING_ENDED_PATH, OPEN_IN_PROP} from './meeting_window.js';
export type {OpenIn} from './meeting_window.js';
