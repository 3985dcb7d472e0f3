// The plugNmeet client against the fake server: protojson quirks, errors, timeouts.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {createPlugnmeetClient, PlugnmeetError, toInt} from '../src/plugnmeet/client.js';
import {startFakePlugnmeet, type FakePlugnmeet} from './fakes/plugnmeet.js';

let pnm: FakePlugnmeet;
let client: ReturnType<typeof createPlugnmeetClient>;
before(async () => {
    pnm = await startFakePlugnmeet();
    client = createPlugnmeetClient({url: pnm.url, apiKey: pnm.apiKey, apiSecret: pnm.apiSecret, timeoutMs: 500});
});
after(async () => {
    await client.close();
    await pnm.close();
});

test('int64 as strings and 0/1 flags are read as numbers and booleans', async () => {
    const room = await client.createRoom({roomId: 'room1', title: 'Ünïcode — topic', webhookUrl: 'http://127.0.0.1:9/plugnmeet/webhook'});
    assert.equal(room.isRunning, true);
    assert.equal(typeof room.creationTime, 'number');
    assert.ok(room.creationTime > 1_600_000_000);
    pnm.joinParticipant('room1', 'u1');
    pnm.joinParticipant('room1', 'u2');
    assert.equal((await client.getActiveRoomInfo('room1'))?.participants, 2);
    assert.equal(pnm.rooms.get('room1')?.room_title, 'Ünïcode — topic', 'the signature covers the exact UTF-8 bytes');
    assert.equal(toInt('42'), 42);
    assert.equal(toInt(7), 7);
    assert.equal(toInt('x'), 0);
});

test('status:false at HTTP 200 is an error carrying plugNmeet\'s message', async () => {
    await assert.rejects(client.getJoinToken({roomId: 'nope', userId: 'u1', name: 'A', isAdmin: false}), (err: unknown) => {
        assert.ok(err instanceof PlugnmeetError);
        assert.equal(err.kind, 'rejected');
        assert.equal(err.statusCode, 'ROOM_NOT_FOUND');
        assert.match(err.message, /not active/);
        return true;
    });
    assert.equal(await client.getActiveRoomInfo('nope'), null);
    assert.equal(await client.endRoom('nope'), false);
    assert.deepEqual(await client.fetchRecordings([]), [], 'never asks with an empty filter');
    assert.deepEqual(await client.fetchRecordings(['room1']), []);
});

test('recordings are filtered by room and their sizes read', async () => {
    const {record_id} = pnm.addRecording('room1', {file_size: 12.5});
    const list = await client.fetchRecordings(['room1']);
    assert.equal(list.length, 1);
    assert.equal(list[0].recordId, record_id);
    assert.equal(list[0].fileSizeMb, 12.5);
    assert.match(client.recordingDownloadUrl(await client.getRecordingDownloadToken(record_id)), /\/download\/recording\/ey/);
});

test('a server that hangs, drops or answers 500 gives a clear error within the timeout', async () => {
    pnm.delayMs = 2000;
    await assert.rejects(client.getActiveRoomInfo('room1'), (err: unknown) => err instanceof PlugnmeetError && err.kind === 'unreachable');
    pnm.delayMs = 0;
    pnm.setMode('drop');
    await assert.rejects(client.getActiveRoomInfo('room1'), (err: unknown) => err instanceof PlugnmeetError && err.kind === 'unreachable');
    pnm.setMode('error500');
    await assert.rejects(client.getActiveRoomInfo('room1'), /HTTP 500/);
    pnm.setMode('ok');
    assert.equal((await client.getActiveRoomInfo('room1'))?.roomId, 'room1', 'the pool recovers');
});

test('a URL with a path prefix is honoured, and join links point at the server', async () => {
    assert.equal(client.joinUrl('a.b.c'), `${pnm.url}/?access_token=a.b.c`);
    const prefixed = createPlugnmeetClient({url: `${pnm.url}/pnm`, apiKey: pnm.apiKey, apiSecret: pnm.apiSecret, timeoutMs: 500});
    await assert.rejects(prefixed.getActiveRoomInfo('room1'), (err: unknown) => err instanceof PlugnmeetError && err.kind === 'http');
    await prefixed.close();
});

test('createRoom sends only what is meant, so plugNmeet 2.x (protovalidate) accepts it', async () => {
    const room = await client.createRoom({roomId: 'exact', title: 'Exact', webhookUrl: 'http://127.0.0.1:9/plugnmeet/webhook', logoutUrl: 'https://chat.example.com', extraData: {mattermost_channel_id: 'c1'}});
    assert.equal(room.roomId, 'exact', 'the 2.4 fake refuses an explicit max_participants or empty_timeout of 0');
    const sent = pnm.calls.filter((c) => c.path === '/auth/room/create').at(-1)!.body;
    assert.deepEqual(sent, {
        room_id: 'exact',
        metadata: {room_title: 'Exact', webhook_url: 'http://127.0.0.1:9/plugnmeet/webhook', logout_url: 'https://chat.example.com', extra_data: {mattermost_channel_id: 'c1'}, room_features: {}},
    });
});
