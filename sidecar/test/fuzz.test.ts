// Property-based fuzzing with fast-check and a fixed seed, so every run sees the same inputs.
// The pure parts (command parser, form parser, webhook verifier, button signature, inert card
// text) get 10,000 generated inputs each; the store and the two HTTP routes, which do I/O, fewer.
// Nothing may throw, and nothing forged may be accepted.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {describe, test} from 'node:test';
import fc from 'fast-check';
import {renderCard} from '../src/meetings/cards/render.js';
import {verifyWebhook} from '../src/plugnmeet/webhook.js';
import {parseForm} from '../src/http/routes/command.js';
import {isSubcommand, MISTYPED, nearestSubcommand, parseCommandText} from '../src/meetings/command-grammar.js';
import {readStartArgs} from '../src/meetings/options.js';
import {UserError} from '../src/meetings/errors.js';
import {checkContext, signContext, type ActionName} from '../src/meetings/cards/button-context.js';
import {openSqliteStore} from '../src/store/sqlite.js';
import type {Meeting} from '../src/store/store.js';
import {b64url, signHs256} from './fakes/jwt.js';
import {COMMAND_TOKEN, type Harness, useHarness} from './harness.js';
import {assertInert} from './inert-check.js';

const SEED = 20261122;
const RUNS = 10_000;
const HTTP_RUNS = 300;
const NOW = 1_800_000_000_000;
const options = (numRuns = RUNS) => ({seed: SEED, numRuns, includeErrorInReport: true});

// Pieces attackers reach for: mentions, markdown, HTML, URLs, control and bidi characters, SQL, paths.
const HOSTILE = [
    '@channel', '@here', '@all', '@alice', '@', 'x@evil.example', '[link](https://evil.example/x)', '![i](https://evil.example/p.png)',
    '<b>bold</b>', '<https://evil.example>', '<a@b.example>', 'https://evil.example', 'http://10.0.0.1:8080/x', 'www.evil.example',
    'evil.example', 'mailto:a@b.example', 'tel:+123', '`', '```', '*', '**', '_', '__', '~', '~~', '~town-square', '#', '# ', '#tag',
    '>', '> ', '-', '- ', '+ ', '1.', '1) ', '|', '\\', '&amp;', '&copy;', '&#64;', '&#x40;', ':smile:', ':)', '$x$', '\n', '\r\n', '\r',
    '\t', '\u0000', '\u0085', '\u2028', '\u2029', '\u202E', '\u2066', '\u200B', '\uFEFF', ' ', '    ', 'Set-Cookie: a=b', '%0d%0a',
    '\'; DROP TABLE meetings; --', '"', '\'', ';', '--', '/*', '%', '../', '..\\', 'é', '🎥', 'Sprint review', '.', ':', '[', ']', '(', ')',
    '!', '<', '&', '=',
];
const hostile = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({unit: 'binary', maxLength: 6})), {maxLength: 12}).map((p) => p.join(''));
const anyText = fc.oneof(hostile, fc.string({unit: 'binary', maxLength: 80}), fc.string({unit: 'grapheme', maxLength: 40}),
    fc.string({unit: 'binary-ascii', maxLength: 80}));
const blank = fc.constantFrom('', ' ', '\t', '\n', '  ', '\u3000', '\r\n');

