// "Only Mattermost is Mattermost" (issue 21, finding 4): a reverse proxy on Mattermost's host makes
// every caller look like 127.0.0.1. A request to /mattermost/ that says whom it forwards for is
// refused while TRUST_PROXY is unset; the settings that allow the mistake stop start-up; an
// anonymous flood from Mattermost's address cannot use up Mattermost's budget; a name written
// `@name` is the one Mattermost's profile holds, not the one the request says.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {runDoctor} from '../src/admin/doctor.js';
import {loadConfig} from '../src/config/config.js';
import {createPeople, isUsername} from '../src/meetings/people.js';
import {COMMAND_TOKEN, harnessWith, type Harness} from './harness.js';

const FORM = 'application/x-www-form-urlencoded';

function formWith(h: Harness, text: string, fields: Record<string, string> = {}) {
    const {body} = h.mm.commandRequest({token: COMMAND_TOKEN, user: h.users.alice, channel: h.channels.town, text});
    const form = new URLSearchParams(body);
    for (const [k, v] of Object.entries(fields)) {
        form.set(k, v);
    }
    return form.toString();
}

describe('a request through a proxy while TRUST_PROXY is unset', () => {
    const h = harnessWith();

    test('is refused whichever header names the client, and nothing is done', async () => {
        const proxied: Array<Record<string, string>> = [{'x-forwarded-for': '198.51.100.7'}, {forwarded: 'for=198.51.100.7'}, {'x-real-ip': '198.51.100.7'}, {'x-forwarded-for': '127.0.0.1'}];
        for (const headers of proxied) {
            const res = await h().post('/mattermost/command', formWith(h(), 'Through the proxy'), {'content-type': FORM, ...headers});
            assert.equal(res.status, 403, JSON.stringify(headers));
        }
        assert.equal(h().cards().length, 0, 'no meeting started');
        assert.equal(h().pnm.rooms.size, 0);
        // A click through the proxy too, before its signature is even read.
        const click = await h().post('/mattermost/action', '{}', {'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7'});
        assert.equal(click.status, 403);
        const refusals = h().logs.filter((l) => /came through a proxy while TRUST_PROXY is unset/.test(l)).map((l) => JSON.parse(l).level);
        assert.deepEqual(refusals, [40, 20, 20, 20, 20], 'one warning a minute, the rest at debug: a flood does not flood the log');
        // Mattermost's own call, straight from its address, still works.
        assert.equal((await h().command(h().users.alice, h().channels.town, 'help')).status, 200);
    });
});

describe('Mattermost\'s calls and anonymous ones never share a per-address budget', () => {
    const h = harnessWith({RATE_LIMIT_PER_ADDRESS: '10'});

    test('a flood from Mattermost\'s own address (through a proxy, or anywhere else on it) leaves Mattermost its budget', async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) {
            statuses.push((await h().post('/mattermost/command', 'token=x', {'content-type': FORM, 'x-forwarded-for': `203.0.113.${i}`})).status);
        }
        assert.deepEqual(new Set(statuses), new Set([403]), 'refused at the gate, before anything is read');
        const anonymous: number[] = [];
        for (let i = 0; i < 12; i++) {
            anonymous.push((await fetch(`${h().url}/calendar/${'0'.repeat(32)}.ics`)).status);
        }
        assert.deepEqual(anonymous.slice(-2), [429, 429], 'the anonymous flood is limited');
        const real = await h().command(h().users.alice, h().channels.town, 'help');
        assert.equal(real.status, 200, 'Mattermost is not locked out');
    });
});

