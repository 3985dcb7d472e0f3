// A lost artifact webhook is caught up: for meetings that ended in the last 24 hours, plugNmeet is
// asked for their sessions' artifacts (one /auth/artifact/fetch for all of them), at the reconcile
// interval at first, then less and less often: a meeting is looked at in the reconciler's rounds
// 1, 2, 3, 4, 8, 16, 32, ... after its end (rounds counted from its end time, so every replica and
// every restart agrees without keeping state). What was posted already is skipped by the store's claim.
import type {FastifyBaseLogger} from 'fastify';
import type {PlugnmeetClient} from '../../plugnmeet/client.js';
import type {Store} from '../../store/store.js';
import type {Recap} from './recap.js';

/** plugNmeet's summary comes minutes after the end; an artifact later than this is not waited for. */
export const CATCH_UP_WINDOW_MS = 24 * 3600_000;
/** One fetch covers at most this many rooms (FetchArtifactsReq limit: 100 artifacts, ~3 a meeting). */
const ROOMS_PER_FETCH = 30;

/** Whether round `k` after the end (k = 1 for the first) is one where the meeting is looked at. */
export function isCatchUpRound(k: number): boolean {
    return k >= 1 && (k <= 4 || (k & (k - 1)) === 0);
}

export async function catchUpOnce(o: {store: Store; plugnmeet: PlugnmeetClient; recap: Recap; log: FastifyBaseLogger; now: number; intervalMs: number}): Promise<number> {
    if (o.recap.parts.length === 0) {
        return 0;
    }
    const ended = await o.store.endedSince(o.now - CATCH_UP_WINDOW_MS);
    const due = ended.filter((m) => m.postId !== '' && isCatchUpRound(Math.floor((o.now - (m.endedAt ?? o.now)) / o.intervalMs)));
    let posted = 0;
    for (let i = 0; i < due.length; i += ROOMS_PER_FETCH) {
        const batch = new Map(due.slice(i, i + ROOMS_PER_FETCH).map((m) => [m.roomId, m]));
        const artifacts = await o.plugnmeet.fetchArtifacts([...batch.keys()]);
        for (const a of artifacts) {
            const m = batch.get(a.roomId);
            if (!m) {
                continue; // not a room of ours
            }
            try {
                posted += (await o.recap.post(m, a)) === 'posted' ? 1 : 0;
            } catch (err) {
                o.log.warn({err: String(err), roomId: m.roomId, artifact: a.id}, 'could not post a recap part; will retry');
            }
        }
    }
    return posted;
}
