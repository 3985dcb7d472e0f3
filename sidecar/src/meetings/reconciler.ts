// Polls plugNmeet for meetings still marked live, so a lost webhook or a sidecar restart
// never leaves a card saying "live" forever.
import type {FastifyBaseLogger} from 'fastify';
import type {Store} from '../store/store.js';
import type {Meetings} from './service.js';

export async function reconcileOnce(store: Store, meetings: Meetings, log: FastifyBaseLogger): Promise<void> {
    for (const m of await store.liveMeetings()) {
        try {
            const now = await meetings.sync(m);
            // markEnded already updated an ended card; a live one changes only when its count did.
            if (now.status === 'live' && now.participants !== m.participants) {
                await meetings.updateCard(now);
            }
        } catch (err) {
            log.warn({err: String(err), roomId: m.roomId}, 'could not reconcile a live meeting; will retry');
        }
    }
}

export function startReconciler(store: Store, meetings: Meetings, log: FastifyBaseLogger, intervalSeconds: number): () => void {
    let running = false;
    const tick = async () => {
        if (running) {
            return; // a slow round must not overlap the next
        }
        running = true;
        try {
            await reconcileOnce(store, meetings, log);
        } finally {
            running = false;
        }
    };
    const timer = setInterval(tick, intervalSeconds * 1000);
    timer.unref();
    void tick();
    return () => clearInterval(timer);
}
