// Webhooks plugNmeet sends: the CommonNotifyEvent body and its signed delivery
// (plugnmeet-protocol webhook/notifier.go).
import { createHash, randomUUID } from 'node:crypto';
import type { FakePlugnmeet } from './types.js';
import { signJwt } from '../jwt.js';
import { nowSec } from './clock.js';
import type { Json } from './responses.js';

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

function recordingEventInfo(pn: FakePlugnmeet, recordId: string): Json {
  const rec = pn.recordings.find((r) => r.record_id === recordId);
  if (!rec) throw new Error(`fake plugnmeet: no recording ${recordId}`);
  return { record_id: rec.record_id, recorder_id: 'node_01', file_path: rec.file_path, file_size: rec.file_size };
}

/** A CommonNotifyEvent for `roomId` shaped like the real sender (EmitUnpopulated false). */
export function buildEvent(
  pn: FakePlugnmeet, event: string, roomId: string, extra: { participant?: { identity: string; name?: string }; recordId?: string } = {},
): Record<string, unknown> {
  const room = pn.rooms.get(roomId);
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
    recording_info: extra.recordId !== undefined ? recordingEventInfo(pn, extra.recordId) : undefined,
  });
}

/**
 * Like plugnmeet-protocol webhook/notifier.go: body = protojson (caller's object as is),
 * both Authorization and Hash-Token carry the same JWT (no "Bearer "), claim sha256 =
 * base64(sha256(body)). tamperBody signs one body and sends another.
 */
export async function sendWebhook(
  url: string,
  event: Record<string, unknown>,
  o: { apiKey: string; apiSecret: string; secret?: string; tamperBody?: boolean; omitAuth?: boolean },
): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(event);
  const now = nowSec();
  const sha256 = createHash('sha256').update(body).digest('base64');
  const token = await signJwt({ iss: o.apiKey, nbf: now, exp: now + 300, sha256 }, o.secret ?? o.apiSecret);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (!o.omitAuth) {
    headers['Authorization'] = token;
    headers['Hash-Token'] = token;
  }
  const sent = o.tamperBody ? body.replace(/}$/, ',"tampered":true}') : body;
  const res = await fetch(url, { method: 'POST', headers, body: sent });
  return { status: res.status, body: await res.text() };
}
