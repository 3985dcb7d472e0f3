// What the sidecar writes into Mattermost and the webapp reads back: the post types, the props of
// each post, the button actions and what a button's context carries. One definition for both
// sides, so a renamed prop breaks the build instead of a card; and the translations both show
// (i18n/). No dependencies: it is bundled into the webapp.

import type {Recurrence} from './options.js';

/** The meeting card, posted and edited by the bot. */
export const CARD_POST_TYPE = 'custom_plugnmeet';
/** A recording, posted by the bot in the card's thread. */
export const RECORDING_POST_TYPE = 'custom_plugnmeet_recording';

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
    /** online now while live; the peak once ended */
    meeting_participants: number;
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
}

/** The recording post's props. */
export interface RecordingPostProps {
    plugnmeet_room_id: string;
    plugnmeet_record_id: string;
    recording_size_mb: number;
    /** ms since epoch */
    recording_created_at: number;
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
} as const satisfies Record<string, keyof MeetingCardProps>;

export const RECORDING_PROPS = {
    roomId: 'plugnmeet_room_id',
    recordId: 'plugnmeet_record_id',
    sizeMb: 'recording_size_mb',
    createdAt: 'recording_created_at',
} as const satisfies Record<string, keyof RecordingPostProps>;

/** The attachment buttons' ids, which are also the action the sidecar performs. */
export const BUTTON_ACTIONS = ['join', 'refresh', 'download', 'start', 'notify', 'cancel', 'cancel_series'] as const;
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

export {formatFlags, RECURRENCES, MAX_DURATION_MINUTES, MAX_WELCOME_LENGTH, NO_OPTIONS, OPTION_FLAGS, OPTION_NAMES, OPTIONS_SHEET_PROP, parseFlags, SWITCH_OPTIONS} from './options.js';
export type {FlagError, Recurrence, MeetingOptions, OptionName, OptionsSheet, ParsedFlags, SwitchOption} from './options.js';
export {LIVE_SHEET_PROP} from './calls.js';
export {closest, editDistance, isSubcommand, nearestFlag, nearestSubcommand, parseCommandText, startMistake, SUBCOMMANDS} from './command.js';
export type {CommandMistake, ParsedCommand, Subcommand} from './command.js';
export type {LiveMeeting, LiveRecording, LiveSheet, LiveUpcoming, MeetingEndedProps} from './calls.js';