describe('start-up refuses a loopback Mattermost address behind a public URL without TRUST_PROXY', () => {
    const env = {
        MATTERMOST_URL: 'http://localhost:8065', MATTERMOST_BOT_TOKEN: 'bot', PLUGNMEET_URL: 'https://meet.example.com',
        PLUGNMEET_API_KEY: 'k', PLUGNMEET_API_SECRET: 's', SIDECAR_SECRET: 'x'.repeat(32),
    };

    test('the mistake, with exactly what to set', () => {
        for (const sources of ['127.0.0.1,::1', '::1', '127.0.0.0/8', '0.0.0.0/0', '::ffff:127.0.0.1']) {
            const r = loadConfig({...env, SIDECAR_PUBLIC_URL: 'https://pnm.example.com', MATTERMOST_SOURCE_ADDRESSES: sources});
            assert.equal(r.ok, false, sources);
            assert.match(r.errors.join('\n'), /MATTERMOST_SOURCE_ADDRESSES lets in this host's loopback .* TRUST_PROXY is unset: .*anyone who reaches SIDECAR_PUBLIC_URL would pass as Mattermost\. Fix: set TRUST_PROXY=127\.0\.0\.1,::1/, sources);
        }
    });

    test('doctor fails on it too, with the same fix', async () => {
        const lines: string[] = [];
        const ok = await runDoctor({env: {...env, SIDECAR_PUBLIC_URL: 'https://pnm.example.com', MATTERMOST_SOURCE_ADDRESSES: '127.0.0.1,::1'}, out: (l) => lines.push(l)});
        assert.equal(ok, false);
        assert.match(lines.join('\n'), /^FAIL {2}configuration: MATTERMOST_SOURCE_ADDRESSES lets in this host's loopback \(127\.0\.0\.1, ::1\).*Fix: set TRUST_PROXY=127\.0\.0\.1,::1/m);
    });

    test('what is fine: TRUST_PROXY set, a public URL on loopback, no loopback address', () => {
        assert.ok(loadConfig({...env, SIDECAR_PUBLIC_URL: 'https://pnm.example.com', MATTERMOST_SOURCE_ADDRESSES: '127.0.0.1,::1', TRUST_PROXY: '127.0.0.1,::1'}).ok);
        assert.ok(loadConfig({...env, SIDECAR_PUBLIC_URL: 'http://127.0.0.1:8787', MATTERMOST_SOURCE_ADDRESSES: '127.0.0.1'}).ok);
        assert.ok(loadConfig({...env, SIDECAR_PUBLIC_URL: 'http://localhost:8787', MATTERMOST_SOURCE_ADDRESSES: '::1'}).ok);
        assert.ok(loadConfig({...env, SIDECAR_PUBLIC_URL: 'https://pnm.example.com', MATTERMOST_SOURCE_ADDRESSES: '10.0.0.5,10.0.0.0/8'}).ok);
    });
});

describe('names written @name are Mattermost\'s', () => {
    const h = harnessWith();

    test('a command whose user_name says "channel" starts a meeting by alice, never by @channel', async () => {
        const res = await h().post('/mattermost/command', formWith(h(), 'Named', {user_name: 'channel'}), {'content-type': FORM});
        assert.equal(res.status, 200);
        const card = h().cards().at(-1)!;
        assert.equal(card.props.meeting_creator_username, 'alice');
        assert.doesNotMatch(JSON.stringify(card), /@channel/);
        await h().command(h().users.alice, h().channels.town, 'end');
    });

    test('when Mattermost does not answer, the request\'s name is used only if it could be a username', async () => {
        const silent = {profile: () => Promise.reject(new Error('down')), profileByUsername: () => Promise.resolve(undefined)};
        const people = createPeople(silent, h().app.log);
        assert.equal((await people.byId('uid123', 'bob')).username, 'bob');
        for (const bad of ['channel', 'all', 'here', 'Bob', 'bob smith', '@bob', 'x'.repeat(65), '']) {
            assert.equal((await people.byId('uid123', bad)).username, 'uid123', bad);
        }
        assert.ok(isUsername('first.last-2_x'));
        assert.ok(isUsername('remote:alice'), 'a shared channel\'s remote user');
    });
});