describe('command text', () => {
    test('parseCommandText and the start flags: 10,000 texts, never throw (a refusal is a UserError); a thread root only when it is a post id', () => {
        const word = fc.oneof(fc.constantFrom('start', 'JOIN', 'end', 'recordings', 'help', 'Start'), anyText);
        const rootArg = fc.tuple(fc.constantFrom('--root ', '--root=', '--root  ', '--ROOT ', '--root', '--root\n'),
            fc.oneof(fc.stringMatching(/^[a-z0-9]{26}$/), fc.stringMatching(/^[a-z0-9]{24,28}$/), fc.stringMatching(/^[A-Za-z0-9]{26}$/), anyText),
            fc.constantFrom('', ' ', '\n', 'x', ' Topic', '\u3000'), anyText).map((p) => p.join(''));
        const text = fc.oneof(anyText, fc.tuple(blank, word, blank, fc.oneof(anyText, rootArg)).map((p) => p.join('')),
            rootArg.map((a) => `start ${a}`));
        fc.assert(fc.property(text, (t) => {
            const {sub, arg} = parseCommandText(t);
            const trimmed = t.trim();
            if (!trimmed) {
                assert.deepEqual({sub, arg}, {sub: 'start', arg: ''});
                return;
            }
            const first = trimmed.split(/\s/, 1)[0].toLowerCase();
            if (isSubcommand(first)) {
                assert.equal(sub, first);
            } else if (sub === MISTYPED) {
                // One word close to a subcommand: answered "did you mean", nothing starts.
                assert.equal(arg, trimmed);
                assert.ok(nearestSubcommand(trimmed), trimmed);
                return;
            } else {
                // Any other first word is the start of a topic.
                assert.deepEqual({sub, arg}, {sub: 'start', arg: trimmed});
            }
            assert.equal(arg, arg.trim());
            assert.ok(trimmed.endsWith(arg));

            let read;
            try {
                read = readStartArgs(arg);
            } catch (err) {
                assert.ok(err instanceof UserError, String(err)); // a mistake in the flags: said to the user
                assert.match(arg, /^(-|\u2014|\u2013)/);
                return;
            }
            const {rootId, topic} = read;
            if (rootId) {
                assert.match(rootId, /^[a-z0-9]{26}$/);
                assert.ok(arg.includes(rootId));
            }
            assert.ok(arg.endsWith(topic));
            assert.equal(topic, topic.trim());
            if (!/^(-|\u2014|\u2013)/.test(arg)) {
                assert.equal(topic, arg); // no flags: all of it is the topic
            }
        }), options());
    });
});

