// Polls plugNmeet for meetings still marked live, so a lost webhook or a sidecar restart
// never leaves a card saying "live" forever. With several replicas, a lease in the store
// lets one of them do each round.
import type {FastifyBaseLogger} from 'fastify';
import {STALE_RESERVATION_MS, type Store} from '../store/store.js';
import type {Meetings} from './domain.js';

/** Webhook event ids are kept this long: plugNmeet's retries come within seconds. */
const EVENT_MEMORY_MS = 24 * 3600_000;

type Reconciled = Pick<Meetings, 'abandonStart' | 'sync' | 'catchUpRecap'>;

/**
 * One round: ends meetings plugNmeet no longer has, refreshes counts (their cards follow), ends
 * the rooms of starts that crashed before their card was posted, and catches up lost recap parts.
 */
export async function reconcileOnce(store: Store, meetings: Reconciled, log: FastifyBaseLogger): Promise<void> {
    for (const m of await store.staleReservations(Date.now() - STALE_RESERVATION_MS)) {
        await meetings.abandonStart(m).catch((err) => {
            log.warn({err: String(err), roomId: m.roomId}, 'could not end the room of an unfinished start; will retry');
        });
    }
    for (const m of await store.liveMeetings()) {
        try {
            await meetings.sync(m);
        } catch (err) {
            log.warn({err: String(err), roomId: m.roomId}, 'could not reconcile a live meeting; will retry');
        }
    }
    await meetings.catchUpRecap().catch((err) => {
        log.warn({err: String(err)}, 'could not catch up the recap of ended meetings; will retry');
    });
    await store.pruneEvents(Date.now() - EVENT_MEMORY_MS);
}

/**
 * Runs `round` every `intervalMs` on one replica at a time: the one holding the store's lease
 * `name`. `owner` names this instance stably (host and port), so a process restarted after a crash
 * takes its own lease back at once instead of waiting for it to expire. Returns the stop function.
 */
export function startLeasedLoop(o: {store: Store; name: string; owner: string; intervalMs: number; log: FastifyBaseLogger; round: () => Promise<void>}): () => void {
    let running = false;
    const tick = async () => {
        if (running) {
            return; // a slow round must not overlap the next
        }
        running = true;
        try {
            // The lease outlives one interval a little, so its holder keeps it and the others wait.
            if (await o.store.tryLease(o.name, o.owner, Date.now(), o.intervalMs + 5000)) {
                await o.round();
            }
        } catch (err) {
            o.log.warn({err: String(err), loop: o.name}, 'a round failed; will retry');
        } finally {
            running = false;
        }
    };
    const timer = setInterval(tick, o.intervalMs);
    timer.unref();
    void tick();
    return () => clearInterval(timer);
}

export function startReconciler(store: Store, meetings: Reconciled, log: FastifyBaseLogger, intervalSeconds: number, owner: string): () => void {
    return startLeasedLoop({store, name: 'reconciler', owner, intervalMs: intervalSeconds * 1000, log, round: () => reconcileOnce(store, meetings, log)});
}

/** How often due reminders and starts are looked for: a meeting starts at most this late. */
export const SCHEDULER_INTERVAL_MS = 15_000;

export function startScheduler(store: Store, meetings: Pick<Meetings, 'schedules'>, log: FastifyBaseLogger, owner: string): () => void {
    return startLeasedLoop({store, name: 'scheduler', owner, intervalMs: SCHEDULER_INTERVAL_MS, log, round: meetings.schedules.tick});
}
