// npm run bench: the sidecar (its real entry point, its own process) against zero-latency fake
// Mattermost and plugNmeet servers on loopback, which share this process with the load generator.
// Prints one markdown table and the machine it ran on; docs/development.md "Benchmark" carries the latest.
// Knobs: BENCH_JOINS, BENCH_CONCURRENCY, BENCH_ROUNDS, BENCH_WARMUP (joins), BENCH_SETTLE_MS, BENCH_STARTS, BENCH_START_CONCURRENCY,
// BENCH_EVENTS, BENCH_BURST_SECONDS, BENCH_WEBHOOK_CONCURRENCY, BENCH_WEBHOOK_WARMUP (events), BENCH_ONLY=join|start|webhook|calendar|network|bundle (comma-separated),
// BENCH_LOG_LEVEL (the sidecar's LOG_LEVEL), BENCH_SIDECAR_ARGS (node flags for the sidecar, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
// BENCH_NETWORK_MS (network mode: the fakes' delay, default 20), BENCH_NETWORK_SAMPLES (requests per path, default 20).
import {randomBytes} from 'node:crypto';
import {Pool} from 'undici';
import {startFakeMattermost} from '../sidecar/test/fakes/mattermost.js';
import {startFakePlugnmeet} from '../sidecar/test/fakes/plugnmeet.js';
import {bundleSize} from './bundle.mjs';
import {icsCost} from './calendar.mjs';
import {sendOpening} from './command.mjs';
import {joinStorm} from './join-storm.mjs';
import {networkMode} from './network.mjs';
import {runLoad, type LoadResult} from './load.mjs';
import {int, kb, machine, mb, ms, table, type Row} from './report.mjs';
import {ensureBuilt, startSidecar} from './sidecar-process.mjs';
import {webhookBurst} from './webhook-burst.mjs';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const JOINS = num('BENCH_JOINS', 2000);
const CONCURRENCY = num('BENCH_CONCURRENCY', 32);
const STARTS = num('BENCH_STARTS', 500);
const START_CONCURRENCY = num('BENCH_START_CONCURRENCY', 16);
const EVENTS = num('BENCH_EVENTS', 5000);
const BURST_SECONDS = num('BENCH_BURST_SECONDS', 1); // offered at 5,000 events/s: the mark
const ROUNDS = num('BENCH_ROUNDS', 9);
const WARM_UP = num('BENCH_WARMUP', 10_000);
const WEBHOOK_CONCURRENCY = num('BENCH_WEBHOOK_CONCURRENCY', 1);
const WEBHOOK_WARM_UP = num('BENCH_WEBHOOK_WARMUP', 5000);
const only = new Set((process.env.BENCH_ONLY ?? 'join,start,webhook,calendar,network,bundle').split(','));

// The bundle's mark went from 20 to 40 KB gzipped with the options dialog, calling (ring tone
// inlined: 11 KB) and scheduling, then to 52 KB with the recap card, the meeting window and guest
// links, each in four languages: Mattermost loads it once per session.
// Issue 22 set the join, start and webhook marks: a week's features had halved the throughput.
const TARGET = {
    joinRatioP50: 1.5, joinRatioP99: 3, joinsPerSecond: 6000, sidecarCpuUs: 150, startP99Ms: 50, webhooksPerSecond: 5000,
    editsPerSecond: 1, rssBytes: 120 * 2 ** 20, bundleGzip: 52_000,
};

/**
 * Round trips in a row people may wait for, by network-mode path (issue 22): a member's join one,
 * a start three, each with a tenth of a round trip for the sidecar's own work.
 */
const NETWORK_TARGET: Record<string, number> = {
    '`/plugnmeet start` (new person, new channel)': 3.1,
    '`/plugnmeet join`, a channel member': 1.1,
};

ensureBuilt();
const mm = await startFakeMattermost();
const pnm = await startFakePlugnmeet();
const commandToken = 'bench' + randomBytes(16).toString('hex');
const sidecar = await startSidecar({
    MATTERMOST_URL: mm.url,
    MATTERMOST_BOT_TOKEN: mm.botToken,
    MATTERMOST_COMMAND_TOKENS: commandToken,
    PLUGNMEET_URL: pnm.url,
    PLUGNMEET_API_KEY: pnm.apiKey,
    PLUGNMEET_API_SECRET: pnm.apiSecret,
    SIDECAR_SECRET: randomBytes(32).toString('hex'),
    // Every request here comes from one address, as a real Mattermost's do: the per-address limit
    // (default 6,000 a minute) would answer the storms with 429, so it is raised, but stays in the path.
    RATE_LIMIT_PER_ADDRESS: '1000000',
    // Everything else (LOG_LEVEL info, SQLite under ./data, reconciler every 60 s) as in production.
    ...(process.env.BENCH_LOG_LEVEL ? {LOG_LEVEL: process.env.BENCH_LOG_LEVEL} : {}),
// Node flags as `npm start`, the Dockerfile and the systemd unit use them.
}, (process.env.BENCH_SIDECAR_ARGS ?? '--max-semi-space-size=4 --heap-growing-percent=25').split(' ').filter(Boolean));
await new Promise((r) => setTimeout(r, 500));
const idleRss = sidecar.rss();

