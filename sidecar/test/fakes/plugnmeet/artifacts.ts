// Artifacts: what plugNmeet 2.4 leaves behind a session (plugNmeet-server v2.4.0 pkg/controllers/artifact.go,
// pkg/models/artifact_handler.go; plugnmeet-protocol v1.5.0 proto_files/plugnmeet_auth_artifact.proto,
// plugnmeet_room_artifacts.proto), and adding one as the server does at a session's end (test seeding).
// The published descriptors (plugnmeet-protocol-js 1.0.16-3) predate these messages, so their
// requests are read here, field by field, with the proto's rules.
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { FakeArtifact, FakePlugnmeet } from './types.js';
import { signJwt, verifyHs256 } from '../jwt.js';
import { nowSec, rfc3339 } from './clock.js';
import { str, strList } from './request-fields.js';
import { fail, ok, page, paging, pastRoomInfo, type Handler, type Json } from './responses.js';
import { InvalidRequest } from './protojson.js';

/** RoomArtifactType (plugnmeet_room_artifacts.proto): protojson reads a name or a number, writes the name. */
export const ARTIFACT_TYPES = [
  'UNKNOWN_ARTIFACT', 'MEETING_ANALYTICS', 'MEETING_SUMMARY', 'MEETING_SUMMARY_USAGE', 'SPEECH_TRANSCRIPTION',
  'SPEECH_TRANSCRIPTION_USAGE', 'SYNTHESIZED_SPEECH_USAGE', 'CHAT_TRANSLATION_USAGE', 'AI_TEXT_CHAT_INTERACTION_USAGE',
  'AI_TEXT_CHAT_SUMMARIZATION_USAGE',
] as const;
export type ArtifactTypeName = (typeof ARTIFACT_TYPES)[number];

/** artifact_handler.go isDownloadable: only these have a file behind a download token. */
const DOWNLOADABLE = new Set<ArtifactTypeName>(['MEETING_ANALYTICS', 'MEETING_SUMMARY', 'SPEECH_TRANSCRIPTION']);

/** Where each kind's file is written and its mime type (artifact_analytics.go, artifact_summary.go, artifact_speech_transcription.go). */
const FILES: Partial<Record<ArtifactTypeName, { name: (sid: string) => string; mime: string }>> = {
  MEETING_ANALYTICS: { name: (sid) => `analytics-${sid}-${Date.now()}.json`, mime: 'application/json' },
  MEETING_SUMMARY: { name: (sid) => `summary_${sid}-${Date.now()}.txt`, mime: 'text/plain' },
  SPEECH_TRANSCRIPTION: { name: (sid) => `transcription_${sid}-${Date.now()}.vtt`, mime: 'text/vtt' },
};

function readType(req: any): ArtifactTypeName | undefined {
  const v = req?.type;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && ARTIFACT_TYPES[v]) return ARTIFACT_TYPES[v];
  if (typeof v === 'string' && (ARTIFACT_TYPES as readonly string[]).includes(v)) return v as ArtifactTypeName;
  // protojson's refusal of an unknown enum value (decode.go unmarshalEnum)
  throw new InvalidRequest(`proto: (line 1:1): invalid value for enum field type: ${JSON.stringify(v)}`);
}

/** `artifact_id = 1 [(buf.validate.field).required = true]`, as protovalidate words it. */
function artifactId(req: any): string {
  const id = str(req, 'artifact_id');
  if (!id) throw new InvalidRequest('validation error: artifact_id: value is required');
  return id;
}

/** RoomArtifactMetadata as protojson writes it (file_size is int64: a string). */
const metadata = (a: FakeArtifact): Json => (a.file_path ? { file_info: { file_path: a.file_path, file_size: String(Buffer.byteLength(a.content)), mime_type: a.mime_type } } : {});

/** ArtifactInfo (plugnmeet_auth_artifact.proto): `created` is time.RFC3339 (artifact_handler.go FetchArtifacts). */
const artifactInfo = (a: FakeArtifact): Json => ({ artifact_id: a.artifact_id, room_id: a.room_id, type: a.type, created: rfc3339(a.created), metadata: metadata(a) });

export const artifactHandlers: Record<string, Handler> = {
  '/auth/artifact/fetch': (pn, req) => {
    const ids = strList(req, 'room_ids');
    const sid = str(req, 'room_sid');
    const type = readType(req);
    const p = paging(req);
    // db artifact_info.go GetArtifacts: room_sid wins over room_ids; neither: every artifact
    const matched = pn.artifacts.filter((a) => (sid ? a.room_sid === sid : ids.length === 0 || ids.includes(a.room_id)) && (!type || a.type === type));
    if (matched.length === 0) return fail('no artifact found', 'NOT_FOUND'); // config.NotFoundErr when total == 0
    const list = page(matched, (a) => a.created, p).map(artifactInfo);
    return ok({ result: { total_artifacts: String(matched.length), from: String(p.from), limit: String(p.limit), order_by: p.order_by, ...(type ? { type } : {}), artifacts_list: list } });
  },

  '/auth/artifact/info': (pn, req) => {
    const id = artifactId(req);
    const a = pn.artifacts.find((x) => x.artifact_id === id);
    if (!a) return fail('artifact not found', 'NOT_FOUND');
    const past = pn.pastRooms.find((r) => r.room_sid === a.room_sid);
    return ok({ artifact_info: artifactInfo(a), room_info: past ? pastRoomInfo(past) : null });
  },

  '/auth/artifact/getDownloadToken': async (pn, req) => {
    const id = artifactId(req);
    const a = pn.artifacts.find((x) => x.artifact_id === id);
    if (!a) return fail('artifact not found', 'NOT_FOUND');
    if (!DOWNLOADABLE.has(a.type)) return fail(`'${ARTIFACT_TYPES.indexOf(a.type)}' artifact type is not downloadable`, 'INTERNAL_SERVER_ERROR');
    const now = nowSec();
    // generateToken: iss = API key, sub = the file's path, exp = artifacts_settings.token_validity (10 min by default)
    return ok({ token: await signJwt({ iss: pn.apiKey, sub: a.file_path, nbf: now, exp: now + 600 }, pn.apiSecret) });
  },
};

