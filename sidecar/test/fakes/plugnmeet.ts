// Fake plugNmeet server (the /auth JSON API + webhook sender) for sidecar tests.
// Behaviour follows plugNmeet-server v2.4.0 (and shared/reference/plugnmeet-api.md §1-4):
// HMAC of the RAW body; requests read like parseAndValidateRequest (protojson with
// DiscardUnknown, then protovalidate with the published rules: ./plugnmeet-rules.ts);
// responses in snake_case, every field present, int64 as strings, enums as names;
// business errors as HTTP 200 + status:false, auth errors as HTTP 401.
// `version` makes it an older server: '1.x' refuses an object extra_data.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { signHs256, verifyHs256 } from './jwt.js';
import { InvalidRequest, parseAndValidate, verifyTokenResponse, type PlugnmeetVersion } from './plugnmeet-rules.js';

export type { PlugnmeetVersion };

/** What /api/verifyToken reports as server_version for each fake version (version/version.go). */
export const FAKE_SERVER_VERSIONS: Record<PlugnmeetVersion, string> = {
  '1.x': '1.9.4', '2.0': '2.0.3', '2.1': '2.1.9', '2.2': '2.2.0', '2.3': '2.3.0', '2.4': '2.4.0',
};

export interface FakeParticipant {
  name: string;
  is_admin: boolean;
  sid: string;
  joined_at: number; // unix seconds
}

export interface FakeRoom {
  room_id: string;
  sid: string;
  room_title: string;
  is_running: boolean;
  creation_time: number; // unix seconds
  metadata: Record<string, any>; // as parsed (proto names), room_features merged over the server defaults
  webhook_url: string;
  max_participants: number;
  empty_timeout: number;
  participants: Map<string, FakeParticipant>;
  ended: boolean;
  ended_at?: number; // unix seconds
}

export interface FakeRecording {
  record_id: string;
  room_id: string;
  room_sid: string;
  file_size: number; // MB, a float like the real server
  creation_time: number; // unix seconds
  room_creation_time: number;
  file_path: string;
}

export interface PastRoom {
  room_title: string;
  room_id: string;
  room_sid: string;
  joined_participants: number;
  webhook_url: string;
  created: number; // unix seconds
  ended: number;
}

/** 'garbage': a proxy's HTML page with HTTP 200, where JSON was expected. */
export type PnmMode = 'ok' | 'error500' | 'drop' | 'garbage';

