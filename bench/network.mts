// Network mode: both fakes answer every request after a fixed delay, as servers across a real
// network do, and each path is timed one request at a time. Its median time over one round trip
// (a signed getJoinToken straight to the delayed plugNmeet, timed the same way: the delay plus the
// fakes' own time on a busy machine) is how many upstream round trips people wait for in a row.
import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import {performance} from 'node:perf_hooks';
import type {Pool} from 'undici';
import type {FakeMattermost} from '../sidecar/test/fakes/mattermost.js';
import type {FakePlugnmeet} from '../sidecar/test/fakes/plugnmeet.js';
import {createPlugnmeetClient} from '../sidecar/src/plugnmeet/client.js';
import {signHs256} from '../sidecar/test/fakes/jwt.js';
import {sendOpening} from './command.mjs';

export interface NetworkResult {
    delayMs: number;
    /** One round trip, measured: the median of direct calls to the delayed plugNmeet from a process of their own, as the sidecar's are. */
    roundTripMs: number;
    /** The same calls made from the fakes' own process (no other process to wake): shown beside it. */
    sameProcessMs: number;
    /** Round trips in a row (median time / delay), by path. */
    paths: Array<{path: string; roundTrips: number; medianMs: number}>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** `once` may time itself (returns ms) when only part of it counts. */
async function timed(n: number, once: (i: number) => Promise<number | void>): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const own = await once(i);
        times.push(typeof own === 'number' ? own : performance.now() - t0);
    }
    return median(times);
}

/** A signed webhook delivery, as plugnmeet-protocol's notifier makes it. */
function signedEvent(pnm: FakePlugnmeet, event: Record<string, unknown>) {
    const body = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const sha256 = createHash('sha256').update(body).digest('base64');
    const token = signHs256({iss: pnm.apiKey, nbf: now, exp: now + 300, sha256}, pnm.apiSecret);
    return {body, headers: {'content-type': 'application/json', 'authorization': token, 'hash-token': token}};
}

/** The round trip as bench/round-trip.mts measures it, from a process of its own. */
function fromOwnProcess(o: {url: string; key: string; secret: string; room: string; samples: number}): Promise<number> {
    const script = fileURLToPath(new URL('./round-trip.mts', import.meta.url));
    return new Promise((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', script], {
            env: {...process.env, ROUND_TRIP_URL: o.url, ROUND_TRIP_KEY: o.key, ROUND_TRIP_SECRET: o.secret, ROUND_TRIP_ROOM: o.room, ROUND_TRIP_SAMPLES: String(o.samples)},
        }, (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout).medianMs)));
    });
}

export async function networkMode(o: {mm: FakeMattermost; pnm: FakePlugnmeet; toSidecar: Pool; commandToken: string; delayMs: number; samples: number}): Promise<NetworkResult> {
    const {mm, pnm, toSidecar, commandToken, delayMs, samples} = o;
    const command = (user: ReturnType<FakeMattermost['addUser']>, channel: ReturnType<FakeMattermost['addChannel']>, text: string) =>
        sendOpening(toSidecar, mm.commandRequest({token: commandToken, channel, user, text}));
    const slow = mm.fault({slowMs: delayMs});
    pnm.delayMs = delayMs;
    const paths: NetworkResult['paths'] = [];
    const client = createPlugnmeetClient({url: pnm.url, apiKey: pnm.apiKey, apiSecret: pnm.apiSecret, connections: 1});
    let roundTripMs = delayMs;
    let sameProcessMs = delayMs;
    const add = (path: string, ms: number) => paths.push({path, roundTrips: ms / roundTripMs, medianMs: ms});
    try {
        const host = mm.addUser({username: 'net-host'});
        const first = await command(host, mm.addChannel({type: 'O', name: 'net-first', members: [host.id]}), 'start Net first');
        const room: string = first.props.plugnmeet_room_id;
        sameProcessMs = await timed(samples, async () => {
            await client.getJoinToken({roomId: room, userId: 'net-floor', name: 'Floor', isAdmin: false});
        });
        roundTripMs = await fromOwnProcess({url: pnm.url, key: pnm.apiKey, secret: pnm.apiSecret, room, samples});

        // Start: a new person in a new channel (nothing cached about either).
        add('`/plugnmeet start` (new person, new channel)', await timed(samples, async (i) => {
            const user = mm.addUser({username: `net-starter${i}`});
            const channel = mm.addChannel({type: 'O', name: `net-start-${i}`, members: [user.id]});
            await command(user, channel, `start Net ${i}`);
        }));

        // Joins: members of the channel when the meeting started, and people who came after.
        const members = Array.from({length: samples}, (_, i) => mm.addUser({username: `net-member${i}`}));
        const channel = mm.addChannel({type: 'O', name: 'net-join', members: [host.id, ...members.map((u) => u.id)]});
        const started = await command(host, channel, 'start Net join');
        await sleep(20 * delayMs); // the members' profiles are read beside the start
        add('`/plugnmeet join`, a channel member', await timed(samples, (i) => command(members[i], channel, 'join').then(() => undefined)));
        const newcomers = Array.from({length: samples}, (_, i) => mm.addUser({username: `net-newcomer${i}`}));
        for (const u of newcomers) {
            mm.addMember(channel.id, u.id);
        }
        add('`/plugnmeet join`, someone added after the start', await timed(samples, (i) => command(newcomers[i], channel, 'join').then(() => undefined)));

        const card = [...mm.posts.values()].find((p) => p.props?.plugnmeet_room_id === started.props.plugnmeet_room_id);
        add('the card\'s Join button, a channel member', await timed(samples, async (i) => {
            const click = await mm.clickButton(card.id, 'join', members[i]);
            if (click.status !== 200) {
                throw new Error(`click: HTTP ${click.status}`);
            }
        }));

        // plugNmeet's webhook to the card: a participant event is answered at once (the edit waits
        // for its window); the room's end edits the card at once.
        const roomId: string = started.props.plugnmeet_room_id;
        add('participant webhook, answered', await timed(samples, async (i) => {
            pnm.joinParticipant(roomId, `net-p${i}`, `net-p${i}`);
            const e = signedEvent(pnm, pnm.buildEvent('participant_joined', roomId, {participant: {identity: `net-p${i}`}}));
            const res = await toSidecar.request({method: 'POST', path: '/plugnmeet/webhook', body: e.body, headers: e.headers});
            await res.body.text();
        }));
        add('room_finished webhook to the card showing it ended', await timed(Math.min(samples, 5), async (i) => {
            const ch = mm.addChannel({type: 'O', name: `net-end-${i}`, members: [host.id]});
            const opened = await command(host, ch, `start Net end ${i}`);
            const room: string = opened.props.plugnmeet_room_id;
            const post = [...mm.posts.values()].find((p) => p.props?.plugnmeet_room_id === room);
            pnm.endRoomExternally(room);
            const e = signedEvent(pnm, pnm.buildEvent('room_finished', room));
            const t0 = performance.now();
            const res = await toSidecar.request({method: 'POST', path: '/plugnmeet/webhook', body: e.body, headers: e.headers});
            await res.body.text();
            while (mm.posts.get(post.id)?.props?.meeting_status !== 'ended' && performance.now() - t0 < 10_000) {
                await sleep(1);
            }
            return performance.now() - t0;
        }));
        return {delayMs, roundTripMs, sameProcessMs, paths};
    } finally {
        slow();
        pnm.delayMs = 0;
        await client.close();
    }
}