describe('form', () => {
    test('parseForm: 10,000 bodies, never throws, string values only, last value wins, no prototype pollution', () => {
        const key = fc.oneof(fc.constantFrom('token', 'text', 'user_id', 'channel_id', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''), anyText);
        const structured = fc.array(fc.tuple(key, anyText), {maxLength: 8}).map((entries) => ({entries, body: new URLSearchParams(entries).toString()}));
        const rawPiece = fc.constantFrom('%', '%2', '%E0%A4%A', '%C0%AF', '%00', '%0D%0A', '%FF', '+', '=', '&', '&&', '==', 'a', 'token=',
            '__proto__=x', '__proto__[polluted]=1', 'constructor[prototype][polluted]=1', '\u0000', '\uFFFD');
        const raw = fc.oneof(anyText, fc.array(fc.oneof(rawPiece, anyText), {maxLength: 16}).map((p) => p.join(''))).map((body) => ({entries: undefined, body}));
        const protoKeys = Object.getOwnPropertyNames(Object.prototype).length;

        fc.assert(fc.property(fc.oneof(structured, raw), ({entries, body}) => {
            const form = parseForm(body);
            assert.equal(Object.getPrototypeOf(form), Object.prototype);
            assert.ok(Object.values(form).every((v) => typeof v === 'string'));
            if (entries) {
                const last = new Map(entries);
                assert.equal(Object.keys(form).length, last.size);
                for (const [k, v] of last) {
                    assert.ok(Object.hasOwn(form, k), k);
                    assert.equal(form[k], v);
                }
            }
        }), options());
        assert.equal(Object.getOwnPropertyNames(Object.prototype).length, protoKeys);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
});

describe('plugNmeet webhook verifier', () => {
    const KEY = 'pnm-api-key';
    const SECRET = 'pnm-api-secret-0123456789abcdef';
    const NOW = 1_800_000_000;
    const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('base64');
    const sign = (body: Buffer, claims: Record<string, unknown> = {}, secret = SECRET) =>
        signHs256({iss: KEY, nbf: NOW - 5, exp: NOW + 300, sha256: sha(body), ...claims}, secret);
    // The verifier is async (for its callers): the properties below are async ones.
    const verify = async (body: Buffer, token: string) => (await verifyWebhook(body, token, KEY, SECRET, NOW)).ok;
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

    test('10,000 garbage tokens and bodies: refused, never a throw', async () => {
        const seg = fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/);
        const header = fc.constantFrom('HS256', 'none', 'None', 'hs256', 'RS256', 'HS512', '').map((alg) => b64url(JSON.stringify({alg, typ: 'JWT'})));
        const claims = fc.record({iss: fc.oneof(fc.constant(KEY), anyText), exp: fc.oneof(fc.constant(NOW + 60), fc.integer()), sha256: anyText}, {requiredKeys: []})
            .map((c) => b64url(JSON.stringify(c)));
        const token = fc.oneof(anyText, fc.tuple(seg, seg, seg).map((p) => p.join('.')), fc.tuple(header, claims, seg).map((p) => p.join('.')),
            fc.tuple(header, claims, seg).map((p) => `Bearer ${p.join('.')}`), fc.array(seg, {maxLength: 6}).map((p) => p.join('.')));
        await fc.assert(fc.asyncProperty(token, fc.uint8Array({maxLength: 200}), async (t, body) => {
            assert.equal(await verify(Buffer.from(body), t), false);
        }), options());
    });

    test('10,000 forgeries of a valid delivery (one character changed, added or dropped; body changed; re-signed): all refused', async () => {
        const mutation = fc.oneof(
            fc.record({kind: fc.constant('replace' as const), at: fc.nat(), c: fc.constantFrom(...B64, '.', '=', '+', '/', ' ', '!', '\n')}),
            fc.record({kind: fc.constant('insert' as const), at: fc.nat(), c: fc.constantFrom(...B64, '.', '=', '+', '/', ' ', '!', '\n', '%')}),
            fc.record({kind: fc.constant('delete' as const), at: fc.nat()}),
            fc.record({kind: fc.constant('body' as const), at: fc.nat(), bit: fc.integer({min: 0, max: 7}), append: fc.boolean()}),
            fc.record({kind: fc.constant('claims' as const), claims: fc.constantFrom<Record<string, unknown>>(
                {iss: 'someone-else'}, {iss: KEY.toUpperCase()}, {iss: `${KEY} `}, {iss: undefined}, {exp: NOW - 3600}, {exp: String(NOW + 60)},
                {exp: undefined}, {nbf: NOW + 3600}, {sha256: undefined}, {sha256: sha('other body')}, {sha256: ''})}),
            fc.record({kind: fc.constant('secret' as const), secret: fc.oneof(fc.constant(KEY), fc.constant(''), fc.constant(SECRET + ' '), anyText)}),
        );
        await fc.assert(fc.asyncProperty(fc.uint8Array({maxLength: 300}), mutation, async (bytes, m) => {
            const body = Buffer.from(bytes);
            const token = sign(body);
            assert.equal(await verify(body, token), true, 'the genuine delivery is accepted');
            assert.equal(await verify(body, `Bearer ${token}`), true);
            let forged = token;
            let forgedBody = body;
            switch (m.kind) {
            case 'replace': {
                const i = m.at % token.length;
                fc.pre(token[i] !== m.c);
                forged = token.slice(0, i) + m.c + token.slice(i + 1);
                break;
            }
            case 'insert': {
                const i = m.at % (token.length + 1);
                forged = token.slice(0, i) + m.c + token.slice(i);
                break;
            }
            case 'delete': {
                const i = m.at % token.length;
                forged = token.slice(0, i) + token.slice(i + 1);
                break;
            }
            case 'body':
                if (m.append || body.length === 0) {
                    forgedBody = Buffer.concat([body, Buffer.from([m.at % 256])]);
                } else {
                    forgedBody = Buffer.from(body);
                    forgedBody[m.at % body.length] ^= 1 << m.bit;
                }
                break;
            case 'claims':
                forged = sign(body, m.claims);
                break;
            case 'secret':
                fc.pre(m.secret !== SECRET);
                forged = sign(body, {}, m.secret);
                break;
            }
            assert.equal(await verify(forgedBody, forged), false, `${m.kind}: ${JSON.stringify(forged)}`);
        }), options());
    });

    test('algorithm confusion: alg none, or HS256 keyed with the API key, is refused', async () => {
        const body = Buffer.from('{"event":"room_finished"}');
        const claims = b64url(JSON.stringify({iss: KEY, exp: NOW + 60, sha256: sha(body)}));
        for (const alg of ['none', 'None', 'NONE']) {
            const head = b64url(JSON.stringify({alg, typ: 'JWT'}));
            assert.equal(await verify(body, `${head}.${claims}.`), false, alg);
        }
        assert.equal(await verify(body, sign(body, {}, KEY)), false);
    });
});

describe('button signature', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    // Pieces of the signed text itself: a room id that contains "\nchannel:" could shift the boundary.
    const tricky = fc.array(fc.constantFrom('a', 'b', '1', '\n', 'channel:', 'room:', ':', '\nchannel:', '\nchannel:x'), {minLength: 1, maxLength: 6})
        .map((p) => p.join(''));
    const anyId = fc.oneof(id, tricky, anyText);
    const secret = fc.oneof(fc.constant('s'.repeat(40)), fc.string({minLength: 32, maxLength: 64}));

    const action = fc.constantFrom('join', 'refresh', 'download', 'start') as fc.Arbitrary<ActionName>;
    const context = fc.record({action, room_id: anyId, channel_id: anyId, post_id: fc.oneof(fc.constant(''), anyId),
        record_id: fc.option(anyId, {nil: undefined}), expires_at: fc.integer({min: NOW - 1000, max: NOW + 1000})});

    test('10,000 contexts: a signature is good for its own action, room, channel, post, recording and time only', () => {
        fc.assert(fc.property(secret, context, context, anyText, (key, c, other, guess) => {
            if (c.record_id === undefined) {
                delete c.record_id;
            }
            const signed = signContext(key, c);
            const idShaped = (s: string) => /^[A-Za-z0-9_-]{1,128}$/.test(s);
            const wellFormed = idShaped(c.room_id) && idShaped(c.channel_id) && (c.post_id === '' || idShaped(c.post_id)) &&
                (c.record_id === undefined || idShaped(c.record_id));
            const expected = !wellFormed ? 'forged' : c.expires_at > NOW ? 'valid' : 'expired';
            assert.equal(checkContext(key, signed, NOW), expected);
            // Any one field moved to another value (the boundary tricks included) is a forgery.
            for (const field of Object.keys(other) as Array<keyof typeof other>) {
                if (other[field] !== undefined && other[field] !== c[field]) {
                    assert.equal(checkContext(key, {...signed, [field]: other[field]}, NOW), 'forged', `${field} moved`);
                }
            }
            for (const forged of [signed.signature.toUpperCase(), ` ${signed.signature}`, signed.signature.slice(1), guess,
                signContext(`${key}x`, c).signature]) {
                if (forged !== signed.signature) {
                    assert.equal(checkContext(key, {...signed, signature: forged}, NOW), 'forged');
                }
            }
        }), options());
    });
});

