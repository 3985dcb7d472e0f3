// Whether every adapter answers: the store, Mattermost with the bot token, plugNmeet with the API
// credentials. GET /readyz asks through the domain (and caches the answer).
import type {Mattermost} from '../mattermost/bot.js';
import type {PlugnmeetClient} from '../plugnmeet/client.js';
import type {Store} from '../store/store.js';

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

/** Each check is "ok" or "failing: <why>". */
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
