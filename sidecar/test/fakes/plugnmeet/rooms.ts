// Rooms and their sessions: create (idempotent while active), join tokens (duplicate entry
// kicks), active room info, ending, past rooms (pkg/controllers/room.go, user.go; pkg/models).
// Test seeding: participants joining and leaving, a room ended from plugNmeet's side.
import { randomUUID } from 'node:crypto';
import type { FakePlugnmeet, FakeRoom, LockSettings, UserMetadata } from './types.js';
import { signJwt } from '../jwt.js';
import { nowSec } from './clock.js';
import { bool, int, message, str, strList } from './request-fields.js';
import { ModelError, activeRoomInfo, fail, ok, page, paging, participantInfo, pastRoomInfo, type Handler, type Json } from './responses.js';
import { LOCK_FIELDS, applyRoomDefaultSettings, prepareLockSettings, prepareRoomFeatures } from './room-features.js';

// plugNmeet-server pkg/models/user_join.go (validUserIDRegex) and natsservice's key patterns.
const USER_ID_RE = /^[a-zA-Z0-9-_]+$/;
const RESERVED_PREFIX = 'user_';
const RESERVED_INFIX = '-FIELD_';
// pkg/config/constants.go (v2.4.0): ids of plugNmeet's own participants (IsUserIdInternal), the
// suffix of a hybrid user's native twin, and the recorder's name; user_join.go Step 2 refuses them.
const INTERNAL_ID_PREFIXES = ['ingres_', 'pnm_agent-', 'pnm_tts_agent-', 'sip_'];
const NATIVE_TWIN_SUFFIX = '-native';
const RECORDER_AUTH_NAME = 'PLUGNMEET_RECORDER_AUTH';

export function activeRoom(pn: FakePlugnmeet, roomId: string): FakeRoom | undefined {
  const r = pn.rooms.get(roomId);
  return r && !r.ended ? r : undefined;
}

function mustRoom(pn: FakePlugnmeet, roomId: string): FakeRoom {
  const r = activeRoom(pn, roomId);
  if (!r) throw new Error(`fake plugnmeet: room ${roomId} is not active`);
  return r;
}

