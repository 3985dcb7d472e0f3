// Hostile requests against the running sidecar: bodies over the limits, wrong content types,
// slow-loris clients, header injection, markdown and mentions in topics, path traversal in ids,
// SQL meta-characters in stored fields, and the rate limits per user (HTTP 200) and per address (429).
import assert from 'node:assert/strict';
import {request} from 'node:http';
import {connect} from 'node:net';
import {after, before, describe, test} from 'node:test';
import {buildApp} from '../src/http/app.js';
import {createUserRateLimit} from '../src/http/rate-limit.js';
import {signContext} from '../src/meetings/cards/button-context.js';
import {COMMAND_TOKEN, type Harness, startHarness, useHarness} from './harness.js';
import {assertInert} from './inert-check.js';

let h: Harness;
useHarness((started) => (h = started));

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const KiB = 1024;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const commandForm = (text: string, extra: Record<string, string> = {}) => form({
    token: COMMAND_TOKEN, team_id: h.mm.teamId, channel_id: h.channels.town.id, user_id: h.users.alice.id, user_name: 'alice', command: '/plugnmeet', text, ...extra,
});
const port = () => Number(new URL(h.url).port);

/** Nothing was started or posted since `before`. */
async function nothingHappened(before: {posts: number; creates: number}) {
    assert.equal(h.mm.posts.size, before.posts, 'no post');
    assert.equal(h.pnm.calls.filter((c) => c.path === '/auth/room/create').length, before.creates, 'no room');
    assert.equal(await h.app.store.openMeetingInChannel(h.channels.town.id), undefined);
}
const snapshot = () => ({posts: h.mm.posts.size, creates: h.pnm.calls.filter((c) => c.path === '/auth/room/create').length});

/** A POST whose body is streamed in chunks, optionally without a Content-Length (chunked encoding). */
function streamPost(path: string, headers: Record<string, string | number>, chunks: Buffer[]): Promise<{status: number; body: string}> {
    return new Promise((resolve) => {
        const req = request({host: '127.0.0.1', port: port(), method: 'POST', path, headers});
        let status = 0;
        let body = '';
        req.on('response', (res) => {
            status = res.statusCode ?? 0;
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({status, body}));
            res.on('error', () => resolve({status, body}));
        });
        // The server stops reading once the limit is passed and may close while we still write:
        // what counts is the answer it gave before.
        req.on('error', (err) => resolve({status, body: body || String(err)}));
        (async () => {
            for (const c of chunks) {
                if (req.destroyed || !req.write(c)) {
                    await new Promise((r) => setTimeout(r, 1));
                }
            }
            req.end();
        })().catch(() => undefined);
    });
}

