// A meeting's options as plugNmeet 2.4 reads them in CreateRoomReq.metadata
// (plugnmeet-protocol proto_files/plugnmeet_create_room.proto, plugnmeet_gen_token.proto).
// The server merges room_features over its built-in defaults with proto.Merge (pkg/models/room_create.go
// setRoomDefaults -> plugnmeet-protocol utils/create_room.go PrepareDefaultRoomFeatures): a plain bool
// sent as false changes nothing, so a switch is sent only when on (each is off by default; `doctor`
// says what cannot be turned off). The lock settings are `optional` and take false: sent both ways.
import type {MeetingOptions} from '@plugnmeet/contracts';

export interface RoomOptionFields {
    room_features: Record<string, unknown>;
    default_lock_settings: Record<string, boolean>;
    welcome_message?: string;
}

/**
 * People's text as HTML that shows it as written. plugNmeet-client renders welcome_message as HTML:
 * 2.0 to 2.3 with dangerouslySetInnerHTML (src/components/chat/messages/message/messageTypes.tsx,
 * SystemMessage), 2.4 through sanitize-html keeping b, i, strong, br and links (src/helpers/utils.ts
 * cleanHtmlForChat). Escaped, markup is text in every version; a line break stays one.
 */
export function textAsHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]).replace(/\r\n|[\r\n\u2028\u2029]/g, '<br>');
}

const HTML_ESCAPES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

/** What the recap asks of a room beyond the meeting's options. */
export interface RecapFields {
    /** The admin's summarization_prompt; '' leaves plugNmeet's own. */
    summaryPrompt?: string;
}

/**
 * `adminWelcome`: the welcome of the admin's MEETINGS_DEFAULT_OPTIONS in force, sent as the admin wrote
 * it (an admin may format it); any other welcome is a person's text and is sent as text. Cleaned here,
 * at the door to plugNmeet, so what was stored before (schedules, ended cards' "Start a new meeting")
 * is cleaned too.
 */
export function roomOptionFields(o: MeetingOptions, adminWelcome = '', recap: RecapFields = {}): RoomOptionFields {
    // The attendance file is written only for rooms created with it (pkg/models/analytics_export.go).
    // It is on in plugNmeet's defaults too (utils/default_variables.go), which a false cannot change.
    const features: Record<string, unknown> = {enable_analytics: true};
    // Allowed here, started by a moderator inside (pkg/controllers/insights.go): every `is_enabled` in
    // insights_features is validated `const = false` at creation (plugnmeet_create_room.proto), so only
    // is_allow. plugNmeet 2.4's defaults allow both already (default_variables.go defaultInsightsFeatures)
    // and a false cannot turn them off: the option is what lets the result be posted (meetings/recap).
    if (o.transcript || o.summary) {
        features.insights_features = {
            is_allow: true,
            ...(o.transcript ? {transcription_features: {is_allow: true}} : {}),
            ...(o.summary ? {ai_features: {is_allow: true, meeting_summarization_features: {is_allow: true, ...(recap.summaryPrompt ? {summarization_prompt: recap.summaryPrompt} : {})}}} : {}),
        };
    }
    if (o.waitingRoom) {
        features.waiting_room_features = {is_active: true};
    }
    if (o.mute) {
        features.mute_on_start = true;
    }
    if (o.record) {
        features.recording_features = {enable_auto_cloud_recording: true};
    }
    if (o.e2ee) {
        features.end_to_end_encryption_features = {is_enabled: true};
    }
    if (o.duration > 0) {
        features.room_duration = String(o.duration); // uint64: protojson writes and reads it as a string
    }
    return {
        room_features: features,
        // Applied to every attendee at join (pkg/models/user_lock.go); moderators are not locked, but
        // for the whiteboard (pkg/models/user_join.go). Left out, screen sharing is locked
        // (utils.SetRoomDefaultLockSettings): NO_OPTIONS says so too.
        default_lock_settings: {
            lock_webcam: o.lockWebcams,
            lock_microphone: o.lockMics,
            lock_screen_sharing: o.lockScreen,
            lock_chat: o.lockChat,
        },
        ...(o.welcome ? {welcome_message: o.welcome === adminWelcome ? o.welcome : textAsHtml(o.welcome)} : {}),
    };
}