export function endSession(pn: FakePlugnmeet, room: FakeRoom): void {
  if (room.ended) return;
  room.ended = true;
  room.is_running = false;
  room.ended_at = nowSec();
  pn.pastRooms.push({
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

function withParticipants(room: FakeRoom): Json {
  return {
    room_info: activeRoomInfo(room),
    participants_info: [...room.participants.entries()].map(([id, p]) => participantInfo(id, p)),
  };
}

// A missing room_id is refused by the rules (required) before these run.
const requiredRoomId = (req: any): string => str(req, 'room_id');

/**
 * GetPNMJoinToken Step 8 (pkg/models/user_join.go). An admin: is_admin, never waits, presenter when no
 * online participant is (user_presenter.go CreateNewPresenter), no locks except the room's
 * lock_whiteboard when not presenter. Anybody else: the locks they were sent, with the room's
 * default_lock_settings filling the ones left unset (user_lock.go AssignLockSettingsToUser /
 * applyDefaultLockSettings), and wait_for_approval while the waiting room is active. A non-admin keeps
 * the user_metadata.is_admin sent (Step 8 does not reset it). The request cannot set is_presenter or
 * wait_for_approval (bool.const = false in plugnmeet_gen_token.proto).
 */
function joinMetadata(room: FakeRoom, isAdmin: boolean, asked: Record<string, any> | undefined): UserMetadata {
  const roomLocks: LockSettings = room.metadata.default_lock_settings ?? {};
  if (isAdmin) {
    const isPresenter = ![...room.participants.values()].some((p) => p.user_metadata?.is_presenter);
    const locks: LockSettings = {};
    if (!isPresenter && roomLocks.lock_whiteboard !== undefined) locks.lock_whiteboard = roomLocks.lock_whiteboard;
    return { is_admin: true, is_presenter: isPresenter, wait_for_approval: false, lock_settings: locks };
  }
  const locks: LockSettings = { ...(message(asked, 'lock_settings') ?? {}) };
  for (const k of LOCK_FIELDS) if (locks[k] === undefined && roomLocks[k] !== undefined) locks[k] = roomLocks[k];
  return {
    is_admin: bool(asked, 'is_admin'),
    is_presenter: false,
    wait_for_approval: room.metadata.room_features?.waiting_room_features?.is_active === true,
    lock_settings: locks,
  };
}

export const roomHandlers: Record<string, Handler> = {
  '/auth/room/create': (pn, req) => {
    const roomId = str(req, 'room_id');
    const md = { ...message(req, 'metadata')! };
    // pkg/models/room_create.go CreateRoom: reserved NATS key patterns, refused after validation
    if (roomId.includes(RESERVED_INFIX)) throw new ModelError(`RoomId cannot contain the reserved pattern '${RESERVED_INFIX}'`);
    if (roomId.startsWith(RESERVED_PREFIX)) throw new ModelError(`RoomId cannot start with the reserved pattern '${RESERVED_PREFIX}'`);
    // pkg/dbmodels/room.go: roomId is varchar(64); a longer one fails in the database
    if (roomId.length > 64) throw new ModelError("Error 1406 (22001): Data too long for column 'roomId' at row 1");

    const existing = activeRoom(pn, roomId);
    if (existing) return ok({ room_info: activeRoomInfo(existing) }); // idempotent: nothing re-applied

    // setRoomDefaults (room_create.go): features over the defaults, lock settings, room_default_settings
    md.room_features = prepareRoomFeatures(md.room_features);
    md.default_lock_settings = prepareLockSettings(message(md, 'default_lock_settings') as LockSettings | undefined);
    const limits: { max_participants?: number } = req.max_participants === undefined ? {} : { max_participants: int(req, 'max_participants') };
    applyRoomDefaultSettings(pn.roomDefaultSettings, limits, md.room_features);
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
      max_participants: limits.max_participants ?? 0,
      empty_timeout: emptyTimeout,
      participants: new Map(),
      ended: false,
    };
    pn.rooms.set(roomId, room);
    return ok({ room_info: activeRoomInfo(room) });
  },

  '/auth/room/getJoinToken': async (pn, req) => {
    const roomId = str(req, 'room_id');
    const ui = message(req, 'user_info')!;
    const name = str(ui, 'name');
    const userId = str(ui, 'user_id');
    const isAdmin = bool(ui, 'is_admin');
    // pkg/controllers/user.go HandleGenerateJoinToken: the room must be active first
    const room = activeRoom(pn, roomId);
    if (!room) return fail('room is not active', 'ROOM_NOT_FOUND');
    // pkg/models/user_join.go GetPNMJoinToken Step 2: reserved names and ids, before anything else
    if (name === RECORDER_AUTH_NAME) throw new ModelError(`name: ${RECORDER_AUTH_NAME} is reserved for internal use only`);
    if (INTERNAL_ID_PREFIXES.some((p) => userId.startsWith(p))) throw new ModelError(`user_id: ${userId} is reserved for internal use only`);
    if (userId.endsWith(NATIVE_TWIN_SUFFIX)) throw new ModelError(`user_id: suffix ${NATIVE_TWIN_SUFFIX} is reserved for internal use only`);
    // pkg/models/user_join.go GetPNMJoinToken: user_id checks, answered as INTERNAL_SERVER_ERROR
    if (!USER_ID_RE.test(userId)) throw new ModelError('user_id should only contain ASCII letters (a-z A-Z), digits (0-9) or -_');
    if (userId.includes(RESERVED_INFIX)) throw new ModelError(`user_id cannot contain the reserved pattern '${RESERVED_INFIX}'`);
    if (userId.startsWith(RESERVED_PREFIX)) throw new ModelError(`user_id cannot start with the reserved pattern '${RESERVED_PREFIX}'`);
    // Step 6: the same user_id already online: that session is kicked (duplicate entry); a room with
    // room_features.auto_gen_user_id gives every token a fresh id instead (not used by the sidecar)
    if (room.participants.delete(userId)) pn.kicked.push({ room_id: roomId, user_id: userId });
    const userMetadata = joinMetadata(room, isAdmin, message(ui, 'user_metadata'));
    const now = nowSec();
    // Step 10: the claims carry no metadata; the server keeps it in NATS for the clients
    const token = await signJwt(
      { iss: pn.apiKey, sub: userId, nbf: now, exp: now + 600, name, user_id: userId, room_id: roomId, is_admin: isAdmin, is_hidden: bool(ui, 'is_hidden') },
      pn.apiSecret,
    );
    pn.tokens.push({ room_id: roomId, user_id: userId, name, is_admin: isAdmin, token, user_metadata: userMetadata });
    return ok({ token });
  },

  '/auth/room/isRoomActive': (pn, req) => {
    const roomId = requiredRoomId(req);
    return activeRoom(pn, roomId)
      ? ok({ is_active: true }, 'room is active')
      : { status: true, msg: 'room is not active', status_code: 'ROOM_NOT_FOUND', is_active: false };
  },

  '/auth/room/getActiveRoomInfo': (pn, req) => {
    const room = activeRoom(pn, requiredRoomId(req));
    if (!room) return fail('room not active', 'ROOM_NOT_ACTIVE', { room: null });
    return ok({ room: withParticipants(room) });
  },

  '/auth/room/getActiveRoomsInfo': (pn) => {
    const active = [...pn.rooms.values()].filter((r) => !r.ended);
    if (active.length === 0) return fail('no active room found', 'NOT_FOUND', { rooms: [] });
    return ok({ rooms: active.map(withParticipants) });
  },

  '/auth/room/endRoom': (pn, req) => {
    const room = activeRoom(pn, requiredRoomId(req));
    if (!room) return fail('room not found or not active', 'ROOM_NOT_FOUND');
    endSession(pn, room);
    return ok();
  },

  '/auth/room/fetchPastRooms': (pn, req) => {
    const ids = strList(req, 'room_ids');
    const p = paging(req);
    const matched = pn.pastRooms.filter((r) => ids.length === 0 || ids.includes(r.room_id));
    if (matched.length === 0) return fail('no info found', 'NOT_FOUND', { result: null });
    const list = page(matched, (r) => r.created, p).map(pastRoomInfo);
    return ok({ result: { total_rooms: String(matched.length), from: p.from, limit: p.limit, order_by: p.order_by, rooms_list: list } });
  },
};

// ---- test seeding (FakePlugnmeet.joinParticipant, leaveParticipant, endRoomExternally)

/** A participant online in an active room, with the name and role of the last token issued to them. */
export function joinParticipant(pn: FakePlugnmeet, roomId: string, userId: string, name?: string): void {
  const room = mustRoom(pn, roomId);
  const issued = [...pn.tokens].reverse().find((t) => t.room_id === roomId && t.user_id === userId);
  room.participants.set(userId, {
    name: name ?? issued?.name ?? userId,
    is_admin: issued?.is_admin ?? false,
    sid: 'PA_' + randomUUID().replace(/-/g, '').slice(0, 12),
    joined_at: nowSec(),
    ...(issued ? { user_metadata: issued.user_metadata } : {}),
  });
}

export function leaveParticipant(pn: FakePlugnmeet, roomId: string, userId: string): void {
  mustRoom(pn, roomId).participants.delete(userId);
}

export function endRoomExternally(pn: FakePlugnmeet, roomId: string): void {
  endSession(pn, mustRoom(pn, roomId));
}
