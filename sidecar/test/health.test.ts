// Liveness, readiness (every dependency must answer) and Prometheus metrics.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

test('healthz answers ok', async () => {
    const res = await fetch(`${h.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {status: 'ok'});
});

test('readyz is 200 when everything answers and 503 naming what does not', async () => {
    const ok = await fetch(`${h.url}/readyz`);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), {status: 'ready', checks: {store: 'ok', mattermost: 'ok', plugnmeet: 'ok'}});

    h.pnm.setMode('error500');
    try {
        const down = await fetch(`${h.url}/readyz`);
        assert.equal(down.status, 503);
        const body = await down.json();
        assert.equal(body.checks.store, 'ok');
        assert.equal(body.checks.mattermost, 'ok');
        assert.match(body.checks.plugnmeet, /^failing: plugNmeet answered HTTP 500/);
    } finally {
        h.pnm.setMode('ok');
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
    assert.match(text, /plugnmeet_sidecar_commands_total\{subcommand="unknown",outcome="answered"\} 1/);
    assert.match(text, /plugnmeet_sidecar_live_meetings 1/);
    assert.match(text, /plugnmeet_sidecar_process_cpu_seconds_total/);
});
