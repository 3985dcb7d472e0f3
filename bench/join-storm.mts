// Join storm against its floor: `/plugnmeet join` through the sidecar, and the same signed
// getJoinToken call straight to plugNmeet from this process, at the same concurrency. Rounds
// alternate floor and storm so a burst of noise on a shared machine hits both alike.
import type {Pool} from 'undici';
import {createPlugnmeetClient} from '../sidecar/src/plugnmeet/client.js';
import type {FakeMattermost, MmChannel} from '../sidecar/test/fakes/mattermost.js';
import type {FakePlugnmeet} from '../sidecar/test/fakes/plugnmeet.js';
import {sendOpening} from './command.mjs';
import {runLoad, type LoadResult} from './load.mjs';
import type {SidecarProcess} from './sidecar-process.mjs';

export interface JoinRound {
    storm: LoadResult;
    floor: LoadResult;
    p50Ratio: number;
    p99Ratio: number;
    /** CPU time per request, µs. */
    sidecarCpu: number;
    generatorCpu: number;
    floorCpu: number;
    rss: number;
}

export interface JoinStormResult {
    /** The round with the median p50 ratio: its numbers belong together. */
    median: JoinRound;
    rounds: JoinRound[];
    maxRss: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ownCpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
};

export async function joinStorm(o: {
    mm: FakeMattermost; pnm: FakePlugnmeet; sidecar: SidecarProcess; toSidecar: Pool; channel: MmChannel;
    roomId: string; commandToken: string; joins: number; concurrency: number; rounds: number; warmUp: number; settleMs: number;
}): Promise<JoinStormResult> {
    // One user per join, as in a real storm; a round stays well within the per-user limit.
    const users = Array.from({length: o.joins}, (_, i) => o.mm.addUser({username: `joiner${i}`}));
    const joins = users.map((user) => o.mm.commandRequest({token: o.commandToken, channel: o.channel, user, text: 'join'}));
    const client = createPlugnmeetClient({url: o.pnm.url, apiKey: o.pnm.apiKey, apiSecret: o.pnm.apiSecret, connections: o.concurrency});
    const join = (i: number) => sendOpening(o.toSidecar, joins[i]);
    const direct = (i: number) => client.getJoinToken({roomId: o.roomId, userId: users[i].id, name: users[i].username, isAdmin: false}).then(() => undefined);

    // Warm-up joiners are people of their own, so that the sidecar's profile cache (10,000
    // people) is full when the storm is measured, as on a large site.
    const newcomers = Array.from({length: o.warmUp}, (_, i) => o.mm.commandRequest({
        token: o.commandToken, channel: o.channel, user: o.mm.addUser({username: `warm${i}`}), text: 'join',
    }));
    try {
        // Warm-up: V8 takes several thousand joins to settle its optimised code (a long-running
        // sidecar's state), and the pools and heap sizes settle too, before anything counts.
        for (let done = 0; done < o.warmUp; done += o.joins) {
            const batch = newcomers.slice(done, done + o.joins);
            await runLoad(batch.length, o.concurrency, (i) => sendOpening(o.toSidecar, batch[i]));
            await runLoad(o.joins, o.concurrency, join);
            await runLoad(o.joins, o.concurrency, direct);
        }

        const rounds: JoinRound[] = [];
        for (let r = 0; r < o.rounds; r++) {
            // Each measurement starts from quiet: the sidecar's after-work (GC, timers) must not land on the floor.
            await sleep(o.settleMs);
            let cpu = ownCpuMs();
            const floor = await runLoad(o.joins, o.concurrency, direct);
            const floorCpu = ownCpuMs() - cpu;
            await sleep(o.settleMs);
            cpu = ownCpuMs();
            const sidecarCpu = o.sidecar.cpuMs();
            const storm = await runLoad(o.joins, o.concurrency, join);
            const per = (ms: number) => (ms * 1000) / o.joins;
            rounds.push({
                storm, floor,
                p50Ratio: storm.p50 / floor.p50,
                p99Ratio: storm.p99 / floor.p99,
                sidecarCpu: per(o.sidecar.cpuMs() - sidecarCpu),
                generatorCpu: per(ownCpuMs() - cpu),
                floorCpu: per(floorCpu),
                rss: o.sidecar.rss(),
            });
            const x = rounds.at(-1)!;
            console.error(`bench: join round ${r + 1}: ${Math.round(storm.perSecond)} joins/s (p50 ${storm.p50.toFixed(2)} ms, sidecar ${Math.round(x.sidecarCpu)} µs/join), ` +
                `floor ${Math.round(floor.perSecond)}/s (p50 ${floor.p50.toFixed(2)} ms, ${Math.round(x.floorCpu)} µs/call), p50 ratio ${x.p50Ratio.toFixed(2)}x`);
        }
        const sorted = rounds.slice().sort((a, b) => a.p50Ratio - b.p50Ratio);
        return {median: sorted[Math.floor((sorted.length - 1) / 2)], rounds, maxRss: Math.max(...rounds.map((r) => r.rss))};
    } finally {
        await client.close();
    }
}