const toSidecar = new Pool(sidecar.url, {connections: CONCURRENCY});
const rows: Row[] = [];
const problems: string[] = [];
const loadText = (r: LoadResult) => `${int(r.perSecond)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}` +
    (r.failures ? `, ${r.failures} failed (${r.firstFailure})` : '');

/** A channel with a live meeting started through the sidecar; returns its room and card. */
async function liveMeeting(name: string) {
    const starter = mm.addUser({username: `${name}-host`});
    const channel = mm.addChannel({type: 'O', name, display_name: name, members: [starter.id]});
    const answer = await sendOpening(toSidecar, mm.commandRequest({token: commandToken, channel, user: starter, text: `start ${name}`}));
    const roomId: string = answer.props.plugnmeet_room_id;
    const card = [...mm.posts.values()].find((p) => p.props?.plugnmeet_room_id === roomId);
    return {channel, roomId, cardId: card?.id as string};
}

async function section(name: string, fn: () => Promise<void>) {
    if (!only.has(name)) {
        return;
    }
    try {
        await fn();
    } catch (err) {
        problems.push(`${name}: ${(err as Error).stack ?? err}`);
        rows.push({measure: name, result: `error: ${(err as Error).message.split('\n')[0]}`, pass: false});
    }
}

await section('join', async () => {
    const {channel, roomId} = await liveMeeting('join-storm');
    const r = await joinStorm({mm, pnm, sidecar, toSidecar, channel, roomId, commandToken, joins: JOINS, concurrency: CONCURRENCY, rounds: ROUNDS, warmUp: WARM_UP, settleMs: num('BENCH_SETTLE_MS', 1000)});
    const m = r.median;
    const failed = r.rounds.reduce((n, x) => n + x.storm.failures, 0);
    rows.push(
        {
            measure: `join storm: ${int(JOINS)} \`/plugnmeet join\`, concurrency ${CONCURRENCY}`,
            result: loadText(m.storm) + (failed && !m.storm.failures ? `; ${failed} failed in other rounds` : ''),
            target: `>= ${int(TARGET.joinsPerSecond)} joins/s`, pass: failed === 0 && m.storm.perSecond >= TARGET.joinsPerSecond,
        },
        {measure: `floor: ${int(JOINS)} signed \`getJoinToken\` straight to plugNmeet, concurrency ${CONCURRENCY}`, result: loadText(m.floor)},
        {
            measure: `join p50 / floor p50 (median of ${ROUNDS} rounds)`,
            result: `${m.p50Ratio.toFixed(2)}x (each round: ${r.rounds.map((x) => x.p50Ratio.toFixed(2)).join(', ')})`,
            target: `<= ${TARGET.joinRatioP50.toFixed(1)}x`, pass: m.p50Ratio <= TARGET.joinRatioP50,
        },
        {measure: 'join p99 / floor p99', result: `${m.p99Ratio.toFixed(2)}x`, target: `<= ${TARGET.joinRatioP99.toFixed(1)}x`, pass: m.p99Ratio <= TARGET.joinRatioP99},
        {
            measure: 'CPU time per request',
            result: `join: sidecar ${int(m.sidecarCpu)} µs, fakes and load generator ${int(m.generatorCpu)} µs; floor: ${int(m.floorCpu)} µs`,
            target: `sidecar <= ${TARGET.sidecarCpuUs} µs`, pass: m.sidecarCpu <= TARGET.sidecarCpuUs,
        },
        {measure: 'sidecar RSS idle', result: mb(idleRss), target: `< ${mb(TARGET.rssBytes)}`, pass: idleRss < TARGET.rssBytes},
        {
            measure: `sidecar RSS at the end of the join storm (highest of ${ROUNDS})`,
            result: mb(r.maxRss), target: `< ${mb(TARGET.rssBytes)}`, pass: r.maxRss < TARGET.rssBytes,
        },
    );
});

await section('start', async () => {
    const starts = Array.from({length: STARTS}, (_, i) => {
        const user = mm.addUser({username: `starter${i}`});
        const channel = mm.addChannel({type: 'O', name: `start-storm-${i}`, display_name: `Start storm ${i}`, members: [user.id]});
        return mm.commandRequest({token: commandToken, channel, user, text: `start Storm ${i}`});
    });
    const storm = await runLoad(STARTS, START_CONCURRENCY, (i) => sendOpening(toSidecar, starts[i]));
    rows.push({
        measure: `start storm: ${int(STARTS)} starts in ${int(STARTS)} channels, concurrency ${START_CONCURRENCY}`, result: loadText(storm),
        target: `p99 <= ${TARGET.startP99Ms} ms`, pass: storm.failures === 0 && storm.p99 <= TARGET.startP99Ms,
    });
});