describe('card text', () => {
    const ctx = {actionUrl: 'https://sidecar.example/mattermost/action', secret: 'k'.repeat(40), now: () => NOW};
    const ZWSP = /\u200B/g;

    function meeting(topic: string, ended: boolean): Meeting {
        const startedAt = 1_800_000_000_000;
        return {
            roomId: 'a'.repeat(32), channelId: 'c'.repeat(26), teamId: 't'.repeat(26), rootId: '', postId: 'p'.repeat(26),
            creatorId: 'u'.repeat(26), creatorUsername: 'alice', topic, status: ended ? 'ended' : 'live', startedAt,
            endedAt: ended ? startedAt + 25 * 60_000 : null, participants: 3, peakParticipants: 3, updatedAt: startedAt,
            endedBy: '', version: 1, endNoticePosted: false,
        } as Meeting;
    }

    /** Inert, and readers see exactly the expected text (the zero-width spaces aside). */
    function check(md: string, expected: string, strong = 0) {
        const text = assertInert(md, {strong, mentions: ['@alice']});
        const seen = (t: string) => t.replace(ZWSP, '').replace(/[ \t]+$/, '');
        assert.equal(seen(text), seen(expected), 'readers see the same text');
    }

    test('10,000 hostile topics: the fallback message and the attachment never ping, link or format', () => {
        fc.assert(fc.property(anyText, fc.boolean(), (topic, ended) => {
            const {message, props} = renderCard(meeting(topic, ended), ctx);
            const attachment = (props.attachments as Array<Record<string, string>>)[0];
            const shown = topic.replace(/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu, ' ').trim();
            check(message, `alice started a meeting: ${shown}`);
            if (ended) {
                check(attachment.fallback, `${shown}: the meeting ended after 25 min.`);
            } else {
                assert.equal(attachment.fallback, message);
            }
            check(attachment.title, shown);
            check(attachment.text, ended ? 'Meeting ended after 25 min · peak: 3 participants · started by alice'
                : 'Live now · 3 participants · started by alice. Tap Join meeting for your personal link.', ended ? 0 : 1);
            assert.equal(props.meeting_topic, topic, 'the prop keeps the topic as given: the webapp shows it as plain text');
        }), options());
    });

    test('a user name that is not a Mattermost user name is made inert too', () => {
        for (const name of ['channel', 'all', 'HERE', 'x @channel', '[a](https://evil.example)']) {
            const {message} = renderCard({...meeting('Topic', false), creatorUsername: name}, ctx);
            assertInert(message);
        }
    });
});

