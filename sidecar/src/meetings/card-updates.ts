// Coalesces card edits: a burst of joins and leaves for one room becomes one plugNmeet
// lookup and one card edit per window, not one per event.
import type {FastifyBaseLogger} from 'fastify';
import type {Store} from '../store/store.js';
import type {Meetings} from './service.js';

export interface CardUpdates {
    /** Refresh this room's card after the window, once however many times it is asked. */
    schedule(roomId: string): void;
    /** Runs every pending refresh now (shutdown, tests). */
    flushAll(): Promise<void>;
    pending(): number;
}

export function createCardUpdates(store: Store, meetings: Meetings, log: FastifyBaseLogger, windowMs: number): CardUpdates {
    const timers = new Map<string, NodeJS.Timeout>();

    async function refresh(roomId: string): Promise<void> {
        timers.delete(roomId);
        try {
            const m = await store.getMeeting(roomId);
            if (m?.status !== 'live') {
                return;
            }
            const now = await meetings.sync(m);
            if (now.status === 'live') {
                await meetings.updateCard(now);
            }
        } catch (err) {
            log.warn({err: String(err), roomId}, 'could not refresh a meeting card; the reconciler will retry');
        }
    }

    return {
        schedule(roomId) {
            if (timers.has(roomId)) {
                return;
            }
            const timer = setTimeout(() => void refresh(roomId), windowMs);
            timer.unref();
            timers.set(roomId, timer);
        },
        async flushAll() {
            const rooms = [...timers.keys()];
            for (const roomId of rooms) {
                clearTimeout(timers.get(roomId));
            }
            await Promise.all(rooms.map(refresh));
        },
        pending: () => timers.size,
    };
}
