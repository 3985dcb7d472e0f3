// Whether every dependency answers: shared by GET /readyz and `npm run doctor`.
import type {Mattermost} from './mattermost/adapter.js';
import type {PlugnmeetClient} from './plugnmeet/client.js';
import type {Store} from './store/store.js';

const CHECK_TIMEOUT_MS = 3000;

async function check(run: () => Promise<unknown>): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
        await Promise.race([run(), timeout]);
        return 'ok';
    } catch (err) {
        return `failing: ${(err as Error).message}`;
    } finally {
        clearTimeout(timer);
    }
}

/** Each check is "ok" or "failing: <why>"; Mattermost with the bot token, plugNmeet with the API credentials. */
export async function checkDependencies(deps: {store: Store; mattermost: Mattermost; plugnmeet: PlugnmeetClient}) {
    const [store, mattermost, plugnmeet] = await Promise.all([
        check(() => deps.store.liveMeetings()),
        check(() => deps.mattermost.whoAmI()),
        check(() => deps.plugnmeet.ping()),
    ]);
    const checks = {store, mattermost, plugnmeet};
    return {ready: Object.values(checks).every((c) => c === 'ok'), checks};
}

export type Readiness = Awaited<ReturnType<typeof checkDependencies>>;

/**
 * GET /readyz answers from a result at most `ttlMs` old, and concurrent probes share one check,
 * so load balancers cannot hammer Mattermost and plugNmeet however often they ask.
 */
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
