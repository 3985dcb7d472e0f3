// Recordings: listing, download tokens, recording info (pkg/controllers/recording.go), and
// adding one as if the recorder had finished (test seeding).
import type { FakePlugnmeet, FakeRecording } from './types.js';
import { signJwt } from '../jwt.js';
import { nowSec, rfc3339 } from './clock.js';
import { str, strList } from './request-fields.js';
import { fail, ok, page, paging, pastRoomInfo, recordingInfo, type Handler } from './responses.js';

// A missing record_id is refused by the rules (required) before these run.
const findRecording = (pn: FakePlugnmeet, req: any): FakeRecording | undefined => pn.recordings.find((r) => r.record_id === str(req, 'record_id'));

export const recordingHandlers: Record<string, Handler> = {
  '/auth/recording/fetch': (pn, req) => {
    const ids = strList(req, 'room_ids');
    const sid = str(req, 'room_sid');
    const p = paging(req);
    // both filters empty: every recording of the server, as the real one does
    const matched = pn.recordings.filter((r) => (ids.length === 0 || ids.includes(r.room_id)) && (!sid || r.room_sid === sid));
    if (matched.length === 0) return fail('no recording found', 'NOT_FOUND', { result: null });
    const list = page(matched, (r) => r.creation_time, p).map(recordingInfo);
    return ok({
      result: { total_recordings: String(matched.length), from: p.from, limit: p.limit, order_by: p.order_by, recordings_list: list },
    });
  },

  '/auth/recording/getDownloadToken': async (pn, req) => {
    const rec = findRecording(pn, req);
    if (!rec) return fail('no recording found', 'NOT_FOUND');
    const now = nowSec();
    return ok({ token: await signJwt({ iss: pn.apiKey, sub: rec.file_path, nbf: now, exp: now + 1800 }, pn.apiSecret) });
  },

  '/auth/recording/info': (pn, req) => {
    const rec = findRecording(pn, req);
    if (!rec) return fail('no recording found', 'NOT_FOUND', { recording_info: null, room_info: null });
    const past = pn.pastRooms.find((r) => r.room_sid === rec.room_sid);
    const live = [...pn.rooms.values()].find((r) => r.sid === rec.room_sid);
    const roomInfo = past
      ? pastRoomInfo(past)
      : live
        ? { room_title: live.room_title, room_id: live.room_id, room_sid: live.sid, joined_participants: String(live.participants.size), webhook_url: live.webhook_url, created: rfc3339(live.creation_time), ended: '' }
        : null;
    return ok({ recording_info: recordingInfo(rec), room_info: roomInfo });
  },
};

/** FakePlugnmeet.addRecording: a finished recording of the room's current (or last) session. */
export function addRecording(pn: FakePlugnmeet, roomId: string, r: { file_size?: number } = {}): { record_id: string } {
  const room = pn.rooms.get(roomId);
  if (!room) throw new Error(`fake plugnmeet: no room ${roomId}`);
  const record_id = `${room.sid}-${Date.now()}${pn.recordings.length}`;
  pn.recordings.push({
    record_id,
    room_id: roomId,
    room_sid: room.sid,
    file_size: r.file_size ?? 12.34,
    creation_time: nowSec(),
    room_creation_time: room.creation_time,
    file_path: `${room.sid}/${record_id}.mp4`,
  });
  return { record_id };
}
