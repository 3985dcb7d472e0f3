// Liveness, readiness (every dependency must answer, cached briefly) and Prometheus metrics.
import assert from 'node:assert/strict';
import {Writable} from 'node:stream';
import {test} from 'node:test';
import {buildApp} from '../src/http/app.js';
import {createMattermost} from '../src/mattermost/bot.js';
import {createPlugnmeetClient} from '../src/plugnmeet/client.js';
import {type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

test('healthz answers ok', async () => {
    const res = await fetch(`${h.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {status: 'ok'});
});

test('readyz is 200 when everything answers', async () => {
    const ok = await fetch(`${h.url}/readyz`);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), {status: 'ready'});
});

/** Another app on the harness's store and fakes, with its own readiness cache and clients. */
async function appWith(readinessCacheMs: number, o: {botToken?: string} = {}) {
    const plugnmeet = createPlugnmeetClient({url: h.pnm.url, apiKey: h.pnm.apiKey, apiSecret: h.pnm.apiSecret, timeoutMs: 3000});
    const mattermost = createMattermost({url: h.mm.url, botToken: o.botToken ?? h.mm.botToken, timeoutMs: 3000});
    const lines: string[] = [];
    const stream = new Writable({write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
    }});
    const app = await buildApp({config: h.config, store: h.app.store, plugnmeet, mattermost, readinessCacheMs}, {logger: {level: 'warn', stream}});
    return {
        app,
        logs: () => lines,
        readyz: async () => {
            const res = await app.inject({method: 'GET', url: '/readyz'});
            return {status: res.statusCode, body: res.json()};
        },
        close: async () => {
            await app.close();
            await plugnmeet.close();
        },
    };
}

test('probes (/healthz, /readyz, /metrics) are logged at debug only; other requests at info', async () => {
    const lines: string[] = [];
    const stream = new Writable({write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
    }});
    const app = await buildApp({config: h.config, store: h.app.store, plugnmeet: h.app.plugnmeet, mattermost: h.app.mattermost}, {logger: {level: 'info', stream}});
    try {
        for (const url of ['/healthz', '/readyz', '/metrics', '/no-such-page']) {
            await app.inject({method: 'GET', url});
        }
        const requests = lines.filter((l) => /"msg":"request"/.test(l));
        assert.equal(requests.length, 1, requests.join(''));
        assert.match(requests[0], /"url":"\/no-such-page"/);
    } finally {
        await app.close();
    }
});

/** How many requests each fake has seen so far. */
const calls = () => ({plugnmeet: h.pnm.received, mattermost: h.mm.requests.length});

test('readyz reuses its result for a few seconds, so probes cannot hammer Mattermost and plugNmeet', async () => {
    const s = await appWith(60_000);
    try {
        const before = calls();
        const probes = await Promise.all([s.readyz(), s.readyz(), s.readyz()]);
        assert.deepEqual(probes.map((p) => p.status), [200, 200, 200]);
        const afterFirst = calls();
        assert.deepEqual({plugnmeet: afterFirst.plugnmeet - before.plugnmeet, mattermost: afterFirst.mattermost - before.mattermost},
            {plugnmeet: 1, mattermost: 1}, 'concurrent probes share one check');

        h.pnm.setMode('error500'); // within the window nobody asks plugNmeet again
        try {
            const again = await s.readyz();
            assert.equal(again.status, 200);
            assert.deepEqual(calls(), afterFirst, 'a probe within the window made a call');
        } finally {
            h.pnm.setMode('ok');
        }
    } finally {
        await s.close();
    }
});

test('readyz is 503 naming what does not answer, and recovers once the window has passed', async () => {
    const s = await appWith(50);
    try {
        h.pnm.setMode('error500');
        try {
            const down = await s.readyz();
            assert.equal(down.status, 503);
            assert.equal(down.body.status, 'not ready');
            // Names only: the reason goes to the log, never to whoever asks (docs/security.md).
            assert.deepEqual(down.body, {status: 'not ready', failing: ['plugnmeet']});
            assert.ok(s.logs().some((l) => /not ready/.test(l) && /plugNmeet answered HTTP 500/.test(l)), 'the reason is logged');
        } finally {
            h.pnm.setMode('ok');
        }
        await new Promise((r) => setTimeout(r, 60));
        assert.equal((await s.readyz()).status, 200);
    } finally {
        await s.close();
    }

    const rejected = await appWith(0, {botToken: 'not-the-bot-token'});
    try {
        const down = await rejected.readyz();
        assert.equal(down.status, 503);
        assert.deepEqual(down.body, {status: 'not ready', failing: ['mattermost']});
    } finally {
        await rejected.close();
    }
});

test('readyz fails when plugNmeet refuses our credentials', async () => {
    const {createPlugnmeetClient} = await import('../src/plugnmeet/client.js');
    const wrong = createPlugnmeetClient({url: h.pnm.url, apiKey: h.pnm.apiKey, apiSecret: 'wrong-secret'});
    await assert.rejects(wrong.ping(), /refused the API credentials/);
    await wrong.close();
    await h.app.plugnmeet.ping();
});

test('metrics count commands, clicks and webhooks in Prometheus text format', async () => {
    await h.command(h.users.alice, h.channels.town, 'help');
    await h.command(h.users.alice, h.channels.town, 'start Metrics');
    await h.command(h.users.bob, h.channels.town, 'end');
    await h.command(h.users.bob, h.channels.town, 'bogus');
    const res = await fetch(`${h.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await res.text();
    assert.match(text, /plugnmeet_sidecar_commands_total\{subcommand="help",outcome="answered"\} 1/);
    assert.match(text, /plugnmeet_sidecar_commands_total\{subcommand="start",outcome="opened"\} 1/);
    assert.match(text, /plugnmeet_sidecar_commands_total\{subcommand="end",outcome="refused"\} 1/);
    // `bogus` is a topic: a start, answered with the meeting already live.
    assert.match(text, /plugnmeet_sidecar_commands_total\{subcommand="start",outcome="answered"\} 1/);
    assert.match(text, /plugnmeet_sidecar_live_meetings 1/);
    assert.match(text, /plugnmeet_sidecar_process_cpu_seconds_total/);
    // Latency of every plugNmeet and Mattermost call, by client method and outcome.
    assert.match(text, /plugnmeet_sidecar_plugnmeet_request_duration_seconds_count\{method="createRoom",outcome="ok"\} 1/);
    assert.match(text, /plugnmeet_sidecar_plugnmeet_request_duration_seconds_bucket\{le="0.1",method="createRoom",outcome="ok"\} \d/);
    assert.match(text, /plugnmeet_sidecar_mattermost_request_duration_seconds_count\{method="createPost",outcome="ok"\} 1/);
    // Card edits are counted by the card-edit code; the metric is always exposed.
    assert.match(text, /# TYPE plugnmeet_sidecar_card_edits_total counter/);
});