export interface FakePlugnmeet {
  url: string;
  version: PlugnmeetVersion;
  apiKey: string;
  apiSecret: string;
  rooms: Map<string, FakeRoom>; // current (or last) session per room_id
  pastRooms: PastRoom[]; // every ended session, oldest first
  /** Every authenticated request whose body was JSON, as sent (refused ones too). */
  calls: Array<{ path: string; body: any }>;
  tokens: Array<{ room_id: string; user_id: string; name: string; is_admin: boolean; token: string }>;
  kicked: Array<{ room_id: string; user_id: string }>; // duplicate-entry kicks (new token for an online user)
  recordings: FakeRecording[];
  mode: PnmMode;
  setMode(m: PnmMode): void;
  /** Requests that have arrived, answered or not (calls lists them once handled). */
  received: number;
  delayMs: number;
  joinParticipant(roomId: string, userId: string, name?: string): void;
  leaveParticipant(roomId: string, userId: string): void;
  endRoomExternally(roomId: string): void;
  addRecording(roomId: string, r?: { file_size?: number }): { record_id: string };
  /** A CommonNotifyEvent for `roomId` shaped like the real sender (EmitUnpopulated false). */
  buildEvent(event: string, roomId: string, extra?: { participant?: { identity: string; name?: string }; recordId?: string }): Record<string, unknown>;
  sendWebhook(
    url: string,
    event: Record<string, unknown>,
    opts?: { secret?: string; apiKey?: string; tamperBody?: boolean; omitAuth?: boolean },
  ): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- protojson helpers

/** A refusal from the server's model code, after the request was valid (status_code as the server sends it). */
class ModelError extends Error {
  constructor(message: string, readonly code = 'INTERNAL_SERVER_ERROR') {
    super(message);
  }
}

const nowSec = () => Math.floor(Date.now() / 1000);

function str(obj: any, key: string): string {
  const v = obj?.[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new Error(`fake plugnmeet: unexpected value for string field ${key}: ${JSON.stringify(v)}`);
  return v;
}

function bool(obj: any, key: string): boolean {
  const v = obj?.[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new Error(`fake plugnmeet: unexpected value for bool field ${key}: ${JSON.stringify(v)}`);
  return v;
}

/** int/uint fields: protojson accepts numbers or numeric strings. */
function int(obj: any, key: string): number {
  const v = obj?.[key];
  if (v === undefined || v === null) return 0;
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`fake plugnmeet: unexpected value for integer field ${key}: ${JSON.stringify(v)}`);
  return n;
}

function strList(obj: any, key: string): string[] {
  const v = obj?.[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`fake plugnmeet: unexpected value for repeated string field ${key}`);
  return v;
}

function message(obj: any, key: string): Record<string, any> | undefined {
  const v = obj?.[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`fake plugnmeet: unexpected value for message field ${key}`);
  return v;
}

// plugNmeet-server pkg/models/user_join.go (validUserIDRegex) and natsservice's key patterns.
const USER_ID_RE = /^[a-zA-Z0-9-_]+$/;
const RESERVED_PREFIX = 'user_';
const RESERVED_INFIX = '-FIELD_';

/**
 * proto.Merge of the request over the server's default features (plugnmeet-protocol v1.5.0
 * utils/create_room.go PrepareDefaultRoomFeatures, defaults in utils/default_variables.go):
 * only populated fields are copied, so a plain bool sent as false leaves a default-on feature
 * on; `optional` bools (allow_virtual_bg, ...) do take false. The parsed JSON omits exactly the
 * unpopulated fields, so a deep merge of it is proto.Merge. (A subset of the defaults.)
 */
const DEFAULT_FEATURES = {
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

function mergeFeatures(base: any, over: any): any {
  if (over === null || typeof over !== 'object' || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(over)) out[k] = mergeFeatures(out[k], v);
  return out;
}

/** RFC3339 like Go's time.RFC3339 (no milliseconds). */
function rfc3339(sec: number): string {
  return new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---------------------------------------------------------------- responses

type Json = Record<string, unknown>;

const ok = (extra: Json = {}, msg = 'success'): Json => ({ status: true, msg, status_code: 'SUCCESS', ...extra });
const fail = (msg: string, code: string, extra: Json = {}): Json => ({ status: false, msg, status_code: code, ...extra });

function activeRoomInfo(room: FakeRoom): Json {
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
function participantInfo(userId: string, p: FakeParticipant): Json {
  return {
    sid: p.sid,
    identity: userId,
    state: 'ACTIVE',
    tracks: [],
    metadata: JSON.stringify({ is_admin: p.is_admin, ex_user_id: '', is_presenter: false, raised_hand: false, wait_for_approval: false }),
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

function pastRoomInfo(r: PastRoom): Json {
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

function recordingInfo(r: FakeRecording): Json {
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
function paging(req: any): { from: number; limit: number; order_by: 'ASC' | 'DESC' } {
  const from = int(req, 'from');
  let limit = int(req, 'limit');
  if (limit <= 0) limit = 20;
  if (limit > 100) limit = 100;
  const order_by = str(req, 'order_by').toUpperCase() === 'ASC' ? 'ASC' : 'DESC';
  return { from, limit, order_by };
}

function page<T>(items: T[], key: (t: T) => number, p: ReturnType<typeof paging>): T[] {
  const sorted = [...items].sort((a, b) => (p.order_by === 'ASC' ? key(a) - key(b) : key(b) - key(a)));
  return sorted.slice(p.from, p.from + p.limit);
}

// ---------------------------------------------------------------- server

export async function startFakePlugnmeet(opts: { apiKey?: string; apiSecret?: string; version?: PlugnmeetVersion } = {}): Promise<FakePlugnmeet> {
  const apiKey = opts.apiKey ?? 'plugnmeet';
  const apiSecret = opts.apiSecret ?? 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6';
  const rooms = new Map<string, FakeRoom>();
  const pastRooms: PastRoom[] = [];
  const recordings: FakeRecording[] = [];
  const calls: FakePlugnmeet['calls'] = [];
  const tokens: FakePlugnmeet['tokens'] = [];
  const kicked: FakePlugnmeet['kicked'] = [];

  const activeRoom = (roomId: string): FakeRoom | undefined => {
    const r = rooms.get(roomId);
    return r && !r.ended ? r : undefined;
  };

  function endSession(room: FakeRoom): void {
    if (room.ended) return;
    room.ended = true;
    room.is_running = false;
    room.ended_at = nowSec();
    pastRooms.push({
      room_title: room.room_title,
      room_id: room.room_id,
      room_sid: room.sid,
      // the DB column is the online counter at the time the session ended, not a peak
      joined_participants: room.participants.size,
      webhook_url: room.webhook_url,
      created: room.creation_time,
      ended: room.ended_at,
    });
    room.participants.clear();
  }

  function mustRoom(roomId: string): FakeRoom {
    const r = activeRoom(roomId);
    if (!r) throw new Error(`fake plugnmeet: room ${roomId} is not active`);
    return r;
  }

  // ---- handlers: each gets the request as parsed and validated (proto names), returns the protojson response

  const handlers: Record<string, (req: any) => Json> = {
    '/auth/room/create': (req) => {
      const roomId = str(req, 'room_id');
      const md = { ...message(req, 'metadata')! };
      // pkg/models/room_create.go CreateRoom: reserved NATS key patterns, refused after validation
      if (roomId.includes(RESERVED_INFIX)) throw new ModelError(`RoomId cannot contain the reserved pattern '${RESERVED_INFIX}'`);
      if (roomId.startsWith(RESERVED_PREFIX)) throw new ModelError(`RoomId cannot start with the reserved pattern '${RESERVED_PREFIX}'`);
      // pkg/dbmodels/room.go: roomId is varchar(64); a longer one fails in the database
      if (roomId.length > 64) throw new ModelError("Error 1406 (22001): Data too long for column 'roomId' at row 1");
      md.room_features = mergeFeatures(DEFAULT_FEATURES, md.room_features);

      const existing = activeRoom(roomId);
      if (existing) return ok({ room_info: activeRoomInfo(existing) }); // idempotent: nothing re-applied

      let emptyTimeout = int(req, 'empty_timeout');
      if (emptyTimeout < 120) emptyTimeout = 1800;
      const room: FakeRoom = {
        room_id: roomId,
        sid: randomUUID(),
        room_title: str(md, 'room_title'),
        is_running: true,
        creation_time: nowSec(),
        metadata: md,
        webhook_url: str(md, 'webhook_url'),
        max_participants: int(req, 'max_participants'),
        empty_timeout: emptyTimeout,
        participants: new Map(),
        ended: false,
      };
      rooms.set(roomId, room);
      return ok({ room_info: activeRoomInfo(room) });
    },

    '/auth/room/getJoinToken': (req) => {
      const roomId = str(req, 'room_id');
      const ui = message(req, 'user_info')!;
      const name = str(ui, 'name');
      const userId = str(ui, 'user_id');
      const isAdmin = bool(ui, 'is_admin');
      // pkg/controllers/user.go HandleGenerateJoinToken: the room must be active first
      const room = activeRoom(roomId);
      if (!room) return fail('room is not active', 'ROOM_NOT_FOUND');
      // pkg/models/user_join.go GetPNMJoinToken: user_id checks, answered as INTERNAL_SERVER_ERROR
      if (!USER_ID_RE.test(userId)) throw new ModelError('user_id should only contain ASCII letters (a-z A-Z), digits (0-9) or -_');
      if (userId.includes(RESERVED_INFIX)) throw new ModelError(`user_id cannot contain the reserved pattern '${RESERVED_INFIX}'`);
      if (userId.startsWith(RESERVED_PREFIX)) throw new ModelError(`user_id cannot start with the reserved pattern '${RESERVED_PREFIX}'`);
      // the same user_id already online: that session is kicked (duplicate entry)
      if (room.participants.delete(userId)) kicked.push({ room_id: roomId, user_id: userId });
      const now = nowSec();
      const token = signHs256(
        { iss: apiKey, sub: userId, nbf: now, exp: now + 600, name, user_id: userId, room_id: roomId, is_admin: isAdmin, is_hidden: bool(ui, 'is_hidden') },
        apiSecret,
      );
      tokens.push({ room_id: roomId, user_id: userId, name, is_admin: isAdmin, token });
      return ok({ token });
    },

    '/auth/room/isRoomActive': (req) => {
      const roomId = requiredRoomId(req);
      return activeRoom(roomId)
        ? ok({ is_active: true }, 'room is active')
        : { status: true, msg: 'room is not active', status_code: 'ROOM_NOT_FOUND', is_active: false };
    },

    '/auth/room/getActiveRoomInfo': (req) => {
      const room = activeRoom(requiredRoomId(req));
      if (!room) return fail('room not active', 'ROOM_NOT_ACTIVE', { room: null });
      return ok({ room: withParticipants(room) });
    },

    '/auth/room/getActiveRoomsInfo': () => {
      const active = [...rooms.values()].filter((r) => !r.ended);
      if (active.length === 0) return fail('no active room found', 'NOT_FOUND', { rooms: [] });
      return ok({ rooms: active.map(withParticipants) });
    },

    '/auth/room/endRoom': (req) => {
      const room = activeRoom(requiredRoomId(req));
      if (!room) return fail('room not found or not active', 'ROOM_NOT_FOUND');
      endSession(room);
      return ok();
    },

    '/auth/room/fetchPastRooms': (req) => {
      const ids = strList(req, 'room_ids');
      const p = paging(req);
      const matched = pastRooms.filter((r) => ids.length === 0 || ids.includes(r.room_id));
      if (matched.length === 0) return fail('no info found', 'NOT_FOUND', { result: null });
      const list = page(matched, (r) => r.created, p).map(pastRoomInfo);
      return ok({ result: { total_rooms: String(matched.length), from: p.from, limit: p.limit, order_by: p.order_by, rooms_list: list } });
    },

    '/auth/recording/fetch': (req) => {
      const ids = strList(req, 'room_ids');
      const sid = str(req, 'room_sid');
      const p = paging(req);
      // both filters empty: every recording of the server, as the real one does
      const matched = recordings.filter((r) => (ids.length === 0 || ids.includes(r.room_id)) && (!sid || r.room_sid === sid));
      if (matched.length === 0) return fail('no recording found', 'NOT_FOUND', { result: null });
      const list = page(matched, (r) => r.creation_time, p).map(recordingInfo);
      return ok({
        result: { total_recordings: String(matched.length), from: p.from, limit: p.limit, order_by: p.order_by, recordings_list: list },
      });
    },

    '/auth/recording/getDownloadToken': (req) => {
      const rec = findRecording(req);
      if (!rec) return fail('no recording found', 'NOT_FOUND');
      const now = nowSec();
      return ok({ token: signHs256({ iss: apiKey, sub: rec.file_path, nbf: now, exp: now + 1800 }, apiSecret) });
    },

    '/auth/recording/info': (req) => {
      const rec = findRecording(req);
      if (!rec) return fail('no recording found', 'NOT_FOUND', { recording_info: null, room_info: null });
      const past = pastRooms.find((r) => r.room_sid === rec.room_sid);
      const live = [...rooms.values()].find((r) => r.sid === rec.room_sid);
      const roomInfo = past
        ? pastRoomInfo(past)
        : live
          ? { room_title: live.room_title, room_id: live.room_id, room_sid: live.sid, joined_participants: String(live.participants.size), webhook_url: live.webhook_url, created: rfc3339(live.creation_time), ended: '' }
          : null;
      return ok({ recording_info: recordingInfo(rec), room_info: roomInfo });
    },
  };

  // A missing room_id or record_id is refused by the rules (required) before these run.
  const requiredRoomId = (req: any): string => str(req, 'room_id');
  const findRecording = (req: any): FakeRecording | undefined => recordings.find((r) => r.record_id === str(req, 'record_id'));

  function withParticipants(room: FakeRoom): Json {
    return {
      room_info: activeRoomInfo(room),
      participants_info: [...room.participants.entries()].map(([id, p]) => participantInfo(id, p)),
    };
  }

  // ---- auth: API-KEY + lowercase hex HMAC-SHA256 of the raw body, constant-time compare
  // (pkg/controllers/auth.go HandleAuthHeaderCheck, its messages as in v2.4.0)

  function checkAuth(req: http.IncomingMessage, raw: Buffer): Json | undefined {
    const key = header(req, 'api-key');
    const signature = header(req, 'hash-signature');
    if (!key) return fail('Missing API-KEY header.', 'MISSING_REQUIRED_PARAMETER');
    if (!constantEq(key, apiKey)) return fail('Invalid API key provided.', 'INVALID_API_KEY');
    if (!signature) return fail('Missing HASH-SIGNATURE header.', 'MISSING_REQUIRED_PARAMETER');
    const expected = createHmac('sha256', apiSecret).update(raw).digest('hex');
    if (!constantEq(signature, expected)) return fail('Failed to verify provided authentication details.', 'INVALID_TOKEN_OR_SIGNATURE');
    return undefined;
  }

  /**
   * POST /api/verifyToken (pkg/controllers/auth.go HandleVerifyHeaderToken + HandleVerifyToken):
   * a join token in Authorization, an (empty) protobuf VerifyTokenReq; the answer is a protobuf
   * VerifyTokenRes carrying server_version. Read only: nothing changes.
   */
  function verifyToken(req: http.IncomingMessage, res: http.ServerResponse): void {
    let claims: Record<string, unknown> | undefined;
    try {
      claims = verifyHs256(header(req, 'authorization'), apiSecret, { issuer: apiKey });
    } catch {
      claims = undefined;
    }
    const room = claims && activeRoom(String(claims.room_id));
    const binary = (status: number, bytes: Uint8Array) => {
      res.writeHead(status, { 'Content-Type': 'application/protobuf', 'Content-Length': bytes.length });
      res.end(bytes);
    };
    if (!claims) return binary(401, verifyTokenResponse({ status: false, msg: 'notifications.invalid-token' }));
    if (!room) return binary(401, verifyTokenResponse({ status: false, msg: 'notifications.room-not-active' }));
    if (room.participants.has(String(claims.user_id))) {
      return binary(200, verifyTokenResponse({ status: false, msg: 'notifications.room-disconnected-duplicate-entry' }));
    }
    binary(200, verifyTokenResponse({ status: true, msg: 'token is valid', serverVersion: FAKE_SERVER_VERSIONS[fake.version], roomId: room.room_id, userId: String(claims.user_id) }));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    fake.received++;
    const raw = await readRaw(req);
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
    if (fake.mode === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fake.mode === 'error500') return sendText(res, 500, 'Internal Server Error');
    if (fake.mode === 'garbage') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Welcome to nginx!</body></html>');
      return;
    }

    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api/verifyToken' && req.method === 'POST') return verifyToken(req, res);
    // the auth middleware guards the whole /auth group, so it runs before the router miss
    if (!path.startsWith('/auth/') && path !== '/auth') return sendText(res, 404, `Cannot ${req.method} ${path}`);
    const authErr = checkAuth(req, raw);
    if (authErr) return sendJson(res, 401, authErr);
    const handler = req.method === 'POST' ? handlers[path] : undefined;
    if (!handler) return sendText(res, 404, `Cannot ${req.method} ${path}`);

    const text = raw.toString('utf8');
    try {
      calls.push({ path, body: JSON.parse(text) });
    } catch {
      // not JSON: refused below, and not a call the tests count
    }
    let body: Record<string, any>;
    try {
      body = parseAndValidate(path, text, fake.version) ?? {};
    } catch (e) {
      if (e instanceof InvalidRequest) return sendJson(res, 200, fail(e.message, 'INVALID_PARAMETERS'));
      throw e;
    }
    try {
      sendJson(res, 200, handler(body));
    } catch (e) {
      if (e instanceof ModelError) return sendJson(res, 200, fail(e.message, e.code));
      throw e;
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendText(res, 500, String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakePlugnmeet = {
    url: `http://127.0.0.1:${port}`,
    version: opts.version ?? '2.4',
    apiKey,
    apiSecret,
    rooms,
    pastRooms,
    calls,
    tokens,
    kicked,
    recordings,
    mode: 'ok',
    received: 0,
    delayMs: 0,
    setMode(m) {
      fake.mode = m;
    },
    joinParticipant(roomId, userId, name) {
      const room = mustRoom(roomId);
      const issued = [...tokens].reverse().find((t) => t.room_id === roomId && t.user_id === userId);
      room.participants.set(userId, {
        name: name ?? issued?.name ?? userId,
        is_admin: issued?.is_admin ?? false,
        sid: 'PA_' + randomUUID().replace(/-/g, '').slice(0, 12),
        joined_at: nowSec(),
      });
    },
    leaveParticipant(roomId, userId) {
      mustRoom(roomId).participants.delete(userId);
    },
    endRoomExternally(roomId) {
      endSession(mustRoom(roomId));
    },
    addRecording(roomId, r = {}) {
      const room = rooms.get(roomId);
      if (!room) throw new Error(`fake plugnmeet: no room ${roomId}`);
      const record_id = `${room.sid}-${Date.now()}${recordings.length}`;
      recordings.push({
        record_id,
        room_id: roomId,
        room_sid: room.sid,
        file_size: r.file_size ?? 12.34,
        creation_time: nowSec(),
        room_creation_time: room.creation_time,
        file_path: `${room.sid}/${record_id}.mp4`,
      });
      return { record_id };
    },
    buildEvent(event, roomId, extra = {}) {
      const room = rooms.get(roomId);
      if (!room) throw new Error(`fake plugnmeet: no room ${roomId}`);
      return dropZeros({
        event,
        id: randomUUID(),
        created_at: String(nowSec()),
        room: {
          sid: room.sid,
          room_id: room.room_id,
          empty_timeout: room.empty_timeout,
          max_participants: room.max_participants,
          creation_time: String(room.creation_time),
          metadata: JSON.stringify(room.metadata),
          num_participants: room.participants.size,
        },
        participant: extra.participant && {
          sid: room.participants.get(extra.participant.identity)?.sid ?? 'PA_' + randomUUID().slice(0, 8),
          identity: extra.participant.identity,
          name: extra.participant.name ?? room.participants.get(extra.participant.identity)?.name ?? extra.participant.identity,
          state: 'ACTIVE',
          joined_at: String(nowSec()),
        },
        recording_info: extra.recordId !== undefined ? recordingEventInfo(extra.recordId) : undefined,
      });
    },
    sendWebhook: (url, event, o = {}) => sendWebhook(url, event, { apiKey, apiSecret, ...o }),
    close: () => closeServer(server),
  };

  function recordingEventInfo(recordId: string): Json {
    const rec = recordings.find((r) => r.record_id === recordId);
    if (!rec) throw new Error(`fake plugnmeet: no recording ${recordId}`);
    return { record_id: rec.record_id, recorder_id: 'node_01', file_path: rec.file_path, file_size: rec.file_size };
  }

  return fake;
}

// ---------------------------------------------------------------- webhook sender

/**
 * Like plugnmeet-protocol webhook/notifier.go: body = protojson (caller's object as is),
 * both Authorization and Hash-Token carry the same JWT (no "Bearer "), claim sha256 =
 * base64(sha256(body)). tamperBody signs one body and sends another.
 */
async function sendWebhook(
  url: string,
  event: Record<string, unknown>,
  o: { apiKey: string; apiSecret: string; secret?: string; tamperBody?: boolean; omitAuth?: boolean },
): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(event);
  const now = nowSec();
  const sha256 = createHash('sha256').update(body).digest('base64');
  const token = signHs256({ iss: o.apiKey, nbf: now, exp: now + 300, sha256 }, o.secret ?? o.apiSecret);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (!o.omitAuth) {
    headers['Authorization'] = token;
    headers['Hash-Token'] = token;
  }
  const sent = o.tamperBody ? body.replace(/}$/, ',"tampered":true}') : body;
  const res = await fetch(url, { method: 'POST', headers, body: sent });
  return { status: res.status, body: await res.text() };
}

// ---------------------------------------------------------------- small utilities

/** EmitUnpopulated:false drops zero values, empty strings and absent messages. */
function dropZeros(v: any): any {
  if (Array.isArray(v)) return v.map(dropZeros);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null || x === '' || x === 0 || x === false || x === '0') continue;
    out[k] = dropZeros(x);
  }
  return out;
}

function header(req: http.IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function constantEq(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readRaw(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
