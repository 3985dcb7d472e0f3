// What a created room's metadata becomes: the request's room features merged over the server's
// defaults, the default lock settings filled in, and the server config's room_default_settings
// applied (plugNmeet-server v2.4.0 pkg/models/room_create.go setRoomDefaults, which calls these
// plugnmeet-protocol v1.5.0 utils/create_room.go functions in this order).
import { randomBytes } from 'node:crypto';

/**
 * proto.Merge of the request over the server's default features (plugnmeet-protocol v1.5.0
 * utils/create_room.go PrepareDefaultRoomFeatures, defaults in utils/default_variables.go):
 * only populated fields are copied, so a plain bool sent as false leaves a default-on feature
 * on; `optional` bools (allow_virtual_bg, ...) do take false. The parsed JSON omits exactly the
 * unpopulated fields, so a deep merge of it is proto.Merge. (A subset of the defaults.) These
 * defaults are compiled into the protocol package: the server's config.yaml does not change them.
 */
export const DEFAULT_FEATURES = {
  allow_webcams: true, mute_on_start: false, allow_screen_share: true, allow_view_other_webcams: true,
  allow_view_other_users_list: true, admin_only_webcams: false, enable_analytics: true,
  allow_virtual_bg: true, allow_raise_hand: true, allow_reactions: true,
  recording_features: { is_allow: true, is_allow_cloud: true, is_allow_local: true, enable_auto_cloud_recording: false },
  chat_features: { is_allow: true, is_allow_file_upload: true },
  shared_note_pad_features: { is_allow: true },
  whiteboard_features: { is_allow: true },
  external_media_player_features: { is_allow: true },
  waiting_room_features: { is_active: false },
  breakout_room_features: { is_allow: true, allowed_number_rooms: 6 },
  display_external_link_features: { is_allow: true },
  ingress_features: { is_allow: true },
  end_to_end_encryption_features: { is_enabled: false },
  polls_features: { is_allow: true },
  // plugnmeet-protocol v1.5.0 (server 2.4) default_variables.go defaultInsightsFeatures: all allowed
  insights_features: {
    is_allow: true, transcription_features: { is_allow: true },
    ai_features: { is_allow: true, meeting_summarization_features: { is_allow: true } },
  },
};

/** utils/default_variables.go defaultLockSettings: what a room gets when the request has no default_lock_settings. */
export const DEFAULT_LOCK_SETTINGS = { lock_whiteboard: true, lock_screen_sharing: true, lock_shared_notepad: true };

/** plugnmeet_gen_token.proto LockSettings: every field `optional bool`, so "unset" and false differ. */
export const LOCK_FIELDS = [
  'lock_microphone', 'lock_webcam', 'lock_screen_sharing', 'lock_chat', 'lock_chat_send_message', 'lock_chat_file_share',
  'lock_private_chat', 'lock_whiteboard', 'lock_shared_notepad', 'lock_reactions',
] as const;
export type LockSettings = Partial<Record<(typeof LOCK_FIELDS)[number], boolean>>;

/**
 * The server config's `room_default_settings` (config_sample.yaml; utils.RoomDefaultSettings): a key
 * left out is a nil pointer. Without the option the fake plays config_sample.yaml's block.
 */
export interface RoomDefaultSettings {
  /** Minutes; 0 = unlimited. Caps room_features.room_duration, and sets it when the request has none. */
  max_duration?: number;
  /** 0 = unlimited. Caps max_participants, and sets it when the request has none. */
  max_participants?: number;
  /** Caps breakout_room_features.allowed_number_rooms (see applyRoomDefaultSettings for the quirk). */
  max_num_breakout_rooms?: number;
}
export const SAMPLE_ROOM_DEFAULT_SETTINGS: RoomDefaultSettings = { max_duration: 0, max_participants: 0, max_num_breakout_rooms: 6 };

export function mergeFeatures(base: any, over: any): any {
  if (over === null || typeof over !== 'object' || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(over)) out[k] = mergeFeatures(out[k], v);
  return out;
}

/**
 * PrepareDefaultRoomFeatures after the merge, then SetCreateRoomDefaultValues (the parts on fields
 * the fake keeps): a feature switched off takes its sub-switches with it; auto_gen_user_id defaults
 * to false; E2EE turns ingress off and, without a self-inserted key, gets a random encryption key.
 */
export function prepareRoomFeatures(requested: any): any {
  const rf = mergeFeatures(DEFAULT_FEATURES, requested ?? {});
  if (!rf.recording_features.is_allow) Object.assign(rf.recording_features, { is_allow_cloud: false, is_allow_local: false, enable_auto_cloud_recording: false });
  if (!rf.chat_features.is_allow) rf.chat_features.is_allow_file_upload = false;
  const e2ee = rf.end_to_end_encryption_features;
  if (!e2ee.is_enabled) Object.assign(e2ee, { enabled_self_insert_encryption_key: false, included_chat_messages: false, included_whiteboard: false });
  rf.auto_gen_user_id ??= false;
  if (rf.breakout_room_features.is_allow && !rf.breakout_room_features.allowed_number_rooms) rf.breakout_room_features.allowed_number_rooms = 6;
  if (e2ee.is_enabled) {
    rf.ingress_features.is_allow = false;
    if (!e2ee.enabled_self_insert_encryption_key) e2ee.encryption_key = randomBytes(24).toString('base64url').slice(0, 32);
    else {
      rf.recording_features.is_allow_cloud = false;
      rf.recording_features.enable_auto_cloud_recording = false;
    }
  }
  return rf;
}

/**
 * PrepareDefaultRoomFeatures (no default_lock_settings: a copy of defaultLockSettings) then
 * SetRoomDefaultLockSettings: lock_screen_sharing, lock_whiteboard and lock_shared_notepad are set to
 * true unless the request set them; the other locks stay as sent (unset = not locked).
 */
export function prepareLockSettings(requested: LockSettings | undefined): LockSettings {
  return { ...DEFAULT_LOCK_SETTINGS, ...(requested ?? {}) };
}

/**
 * SetDefaultRoomSettings with the server's room_default_settings `cfg` (mutated as the server mutates
 * its config). max_participants and max_duration: set when the request has none, capped when higher
 * (or 0). Breakout rooms: at most cfg.max_num_breakout_rooms; the first create sets a missing one to
 * 16, and, as written (`*s.MaxParticipants > maxNum`), a max_participants over 16 resets it to 16.
 * empty_timeout (under 120 or none: 1800) is applied by the caller.
 */
export function applyRoomDefaultSettings(cfg: RoomDefaultSettings, req: { max_participants?: number }, rf: any): void {
  if (cfg.max_participants !== undefined && cfg.max_participants > 0) {
    if (req.max_participants === undefined || req.max_participants === 0 || req.max_participants > cfg.max_participants) {
      req.max_participants = cfg.max_participants;
    }
  }
  if (cfg.max_duration !== undefined && cfg.max_duration > 0) {
    const asked = rf.room_duration === undefined ? undefined : Number(rf.room_duration);
    if (asked === undefined || asked === 0 || asked > cfg.max_duration) rf.room_duration = String(cfg.max_duration); // uint64: protojson string
  }
  if (cfg.max_num_breakout_rooms === undefined) cfg.max_num_breakout_rooms = 16;
  else if (cfg.max_participants! > 16) cfg.max_num_breakout_rooms = 16; // start refuses a config without max_participants
  if (rf.breakout_room_features.allowed_number_rooms > cfg.max_num_breakout_rooms) {
    rf.breakout_room_features.allowed_number_rooms = cfg.max_num_breakout_rooms;
  }
}