describe('store', () => {
    test('2,000 meetings with SQL meta-characters in every field: stored and read back exactly, nothing else matched', async () => {
        const store = openSqliteStore(':memory:');
        const sqlish = fc.oneof(anyText, fc.array(fc.constantFrom('\'', '"', ';', '--', '/*', '*/', '%', '_', '\\', '\u0000', '\' OR \'1\'=\'1',
            '\'); DROP TABLE meetings; --', 'NULL', '?', '$1', ':name', '@p', '`', '[x]', '*'), {minLength: 1, maxLength: 6}).map((p) => p.join('')));
        let n = 0;
        try {
            await fc.assert(fc.asyncProperty(fc.record({
                room: sqlish, channel: sqlish, team: sqlish, root: sqlish, creator: sqlish, username: sqlish, topic: sqlish, endedBy: sqlish,
            }), async (f) => {
                n++;
                // Unique per run, still full of meta-characters.
                const m = {roomId: `${f.room}#${n}`, channelId: `${f.channel}#${n}`, teamId: f.team, rootId: f.root, creatorId: f.creator,
                    creatorUsername: f.username, creatorName: f.endedBy, creatorLocale: f.team, topic: f.topic, startedAt: 1_800_000_000_000 + n};
                assert.deepEqual(await store.reserveMeeting(m), {ok: true});
                const stored = await store.getMeeting(m.roomId);
                assert.ok(stored);
                for (const [k, v] of Object.entries(m)) {
                    assert.equal(stored[k as keyof Meeting], v, k);
                }
                assert.equal((await store.openMeetingInChannel(m.channelId))?.roomId, m.roomId);
                await store.activateMeeting(m.roomId, 'post', 'shown');
                assert.deepEqual(await store.roomIdsInChannel(m.channelId, 5), [m.roomId]);
                assert.deepEqual(await store.roomIdsInChannel(`${f.channel}%`, 5), [], 'no LIKE patterns');
                assert.equal(await store.openMeetingInChannel(`${m.channelId}' OR '1'='1`), undefined);
                const ended = await store.endMeeting(m.roomId, m.startedAt + 1000, f.endedBy);
                assert.equal(ended?.endedBy, f.endedBy);
            }), options(2_000));
            assert.equal((await store.liveMeetings()).length, 0);
        } finally {
            await store.close();
        }
    });
});