await section('webhook', async () => {
    // As the join storm is: a long-running sidecar's optimised code, warmed up on a meeting of its own.
    if (WEBHOOK_WARM_UP > 0) {
        const warm = await liveMeeting('webhook-warm-up');
        await webhookBurst({mm, pnm, sidecarUrl: sidecar.url, ...warm, events: WEBHOOK_WARM_UP, seconds: BURST_SECONDS, concurrency: WEBHOOK_CONCURRENCY, maxWaitMs: 0});
    }
    const {roomId, cardId} = await liveMeeting('webhook-burst');
    // CPU while the events are sent: the sidecar's, and this process's (the sender and the fakes), per event.
    const burst = {sidecarMs: 0, benchMs: 0};
    const r = await webhookBurst({
        mm, pnm, sidecarUrl: sidecar.url, roomId, cardId, events: EVENTS, seconds: BURST_SECONDS, concurrency: WEBHOOK_CONCURRENCY,
        onSending: () => {
            const [sidecarMs, bench] = [sidecar.cpuMs(), process.cpuUsage()];
            return () => {
                burst.sidecarMs = sidecar.cpuMs() - sidecarMs;
                const used = process.cpuUsage(bench);
                burst.benchMs = (used.user + used.system) / 1000;
            };
        },
    });
    const refused = r.events - r.accepted;
    const perEvent = (ms: number) => int((ms * 1000) / Math.max(1, r.accepted));
    rows.push(
        {
            measure: `webhook burst: ${int(EVENTS)} signed participant events for one meeting, offered within ${BURST_SECONDS} s, ` +
                (WEBHOOK_CONCURRENCY === 1 ? 'in order, one at a time (plugNmeet has one sender per room)' : `${WEBHOOK_CONCURRENCY} at a time`),
            result: `${int(r.perSecond)} events/s accepted (${int(r.accepted)} in ${r.sendSeconds.toFixed(2)} s; offered at ${int(EVENTS / BURST_SECONDS)}/s; ` +
                `CPU an event: sidecar ${perEvent(burst.sidecarMs)} µs, sender and fakes ${perEvent(burst.benchMs)} µs)` + (refused ? `, ${refused} refused (${r.firstRefusal})` : ''),
            target: `all accepted, >= ${int(TARGET.webhooksPerSecond)}/s`, pass: refused === 0 && r.perSecond >= TARGET.webhooksPerSecond,
        },
        {
            measure: 'card edits for the burst',
            result: `${r.edits} ${r.edits === 1 ? 'edit' : 'edits'}, at most ${r.maxEditsInOneSecond} in any second, last ${r.settleSeconds.toFixed(1)} s after the first event`,
            target: `<= ${TARGET.editsPerSecond} per second`, pass: r.edits > 0 && r.maxEditsInOneSecond <= TARGET.editsPerSecond,
        },
        {measure: 'final participant count on the card', result: `${String(r.finalCount)} (truth ${r.truth})`, target: 'exact', pass: r.finalCount === r.truth},
    );
});

await section('calendar', async () => {
    const c = icsCost();
    rows.push({
        measure: `\`.ics\` of a weekly series in ${c.zone} (CPU in this process)`,
        result: `first in its zone and year ${ms(c.firstMs)}, then ${int(c.eachMicros)} µs each (median of ${int(c.files)})`,
        target: '< 1 ms each', pass: c.eachMicros < 1000,
    });
});

await section('network', async () => {
    const delayMs = num('BENCH_NETWORK_MS', 20);
    const r = await networkMode({mm, pnm, toSidecar, commandToken, delayMs, samples: num('BENCH_NETWORK_SAMPLES', 20)});
    for (const p of r.paths) {
        const target = NETWORK_TARGET[p.path];
        rows.push({
            measure: `network mode (upstream answers after ${delayMs} ms; one round trip from a process of its own ${ms(r.roundTripMs)}, from the fakes' own ${ms(r.sameProcessMs)}): ${p.path}`,
            result: `${p.roundTrips.toFixed(2)} round trips in a row (median ${ms(p.medianMs)})`,
            ...(target === undefined ? {} : {target: `<= ${target}`, pass: p.roundTrips <= target}),
        });
    }
});

await section('bundle', async () => {
    const b = bundleSize();
    rows.push({measure: 'webapp bundle `main.js`, minified / gzip -9', result: `${int(b.raw)} B / ${int(b.gzip)} B`, target: `< ${kb(TARGET.bundleGzip)} gzipped`, pass: b.gzip < TARGET.bundleGzip});
});

await toSidecar.close();
const exitCode = await sidecar.stop();
await mm.close();
await pnm.close();
if (exitCode !== 0) {
    problems.push(`the sidecar exited with code ${exitCode} on SIGTERM`);
}

console.log(`Machine: ${machine()}\n`);
console.log(table(rows));
for (const p of problems) {
    console.error(`\nproblem: ${p}`);
}
