// GET /readyz answers from a result at most `ttlMs` old, and concurrent probes share one check,
// so load balancers cannot hammer Mattermost and plugNmeet however often they ask.
import type {Readiness} from '../meetings/dependencies.js';

export function cachedReadiness(check: () => Promise<Readiness>, ttlMs: number, now: () => number = Date.now): () => Promise<Readiness> {
    let cached: {at: number; result: Readiness} | undefined;
    let running: Promise<Readiness> | undefined;
    return () => {
        if (cached && now() - cached.at < ttlMs) {
            return Promise.resolve(cached.result);
        }
        running ??= check().then((result) => {
            cached = {at: now(), result};
            return result;
        }).finally(() => {
            running = undefined;
        });
        return running;
    };
}