describe('over HTTP', () => {
    let h: Harness;
    useHarness((started) => (h = started));
    const FORM = 'application/x-www-form-urlencoded';

    test(`${HTTP_RUNS} generated slash-command forms: 401 exactly when the token is wrong, else 200 JSON; never a 5xx`, async () => {
        const ids = () => ({users: Object.values(h.users).map((u) => u.id), channels: Object.values(h.channels).map((c) => c.id)});
        const form = fc.record({
            token: fc.oneof({arbitrary: fc.constant(COMMAND_TOKEN), weight: 5}, fc.constant('unused-token'), fc.constant(''),
                fc.constant(COMMAND_TOKEN.toUpperCase()), fc.constant(`${COMMAND_TOKEN} `), anyText),
            user: fc.oneof({arbitrary: fc.nat(3), weight: 3}, anyText),
            channel: fc.oneof({arbitrary: fc.nat(4), weight: 3}, anyText),
            userName: fc.oneof(fc.constant('alice'), anyText),
            text: fc.oneof(fc.constantFrom('help', 'end', 'recordings', 'join', ''),
                fc.tuple(fc.constantFrom('start ', 'join ', 'recordings ', 'end ', 'help '), anyText).map((p) => p.join('')), anyText),
            extra: fc.array(fc.tuple(fc.oneof(fc.constantFrom('token', 'text', 'user_id', '__proto__'), anyText), anyText), {maxLength: 3}),
            authHeader: fc.oneof(fc.constant(undefined), fc.constant(`Token ${COMMAND_TOKEN}`), anyText),
        }, {requiredKeys: ['text', 'token', 'user', 'channel']});

        const seen = {refused: 0, answered: 0, opened: 0};
        await fc.assert(fc.asyncProperty(form, async (f) => {
            const {users, channels} = ids();
            const entries: Array<[string, string]> = [['team_id', h.mm.teamId], ['text', f.text]];
            if (f.token !== undefined) {
                entries.push(['token', f.token]);
            }
            if (f.user !== undefined) {
                entries.push(['user_id', typeof f.user === 'number' ? users[f.user] : f.user]);
            }
            if (f.channel !== undefined) {
                entries.push(['channel_id', typeof f.channel === 'number' ? channels[f.channel] : f.channel]);
            }
            if (f.userName !== undefined) {
                entries.push(['user_name', f.userName]);
            }
            entries.push(...(f.extra ?? []));
            const headers: Record<string, string> = {'content-type': FORM};
            if (f.authHeader !== undefined && !/[\r\n]/.test(f.authHeader) && /^[\t\x20-\x7e]*$/.test(f.authHeader)) {
                headers.authorization = f.authHeader;
            }
            // The model of the token check: the form's last token, else the Authorization header.
            const fields = new Map(entries);
            const presented = fields.get('token') || (/^Token\s+(\S+)$/i.exec((headers.authorization ?? '').trim())?.[1] ?? '');
            const authorized = presented === COMMAND_TOKEN || presented === 'unused-token';

            const before = {posts: h.mm.posts.size, creates: h.pnm.calls.filter((c) => c.path === '/auth/room/create').length, tokens: h.pnm.tokens.length};
            const res = await h.app.inject({method: 'POST', url: '/mattermost/command', headers, payload: new URLSearchParams(entries).toString()});
            assert.ok(res.statusCode < 500, `${res.statusCode} ${res.body}`);
            if (!authorized) {
                assert.equal(res.statusCode, 401, `${JSON.stringify(presented)} must be refused`);
                assert.equal(h.mm.posts.size, before.posts);
                assert.equal(h.pnm.calls.filter((c) => c.path === '/auth/room/create').length, before.creates);
                assert.equal(h.pnm.tokens.length, before.tokens);
                seen.refused++;
                return;
            }
            seen.answered++;
            assert.equal(res.statusCode, 200, res.body);
            assert.equal(res.headers['content-type'], 'application/json');
            assert.equal(res.headers['set-cookie'], undefined);
            const json = res.json();
            assert.equal(json.response_type, 'ephemeral');
            assert.equal(typeof json.text, 'string');
            if (json.goto_location) {
                assert.ok(json.goto_location.startsWith(`${h.pnm.url}/`), json.goto_location);
                seen.opened++;
            }
        }), options(HTTP_RUNS));
        // The generator reaches every outcome, not just the cheap refusals.
        assert.ok(seen.refused > 30 && seen.answered > 100 && seen.opened > 3, JSON.stringify(seen));

        for (const card of h.cards()) {
            assert.doesNotMatch(card.props.meeting_topic, /[\p{Cc}\u2028\u2029\u202A-\u202E]/u, `stored topics are one clean line: ${JSON.stringify(card.props.meeting_topic)}`);
            assert.doesNotMatch(card.message, /@(channel|here|all)\b/);
        }
        assert.equal((await h.app.inject({method: 'GET', url: '/healthz'})).statusCode, 200);
    });

    test(`${HTTP_RUNS} generated button clicks: only the card's own context, on its own post and channel, gets anything`, async () => {
        await h.command(h.users.alice, h.channels.other, 'start Fuzzed buttons');
        const card = h.cards().find((p) => p.channel_id === h.channels.other.id && p.props.meeting_status === 'live')!;
        const good = card.props.attachments[0].actions[0].integration.context;
        const channelId = h.channels.other.id;
        const click = fc.record({
            action: fc.oneof(fc.constant(good.action), fc.constantFrom('refresh', 'download', 'start', 'end', ''), anyText),
            room: fc.oneof(fc.constant(good.room_id), fc.constant(good.room_id.toUpperCase()), fc.constant(`${good.room_id}\nchannel:${channelId}`), anyText),
            ctxChannel: fc.oneof(fc.constant(channelId), fc.constant(h.channels.town.id), anyText),
            ctxPost: fc.oneof(fc.constant(card.id), fc.constant(''), anyText),
            expires: fc.oneof(fc.constant(good.expires_at), fc.constant(good.expires_at + 1), fc.integer()),
            channel: fc.oneof(fc.constant(channelId), fc.constant(h.channels.town.id), anyText),
            post: fc.oneof(fc.constant(card.id), fc.constant('p'), anyText),
            signature: fc.oneof(fc.constant(good.signature), fc.constant(good.signature.toUpperCase()), fc.constant(` ${good.signature}`),
                fc.stringMatching(/^[0-9a-f]{64}$/), anyText),
            user: fc.oneof(fc.constant(h.users.bob.id), anyText),
        });
        let refused = 0;
        await fc.assert(fc.asyncProperty(click, async (c) => {
            const tokens = h.pnm.tokens.length;
            const body = {user_id: c.user, user_name: 'mallory', channel_id: c.channel, team_id: h.mm.teamId, post_id: c.post, type: 'button',
                context: {action: c.action, room_id: c.room, channel_id: c.ctxChannel, post_id: c.ctxPost, expires_at: c.expires, signature: c.signature}};
            const res = await h.app.inject({method: 'POST', url: '/mattermost/action?action=join', payload: body});
            assert.ok(res.statusCode < 500, `${res.statusCode} ${res.body}`);
            const genuine = c.action === good.action && c.room === good.room_id && c.ctxChannel === channelId && c.ctxPost === card.id &&
                c.expires === good.expires_at && c.signature === good.signature && c.channel === channelId && c.post === card.id;
            if (!genuine) {
                assert.equal(h.pnm.tokens.length, tokens, `no token for a forged or misplaced click: ${JSON.stringify(c)}`);
                assert.doesNotMatch(res.body, /access_token/);
                refused++;
            }
        }), options(HTTP_RUNS));
        assert.ok(refused > HTTP_RUNS * 0.9, `${refused} refused`);
        const genuine = await h.app.inject({method: 'POST', url: '/mattermost/action?action=join', payload: {user_id: h.users.bob.id,
            channel_id: channelId, post_id: card.id, context: good}});
        assert.match(genuine.json().ephemeral_text, /access_token=/, 'and the genuine click still works');
        await h.command(h.users.alice, h.channels.other, 'end');
    });
});