/**
 * GET /download/artifact/:token (router.go; HandleDownloadArtifact, VerifyArtifactDownloadJWT): no
 * other auth; a bad or expired token is 401 with the error as text; the file with its mime type and
 * `attachment`; with a download hook it may be a 307 to object storage instead (`artifactRedirect`).
 */
export async function downloadArtifact(pn: FakePlugnmeet, token: string, res: http.ServerResponse): Promise<void> {
  // go-jose: HS256 with the API secret, issuer = API key, exp/nbf checked
  const claims = await verifyHs256(token, pn.apiSecret, { issuer: pn.apiKey, leewaySec: 60 }).catch(() => undefined);
  const send = (status: number, type: string, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
    res.end(body);
  };
  if (!claims) return send(401, 'text/plain; charset=utf-8', 'token expired or invalid');
  const a = pn.artifacts.find((x) => x.file_path && x.file_path === claims.sub);
  if (!a) return send(404, 'text/plain; charset=utf-8', 'requested file not found');
  pn.downloads.push(a.artifact_id);
  if (pn.artifactRedirect) {
    res.writeHead(307, { Location: `${pn.url}/storage/${encodeURIComponent(a.artifact_id)}` });
    res.end();
    return;
  }
  send(200, a.mime_type, a.content, { 'Content-Disposition': `attachment; filename=${a.file_path.split('/').pop()}` });
}

/** The "object storage" a redirecting download hook points at (no auth: a presigned URL). */
export function storageObject(pn: FakePlugnmeet, id: string, res: http.ServerResponse): void {
  const a = pn.artifacts.find((x) => x.artifact_id === id);
  if (!a) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': a.mime_type, 'Content-Length': Buffer.byteLength(a.content) });
  res.end(a.content);
}

/**
 * FakePlugnmeet.addArtifact: an artifact of the room's current (or last) session, as createAndSaveArtifact
 * stores it (a fresh uuid; the file under <type in lower case>/<room_id>/). Returns the artifact_created
 * webhook body it would send (artifact.go sendWebhookNotification), to be sent by the test.
 */
export function addArtifact(pn: FakePlugnmeet, roomId: string, type: ArtifactTypeName, content = ''): { artifact: FakeArtifact; event: Record<string, unknown> } {
  const room = pn.rooms.get(roomId);
  if (!room) throw new Error(`fake plugnmeet: no room ${roomId}`);
  const file = FILES[type];
  const artifact: FakeArtifact = {
    artifact_id: randomUUID(),
    room_id: roomId,
    room_sid: room.sid,
    type,
    created: nowSec(),
    file_path: file ? `${type.toLowerCase()}/${roomId}/${file.name(room.sid)}` : '',
    mime_type: file?.mime ?? '',
    content,
  };
  pn.artifacts.push(artifact);
  const event = {
    event: 'artifact_created',
    id: randomUUID(),
    created_at: String(nowSec()),
    // NotifyEventRoom with sid and room_id only; RoomArtifactWebhookEvent; EmitUnpopulated false
    room: { sid: room.sid, room_id: roomId },
    room_artifact: { type, artifact_id: artifact.artifact_id, metadata: metadata(artifact) },
  };
  return { artifact, event };
}

/** analytics_export.go sendToWebhookNotifier: `analytics_proceeded` after the analytics artifact, its id as file_id. */
export function analyticsProceeded(pn: FakePlugnmeet, artifact: FakeArtifact): Record<string, unknown> {
  return { event: 'analytics_proceeded', id: randomUUID(), created_at: String(nowSec()), room: { sid: artifact.room_sid, room_id: artifact.room_id }, analytics: { file_id: artifact.artifact_id } };
}

/**
 * An analytics file as exportAnalyticsToJSON writes it (protojson, EmitUnpopulated, proto names;
 * plugnmeet_analytics.proto AnalyticsResult): int64 as strings, uint32 `total` as a number; a user's
 * `joined`/`left` are hashes (one value per visit, the time in ms), `talked_duration` a counter (ms, in `total`).
 */
export function analyticsFile(o: {
  roomId: string; title: string; created: number; ended: number;
  users: Array<{ user_id: string; name: string; is_admin?: boolean; ex_user_id?: string; joined: number[]; left: number[]; talked_ms?: number }>;
}): string {
  const hash = (name: string, times: number[]) => ({ name, total: times.length, values: times.map((t) => ({ time: String(t), value: '' })) });
  return JSON.stringify({
    room: {
      room_id: o.roomId, room_title: o.title, room_total_users: String(o.users.length), room_creation: String(o.created),
      room_ended: String(o.ended), room_duration: String(o.ended - o.created), enabled_e2ee: false, events: [],
    },
    users: o.users.map((u) => ({
      user_id: u.user_id, name: u.name, is_admin: u.is_admin ?? false, extra_data: '', ex_user_id: u.ex_user_id ?? u.user_id,
      events: [hash('joined', u.joined), hash('left', u.left), { name: 'talked_duration', total: u.talked_ms ?? 0, values: [] }],
    })),
  });
}

/** protojson reads a request's fields by proto name or JSON (camelCase) name (decode.go); unknown ones are dropped. */
export function readArtifactRequest(text: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidRequest('proto: syntax error (line 1:1): unexpected token');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidRequest('proto: (line 1:1): unexpected token');
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
}
