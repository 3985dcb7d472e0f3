// Self-tests: the fakes must be as strict as the real servers, or sidecar tests prove nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, createHmac } from 'node:crypto';
import { parse as formDecode } from 'node:querystring';
import mmClient from '@mattermost/client';
import { startFakePlugnmeet, type FakePlugnmeet } from './fakes/plugnmeet.js';
import { startFakeMattermost, type FakeMattermost } from './fakes/mattermost.js';
import { decodeJwt, joseSignJwt, signHs256, signJwt, verifyHs256 } from './fakes/jwt.js';

const { Client4, ClientError } = mmClient;

// ---------------------------------------------------------------- helpers

interface Captured { method: string; path: string; headers: http.IncomingHttpHeaders; body: string }

/** A throwaway receiver: records every request and answers with `reply`. */
async function receiver(reply: (c: Captured) => { status?: number; json?: unknown; text?: string; contentType?: string }) {
  const seen: Captured[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const c = { method: req.method!, path: req.url!, headers: req.headers, body };
      seen.push(c);
      const r = reply(c);
      const text = r.json !== undefined ? JSON.stringify(r.json) : (r.text ?? '');
      res.writeHead(r.status ?? 200, { 'Content-Type': r.contentType ?? (r.json !== undefined ? 'application/json' : 'text/plain') });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Signs like a correct client: lowercase hex HMAC of the exact bytes sent. */
async function pnm(
  fake: FakePlugnmeet,
  path: string,
  body: unknown,
  o: { sig?: (raw: string) => string; key?: string | null; raw?: string } = {},
): Promise<{ status: number; json: any; text: string }> {
  const raw = o.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (o.key !== null) headers['API-KEY'] = o.key ?? fake.apiKey;
  headers['HASH-SIGNATURE'] = o.sig ? o.sig(raw) : createHmac('sha256', fake.apiSecret).update(raw).digest('hex');
  const res = await fetch(fake.url + path, { method: 'POST', headers, body: raw });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

const createBody = (roomId: string, title = 'Team call') => ({
  room_id: roomId,
  metadata: { room_title: title, webhook_url: 'http://127.0.0.1:1/hook', room_features: {}, extra_data: { channel_id: 'c1' } },
});

async function mm(fake: FakeMattermost, method: string, path: string, body?: unknown, token = fake.botToken) {
  const res = await fetch(fake.url + path, {
    method,
    headers: { Authorization: `BEARER ${token}`, 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

const card = (channelId: string, actionUrl: string, extra: Record<string, unknown> = {}) => ({
  channel_id: channelId,
  message: 'Meeting started',
  type: 'custom_plugnmeet',
  props: {
    meeting_status: 'live',
    attachments: [
      {
        text: 'Join',
        actions: [
          { id: 'join', type: 'button', name: 'Join', style: 'primary', integration: { url: actionUrl, context: { room: 'r1', mac: 'abc' } } },
          { type: 'button', name: 'Refresh', integration: { url: actionUrl, context: { action: 'refresh' } } },
        ],
      },
    ],
  },
  ...extra,
});

// ---------------------------------------------------------------- JWT helpers

describe('fake JWT helpers', () => {
  const claims = { iss: 'key1', nbf: 1_800_000_000, exp: 1_800_000_300, sha256: 'a+b/c=', name: 'Zoë' };

  it('signHs256 (synchronous) and signJwt write the very token jose SignJWT writes', async () => {
    assert.equal(signHs256(claims, 'secret1'), await joseSignJwt(claims, 'secret1'));
    assert.equal(await signJwt(claims, 'secret1'), await joseSignJwt(claims, 'secret1'));
    assert.deepEqual(decodeJwt(signHs256(claims, 'secret1')), { header: { alg: 'HS256', typ: 'JWT' }, claims });
  });

  it('verifyHs256 checks signature, alg, issuer, exp and nbf with 30 s of leeway by default', async () => {
    const at = (nowSec: number, o: { issuer?: string; leewaySec?: number } = {}) => verifyHs256(signHs256(claims, 'secret1'), 'secret1', { nowSec, ...o });
    assert.deepEqual(await at(1_800_000_100, { issuer: 'key1' }), claims);
    assert.deepEqual(await at(1_800_000_320), claims); // 20 s past exp: within the leeway
    assert.deepEqual(await at(1_799_999_980), claims); // 20 s before nbf: within the leeway
    await assert.rejects(at(1_800_000_340), { code: 'ERR_JWT_EXPIRED' });
    await assert.rejects(at(1_800_000_320, { leewaySec: 0 }), { code: 'ERR_JWT_EXPIRED' });
    await assert.rejects(at(1_799_999_960), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    await assert.rejects(at(1_800_000_100, { issuer: 'key2' }), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    await assert.rejects(verifyHs256(signHs256(claims, 'secret2'), 'secret1', { nowSec: 1_800_000_100 }), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    const [, body, sig] = signHs256(claims, 'secret1').split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${body}.${sig}`;
    await assert.rejects(verifyHs256(none, 'secret1', { nowSec: 1_800_000_100 }));
  });
});

// ---------------------------------------------------------------- plugNmeet

describe('fake plugNmeet', () => {
  let pn: FakePlugnmeet;
  before(async () => {
    pn = await startFakePlugnmeet({ apiKey: 'key1', apiSecret: 'secret1' });
  });
  after(() => pn.close());

  it('rejects wrong, uppercase and re-serialised signatures with 401 and does not record them', async () => {
    const before = pn.calls.length;
    const raw = '{"room_id": "abc"}'; // note the space: re-serialising changes the bytes
    const wrong = await pnm(pn, '/auth/room/isRoomActive', null, { raw, sig: () => 'deadbeef' });
    assert.equal(wrong.status, 401);
    // plugNmeet-server v2.4.0 pkg/controllers/auth.go HandleAuthHeaderCheck
    assert.deepEqual(wrong.json, { status: false, msg: 'Failed to verify provided authentication details.', status_code: 'INVALID_TOKEN_OR_SIGNATURE' });
    const upper = await pnm(pn, '/auth/room/isRoomActive', null, { raw, sig: (r) => createHmac('sha256', pn.apiSecret).update(r).digest('hex').toUpperCase() });
    assert.equal(upper.status, 401);
    const reser = await pnm(pn, '/auth/room/isRoomActive', null, {
      raw,
      sig: (r) => createHmac('sha256', pn.apiSecret).update(JSON.stringify(JSON.parse(r))).digest('hex'),
    });
    assert.equal(reser.status, 401);
    const good = await pnm(pn, '/auth/room/isRoomActive', null, { raw });
    assert.equal(good.status, 200);
    assert.equal(pn.calls.length, before + 1);
  });

  it('rejects a missing or wrong API-KEY with 401', async () => {
    const missing = await pnm(pn, '/auth/room/isRoomActive', { room_id: 'x' }, { key: null });
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.json, { status: false, msg: 'Missing API-KEY header.', status_code: 'MISSING_REQUIRED_PARAMETER' });
    const wrong = await pnm(pn, '/auth/room/isRoomActive', { room_id: 'x' }, { key: 'other' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, { status: false, msg: 'Invalid API key provided.', status_code: 'INVALID_API_KEY' });
  });

  it('create: int64 as strings, is_* as 0/1, metadata as a JSON string', async () => {
    const r = await pnm(pn, '/auth/room/create', createBody('room-a'));
    assert.equal(r.status, 200);
    assert.equal(r.json.status, true);
    assert.equal(r.json.status_code, 'SUCCESS');
    const info = r.json.room_info;
    assert.equal(info.is_running, 1);
    assert.equal(info.is_recording, 0);
    assert.equal(info.is_breakout_room, 0);
    assert.equal(info.joined_participants, '0');
    assert.equal(typeof info.creation_time, 'string');
    assert.match(info.creation_time, /^\d+$/);
    assert.equal(info.parent_room_id, '');
    assert.equal(info.webhook_url, 'http://127.0.0.1:1/hook');
    assert.equal(typeof info.metadata, 'string');
    assert.deepEqual(JSON.parse(info.metadata).extra_data, { channel_id: 'c1' });
  });

  it('create is idempotent for an active room and starts a new session after the end', async () => {
    const first = await pnm(pn, '/auth/room/create', createBody('room-b', 'First'));
    const again = await pnm(pn, '/auth/room/create', createBody('room-b', 'Second'));
    assert.equal(again.json.status, true);
    assert.equal(again.json.room_info.sid, first.json.room_info.sid);
    assert.equal(again.json.room_info.room_title, 'First'); // new metadata not applied
    pn.endRoomExternally('room-b');
    const third = await pnm(pn, '/auth/room/create', createBody('room-b', 'Third'));
    assert.notEqual(third.json.room_info.sid, first.json.room_info.sid);
    assert.equal(third.json.room_info.room_title, 'Third');
  });

  it('parses like protojson: camelCase accepted, unknown keys dropped, bad types rejected with status:false', async () => {
    const camel = await pnm(pn, '/auth/room/create', { roomId: 'room-c', someFutureField: 1, metadata: { roomTitle: 'T', roomFeatures: { allowWebcams: true } } });
    assert.equal(camel.json.status, true);
    assert.equal(pn.rooms.get('room-c')!.room_title, 'T');
    const extraString = await pnm(pn, '/auth/room/create', { room_id: 'room-d', metadata: { room_title: 'T', room_features: {}, extra_data: '{"a":1}' } });
    assert.deepEqual([extraString.status, extraString.json.status, extraString.json.status_code], [200, false, 'INVALID_PARAMETERS']);
    const noFeatures = await pnm(pn, '/auth/room/create', { room_id: 'room-d', metadata: { room_title: 'T' } });
    assert.equal(noFeatures.json.status_code, 'INVALID_PARAMETERS');
    for (const bad of ['user_x', 'a b', 'x-FIELD_y', 'a'.repeat(65)]) {
      const r = await pnm(pn, '/auth/room/create', createBody(bad));
      assert.equal(r.json.status, false, bad);
    }
    const badJson = await pnm(pn, '/auth/room/create', null, { raw: '{not json' });
    assert.deepEqual([badJson.status, badJson.json.status, badJson.json.status_code], [200, false, 'INVALID_PARAMETERS']);
  });

  it('join token: HTTP 200 status:false for an ended room; a verifiable JWT for an active one', async () => {
    await pnm(pn, '/auth/room/create', createBody('room-e'));
    const t = await pnm(pn, '/auth/room/getJoinToken', { room_id: 'room-e', user_info: { name: 'Alice', user_id: 'u1', is_admin: true, is_hidden: false } });
    assert.equal(t.json.status, true);
    const claims = await verifyHs256(t.json.token, pn.apiSecret, { issuer: pn.apiKey });
    assert.equal(claims.sub, 'u1');
    assert.equal(claims.room_id, 'room-e');
    assert.equal(claims.is_admin, true);
    assert.equal((claims.exp as number) - (claims.nbf as number), 600);
    assert.equal(pn.tokens.at(-1)!.user_id, 'u1');

    // user_id is checked by the model after validation (user_join.go): INTERNAL_SERVER_ERROR
    const badUser = await pnm(pn, '/auth/room/getJoinToken', { room_id: 'room-e', user_info: { name: 'A', user_id: 'user_1' } });
    assert.deepEqual(badUser.json, { status: false, msg: "user_id cannot start with the reserved pattern 'user_'", status_code: 'INTERNAL_SERVER_ERROR' });
    const noName = await pnm(pn, '/auth/room/getJoinToken', { room_id: 'room-e', user_info: { user_id: 'u2' } });
    assert.deepEqual(noName.json, { status: false, msg: 'validation error: user_info.name: value is required', status_code: 'INVALID_PARAMETERS' });

    pn.endRoomExternally('room-e');
    const ended = await pnm(pn, '/auth/room/getJoinToken', { room_id: 'room-e', user_info: { name: 'Alice', user_id: 'u1' } });
    assert.equal(ended.status, 200);
    assert.deepEqual(ended.json, { status: false, msg: 'room is not active', status_code: 'ROOM_NOT_FOUND' });
  });

  it('a new token for an online user kicks the existing session', async () => {
    await pnm(pn, '/auth/room/create', createBody('room-k'));
    pn.joinParticipant('room-k', 'u1', 'Alice');
    await pnm(pn, '/auth/room/getJoinToken', { room_id: 'room-k', user_info: { name: 'Alice', user_id: 'u1' } });
    assert.equal(pn.rooms.get('room-k')!.participants.size, 0);
    assert.deepEqual(pn.kicked.at(-1), { room_id: 'room-k', user_id: 'u1' });
  });

  it('isRoomActive / getActiveRoomInfo / endRoom / fetchPastRooms', async () => {
    await pnm(pn, '/auth/room/create', createBody('room-f'));
    pn.joinParticipant('room-f', 'u1', 'Alice');
    pn.joinParticipant('room-f', 'u2', 'Bob');
    pn.leaveParticipant('room-f', 'u2');
    const active = await pnm(pn, '/auth/room/isRoomActive', { room_id: 'room-f' });
    assert.deepEqual([active.json.status, active.json.is_active], [true, true]);
    const info = await pnm(pn, '/auth/room/getActiveRoomInfo', { room_id: 'room-f' });
    assert.equal(info.json.room.room_info.joined_participants, '1');
    assert.equal(info.json.room.participants_info[0].identity, 'u1');
    assert.equal(typeof info.json.room.participants_info[0].joined_at, 'string');
    assert.equal(JSON.parse(info.json.room.participants_info[0].metadata).is_admin, false);

    const end = await pnm(pn, '/auth/room/endRoom', { room_id: 'room-f' });
    assert.equal(end.json.status, true);
    const endAgain = await pnm(pn, '/auth/room/endRoom', { room_id: 'room-f' });
    assert.deepEqual(endAgain.json, { status: false, msg: 'room not found or not active', status_code: 'ROOM_NOT_FOUND' });
    const inactive = await pnm(pn, '/auth/room/isRoomActive', { room_id: 'room-f' });
    assert.deepEqual(inactive.json, { status: true, msg: 'room is not active', status_code: 'ROOM_NOT_FOUND', is_active: false });
    const infoEnded = await pnm(pn, '/auth/room/getActiveRoomInfo', { room_id: 'room-f' });
    assert.equal(infoEnded.json.status, false);

    const past = await pnm(pn, '/auth/room/fetchPastRooms', { room_ids: ['room-f'], from: 0, limit: 10, order_by: 'DESC' });
    assert.equal(past.json.status, true);
    assert.equal(past.json.result.total_rooms, '1');
    assert.match(past.json.result.rooms_list[0].ended, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const none = await pnm(pn, '/auth/room/fetchPastRooms', { room_ids: ['nope'] });
    assert.deepEqual([none.json.status, none.json.msg, none.json.status_code], [false, 'no info found', 'NOT_FOUND']);
  });

  it('recordings: filtered by room, unfiltered returns every room, tokens, info', async () => {
    await pnm(pn, '/auth/room/create', createBody('room-g'));
    await pnm(pn, '/auth/room/create', createBody('room-h'));
    const { record_id } = pn.addRecording('room-g', { file_size: 3.5 });
    pn.addRecording('room-h');
    const mine = await pnm(pn, '/auth/recording/fetch', { room_ids: ['room-g'], from: 0, limit: 20, order_by: 'DESC' });
    assert.equal(mine.json.result.total_recordings, '1');
    const rec = mine.json.result.recordings_list[0];
    assert.deepEqual([rec.record_id, rec.file_size, typeof rec.creation_time], [record_id, 3.5, 'string']);
    const all = await pnm(pn, '/auth/recording/fetch', {});
    assert.ok(Number(all.json.result.total_recordings) >= 2);
    const none = await pnm(pn, '/auth/recording/fetch', { room_ids: ['zzz'] });
    assert.deepEqual([none.json.status, none.json.status_code], [false, 'NOT_FOUND']);
    const tok = await pnm(pn, '/auth/recording/getDownloadToken', { record_id });
    assert.equal((await verifyHs256(tok.json.token, pn.apiSecret)).sub, rec.file_path);
    const badTok = await pnm(pn, '/auth/recording/getDownloadToken', { record_id: 'nope' });
    assert.deepEqual([badTok.json.status, badTok.json.status_code], [false, 'NOT_FOUND']);
    const info = await pnm(pn, '/auth/recording/info', { record_id });
    assert.equal(info.json.recording_info.room_id, 'room-g');
    assert.equal(info.json.room_info.room_id, 'room-g');
  });

  it('unknown /auth path is a router miss (404) once authenticated', async () => {
    const r = await pnm(pn, '/auth/room/nope', {});
    assert.equal(r.status, 404);
  });

  it('error500, drop and delay modes', async () => {
    pn.setMode('error500');
    const e = await pnm(pn, '/auth/room/isRoomActive', { room_id: 'x' });
    assert.equal(e.status, 500);
    assert.equal(e.json, undefined);
    pn.setMode('drop');
    await assert.rejects(pnm(pn, '/auth/room/isRoomActive', { room_id: 'x' }));
    pn.setMode('ok');
    pn.delayMs = 300;
    await assert.rejects(
      fetch(pn.url + '/auth/room/isRoomActive', { method: 'POST', body: '{}', signal: AbortSignal.timeout(50) }),
    );
    pn.delayMs = 0;
  });

  it('sendWebhook: JWT verifies with the secret, sha256 claim matches the raw body; tamper/omit work', async () => {
    const rx = await receiver(() => ({ status: 200, text: 'ok' }));
    try {
      await pnm(pn, '/auth/room/create', createBody('room-w'));
      pn.joinParticipant('room-w', 'u1', 'Alice');
      const event = pn.buildEvent('participant_joined', 'room-w', { participant: { identity: 'u1' } });
      const r = await pn.sendWebhook(rx.url + '/plugnmeet/webhook', event);
      assert.equal(r.status, 200);
      const got = rx.seen[0]!;
      assert.equal(got.headers['content-type'], 'application/json');
      assert.equal(got.headers['authorization'], got.headers['hash-token']);
      assert.doesNotMatch(String(got.headers['authorization']), /^Bearer /i);
      const claims = await verifyHs256(String(got.headers['hash-token']), pn.apiSecret, { issuer: pn.apiKey });
      assert.equal(claims.sha256, createHash('sha256').update(got.body).digest('base64'));
      assert.equal((claims.exp as number) - (claims.nbf as number), 300);
      const body = JSON.parse(got.body);
      assert.equal(body.event, 'participant_joined');
      assert.equal(typeof body.created_at, 'string');
      assert.equal(body.room.sid, pn.rooms.get('room-w')!.sid);
      assert.equal(body.participant.identity, 'u1');

      await pn.sendWebhook(rx.url, event, { tamperBody: true });
      const tampered = rx.seen[1]!;
      assert.notEqual(decodeJwt(String(tampered.headers['hash-token'])).claims.sha256, createHash('sha256').update(tampered.body).digest('base64'));
      await pn.sendWebhook(rx.url, event, { secret: 'wrong' });
      await assert.rejects(verifyHs256(String(rx.seen[2]!.headers['hash-token']), pn.apiSecret));
      await pn.sendWebhook(rx.url, event, { omitAuth: true });
      assert.equal(rx.seen[3]!.headers['authorization'], undefined);
    } finally {
      await rx.close();
    }
  });
});

// ---------------------------------------------------------------- Mattermost

describe('fake Mattermost', () => {
  let mmf: FakeMattermost;
  let action: Awaited<ReturnType<typeof receiver>>;
  let actionReply: (c: Captured) => { status?: number; json?: unknown; text?: string } = () => ({ json: {} });
  before(async () => {
    mmf = await startFakeMattermost();
    action = await receiver((c) => actionReply(c));
  });
  after(async () => {
    await action.close();
    await mmf.close();
  });

  it('auth: wrong bearer -> 401 AppError; Client4 "BEARER" works', async () => {
    const bad = await mm(mmf, 'GET', '/api/v4/users/me', undefined, 'nope');
    assert.equal(bad.status, 401);
    assert.equal(bad.json.id, 'api.context.session_expired.app_error');
    assert.equal(bad.json.status_code, 401);
    const me = await mm(mmf, 'GET', '/api/v4/users/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.id, mmf.bot.id);
    assert.equal(mmf.requests.some((r) => r.path === '/api/v4/users/me'), true);
  });

  it('users and channels', async () => {
    const alice = mmf.addUser({ username: 'alice' });
    const ids = await mm(mmf, 'POST', '/api/v4/users/ids', [alice.id, 'x'.repeat(26)]);
    assert.deepEqual(ids.json.map((u: any) => u.username), ['alice']);
    assert.equal((await mm(mmf, 'GET', `/api/v4/users/${'a'.repeat(26)}`)).status, 404);
    const priv = mmf.addChannel({ type: 'P', members: [alice.id] });
    assert.equal((await mm(mmf, 'GET', `/api/v4/channels/${priv.id}`)).status, 403);
    const pub = mmf.addChannel({ type: 'O' });
    assert.equal((await mm(mmf, 'GET', `/api/v4/channels/${pub.id}`)).json.type, 'O');
  });

  it('channel members: bot may self-join public; private 403; DM 400; missing user_id 400', async () => {
    const alice = mmf.addUser({ username: 'alice2' });
    const pub = mmf.addChannel({ type: 'O' });
    const join = await mm(mmf, 'POST', `/api/v4/channels/${pub.id}/members`, { user_id: mmf.bot.id });
    assert.equal(join.status, 201);
    assert.equal(mmf.isMember(pub.id, mmf.bot.id), true);
    const priv = mmf.addChannel({ type: 'P', members: [alice.id] });
    assert.equal((await mm(mmf, 'POST', `/api/v4/channels/${priv.id}/members`, { user_id: mmf.bot.id })).status, 403);
    const dm = mmf.addChannel({ type: 'D', members: [alice.id, mmf.addUser({ username: 'bob2' }).id] });
    assert.equal((await mm(mmf, 'POST', `/api/v4/channels/${dm.id}/members`, { user_id: mmf.bot.id })).status, 400);
    assert.equal((await mm(mmf, 'POST', `/api/v4/channels/${pub.id}/members`, {})).status, 400);
  });

  it('create post: type must be "" or custom_*, channel must exist, root must be valid, body capped', async () => {
    const ch = mmf.addChannel({ type: 'O' });
    const foo = await mm(mmf, 'POST', '/api/v4/posts', { channel_id: ch.id, message: 'x', type: 'foo' });
    assert.equal(foo.status, 400);
    assert.equal(foo.json.id, 'model.post.is_valid.type.app_error');
    assert.equal((await mm(mmf, 'POST', '/api/v4/posts', { channel_id: 'z'.repeat(26), message: 'x' })).status, 403);
    assert.equal((await mm(mmf, 'POST', '/api/v4/posts', '{bad json')).json.id, 'api.context.invalid_body_param.app_error');
    const badRoot = await mm(mmf, 'POST', '/api/v4/posts', { channel_id: ch.id, message: 'x', root_id: 'q'.repeat(26) });
    assert.equal(badRoot.status, 400);
    const big = await mm(mmf, 'POST', '/api/v4/posts', { channel_id: ch.id, message: 'x', props: { blob: 'a'.repeat(300_001) } });
    assert.equal(big.status, 413);
    const badAction = await mm(mmf, 'POST', '/api/v4/posts', {
      channel_id: ch.id, message: 'x', props: { attachments: [{ actions: [{ name: 'Go', type: 'link', integration: { url: 'http://x' } }] }] },
    });
    assert.equal(badAction.status, 400);
    // the bot (system_post_all) may post where it is not a member, even a DM of others
    const dm = mmf.addChannel({ type: 'D', members: [mmf.addUser({ username: 'c1' }).id, mmf.addUser({ username: 'c2' }).id] });
    const okDm = await mm(mmf, 'POST', '/api/v4/posts', { channel_id: dm.id, message: 'hi' });
    assert.equal(okDm.status, 201);
    const reply = await mm(mmf, 'POST', '/api/v4/posts', { channel_id: dm.id, message: 're', root_id: okDm.json.id });
    assert.equal(reply.status, 201);
    const replyToReply = await mm(mmf, 'POST', '/api/v4/posts', { channel_id: dm.id, message: 're', root_id: reply.json.id });
    assert.equal(replyToReply.status, 400);
  });

  it('integrations are stripped from create and GET responses but kept in the store; ids generated', async () => {
    const ch = mmf.addChannel({ type: 'O' });
    const r = await mm(mmf, 'POST', '/api/v4/posts', card(ch.id, action.url));
    assert.equal(r.status, 201);
    assert.match(r.json.id, /^[a-z0-9]{26}$/);
    assert.equal(r.json.user_id, mmf.bot.id);
    assert.equal(r.json.edit_at, 0);
    const actions = r.json.props.attachments[0].actions;
    assert.equal(actions[0].integration, undefined);
    assert.match(actions[1].id, /^[a-z0-9]{26}$/);
    const got = await mm(mmf, 'GET', `/api/v4/posts/${r.json.id}`);
    assert.equal(got.json.props.attachments[0].actions[0].integration, undefined);
    assert.equal(mmf.posts.get(r.json.id).props.attachments[0].actions[0].integration.url, action.url);
  });

  it('patch: PUT only, props replaced wholesale, update_at/edit_at bumped', async () => {
    const ch = mmf.addChannel({ type: 'O' });
    mmf.addMember(ch.id, mmf.bot.id);
    const p = await mm(mmf, 'POST', '/api/v4/posts', { channel_id: ch.id, message: 'm', type: 'custom_plugnmeet', props: { a: 1, b: 2 } });
    const patched = await mm(mmf, 'PUT', `/api/v4/posts/${p.json.id}/patch`, { props: { a: 3 } });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json.props, { a: 3 });
    assert.equal(patched.json.message, 'm');
    assert.equal(patched.json.edit_at, 0);
    assert.ok(patched.json.update_at > p.json.update_at);
    const msg = await mm(mmf, 'PUT', `/api/v4/posts/${p.json.id}/patch`, { message: 'ended' });
    assert.deepEqual(msg.json.props, { a: 3 });
    assert.ok(msg.json.edit_at > 0);
    assert.equal((await mm(mmf, 'PATCH', `/api/v4/posts/${p.json.id}/patch`, { message: 'x' })).status, 405);
    assert.equal((await mm(mmf, 'PUT', `/api/v4/posts/${'n'.repeat(26)}/patch`, { message: 'x' })).status, 403);
  });

  it('patch by the bot in a private channel it is not a member of -> 403; member -> 200', async () => {
    const alice = mmf.addUser({ username: 'alice3' });
    const priv = mmf.addChannel({ type: 'P', members: [alice.id] });
    const p = await mm(mmf, 'POST', '/api/v4/posts', { channel_id: priv.id, message: 'm', type: 'custom_plugnmeet', props: {} });
    assert.equal(p.status, 201);
    const denied = await mm(mmf, 'PUT', `/api/v4/posts/${p.json.id}/patch`, { props: { x: 1 } });
    assert.equal(denied.status, 403);
    assert.equal(denied.json.id, 'api.context.permissions.app_error');
    assert.equal((await mm(mmf, 'GET', `/api/v4/posts/${p.json.id}`)).status, 403);
    mmf.addMember(priv.id, mmf.bot.id);
    assert.equal((await mm(mmf, 'PUT', `/api/v4/posts/${p.json.id}/patch`, { props: { x: 1 } })).status, 200);
  });

  it('clickButton posts the integration request with the context and applies the update', async () => {
    const alice = mmf.addUser({ username: 'alice4' });
    const priv = mmf.addChannel({ type: 'P', members: [alice.id], name: 'secret' });
    const p = await mm(mmf, 'POST', '/api/v4/posts', card(priv.id, action.url + '/mattermost/action'));
    actionReply = () => ({ json: { update: { message: 'Meeting ended', props: { meeting_status: 'ended', from_webhook: 'x' } }, ephemeral_text: 'Open <https://pnm/x|the meeting>' } });
    const res = await mmf.clickButton(p.json.id, 'join', alice);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'OK');
    const sent = action.seen.at(-1)!;
    assert.equal(sent.path, '/mattermost/action');
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.equal(sent.headers['authorization'], undefined);
    const req = JSON.parse(sent.body);
    assert.deepEqual(req.context, { room: 'r1', mac: 'abc' });
    assert.deepEqual(
      [req.user_id, req.user_name, req.channel_id, req.channel_name, req.team_id, req.team_domain, req.post_id, req.type],
      [alice.id, 'alice4', priv.id, 'secret', mmf.teamId, mmf.teamName, p.json.id, 'button'],
    );
    const stored = mmf.posts.get(p.json.id);
    assert.equal(stored.message, 'Meeting ended');
    // props replaced; from_webhook was not on the original post so it is removed
    assert.deepEqual(stored.props, { meeting_status: 'ended' });
    assert.equal(res.ephemeralText, 'Open [the meeting](https://pnm/x)');
    assert.deepEqual(mmf.ephemerals.at(-1), { user_id: alice.id, channel_id: priv.id, message: res.ephemeralText, root_id: p.json.id });
  });

  it('clickButton: props-less update keeps props but empties a missing message; non-200 -> 400; outsider 403', async () => {
    const alice = mmf.addUser({ username: 'alice5' });
    const ch = mmf.addChannel({ type: 'P', members: [alice.id] });
    const p = await mm(mmf, 'POST', '/api/v4/posts', card(ch.id, action.url));
    actionReply = () => ({ json: { update: {} } });
    assert.equal((await mmf.clickButton(p.json.id, 'join', alice)).status, 200);
    const stored = mmf.posts.get(p.json.id);
    assert.equal(stored.message, '');
    assert.equal(stored.props.attachments[0].actions[0].integration.url, action.url); // old props kept whole
    actionReply = () => ({ status: 500, text: 'boom' });
    const failed = await mmf.clickButton(p.json.id, 'join', alice);
    assert.equal(failed.status, 400);
    assert.equal(failed.body.id, 'api.post.do_action.action_integration.app_error');
    assert.equal((await mmf.clickButton(p.json.id, 'nope', alice)).status, 404);
    assert.equal((await mmf.clickButton(p.json.id, 'join', mmf.addUser({ username: 'eve' }))).status, 403);
  });

  it('sendCommand sends the exact form and headers Mattermost sends', async () => {
    const rx = await receiver(() => ({ json: { response_type: 'ephemeral', text: 'hello', goto_location: 'https://x' } }));
    try {
      const alice = mmf.addUser({ username: 'alice6' });
      const ch = mmf.addChannel({ type: 'O', name: 'town-square' });
      const r = await mmf.sendCommand(rx.url + '/mattermost/command', { token: 'tok123', user: alice, channel: ch, text: 'start Daily @alice6', rootId: 'r'.repeat(26) });
      assert.equal(r.status, 200);
      assert.equal(r.body.goto_location, 'https://x');
      const got = rx.seen[0]!;
      assert.equal(got.method, 'POST');
      assert.equal(got.path, '/mattermost/command');
      assert.equal(got.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(got.headers['accept'], 'application/json');
      assert.equal(got.headers['authorization'], 'Token tok123');
      const form = formDecode(got.body);
      assert.deepEqual(
        Object.keys(form),
        // url.Values.Encode sorts the keys (app/command.go DoCommandRequest); 10.11 sends no root_id
        ['channel_id', 'channel_name', 'command', 'response_url', 'team_domain', 'team_id', 'text', 'token', 'trigger_id', 'user_id', 'user_mentions', 'user_mentions_ids', 'user_name'],
      );
      assert.deepEqual(
        [form.token, form.team_id, form.team_domain, form.channel_id, form.channel_name, form.user_id, form.user_name, form.command, form.text],
        ['tok123', mmf.teamId, mmf.teamName, ch.id, 'town-square', alice.id, 'alice6', '/plugnmeet', 'start Daily @alice6'],
      );
      assert.equal(form.root_id, undefined); // release-10.11 (the default version) never sends it
      assert.match(String(form.response_url), new RegExp(`^${mmf.url}/hooks/commands/[a-z0-9]{26}$`));
      assert.deepEqual(mmf.ephemerals.at(-1), { user_id: alice.id, channel_id: ch.id, message: 'hello', root_id: 'r'.repeat(26), props: undefined });

      await mmf.sendCommand(rx.url, { token: '', user: alice, channel: ch, text: '' });
      assert.equal(rx.seen[1]!.headers['authorization'], undefined);
    } finally {
      await rx.close();
    }
  });
});

// ---------------------------------------------------------------- Mattermost: teams and slash commands (setup)

describe('fake Mattermost: admin token, teams, slash commands', () => {
  let mmf: FakeMattermost;
  before(async () => {
    mmf = await startFakeMattermost();
  });
  after(() => mmf.close());

  const client = (token: string) => {
    const c = new Client4();
    c.setUrl(mmf.url);
    c.setToken(token);
    c.setIncludeCookies(false);
    return c;
  };
  const commandBody = (teamId: string, extra: Record<string, unknown> = {}) => ({
    team_id: teamId, trigger: 'plugnmeet', method: 'P', url: 'https://sidecar.example.com/mattermost/command', auto_complete: true,
    auto_complete_desc: 'Video meetings', auto_complete_hint: '[start|help]', display_name: 'plugNmeet', description: 'Meetings', ...extra,
  });

  it('each token acts as its own user: bot and system admin', async () => {
    const asBot = await mm(mmf, 'GET', '/api/v4/users/me');
    assert.deepEqual([asBot.json.id, asBot.json.is_bot], [mmf.bot.id, true]);
    const asAdmin = await mm(mmf, 'GET', '/api/v4/users/me', undefined, mmf.adminToken);
    assert.deepEqual([asAdmin.json.id, asAdmin.json.roles, asAdmin.json.is_bot], [mmf.admin.id, 'system_user system_admin', false]);
    assert.equal(mmf.requests.at(-1)!.userId, mmf.admin.id);
    // the admin may do what the bot may not: read a private channel, post as itself (no from_bot)
    const priv = mmf.addChannel({ type: 'P', members: [mmf.addUser({ username: 'tina' }).id] });
    assert.equal((await mm(mmf, 'GET', `/api/v4/channels/${priv.id}`)).status, 403);
    assert.equal((await mm(mmf, 'GET', `/api/v4/channels/${priv.id}`, undefined, mmf.adminToken)).status, 200);
    const post = await mm(mmf, 'POST', '/api/v4/posts', { channel_id: priv.id, message: 'hi' }, mmf.adminToken);
    assert.deepEqual([post.status, post.json.user_id, post.json.props.from_bot], [201, mmf.admin.id, undefined]);
  });

  it('teams: the default team has the bot, a new team does not; channels can live in any team', async () => {
    const t = mmf.addTeam({ name: 'alpha', display_name: 'Alpha' });
    assert.deepEqual(mmf.teams.get(t.id), { id: t.id, name: 'alpha', display_name: 'Alpha', type: 'O' });
    assert.equal(mmf.isTeamMember(mmf.teamId, mmf.bot.id), true);
    assert.equal(mmf.isTeamMember(t.id, mmf.bot.id), false);
    assert.equal(mmf.teams.get(mmf.teamId)!.name, mmf.teamName);
    const ch = mmf.addChannel({ type: 'O', team_id: t.id });
    assert.equal(ch.team_id, t.id);
    assert.equal(mmf.addChannel({ type: 'O' }).team_id, mmf.teamId);
    // a public channel of a team the bot is not in is not readable by it
    assert.equal((await mm(mmf, 'GET', `/api/v4/channels/${ch.id}`)).status, 403);
    const mine = await mm(mmf, 'GET', '/api/v4/users/me/teams');
    assert.deepEqual(mine.json.map((x: any) => x.id), [mmf.teamId]);
  });

  it('GET /teams: admin sees every team, paged and sorted; others only their teams', async () => {
    const local = await startFakeMattermost();
    try {
      for (let i = 0; i < 204; i++) local.addTeam({ name: `team-${String(i).padStart(3, '0')}` });
      const get = (q: string, token = local.adminToken) => mm(local, 'GET', `/api/v4/teams${q}`, undefined, token);
      const first = await get('?page=0&per_page=2');
      assert.deepEqual(first.json.map((t: any) => t.name), ['fake-team', 'team-000']); // "Fake Team" < "team-000"
      assert.equal(first.json[0].allow_open_invite, false);
      assert.deepEqual((await get('?page=1&per_page=2')).json.map((t: any) => t.name), ['team-001', 'team-002']);
      assert.equal((await get('')).json.length, 60);
      assert.equal((await get('?per_page=1000')).json.length, 200);
      assert.equal((await get('?page=1&per_page=200')).json.length, 5);
      assert.deepEqual((await get('?page=2&per_page=200')).json, []);
      assert.equal((await get('?per_page=x&page=-1')).json.length, 60);
      const counted = await get('?page=0&per_page=3&include_total_count=true');
      assert.deepEqual([counted.json.teams.length, counted.json.total_count], [3, 205]);
      const asBot = await get('?page=0&per_page=200', local.botToken);
      assert.deepEqual(asBot.json.map((t: any) => t.id), [local.teamId]);
      assert.equal(asBot.json[0].email, ''); // sanitized for a non-admin
    } finally {
      await local.close();
    }
  });

  it('POST /teams/{id}/members: admin adds anyone (201, idempotent); the bot is refused; bad input', async () => {
    const t = mmf.addTeam({ name: 'beta' });
    const path = `/api/v4/teams/${t.id}/members`;
    const byBot = await mm(mmf, 'POST', path, { team_id: t.id, user_id: mmf.bot.id });
    assert.deepEqual([byBot.status, byBot.json.id], [403, 'api.context.permissions.app_error']);
    const alice = mmf.addUser({ username: 'alice-t' });
    assert.equal((await mm(mmf, 'POST', path, { team_id: t.id, user_id: alice.id })).status, 403);
    assert.equal(mmf.isTeamMember(t.id, mmf.bot.id), false);

    const added = await mm(mmf, 'POST', path, { team_id: t.id, user_id: mmf.bot.id }, mmf.adminToken);
    assert.equal(added.status, 201);
    assert.deepEqual([added.json.team_id, added.json.user_id, added.json.roles, added.json.delete_at], [t.id, mmf.bot.id, 'team_user', 0]);
    assert.equal(mmf.isTeamMember(t.id, mmf.bot.id), true);
    assert.equal((await mm(mmf, 'POST', path, { team_id: t.id, user_id: mmf.bot.id }, mmf.adminToken)).status, 201);

    const other = mmf.addTeam({ name: 'gamma' });
    const mismatch = await mm(mmf, 'POST', path, { team_id: other.id, user_id: alice.id }, mmf.adminToken);
    assert.deepEqual([mismatch.status, mismatch.json.id], [400, 'api.context.invalid_body_param.app_error']);
    assert.equal((await mm(mmf, 'POST', path, { team_id: t.id, user_id: 'nope' }, mmf.adminToken)).status, 400);
    assert.equal((await mm(mmf, 'POST', path, { team_id: t.id, user_id: 'u'.repeat(26) }, mmf.adminToken)).status, 404);
    const ghost = 'g'.repeat(26);
    assert.equal((await mm(mmf, 'POST', `/api/v4/teams/${ghost}/members`, { team_id: ghost, user_id: alice.id }, mmf.adminToken)).status, 404);
    assert.equal((await mm(mmf, 'POST', path, '{bad', mmf.adminToken)).status, 400);
  });

  it('POST /commands: admin creates (201, fresh 26-char token, trigger lowercased); the bot gets 403', async () => {
    const t = mmf.addTeam({ name: 'delta' });
    const byBot = await mm(mmf, 'POST', '/api/v4/commands', commandBody(mmf.teamId));
    assert.deepEqual([byBot.status, byBot.json.id], [403, 'api.context.permissions.app_error']);
    const r = await mm(mmf, 'POST', '/api/v4/commands', commandBody(t.id, { trigger: 'PlugNmeet', token: 'mine', id: 'x' }), mmf.adminToken);
    assert.equal(r.status, 201);
    assert.match(r.json.token, /^[a-z0-9]{26}$/);
    assert.match(r.json.id, /^[a-z0-9]{26}$/);
    assert.notEqual(r.json.token, r.json.id);
    assert.deepEqual(
      [r.json.trigger, r.json.team_id, r.json.creator_id, r.json.method, r.json.url, r.json.auto_complete, r.json.delete_at],
      ['plugnmeet', t.id, mmf.admin.id, 'P', 'https://sidecar.example.com/mattermost/command', true, 0],
    );
    assert.deepEqual(mmf.commands.get(r.json.id), r.json);

    const dup = await mm(mmf, 'POST', '/api/v4/commands', commandBody(t.id), mmf.adminToken);
    assert.deepEqual([dup.status, dup.json.id], [400, 'api.command.duplicate_trigger.app_error']);
    // unique per team only
    assert.equal((await mm(mmf, 'POST', '/api/v4/commands', commandBody(mmf.teamId), mmf.adminToken)).status, 201);
  });

  it('POST /commands validates like Command.IsValid and the handler', async () => {
    const t = mmf.addTeam({ name: 'epsilon' });
    const create = (extra: Record<string, unknown>) => mm(mmf, 'POST', '/api/v4/commands', commandBody(t.id, extra), mmf.adminToken);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ trigger: 'echo' }, 400, 'api.command.duplicate_trigger.app_error'],
      [{ trigger: 'Join' }, 400, 'api.command.duplicate_trigger.app_error'],
      [{ trigger: '/plugnmeet' }, 400, 'model.command.is_valid.trigger.app_error'],
      [{ trigger: 'plug nmeet' }, 400, 'model.command.is_valid.trigger.app_error'],
      [{ trigger: '' }, 400, 'model.command.is_valid.trigger.app_error'],
      [{ trigger: 'x'.repeat(129) }, 400, 'model.command.is_valid.trigger.app_error'],
      [{ url: 'ftp://sidecar.example.com/x' }, 400, 'model.command.is_valid.url_http.app_error'],
      [{ url: 'not a url' }, 400, 'model.command.is_valid.url_http.app_error'],
      [{ url: 'HTTPS://sidecar.example.com/x' }, 400, 'model.command.is_valid.url_http.app_error'],
      [{ url: '' }, 400, 'model.command.is_valid.url.app_error'],
      [{ url: 'https://x.example.com/' + 'a'.repeat(1010) }, 400, 'model.command.is_valid.url.app_error'],
      [{ method: 'POST' }, 400, 'model.command.is_valid.method.app_error'],
      [{ method: 'p' }, 400, 'model.command.is_valid.method.app_error'],
      [{ display_name: 'd'.repeat(65) }, 400, 'model.command.is_valid.display_name.app_error'],
      [{ description: 'd'.repeat(129) }, 400, 'model.command.is_valid.description.app_error'],
      [{ auto_complete_hint: 'h'.repeat(1025) }, 400, 'model.command.is_valid.auto_complete_hint.app_error'],
      [{ auto_complete: 'yes' }, 400, 'api.context.invalid_body_param.app_error'],
      [{ team_id: 'bad' }, 400, 'model.command.is_valid.team_id.app_error'],
      [{ team_id: 'q'.repeat(26) }, 404, 'app.team.get.find.app_error'],
      [{ creator_id: 'q'.repeat(26) }, 404, 'app.user.missing_account.const'],
    ];
    for (const [extra, status, id] of cases) {
      const r = await create(extra);
      assert.deepEqual([r.status, r.json.id], [status, id], JSON.stringify(extra).slice(0, 80));
    }
    assert.equal((await mm(mmf, 'POST', '/api/v4/commands', '[]', mmf.adminToken)).status, 400);
    assert.equal([...mmf.commands.values()].filter((c) => c.team_id === t.id).length, 0);
    const ok = await create({ method: 'G', display_name: 'd'.repeat(64), url: 'http://10.0.0.1:8080/x', creator_id: mmf.bot.id });
    assert.deepEqual([ok.status, ok.json.creator_id], [201, mmf.bot.id]);
  });

  it('PUT /commands/{id} replaces the command whole but keeps id, token, creator and team (api4/command.go updateCommand)', async () => {
    const t = mmf.addTeam({ name: 'put-here' });
    const other = mmf.addTeam({ name: 'put-there' });
    const made = (await mm(mmf, 'POST', '/api/v4/commands', commandBody(t.id), mmf.adminToken)).json;
    const put = (body: Record<string, unknown>, token = mmf.adminToken, id = made.id) => mm(mmf, 'PUT', `/api/v4/commands/${id}`, body, token);

    assert.deepEqual([(await put({ ...made, id: 'q'.repeat(26) })).status], [400], 'the body names another command');
    assert.deepEqual((await put({ ...made, team_id: other.id })).json.id, 'api.command.team_mismatch.app_error');
    assert.deepEqual((await put(made, mmf.botToken)).status, 404, 'without the permission it is "not found"');
    assert.deepEqual((await put({ ...made, url: 'ftp://x' })).json.id, 'model.command.is_valid.url_http.app_error');

    const { auto_complete_desc: _dropped, ...rest } = made;
    const r = await put({ ...rest, auto_complete_hint: '[start|join|list]', token: 'ignored', creator_id: mmf.bot.id });
    assert.equal(r.status, 200);
    assert.deepEqual([r.json.id, r.json.token, r.json.creator_id, r.json.team_id], [made.id, made.token, made.creator_id, t.id]);
    assert.equal(r.json.auto_complete_hint, '[start|join|list]');
    assert.equal(r.json.auto_complete_desc, '', 'a field left out becomes empty');
    assert.deepEqual(mmf.commands.get(made.id), r.json);
  });

  it('GET /commands: custom_only shows the team\'s commands with tokens to the admin, 403 to the bot', async () => {
    const t = mmf.addTeam({ name: 'zeta' });
    const seeded = mmf.addCommand({ team_id: t.id, trigger: 'plugnmeet', url: 'https://elsewhere.example.com/hook' });
    assert.match(seeded.token, /^[a-z0-9]{26}$/);
    assert.equal(seeded.creator_id, mmf.admin.id);
    const gone = mmf.addCommand({ team_id: t.id, trigger: 'old', url: 'https://x.example.com/', delete_at: 1 });
    assert.throws(() => mmf.addCommand({ team_id: t.id, trigger: 'plugnmeet', url: 'https://x.example.com/' }), /trigger word/);

    const list = await mm(mmf, 'GET', `/api/v4/commands?team_id=${t.id}&custom_only=true`, undefined, mmf.adminToken);
    assert.equal(list.status, 200);
    assert.deepEqual(list.json, [seeded]);
    assert.ok(!list.json.some((c: any) => c.id === gone.id));
    const dup = await mm(mmf, 'POST', '/api/v4/commands', commandBody(t.id), mmf.adminToken);
    assert.equal(dup.json.id, 'api.command.duplicate_trigger.app_error');
    // a deleted command does not hold its trigger
    assert.equal((await mm(mmf, 'POST', '/api/v4/commands', commandBody(t.id, { trigger: 'old' }), mmf.adminToken)).status, 201);

    const byBot = await mm(mmf, 'GET', `/api/v4/commands?team_id=${mmf.teamId}&custom_only=true`);
    assert.deepEqual([byBot.status, byBot.json.id], [403, 'api.context.permissions.app_error']);
    assert.equal((await mm(mmf, 'GET', `/api/v4/commands?team_id=${t.id}`)).status, 403); // not in the team: view_team
    assert.equal((await mm(mmf, 'GET', '/api/v4/commands?custom_only=true', undefined, mmf.adminToken)).status, 400);
    // without custom_only: built-ins plus custom ones, sanitized (no token, no url)
    const all = await mm(mmf, 'GET', `/api/v4/commands?team_id=${t.id}`, undefined, mmf.adminToken);
    const mine = all.json.find((c: any) => c.id === seeded.id);
    assert.deepEqual([mine.token, mine.url], ['', '']);
    assert.ok(all.json.some((c: any) => c.trigger === 'echo'));
  });

  it('the real Client4 reaches every route setup uses, and its errors carry the status', async () => {
    const t = mmf.addTeam({ name: 'eta', display_name: 'Eta' });
    const admin = client(mmf.adminToken);
    const bot = client(mmf.botToken);
    const me = await bot.getMe();
    assert.equal(me.id, mmf.bot.id);

    const teams = await admin.getTeams(0, 200);
    assert.ok(Array.isArray(teams) && teams.some((x: any) => x.id === t.id));
    assert.ok((await bot.getTeams(0, 200) as any[]).every((x) => mmf.isTeamMember(x.id, mmf.bot.id)));
    assert.ok((await admin.getMyTeams()).some((x) => x.id === mmf.teamId));

    await assert.rejects(bot.addToTeam(t.id, mmf.bot.id), (e: unknown) => e instanceof ClientError && e.status_code === 403);
    const member = await admin.addToTeam(t.id, mmf.bot.id);
    assert.deepEqual([member.team_id, member.user_id], [t.id, mmf.bot.id]);
    assert.equal(mmf.isTeamMember(t.id, mmf.bot.id), true);

    const cmd = { ...commandBody(t.id), method: 'P' as const } as any;
    await assert.rejects(bot.addCommand(cmd), (e: unknown) => e instanceof ClientError && e.status_code === 403);
    const created = await admin.addCommand(cmd);
    assert.equal(created.token.length, 26);
    await assert.rejects(admin.addCommand(cmd), (e: unknown) => e instanceof ClientError && e.status_code === 400 && e.server_error_id === 'api.command.duplicate_trigger.app_error');

    const custom = await admin.getCustomTeamCommands(t.id);
    assert.deepEqual(custom.map((c) => [c.id, c.token]), [[created.id, created.token]]);
    await assert.rejects(bot.getCustomTeamCommands(t.id), (e: unknown) => e instanceof ClientError && e.status_code === 403);
    const listed = await admin.getCommandsList(t.id);
    assert.equal(listed.find((c) => c.id === created.id)!.token, '');
    const sent = mmf.requests.filter((r) => r.path === '/api/v4/commands' && r.method === 'GET').map((r) => r.query);
    assert.ok(sent.includes(`team_id=${t.id}&custom_only=true`));

    const edited = await admin.editCommand({ ...created, auto_complete_hint: '[start|list]' });
    assert.deepEqual([edited.id, edited.token, edited.auto_complete_hint], [created.id, created.token, '[start|list]']);
  });

  it('sendCommand names the channel\'s team', async () => {
    const rx = await receiver(() => ({ json: {} }));
    try {
      const t = mmf.addTeam({ name: 'theta' });
      const ch = mmf.addChannel({ type: 'O', name: 'floor', team_id: t.id });
      await mmf.sendCommand(rx.url, { token: 'tok', user: mmf.addUser({ username: 'tess' }), channel: ch, text: 'help' });
      const form = formDecode(rx.seen[0]!.body);
      assert.deepEqual([form.team_id, form.team_domain], [t.id, 'theta']);
    } finally {
      await rx.close();
    }
  });
});

describe('fake Mattermost: bots, roles, access tokens, settings', () => {
  let mmf: FakeMattermost;
  before(async () => {
    mmf = await startFakeMattermost({ botUsername: 'old-bot' });
  });
  after(() => mmf.close());

  const client = (token: string) => {
    const c = new Client4();
    c.setUrl(mmf.url);
    c.setToken(token);
    c.setIncludeCookies(false);
    return c;
  };
  const status = (code: number, id?: string) => (e: unknown) =>
    e instanceof ClientError && e.status_code === code && (id === undefined || e.server_error_id === id);

  it('the ready-made bot is a bot record owned by the admin; botUsername names it', async () => {
    assert.equal(mmf.bot.username, 'old-bot');
    assert.deepEqual([mmf.bots.get(mmf.bot.id)?.owner_id, mmf.bots.get(mmf.bot.id)?.delete_at], [mmf.admin.id, 0]);
    const byName = await mm(mmf, 'GET', '/api/v4/users/username/old-bot', undefined, mmf.adminToken);
    assert.deepEqual([byName.status, byName.json.id, byName.json.is_bot], [200, mmf.bot.id, true]);
    const missing = await mm(mmf, 'GET', '/api/v4/users/username/plugnmeet', undefined, mmf.adminToken);
    assert.deepEqual([missing.status, missing.json.id], [404, 'app.user.get_by_username.app_error']);
  });

  it('POST /bots: admin only, 201 with snake_case fields, username rules, taken names, EnableBotAccountCreation', async () => {
    const admin = client(mmf.adminToken);
    await assert.rejects(client(mmf.botToken).createBot({ username: 'nope' }), status(403, 'api.context.permissions.app_error'));
    const res = await mm(mmf, 'POST', '/api/v4/bots', { username: 'meetbot', display_name: 'Meet', description: 'Cards' }, mmf.adminToken);
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.json).sort(),
      ['create_at', 'delete_at', 'description', 'display_name', 'last_icon_update', 'owner_id', 'update_at', 'user_id', 'username']);
    assert.deepEqual([res.json.username, res.json.owner_id], ['meetbot', mmf.admin.id]);
    const user = await admin.getUser(res.json.user_id);
    assert.deepEqual([user.roles, user.is_bot], ['system_user', true]);
    await assert.rejects(admin.createBot({ username: 'meetbot' }), status(400, 'app.user.save.username_exists.app_error'));
    await assert.rejects(admin.createBot({ username: 'No Spaces' }), status(400, 'model.bot.is_valid.username.app_error'));
    assert.equal((await mm(mmf, 'POST', '/api/v4/bots', { username: 7 }, mmf.adminToken)).json.id, 'api.context.invalid_param.app_error');
    mmf.settings.EnableBotAccountCreation = false;
    try {
      await assert.rejects(admin.createBot({ username: 'another' }), status(403, 'api.bot.create_disabled'));
    } finally {
      mmf.settings.EnableBotAccountCreation = true;
    }
  });

  it('POST /users/{id}/tokens: the token works at once; admin may make them for bots; description required', async () => {
    const admin = client(mmf.adminToken);
    const { user } = mmf.addBot({ username: 'tokbot' });
    const made = await admin.createUserAccessToken(user.id, 'sidecar');
    assert.deepEqual([made.user_id, made.description, made.is_active, made.token?.length], [user.id, 'sidecar', true, 26]);
    assert.equal((await client(made.token!).getMe()).id, user.id);
    assert.equal(mmf.tokenOwner(made.token!)?.id, user.id);
    await assert.rejects(admin.createUserAccessToken(user.id, ''), status(400, 'api.context.invalid_param.app_error'));
    await assert.rejects(client(mmf.botToken).createUserAccessToken(user.id, 'x'), status(403));
    await assert.rejects(admin.createUserAccessToken('a'.repeat(26), 'x'), status(404, 'app.user.missing_account.const'));
  });

  it('EnableUserAccessTokens off: personal tokens of people stop working; bots are exempt; bots never mint tokens', async () => {
    const { user: botUser, token: botToken } = mmf.addBot({ username: 'exemptbot' });
    mmf.settings.EnableUserAccessTokens = false;
    try {
      assert.equal((await mm(mmf, 'GET', '/api/v4/users/me', undefined, mmf.adminToken)).status, 401);
      assert.equal((await client(botToken).getMe()).id, botUser.id);
    } finally {
      mmf.settings.EnableUserAccessTokens = true;
    }
    const own = await mm(mmf, 'POST', `/api/v4/users/${botUser.id}/tokens`, { description: 'x' }, botToken);
    assert.deepEqual([own.status, own.json.id], [403, 'api.context.permissions.app_error'], 'no create_user_access_token');
  });

  it('disabled bots: tokens refused until POST /bots/{id}/enable', async () => {
    const { user, token } = mmf.addBot({ username: 'sleepy' });
    mmf.disableBot(user.id);
    assert.equal((await mm(mmf, 'GET', '/api/v4/users/me', undefined, token)).status, 401);
    const byName = await mm(mmf, 'GET', '/api/v4/users/username/sleepy', undefined, mmf.adminToken);
    assert.ok(byName.json.delete_at > 0, 'deactivated accounts are still found by name');
    await assert.rejects(client(mmf.botToken).enableBot(user.id), status(404, 'store.sql_bot.get.missing.app_error'));
    const enabled = await client(mmf.adminToken).enableBot(user.id);
    assert.equal(enabled.delete_at, 0);
    assert.equal((await client(token).getMe()).id, user.id);
  });

  it('PUT /users/{id}/roles: manage_roles only, replaces the roles, unknown or lone system_admin refused', async () => {
    const admin = client(mmf.adminToken);
    const { user } = mmf.addBot({ username: 'rolebot' });
    assert.deepEqual(await admin.updateUserRoles(user.id, 'system_user system_post_all'), { status: 'OK' });
    assert.equal(mmf.users.get(user.id)!.roles, 'system_user system_post_all');
    await assert.rejects(client(mmf.botToken).updateUserRoles(user.id, 'system_user'), status(403));
    await assert.rejects(admin.updateUserRoles(user.id, 'system_admin'), status(400, 'api.context.invalid_param.app_error'));
    await assert.rejects(admin.updateUserRoles(user.id, 'system_user wizard'), status(400, 'app.role.check_roles_exist.role_not_found'));
    await assert.rejects(admin.updateUserRoles('b'.repeat(26), 'system_user'), status(404));
  });

  it('GET /users/{id}/teams and GET /config: the admin sees them, others only their own teams', async () => {
    const admin = client(mmf.adminToken);
    const bot = client(mmf.botToken);
    assert.deepEqual((await bot.getTeamsForUser(mmf.bot.id)).map((t) => t.id), [mmf.teamId]);
    await assert.rejects(bot.getTeamsForUser(mmf.admin.id), status(403));
    assert.deepEqual((await admin.getTeamsForUser(mmf.bot.id)).map((t) => t.id), [mmf.teamId]);
    const config = await admin.getConfig();
    assert.deepEqual(
      [config.ServiceSettings.EnableBotAccountCreation, config.ServiceSettings.EnableCommands, config.ServiceSettings.AllowedUntrustedInternalConnections],
      [true, true, ''],
    );
    await assert.rejects(bot.getConfig(), status(403));
  });

  it('EnableCommands off: custom commands cannot be created or listed (501) and vanish from autocomplete', async () => {
    const admin = client(mmf.adminToken);
    mmf.addCommand({ trigger: 'plugnmeet', url: 'https://sidecar.example.com/mattermost/command', auto_complete: true });
    mmf.settings.EnableCommands = false;
    try {
      await assert.rejects(admin.getCustomTeamCommands(mmf.teamId), status(501, 'api.command.disabled.app_error'));
      const cmd = { team_id: mmf.teamId, trigger: 'other', method: 'P', url: 'https://x.example.com/' } as any;
      await assert.rejects(admin.addCommand(cmd), status(501, 'api.command.disabled.app_error'));
      assert.ok(!(await client(mmf.botToken).getCommandsList(mmf.teamId)).some((c) => c.trigger === 'plugnmeet'));
    } finally {
      mmf.settings.EnableCommands = true;
    }
    assert.ok((await client(mmf.botToken).getCommandsList(mmf.teamId)).some((c) => c.trigger === 'plugnmeet'));
  });
});