describe('bodies beyond the limits', () => {
    const cases = [
        {path: '/mattermost/command', limit: 512 * KiB, type: FORM},
        {path: '/mattermost/action', limit: 64 * KiB, type: JSON_TYPE},
        {path: '/plugnmeet/webhook', limit: 1024 * KiB, type: JSON_TYPE},
    ];

    for (const {path, limit, type} of cases) {
        test(`${path}: one byte over ${limit / KiB} KiB is 413, with a Content-Length, chunked, or a lying Content-Length`, async () => {
            const before = snapshot();
            const over = Buffer.alloc(limit + 1, 'a');
            const declared = await h.post(path, over, {'content-type': type});
            assert.equal(declared.status, 413, declared.text);

            const chunks = Array.from({length: Math.ceil((limit + 1) / (16 * KiB))}, () => Buffer.alloc(16 * KiB, 'b'));
            const chunked = await streamPost(path, {'content-type': type, 'transfer-encoding': 'chunked'}, chunks);
            assert.equal(chunked.status, 413, chunked.body);

            // 10 GiB announced, a few bytes sent: refused on the header alone, nothing read or buffered.
            const lying = await streamPost(path, {'content-type': type, 'content-length': 10 * 1024 ** 3}, [Buffer.from('x=1')]);
            assert.equal(lying.status, 413, lying.body);
            await nothingHappened(before);
        });
    }

    test('a command just under the limit is still answered', async () => {
        const body = commandForm('help');
        const padded = `${body}&pad=${'p'.repeat(512 * KiB - body.length - 5)}`;
        assert.equal(Buffer.byteLength(padded), 512 * KiB);
        const res = await h.post('/mattermost/command', padded, {'content-type': FORM});
        assert.equal(res.status, 200, res.text.slice(0, 200));
        assert.match(JSON.parse(res.text).text, /plugNmeet video meetings/);
    });

    test('100,000 form fields and deeply nested JSON are parsed without trouble', async () => {
        const many = `${commandForm('help')}&${'f=1&'.repeat(100_000)}`;
        const res = await h.post('/mattermost/command', many, {'content-type': FORM});
        assert.equal(res.status, 200);
        const nested = `{"user_id":"u","channel_id":"c","context":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
        const deep = await h.post('/mattermost/action', nested, {'content-type': JSON_TYPE});
        assert.equal(deep.status, 400, deep.text);
        const hook = await h.post('/plugnmeet/webhook', '['.repeat(500 * KiB), {'content-type': JSON_TYPE});
        assert.equal(hook.status, 401);
    });
});

describe('wrong content types', () => {
    test('every endpoint refuses what it does not read with a 4xx and does nothing', async () => {
        const before = snapshot();
        const tokens = h.pnm.tokens.length;
        const click = JSON.stringify({user_id: h.users.bob.id, channel_id: h.channels.town.id, context: {action: 'join', room_id: 'a'.repeat(32), channel_id: h.channels.town.id, signature: 'x'}});
        let legal = 0;
        const types = ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json; charset=utf-16',
            'image/png', 'application/x-www-form-urlencoded; charset=utf-8', '', 'not a type', `application/${'x'.repeat(8 * KiB)}`];
        for (const type of types) {
            const headers: Record<string, string> = type ? {'content-type': type} : {};
            const cmd = await h.post('/mattermost/command', commandForm('start From the wrong door'), headers);
            const expectedCommand = type.startsWith(FORM) ? 200 : 415;
            assert.equal(cmd.status, expectedCommand, `command with ${type.slice(0, 40)}: ${cmd.text.slice(0, 100)}`);
            if (cmd.status === 200) {
                legal++; // the one legal request among them: a start, with the starter's own token
                await h.command(h.users.alice, h.channels.town, 'end');
                continue;
            }
            const action = await h.post('/mattermost/action', type === 'application/json; charset=utf-16' ? click : `a=b&${click}`, headers);
            assert.ok(action.status >= 400 && action.status < 500, `action with ${type.slice(0, 40)}: ${action.status}`);
            // The webhook reads any type, but nothing passes without plugNmeet's signature.
            const hook = await h.post('/plugnmeet/webhook', JSON.stringify({event: 'room_finished', room: {room_id: 'x'}}), headers);
            assert.ok([401, 415].includes(hook.status), `webhook with ${type.slice(0, 40)}: ${hook.status}`);
        }
        assert.equal(h.pnm.tokens.length, tokens + legal);
        const ended = h.cards().filter((c) => c.props.meeting_topic === 'From the wrong door');
        assert.equal(h.mm.posts.size - before.posts, ended.length * 2, 'only the form-encoded starts posted (card and ended notice)');
        assert.equal(await h.app.store.openMeetingInChannel(h.channels.town.id), undefined);
    });

    test('a compressed body is refused, and JSON prototype poisoning too', async () => {
        const gz = await h.post('/mattermost/action', '\x1f\x8b\x08\x00', {'content-type': JSON_TYPE, 'content-encoding': 'gzip'});
        assert.ok(gz.status >= 400 && gz.status < 500, String(gz.status));
        const poisoned = await h.post('/mattermost/action',
            '{"__proto__":{"polluted":true},"user_id":"u","channel_id":"c","context":{"constructor":{"prototype":{"polluted":true}}}}', {'content-type': JSON_TYPE});
        assert.equal(poisoned.status, 400);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
});

describe('slow-loris', () => {
    test('slow clients hold no one up, and the server gives every request 30 s to arrive', async () => {
        assert.equal(h.app.server.requestTimeout, 30_000);
        const sockets = Array.from({length: 20}, (_, i) => {
            const s = connect(port(), '127.0.0.1');
            s.on('error', () => undefined);
            // Half stop in the headers, half in the body.
            s.write(i % 2 ? `POST /mattermost/command HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: 5000\r\n\r\ntoken=${COMMAND_TOKEN}&te`
                : 'POST /mattermost/command HTTP/1.1\r\nHost: x\r\nContent-Ty');
            return s;
        });
        try {
            const started = Date.now();
            const res = await h.command(h.users.bob, h.channels.other, 'help');
            assert.equal(res.status, 200);
            assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
            assert.ok(Date.now() - started < 5000, 'answered while 20 clients dawdle');
        } finally {
            sockets.forEach((s) => s.destroy());
        }
    });

    test('a request that does not arrive in time is cut off with 408', async () => {
        // The same app with a short timeout and a fast check, so the test need not wait 30 s.
        const app = await buildApp({config: h.config, store: h.app.store, plugnmeet: h.app.plugnmeet, mattermost: h.app.mattermost},
            {logger: false, requestTimeout: 300, http: {connectionsCheckingInterval: 50}} as Parameters<typeof buildApp>[1]);
        await app.listen({host: '127.0.0.1', port: 0});
        try {
            const {port: appPort} = app.server.address() as {port: number};
            for (const partial of [
                `POST /mattermost/command HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: 5000\r\n\r\ntoken=${COMMAND_TOKEN}&text=start`,
                'POST /mattermost/command HTTP/1.1\r\nHost: x\r\nContent-Le',
            ]) {
                const answer = await new Promise<{data: string; ms: number}>((resolve) => {
                    const t0 = Date.now();
                    let data = '';
                    const s = connect(appPort, '127.0.0.1', () => s.write(partial));
                    s.on('data', (c) => (data += c));
                    s.on('error', () => undefined);
                    s.on('close', () => resolve({data, ms: Date.now() - t0}));
                    setTimeout(() => s.destroy(), 10_000);
                });
                assert.match(answer.data, /^HTTP\/1\.1 408/, JSON.stringify(answer));
                assert.ok(answer.ms < 10_000);
            }
            assert.equal(await h.app.store.openMeetingInChannel(h.channels.town.id), undefined);
        } finally {
            await app.close();
        }
    });
});

describe('topics', () => {
    test('CR/LF in a topic reaches no header and is stored as one line', async () => {
        const res = await h.command(h.users.alice, h.channels.other, 'start Weekly\r\nSet-Cookie: pwned=1\r\nX-Injected: yes\u0085Location: https://evil.example');
        assert.equal(res.status, 200);
        const raw = await fetch(`${h.url}/mattermost/command`, {method: 'POST', headers: {'content-type': FORM},
            body: commandForm('start Again\r\nSet-Cookie: pwned=1', {channel_id: h.channels.other.id})});
        assert.equal(raw.status, 200);
        for (const name of ['set-cookie', 'x-injected', 'location']) {
            assert.equal(raw.headers.get(name), null, name);
        }
        const roomId: string = res.body.props.plugnmeet_room_id;
        assert.doesNotMatch(res.body.goto_location, /[\s]/);
        const stored = await h.app.store.getMeeting(roomId);
        assert.equal(stored?.topic, 'Weekly Set-Cookie: pwned=1 X-Injected: yes Location: https://evil.example');
        assert.equal(h.pnm.rooms.get(roomId)?.room_title, stored?.topic, 'plugNmeet gets the same single line');
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
        assert.equal(card.props.meeting_topic, stored?.topic);
        assertInert(card.message, {mentions: ['@alice']});
        await h.command(h.users.alice, h.channels.other, 'end');
    });

    test('markdown, HTML and @channel in a topic: inert in the card, its attachment, the replies and the answers', async () => {
        const topic = '@channel @here @all @bob [a](https://evil.example) ![x](https://e.example/x.png) <img src=x onerror=alert(1)> '
            + '`c` **b** _i_ ~~s~~ #tag ~town-square :+1: www.evil.example a@b.example &amp; \\*';
        assert.ok(topic.length <= 200);
        const res = await h.command(h.users.alice, h.channels.town, `start ${topic}`);
        const roomId: string = res.body.props.plugnmeet_room_id;
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
        assert.equal(card.props.meeting_topic, topic, 'the webapp card shows the topic as plain text');
        const attachment = card.props.attachments[0];
        for (const text of [card.message, attachment.title, attachment.fallback]) {
            const shown = assertInert(text, {mentions: ['@alice']});
            assert.ok(shown.replace(/\u200B/g, '').includes(topic), 'the same words, just inert');
        }
        assertInert(attachment.text, {strong: 1, mentions: ['@alice']});

        // The answers that quote the topic, and the public posts made later.
        const again = await h.command(h.users.bob, h.channels.town, 'start Another');
        assertInert(again.body.text, {strong: 1, code: 1, mentions: ['@alice']});
        const click = await h.mm.clickButton(card.id, 'join', h.users.bob);
        assertInert(click.ephemeralText!.replace(/http\S+access_token=\S+/, 'LINK'), {strong: 1});
        const {record_id: recordId} = h.pnm.addRecording(roomId);
        await h.pnm.sendWebhook(`${h.url}/plugnmeet/webhook`, h.pnm.buildEvent('recording_proceeded', roomId, {recordId}));
        const end = await h.command(h.users.alice, h.channels.town, 'end');
        assertInert(end.body.text, {strong: 1});
        await h.app.cardUpdates.flushAll();
        const thread = [...h.mm.posts.values()].filter((p) => p.root_id === card.id);
        assert.equal(thread.length, 2, 'the recording and the ended notice');
        for (const post of [...thread, h.mm.posts.get(card.id)]) {
            assertInert(post.message, {strong: /ended the meeting|The meeting/.test(post.message) ? 1 : 0, mentions: ['@alice']});
            for (const a of post.props.attachments ?? []) {
                assertInert(a.title, {});
            }
        }
    });
});

describe('ids', () => {
    test('path traversal in meeting, recording, channel and user ids goes nowhere', async () => {
        const before = snapshot();
        const tokens = h.pnm.tokens.length;
        const mmRequests = h.mm.requests.length;
        for (const text of ['join ../../api/v4/users/me', 'join ..%2f..%2fsystem', 'join %2e%2e', 'join a/../../b', 'recordings ../../x',
            'recordings ..\\..\\x', 'join ' + 'a'.repeat(65)]) {
            const res = await h.command(h.users.alice, h.channels.town, text);
            assert.equal(res.status, 200);
            assert.equal(res.body.goto_location, undefined, text);
            assert.match(res.body.text, /not a (meeting|recording) id/, text);
        }
        // Ids Mattermost would never send, with a valid token: refused before any call is made with them.
        for (const [field, value] of [['channel_id', '../users/me'], ['channel_id', `${h.channels.town.id}/../../users/me`],
            ['user_id', '../../system/ping'], ['user_id', `${h.users.alice.id}%2F..`], ['channel_id', 'a b'], ['user_id', 'x\r\ny']]) {
            for (const text of ['start Traversal', 'end', 'join']) {
                const res = await h.post('/mattermost/command', commandForm(text, {[field]: value}), {'content-type': FORM});
                assert.equal(res.status, 200);
                assert.match(JSON.parse(res.text).text, /missing the user or channel/, `${field}=${value} ${text}`);
            }
        }
        // A signed context for a traversal "room id" (as if the secret were known) is still refused.
        const sneaky = '../../api/v4/users/me';
        const res = await h.post('/mattermost/action', JSON.stringify({user_id: h.users.bob.id, channel_id: h.channels.town.id,
            context: signContext(h.config.secret, {action: 'join', room_id: sneaky, channel_id: h.channels.town.id, post_id: '', expires_at: Date.now() + 60_000})}),
        {'content-type': JSON_TYPE});
        assert.equal(res.status, 403);
        assert.equal(h.pnm.tokens.length, tokens);
        const paths = h.mm.requests.slice(mmRequests).map((r) => r.path);
        assert.ok(paths.every((p) => !p.includes('..') && !/\/system\/|\/users\/me$/.test(p)), paths.join('\n'));
        await nothingHappened(before);
    });

    test('SQL meta-characters in every stored field are stored as text, and the tables survive', async () => {
        const evil = {topic: '\'); DROP TABLE meetings; -- " OR 1=1 /* %_\\', user_name: 'o\'brien"; DELETE FROM meetings; --', team_id: 'x\' OR \'1\'=\'1'};
        // A token of that (odd) team: tokens are bound to their team.
        await h.app.store.addCommandToken({teamId: evil.team_id, token: 'evil-team-token'});
        const res = await h.post('/mattermost/command', commandForm(`start ${evil.topic}`,
            {user_name: evil.user_name, team_id: evil.team_id, channel_id: h.channels.secret.id, token: 'evil-team-token'}), {'content-type': FORM});
        const answer = JSON.parse(res.text);
        assert.ok(answer.goto_location, res.text);
        const stored = await h.app.store.getMeeting(answer.props.plugnmeet_room_id);
        assert.equal(stored?.topic, evil.topic);
        assert.equal(stored?.creatorUsername, h.users.alice.username, 'the username is Mattermost\'s, never the request\'s word');
        assert.equal(stored?.teamId, evil.team_id);
        assert.equal((await h.app.store.openMeetingInChannel(h.channels.secret.id))?.roomId, stored?.roomId);
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === stored?.roomId);
        assertInert(card.message, {});

        // A signed webhook with SQL in its ids: ignored, and nothing else is touched.
        const event = {...h.pnm.buildEvent('room_finished', stored!.roomId), id: '\'; DELETE FROM meetings; --', room: {room_id: '\' OR \'1\'=\'1'}};
        assert.equal((await h.pnm.sendWebhook(`${h.url}/plugnmeet/webhook`, event)).status, 200);
        assert.equal((await h.app.store.getMeeting(stored!.roomId))?.status, 'live');
        assert.ok((await h.app.store.liveMeetings()).length >= 1);
        const end = await h.post('/mattermost/command', commandForm('end',
            {user_name: evil.user_name, channel_id: h.channels.secret.id, team_id: evil.team_id, token: 'evil-team-token'}), {'content-type': FORM});
        assert.match(JSON.parse(end.text).text, /You ended/);
        await h.app.cardUpdates.flushAll();
        const notice = [...h.mm.posts.values()].find((p) => p.root_id === card.id && /ended the meeting/.test(p.message));
        assert.ok(notice, 'the ended notice names who ended it');
        assertInert(notice.message, {strong: 1});
    });
});

describe('rate limits', () => {
    let r: Harness;
    before(async () => {
        // 192.0.2.7 plays a second Mattermost server (a cluster node): limited on its own.
        r = await startHarness({env: {RATE_LIMIT_PER_USER: '5', RATE_LIMIT_PER_ADDRESS: '60', MATTERMOST_SOURCE_ADDRESSES: '127.0.0.1,192.0.2.7'}, logLevel: 'warn'});
    });
    after(async () => {
        const leaked = r.leakedSecrets();
        await r.close();
        assert.deepEqual(leaked, []);
    });

    test('per user: the sixth command or click within 10 s gets an ephemeral "wait" at HTTP 200; others go on', async () => {
        const started = await r.command(r.users.bob, r.channels.town, 'start Limits'); // bob: 1
        const card = r.cards().find((p) => p.props.plugnmeet_room_id === started.body.props.plugnmeet_room_id);
        for (let i = 0; i < 5; i++) {
            const ok = await r.command(r.users.alice, r.channels.town, 'help');
            assert.match(ok.body.text, /plugNmeet video meetings/, `command ${i + 1}`);
        }
        const limited = await r.command(r.users.alice, r.channels.town, 'join');
        assert.equal(limited.status, 200);
        assert.equal(limited.contentType, 'application/json');
        assert.equal(limited.body.response_type, 'ephemeral');
        assert.equal(limited.body.goto_location, undefined);
        const seconds = Number(/Wait (\d+) seconds?/.exec(limited.body.text)?.[1]);
        assert.ok(seconds >= 1 && seconds <= 10, limited.body.text);

        // Clicks share the budget: Mattermost shows the ephemeral text, and no token is made.
        const tokens = r.pnm.tokens.length;
        const click = await r.mm.clickButton(card.id, 'join', r.users.alice);
        assert.equal(click.status, 200);
        assert.match(click.ephemeralText ?? '', /Wait \d+ seconds?/);
        assert.equal(r.pnm.tokens.length, tokens);

        // Other users are not affected, and a forged request in alice's name (bad token) counts for nobody.
        assert.match((await r.command(r.users.bob, r.channels.town, 'help')).body.text, /plugNmeet video meetings/);
        assert.match((await r.mm.clickButton(card.id, 'join', r.users.carol)).ephemeralText ?? '', /access_token=/);
        assert.equal((await r.command(r.users.carol, r.channels.town, 'help', {token: 'forged'})).status, 401);
        const metrics = await (await fetch(`${r.url}/metrics`)).text();
        assert.match(metrics, /plugnmeet_sidecar_commands_total\{subcommand="join",outcome="limited"\} 1/);
        await r.command(r.users.bob, r.channels.town, 'end');
    });

    test('per address: a flood gets HTTP 429; liveness probes and other addresses are not affected', async () => {
        const statuses: number[] = [];
        let first429: Response | undefined;
        for (let i = 0; i < 61 && !first429; i++) {
            const res = await fetch(`${r.url}/mattermost/command`, {method: 'POST', headers: {'content-type': FORM}, body: 'token=flood'});
            statuses.push(res.status);
            if (res.status === 429) {
                first429 = res;
            } else {
                await res.arrayBuffer();
            }
        }
        assert.ok(first429, `no 429 after ${statuses.length} requests`);
        assert.ok(statuses.slice(0, -1).every((s) => s === 401), 'refused for the token until the address limit');
        assert.ok(Number(first429.headers.get('retry-after')) > 0);
        assert.match((await first429.json()).error, /Rate limit exceeded/);
        // Even a request with a good token from this address is now refused, before any work.
        const good = await fetch(`${r.url}/mattermost/command`, {method: 'POST', headers: {'content-type': FORM},
            body: form({token: COMMAND_TOKEN, team_id: r.mm.teamId, channel_id: r.channels.town.id, user_id: r.users.alice.id, text: 'help'})});
        assert.equal(good.status, 429);
        assert.equal((await fetch(`${r.url}/healthz`)).status, 200);
        const elsewhere = await r.app.inject({method: 'POST', url: '/mattermost/command', remoteAddress: '192.0.2.7', headers: {'content-type': FORM},
            payload: form({token: COMMAND_TOKEN, team_id: r.mm.teamId, channel_id: r.channels.town.id, user_id: r.users.carol.id, text: 'help'})});
        assert.equal(elsewhere.statusCode, 200);
    });

    test('behind a trusted proxy, the limit counts each client named by X-Forwarded-For', async () => {
        // The clients the proxy names are Mattermost nodes (the address checked is the forwarded one).
        const p = await startHarness({env: {RATE_LIMIT_PER_ADDRESS: '5', TRUST_PROXY: '127.0.0.1', MATTERMOST_SOURCE_ADDRESSES: '203.0.113.0/24'}});
        try {
            const from = (client: string) => fetch(`${p.url}/mattermost/command`, {method: 'POST',
                headers: {'content-type': FORM, 'x-forwarded-for': client}, body: 'token=flood'}).then((res) => res.status);
            const statuses = [];
            for (let i = 0; i < 6; i++) {
                statuses.push(await from('203.0.113.1'));
            }
            assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
            assert.equal(await from('203.0.113.2'), 401, 'another client behind the same proxy is not limited');
        } finally {
            await p.close();
        }
        // Without TRUST_PROXY the header is the caller's word: changing it evades nothing, and on
        // /mattermost/ it is refused (a request through a proxy nobody trusts is nobody's).
        const q = await startHarness({env: {RATE_LIMIT_PER_ADDRESS: '5'}});
        try {
            const statuses = [];
            for (let i = 0; i < 6; i++) {
                statuses.push(await fetch(`${q.url}/readyz`, {headers: {'x-forwarded-for': `203.0.113.${i}`}}).then((res) => res.status));
            }
            assert.deepEqual(statuses.slice(-1), [429]);
            const forwarded = await fetch(`${q.url}/mattermost/command`, {method: 'POST', headers: {'content-type': FORM, 'x-forwarded-for': '203.0.113.9'}, body: 'token=flood'});
            assert.equal(forwarded.status, 403);
        } finally {
            await q.close();
        }
    });

    test('the per-user window: refused requests do not count, the budget comes back, idle users are forgotten', () => {
        let now = 1_000_000;
        const limit = createUserRateLimit({max: 3, windowMs: 10_000, now: () => now});
        assert.deepEqual([limit.take('a'), limit.take('a'), limit.take('a')], [0, 0, 0]);
        now += 3000;
        assert.equal(limit.take('a'), 7, 'the first request leaves the window in 7 s');
        assert.equal(limit.take('b'), 0, 'per user');
        now += 6999;
        assert.equal(limit.take('a'), 1);
        now += 1;
        assert.equal(limit.take('a'), 0, 'a refused request did not push the window');
        for (let i = 0; i < 10_000; i++) {
            limit.take(`user${i}`);
        }
        assert.equal(limit.size(), 10_002);
        now += 10_000;
        limit.take('late');
        assert.equal(limit.size(), 1, 'memory follows the users active in the last window');
        assert.equal(createUserRateLimit({max: 0}).take('x'), 0, '0 turns it off');
    });
});
