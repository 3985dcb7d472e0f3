// Webhook burst: signed participant events for one meeting, paced to arrive within a few
// seconds. Judged only by what is visible from outside: events accepted, card edits the fake
// Mattermost received for that card, and the card's final participant count against the truth.
import {createHash} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {Pool} from 'undici';
import type {FakeMattermost} from '../sidecar/test/fakes/mattermost.js';
import type {FakePlugnmeet} from '../sidecar/test/fakes/plugnmeet.js';
import {signHs256} from '../sidecar/test/fakes/jwt.js';

export interface BurstResult {
    events: number;
    accepted: number;
    firstRefusal?: string;
    sendSeconds: number;
    perSecond: number;
    edits: number;
    /** The most card edits that landed within any one second. */
    maxEditsInOneSecond: number;
    /** From the first event to the last card edit. */
    settleSeconds: number;
    finalCount: unknown;
    truth: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Events as plugNmeet would send them: the fake's room state moves with each, so num_participants is true. */
function buildEvents(pnm: FakePlugnmeet, roomId: string, n: number): Array<{body: string; token: string}> {
    const joined: string[] = [];
    let nextUser = 0;
    const out: Array<{body: string; token: string}> = [];
    for (let i = 0; i < n; i++) {
        let event;
        // Three joins for every two leaves: the count climbs with plenty of churn.
        if (i % 5 < 3 || joined.length === 0) {
            const identity = `burst${nextUser++}`;
            pnm.joinParticipant(roomId, identity, identity);
            joined.push(identity);
            event = pnm.buildEvent('participant_joined', roomId, {participant: {identity}});
        } else {
            const identity = joined.shift()!;
            pnm.leaveParticipant(roomId, identity);
            event = pnm.buildEvent('participant_left', roomId, {participant: {identity}});
        }
        // As plugnmeet-protocol's notifier signs: HS256 JWT, iss = API key, sha256 = base64(sha256(body)).
        const body = JSON.stringify(event);
        const now = Math.floor(Date.now() / 1000);
        const sha256 = createHash('sha256').update(body).digest('base64');
        out.push({body, token: signHs256({iss: pnm.apiKey, nbf: now, exp: now + 300, sha256}, pnm.apiSecret)});
    }
    return out;
}

/** Arrival times (performance.now) of the card's edits, from the fake Mattermost's request log. */
function watchEdits(mm: FakeMattermost, cardId: string): {times: number[]; stop(): void} {
    const path = `/api/v4/posts/${cardId}/patch`;
    const times: number[] = [];
    const original = mm.requests.push;
    mm.requests.push = function (...items) {
        for (const r of items) {
            if (r.method === 'PUT' && r.path === path) {
                times.push(performance.now());
            }
        }
        return original.apply(this, items);
    };
    return {times, stop: () => void (mm.requests.push = original)};
}

export async function webhookBurst(o: {
    mm: FakeMattermost; pnm: FakePlugnmeet; sidecarUrl: string; roomId: string; cardId: string;
    events: number; seconds: number; concurrency: number; quietMs?: number; maxWaitMs?: number;
    /** Called as the first event goes out; what it returns, as the last one is answered. */
    onSending?: () => () => void;
}): Promise<BurstResult> {
    const events = buildEvents(o.pnm, o.roomId, o.events);
    const truth = o.pnm.rooms.get(o.roomId)!.participants.size;
    const pool = new Pool(o.sidecarUrl, {connections: o.concurrency});
    const edits = watchEdits(o.mm, o.cardId);
    const gapMs = (o.seconds * 1000) / o.events;
    let next = 0;
    let accepted = 0;
    let firstRefusal: string | undefined;
    const sendDone = o.onSending?.();
    const t0 = performance.now();
    try {
        await Promise.all(Array.from({length: o.concurrency}, async () => {
            while (next < events.length) {
                const i = next++;
                const wait = t0 + i * gapMs - performance.now();
                if (wait >= 1) {
                    await sleep(wait);
                }
                try {
                    const res = await pool.request({
                        method: 'POST', path: '/plugnmeet/webhook', body: events[i].body,
                        headers: {'content-type': 'application/json', 'authorization': events[i].token, 'hash-token': events[i].token},
                    });
                    const text = await res.body.text();
                    if (res.statusCode === 200) {
                        accepted++;
                    } else {
                        firstRefusal ??= `HTTP ${res.statusCode}: ${text.slice(0, 200)}`;
                    }
                } catch (err) {
                    firstRefusal ??= (err as Error).message;
                }
            }
        }));
        const sent = performance.now();
        sendDone?.();

        // Settled once the card shows the truth and no edit has come for quietMs (a later, needless
        // edit would still be counted); a card that never gets there is given up on after maxWaitMs.
        const quietMs = o.quietMs ?? 3000;
        const showsTruth = () => o.mm.posts.get(o.cardId)?.props?.meeting_participants === truth;
        while (performance.now() - sent < (o.maxWaitMs ?? 30_000)) {
            const last = Math.max(sent, edits.times.at(-1) ?? 0);
            if (showsTruth() && performance.now() - last >= quietMs) {
                break;
            }
            await sleep(100);
        }
        const times = edits.times.slice();
        let maxInSecond = 0;
        for (let i = 0, j = 0; i < times.length; i++) {
            while (times[i] - times[j] >= 1000) {
                j++;
            }
            maxInSecond = Math.max(maxInSecond, i - j + 1);
        }
        const sendSeconds = (sent - t0) / 1000;
        return {
            events: events.length, accepted, firstRefusal, sendSeconds, perSecond: accepted / sendSeconds,
            edits: times.length, maxEditsInOneSecond: maxInSecond,
            settleSeconds: ((times.at(-1) ?? sent) - t0) / 1000,
            finalCount: o.mm.posts.get(o.cardId)?.props?.meeting_participants, truth,
        };
    } finally {
        edits.stop();
        await pool.close();
    }
}
