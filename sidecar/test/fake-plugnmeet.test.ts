// The fake plugNmeet reads requests the way plugNmeet-server 2.4 does (parseAndValidateRequest:
// protojson with DiscardUnknown, then protovalidate), answers refusals like it, and can be an
// older server. Each expectation names the server or protocol file it comes from.
import assert from 'node:assert/strict';
import {createHmac} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {UNPATCHED_DIFFERENCES} from './fakes/plugnmeet-rules.js';
import {startFakePlugnmeet, type FakePlugnmeet} from './fakes/plugnmeet.js';

async function post(fake: FakePlugnmeet, path: string, body: unknown, raw = JSON.stringify(body)) {
    const res = await fetch(fake.url + path, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'API-KEY': fake.apiKey, 'HASH-SIGNATURE': createHmac('sha256', fake.apiSecret).update(raw).digest('hex')},
        body: raw,
    });
    return {status: res.status, json: await res.json() as any};
}

const room = (id: string, extra: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({
    room_id: id, ...extra,
    metadata: {room_title: 'Standup', webhook_url: 'https://sidecar.example.com/plugnmeet/webhook', room_features: {}, extra_data: {mattermost_channel_id: 'c1'}, ...metadata},
});

const refused = (msg: string) => ({status: false, msg, status_code: 'INVALID_PARAMETERS'});

describe('fake plugNmeet 2.4: requests checked like parseAndValidateRequest', () => {
    let pn: FakePlugnmeet;
    before(async () => {
        pn = await startFakePlugnmeet();
    });
    after(() => pn.close());

    it('refuses an explicit 0 for the optional limits (create_room.proto uint32.gt = 0), HTTP 200 and the server\'s message', async () => {
        // buf.build/go/protovalidate v1.2.0 validation_error.go: one violation, no rule id; rule text of protovalidate 2026-07.
        const zero = await post(pn, '/auth/room/create', room('limits', {max_participants: 0}));
        assert.equal(zero.status, 200);
        assert.deepEqual(zero.json, refused('validation error: max_participants: must be greater than 0'));
        const both = await post(pn, '/auth/room/create', room('limits', {max_participants: 0, empty_timeout: 0}));
        assert.deepEqual(both.json, refused('validation errors:\n - empty_timeout: must be greater than 0\n - max_participants: must be greater than 0'));
        assert.equal(pn.rooms.has('limits'), false, 'nothing was created');
        const set = await post(pn, '/auth/room/create', room('limits', {max_participants: 5}));
        assert.equal(set.json.status, true);
    });

    it('checks the rules of the published descriptors: room_id format, required metadata fields, server-owned fields', async () => {
        const cases: Array<[unknown, string]> = [
            [room('a b'), 'validation error: room_id: room_id should only contain ASCII letters (a-z A-Z), digits (0-9) or -_'],
            [{room_id: 'x'}, 'validation error: metadata: value is required'],
            [room('x', {}, {room_title: ''}), 'validation error: metadata.room_title: value is required'],
            [room('x', {}, {room_features: undefined}), 'validation error: metadata.room_features: value is required'],
            [room('x', {}, {is_recording: true}), 'validation error: metadata.is_recording: must equal false'],
            [room('x', {}, {started_at: 5}), 'validation error: metadata.started_at: must equal 0'],
            [room('x', {}, {webhook_url: 'not a url'}), 'validation error: metadata.webhook_url: must be a valid URI'],
        ];
        for (const [body, msg] of cases) {
            assert.deepEqual((await post(pn, '/auth/room/create', body)).json, refused(msg), JSON.stringify(body));
        }
    });

    it('parses like protojson with DiscardUnknown: unknown keys dropped, camelCase read, wrong types refused with protojson\'s message', async () => {
        const loose = await post(pn, '/auth/room/create', {roomId: 'camel', maxParticipans: 0, metadata: {roomTitle: 'T', roomFeatures: {}, misspelt: 1}});
        assert.equal(loose.json.status, true, 'a misspelt key is silently dropped, not refused');
        assert.equal(pn.rooms.get('camel')?.room_title, 'T');
        // protobuf-go encoding/protojson/decode.go: "(line L:C): invalid value for <kind> field <jsonName>: <token>"
        assert.deepEqual((await post(pn, '/auth/room/create', null, '{"room_id": 5}')).json, refused('proto: (line 1:13): invalid value for string field roomId: 5'));
        assert.deepEqual((await post(pn, '/auth/room/create', null, '{"room_id":"x","max_participants":-1}')).json,
            refused('proto: (line 1:35): invalid value for uint32 field maxParticipants: -1'));
        assert.deepEqual((await post(pn, '/auth/room/create', null, '{"room_id":"x","roomId":"y"}')).json, refused('proto: (line 1:16): duplicate field "roomId"'));
        assert.deepEqual((await post(pn, '/auth/room/create', null, '{"metadata":[]}')).json, refused('proto: syntax error (line 1:13): unexpected token ['));
        const notJson = await post(pn, '/auth/room/create', null, '{not json');
        assert.equal(notJson.json.status_code, 'INVALID_PARAMETERS');
        assert.match(notJson.json.msg, /^proto: syntax error \(line 1:2\)/);
        const numericString = await post(pn, '/auth/recording/fetch', {room_ids: ['camel'], limit: '10'});
        assert.equal(numericString.json.status_code, 'NOT_FOUND', 'protojson takes an integer as a string');
    });

    it('checks every endpoint the sidecar calls', async () => {
        await post(pn, '/auth/room/create', room('every'));
        const cases: Array<[string, unknown, RegExp]> = [
            ['/auth/room/getJoinToken', {room_id: 'every', user_info: {user_id: 'u1'}}, /^validation error: user_info\.name: value is required$/],
            ['/auth/room/getJoinToken', {room_id: 'every'}, /^validation error: user_info: value is required$/],
            ['/auth/room/getActiveRoomInfo', {}, /^validation error: room_id: value is required$/],
            ['/auth/room/endRoom', {}, /^validation error: room_id: value is required$/],
            ['/auth/room/isRoomActive', {}, /^validation error: room_id: value is required$/],
            ['/auth/recording/getDownloadToken', {}, /^validation error: record_id: value is required$/],
            ['/auth/recording/fetch', {room_ids: 'every'}, /^proto: syntax error \(line 1:13\): unexpected token "every"$/],
        ];
        for (const [path, body, msg] of cases) {
            const {json} = await post(pn, path, body);
            assert.equal(json.status_code, 'INVALID_PARAMETERS', path);
            assert.match(json.msg, msg, path);
        }
    });

    it('merges room_features over the defaults like proto.Merge: a plain false keeps a feature on, an optional false turns it off', async () => {
        await post(pn, '/auth/room/create', room('merge', {}, {room_features: {allow_webcams: false, chat_features: {is_allow: false}, allow_virtual_bg: false, mute_on_start: true}}));
        const features = pn.rooms.get('merge')!.metadata.room_features;
        assert.equal(features.allow_webcams, true, 'bool false is not populated: the default stays');
        assert.equal(features.chat_features.is_allow, true);
        assert.equal(features.allow_virtual_bg, false, 'optional bool false is populated');
        assert.equal(features.mute_on_start, true);
        assert.equal(features.waiting_room_features.is_active, false);
    });

    it('/api/verifyToken tells the server version to a join token (protobuf VerifyTokenRes.server_version)', async () => {
        await post(pn, '/auth/room/create', room('ver'));
        const {json} = await post(pn, '/auth/room/getJoinToken', {room_id: 'ver', user_info: {name: 'Doc', user_id: 'doctor'}});
        const res = await fetch(`${pn.url}/api/verifyToken`, {method: 'POST', headers: {'Content-Type': 'application/protobuf', Authorization: json.token}, body: new Uint8Array()});
        assert.equal(res.status, 200);
        assert.ok(Buffer.from(await res.arrayBuffer()).includes('2.4.0'));
        const bad = await fetch(`${pn.url}/api/verifyToken`, {method: 'POST', headers: {'Content-Type': 'application/protobuf', Authorization: 'x.y.z'}, body: new Uint8Array()});
        assert.equal(bad.status, 401);
    });

    it('lists what it knows differs from the published package', () => {
        assert.ok(UNPATCHED_DIFFERENCES.length > 0);
    });
});

describe('fake plugNmeet as an older server', () => {
    it('1.x wants extra_data as a string and refuses an object (protocol 7ae4269 made it a map in 2.0)', async () => {
        const old = await startFakePlugnmeet({version: '1.x'});
        try {
            const map = await post(old, '/auth/room/create', room('old'));
            assert.equal(map.status, 200);
            assert.equal(map.json.status_code, 'INVALID_PARAMETERS');
            assert.match(map.json.msg, /^proto: \(line 1:\d+\): invalid value for string field extraData: \{$/);
            const text = await post(old, '/auth/room/create', room('old', {}, {extra_data: '{"a":"b"}'}));
            assert.equal(text.json.status, true);
        } finally {
            await old.close();
        }
    });

    it('2.0 takes the same create body as 2.4', async () => {
        const v20 = await startFakePlugnmeet({version: '2.0'});
        try {
            assert.equal((await post(v20, '/auth/room/create', room('new'))).json.status, true);
            assert.deepEqual((await post(v20, '/auth/room/create', room('new2', {max_participants: 0}))).json, refused('validation error: max_participants: must be greater than 0'));
        } finally {
            await v20.close();
        }
    });
});

describe('fake plugNmeet 2.4: what a joiner gets (pkg/models/user_join.go Step 8, user_lock.go) and what creation stores', () => {
    let pn: FakePlugnmeet;
    before(async () => {
        pn = await startFakePlugnmeet();
    });
    after(() => pn.close());

    const token = async (roomId: string, userId: string, isAdmin: boolean, extra: Record<string, unknown> = {}) => {
        const {json} = await post(pn, '/auth/room/getJoinToken', {room_id: roomId, user_info: {name: userId, user_id: userId, is_admin: isAdmin, ...extra}});
        assert.equal(json.status, true, JSON.stringify(json));
        return pn.tokens.at(-1)!.user_metadata;
    };

    it('creation fills default_lock_settings (utils.SetRoomDefaultLockSettings) and keeps the options the sidecar sends', async () => {
        const options = {
            welcome_message: 'Hello',
            room_features: {
                room_duration: '45', mute_on_start: true, allow_reactions: false, recording_features: {enable_auto_cloud_recording: true},
                end_to_end_encryption_features: {is_enabled: true}, waiting_room_features: {is_active: true},
            },
            default_lock_settings: {lock_webcam: true, lock_microphone: false, lock_chat: true, lock_screen_sharing: false, lock_reactions: true},
        };
        assert.equal((await post(pn, '/auth/room/create', room('opts', {}, options))).json.status, true);
        const md = pn.rooms.get('opts')!.metadata;
        assert.equal(md.welcome_message, 'Hello');
        const rf = md.room_features;
        assert.deepEqual(
            [rf.room_duration, rf.mute_on_start, rf.allow_reactions, rf.recording_features.enable_auto_cloud_recording, rf.end_to_end_encryption_features.is_enabled, rf.waiting_room_features.is_active],
            ['45', true, false, true, true, true],
        );
        assert.equal(rf.ingress_features.is_allow, false, 'E2EE turns ingress off (SetCreateRoomDefaultValues)');
        assert.equal(rf.end_to_end_encryption_features.encryption_key.length, 32);
        assert.equal(rf.auto_gen_user_id, false);
        // sent ones kept (false included: the fields are optional), the three defaults filled in
        assert.deepEqual(md.default_lock_settings, {
            lock_webcam: true, lock_microphone: false, lock_chat: true, lock_screen_sharing: false, lock_reactions: true, lock_whiteboard: true, lock_shared_notepad: true,
        });
        await post(pn, '/auth/room/create', room('bare'));
        assert.deepEqual(pn.rooms.get('bare')!.metadata.default_lock_settings, {lock_whiteboard: true, lock_screen_sharing: true, lock_shared_notepad: true});
    });

    it('an attendee gets the room\'s locks on what they were not sent, and waits while the waiting room is active', async () => {
        await post(pn, '/auth/room/create', room('waiting', {}, {
            room_features: {waiting_room_features: {is_active: true}}, default_lock_settings: {lock_webcam: true, lock_chat: false},
        }));
        assert.deepEqual(await token('waiting', 'att1', false), {
            is_admin: false, is_presenter: false, wait_for_approval: true,
            lock_settings: {lock_webcam: true, lock_chat: false, lock_whiteboard: true, lock_screen_sharing: true, lock_shared_notepad: true},
        });
        const own = await token('waiting', 'att2', false, {user_metadata: {lock_settings: {lock_webcam: false}}});
        assert.equal(own.lock_settings.lock_webcam, false, 'a lock the request set is kept (applyDefaultLockSettings fills nil fields only)');
        await post(pn, '/auth/room/create', room('open-door'));
        const walkIn = await token('open-door', 'att3', false);
        assert.deepEqual([walkIn.wait_for_approval, walkIn.lock_settings.lock_webcam], [false, undefined]);
        // the request may not set what the server owns (bool.const = false)
        const {json} = await post(pn, '/auth/room/getJoinToken', {room_id: 'open-door', user_info: {name: 'x', user_id: 'x', user_metadata: {wait_for_approval: true}}});
        assert.deepEqual(json, refused('validation error: user_info.user_metadata.wait_for_approval: must equal false'));
    });

    it('a moderator never waits and is not locked, but a non-presenter follows the room\'s lock_whiteboard', async () => {
        await post(pn, '/auth/room/create', room('mods', {}, {
            room_features: {waiting_room_features: {is_active: true}}, default_lock_settings: {lock_webcam: true, lock_microphone: true},
        }));
        const first = await token('mods', 'mod1', true, {user_metadata: {lock_settings: {lock_chat: true}}});
        assert.deepEqual(first, {is_admin: true, is_presenter: true, wait_for_approval: false, lock_settings: {}});
        pn.joinParticipant('mods', 'mod1');
        assert.deepEqual(await token('mods', 'mod2', true), {is_admin: true, is_presenter: false, wait_for_approval: false, lock_settings: {lock_whiteboard: true}});
        // the token itself carries no metadata (Step 10: name, user_id, room_id, is_admin, is_hidden)
        const claims = JSON.parse(Buffer.from(pn.tokens.at(-1)!.token.split('.')[1]!, 'base64url').toString());
        assert.equal('user_metadata' in claims || 'lock_settings' in claims, false);
        pn.leaveParticipant('mods', 'mod1');
        assert.equal((await token('mods', 'mod3', true)).is_presenter, true, 'no online presenter left');
    });
});

describe('fake plugNmeet 2.4: the server config\'s room_default_settings (utils.SetDefaultRoomSettings)', () => {
    it('caps max_participants and room_duration and sets them when absent; cannot switch a feature off', async () => {
        const pn = await startFakePlugnmeet({roomDefaultSettings: {max_participants: 12, max_duration: 60, max_num_breakout_rooms: 4}});
        try {
            await post(pn, '/auth/room/create', room('capped', {max_participants: 100}, {room_features: {room_duration: '90', breakout_room_features: {allowed_number_rooms: 10}}}));
            const capped = pn.rooms.get('capped')!;
            assert.deepEqual([capped.max_participants, capped.metadata.room_features.room_duration, capped.metadata.room_features.breakout_room_features.allowed_number_rooms], [12, '60', 4]);
            await post(pn, '/auth/room/create', room('unset', {}, {room_features: {recording_features: {is_allow: false}}}));
            const unset = pn.rooms.get('unset')!;
            assert.deepEqual([unset.max_participants, unset.metadata.room_features.room_duration], [12, '60']);
            assert.equal(unset.metadata.room_features.recording_features.is_allow, true, 'a default-on feature stays on (proto.Merge), config or not');
            await post(pn, '/auth/room/create', room('short', {max_participants: 5}, {room_features: {room_duration: '30'}}));
            assert.deepEqual([pn.rooms.get('short')!.max_participants, pn.rooms.get('short')!.metadata.room_features.room_duration], [5, '30']);
        } finally {
            await pn.close();
        }
    });

    it('as written, a max_participants over 16 resets max_num_breakout_rooms to 16; without max_participants the server panics', async () => {
        const pn = await startFakePlugnmeet({roomDefaultSettings: {max_participants: 100, max_num_breakout_rooms: 4}});
        try {
            await post(pn, '/auth/room/create', room('bk', {}, {room_features: {breakout_room_features: {allowed_number_rooms: 10}}}));
            assert.equal(pn.rooms.get('bk')!.metadata.room_features.breakout_room_features.allowed_number_rooms, 10);
            assert.equal(pn.roomDefaultSettings.max_num_breakout_rooms, 16);
        } finally {
            await pn.close();
        }
        await assert.rejects(startFakePlugnmeet({roomDefaultSettings: {max_duration: 60}}), /max_participants/);
        const sample = await startFakePlugnmeet();
        try {
            assert.deepEqual(sample.roomDefaultSettings, {max_duration: 0, max_participants: 0, max_num_breakout_rooms: 6});
        } finally {
            await sample.close();
        }
    });
});

describe('fake plugNmeet 2.4: whose ids a join token may carry (pkg/models/user_join.go Step 2 and 7, pkg/config/constants.go)', () => {
    let pn: FakePlugnmeet;
    before(async () => {
        pn = await startFakePlugnmeet();
        await post(pn, '/auth/room/create', room('ids'));
    });
    after(() => pn.close());

    const ask = async (userId: string, name = 'Zoë') => (await post(pn, '/auth/room/getJoinToken', {room_id: 'ids', user_info: {name, user_id: userId}})).json;
    const internal = (msg: string) => ({status: false, msg, status_code: 'INTERNAL_SERVER_ERROR'});

    it('refuses the ids and the name plugNmeet keeps for itself', async () => {
        for (const id of ['ingres_1', 'pnm_agent-1', 'pnm_tts_agent-1', 'sip_1']) {
            assert.deepEqual(await ask(id), internal(`user_id: ${id} is reserved for internal use only`), id);
        }
        assert.deepEqual(await ask('guest-1-native'), internal('user_id: suffix -native is reserved for internal use only'));
        assert.deepEqual(await ask('recorder', 'PLUGNMEET_RECORDER_AUTH'), internal('name: PLUGNMEET_RECORDER_AUTH is reserved for internal use only'));
        assert.deepEqual(await ask('guest-a.b'), internal('user_id should only contain ASCII letters (a-z A-Z), digits (0-9) or -_'));
        assert.deepEqual(await ask('guest-FIELD_x'), internal("user_id cannot contain the reserved pattern '-FIELD_'"));
        assert.equal(pn.tokens.length, 0, 'nothing issued');
    });

    it('a guest id like the sidecar\'s is taken; the same id again kicks the one online, another id does not', async () => {
        assert.equal((await ask('guest-0123456789abcdef0123456789abcdef')).status, true);
        pn.joinParticipant('ids', 'guest-0123456789abcdef0123456789abcdef');
        assert.equal((await ask('guest-fedcba9876543210fedcba9876543210')).status, true);
        assert.deepEqual(pn.kicked, []);
        assert.equal((await ask('guest-0123456789abcdef0123456789abcdef')).status, true);
        assert.deepEqual(pn.kicked, [{room_id: 'ids', user_id: 'guest-0123456789abcdef0123456789abcdef'}]);
    });
});
