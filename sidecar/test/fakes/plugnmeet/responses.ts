// How the fake plugNmeet answers /auth requests: status/msg/status_code envelopes (business
// errors as HTTP 200 + status:false), and the protojson shapes of rooms, participants, past
// rooms and recordings (snake_case, every field present, int64 as strings, enums as names).
import type { FakeParticipant, FakePlugnmeet, FakeRecording, FakeRoom, PastRoom } from './types.js';
import { rfc3339 } from './clock.js';
import { int, str } from './request-fields.js';

export type Json = Record<string, unknown>;

/** A refusal from the server's model code, after the request was valid (status_code as the server sends it). */
export class ModelError extends Error {
  constructor(message: string, readonly code = 'INTERNAL_SERVER_ERROR') {
    super(message);
  }
}

export const ok = (extra: Json = {}, msg = 'success'): Json => ({ status: true, msg, status_code: 'SUCCESS', ...extra });
export const fail = (msg: string, code: string, extra: Json = {}): Json => ({ status: false, msg, status_code: code, ...extra });

export function activeRoomInfo(room: FakeRoom): Json {
  return {
    room_title: room.room_title,
    room_id: room.room_id,
    sid: room.sid,
    joined_participants: String(room.participants.size),
    is_running: room.is_running ? 1 : 0,
    is_recording: 0,
    is_active_rtmp: 0,
    webhook_url: room.webhook_url,
    is_breakout_room: 0,
    parent_room_id: '',
    creation_time: String(room.creation_time),
    metadata: JSON.stringify(room.metadata),
  };
}

/** livekit.ParticipantInfo as protojson (EmitUnpopulated), metadata replaced by plugNmeet's. */
export function participantInfo(userId: string, p: FakeParticipant): Json {
  return {
    sid: p.sid,
    identity: userId,
    state: 'ACTIVE',
    tracks: [],
    metadata: JSON.stringify({
      is_admin: p.is_admin, ex_user_id: '', is_presenter: p.user_metadata?.is_presenter ?? false, raised_hand: false,
      wait_for_approval: p.user_metadata?.wait_for_approval ?? false, lock_settings: p.user_metadata?.lock_settings ?? {},
    }),
    joined_at: String(p.joined_at),
    joined_at_ms: String(p.joined_at * 1000),
    name: p.name,
    version: 0,
    permission: null,
    region: '',
    is_publisher: false,
    kind: 'STANDARD',
    attributes: {},
    disconnect_reason: 'UNKNOWN_REASON',
  };
}

export function pastRoomInfo(r: PastRoom): Json {
  return {
    room_title: r.room_title,
    room_id: r.room_id,
    room_sid: r.room_sid,
    joined_participants: String(r.joined_participants),
    webhook_url: r.webhook_url,
    created: rfc3339(r.created),
    ended: rfc3339(r.ended),
  };
}

export function recordingInfo(r: FakeRecording): Json {
  return {
    record_id: r.record_id,
    room_id: r.room_id,
    room_sid: r.room_sid,
    file_path: r.file_path,
    file_size: r.file_size,
    creation_time: String(r.creation_time),
    room_creation_time: String(r.room_creation_time),
  };
}

/** from/limit/order_by as the server clamps them (limit default 20, max 100). */
export function paging(req: any): { from: number; limit: number; order_by: 'ASC' | 'DESC' } {
  const from = int(req, 'from');
  let limit = int(req, 'limit');
  if (limit <= 0) limit = 20;
  if (limit > 100) limit = 100;
  const order_by = str(req, 'order_by').toUpperCase() === 'ASC' ? 'ASC' : 'DESC';
  return { from, limit, order_by };
}

export function page<T>(items: T[], key: (t: T) => number, p: ReturnType<typeof paging>): T[] {
  const sorted = [...items].sort((a, b) => (p.order_by === 'ASC' ? key(a) - key(b) : key(b) - key(a)));
  return sorted.slice(p.from, p.from + p.limit);
}

/** An /auth endpoint: the request as parsed and validated (proto names) in, the protojson response out. */
export type Handler = (pn: FakePlugnmeet, req: any) => Json | Promise<Json>;
