// Join throughput: `/plugnmeet join` through the real sidecar over HTTP, against the fake
// Mattermost and plugNmeet servers on loopback. Prints requests/s and latency percentiles.
// Run: npm run bench   (optional: BENCH_REQUESTS=4000 BENCH_CONCURRENCY=32)
import {performance} from 'node:perf_hooks';
import {startHarness} from '../sidecar/test/harness.js';

const total = Number(process.env.BENCH_REQUESTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

const h = await startHarness({logLevel: 'warn'});
const start = await h.command(h.users.alice, h.channels.town, 'start Bench');
if (!start.body.goto_location) {
    throw new Error(`could not start the bench meeting: ${JSON.stringify(start.body)}`);
}
const users = Array.from({length: 50}, (_, i) => h.mm.addUser({username: `user${i}`}));
for (const u of users) {
    h.mm.addMember(h.channels.town.id, u.id);
}

async function run(label: string, n: number, once: (i: number) => Promise<void>) {
    const latencies: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({length: concurrency}, async () => {
        while (next < n) {
            const i = next++;
            const s = performance.now();
            await once(i);
            latencies.push(performance.now() - s);
        }
    }));
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(2);
    console.log(`${label.padEnd(28)} ${n} requests, concurrency ${concurrency}: ${(n / seconds).toFixed(0)} req/s, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
}

await run('warm-up', 200, async (i) => {
    await h.command(users[i % users.length], h.channels.town, 'join');
});
await run('/plugnmeet join (command)', total, async (i) => {
    const res = await h.command(users[i % users.length], h.channels.town, 'join');
    if (!res.body.goto_location) {
        throw new Error(`join failed: ${JSON.stringify(res.body)}`);
    }
});
const card = h.cards()[0];
await run('Join button (action)', Math.floor(total / 2), async (i) => {
    const res = await h.mm.clickButton(card.id, 'join', users[i % users.length]);
    if (res.status !== 200) {
        throw new Error(`click failed: ${res.status}`);
    }
});
await run('plugNmeet client getJoinToken', total, async (i) => {
    await h.app.plugnmeet.getJoinToken({roomId: start.body.props.plugnmeet_room_id, userId: users[i % users.length].id, name: 'x', isAdmin: false});
});
await h.close();
