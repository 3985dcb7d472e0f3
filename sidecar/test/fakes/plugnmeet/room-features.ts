// The room features a created room gets: the request's merged over the server's defaults.

/**
 * proto.Merge of the request over the server's default features (plugnmeet-protocol v1.5.0
 * utils/create_room.go PrepareDefaultRoomFeatures, defaults in utils/default_variables.go):
 * only populated fields are copied, so a plain bool sent as false leaves a default-on feature
 * on; `optional` bools (allow_virtual_bg, ...) do take false. The parsed JSON omits exactly the
 * unpopulated fields, so a deep merge of it is proto.Merge. (A subset of the defaults.)
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
};

export function mergeFeatures(base: any, over: any): any {
  if (over === null || typeof over !== 'object' || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(over)) out[k] = mergeFeatures(out[k], v);
  return out;
}
