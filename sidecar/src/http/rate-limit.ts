// Per-user limit for slash commands and button clicks (docs/operations.md, "Rate limits"). A user who goes too
// fast gets an ephemeral "wait N seconds" at HTTP 200, the only answer Mattermost shows; HTTP 429
// is for addresses that flood (@fastify/rate-limit, registered in http/app.ts). In memory, per replica.
import type {FastifyReply, FastifyRequest} from 'fastify';
import type {Translate} from '../meetings/i18n.js';
import {detachedKey} from '../shared/detached-key.js';

/** The per-user window: RATE_LIMIT_PER_USER requests within this many milliseconds. */
export const USER_WINDOW_MS = 10_000;

export interface UserRateLimit {
    /** Counts one request of `key`: 0 when it may go ahead, else the whole seconds to wait. */
    take(key: string): number;
    /** How many users are remembered (memory follows the users active in the last window). */
    size(): number;
}

/**
 * A sliding log: at most `max` requests in any `windowMs`. Refused requests are not counted,
 * so a user who keeps trying gets through as soon as the window allows. `max` 0 turns it off.
 */
export function createUserRateLimit(opts: {max: number; windowMs?: number; now?: () => number}): UserRateLimit {
    const {max} = opts;
    const windowMs = opts.windowMs ?? USER_WINDOW_MS;
    const now = opts.now ?? Date.now;
    const log = new Map<string, number[]>();
    let lastSweep = now();

    // Forget users idle for a whole window, so memory follows the active users only.
    function sweep(t: number) {
        for (const [key, times] of log) {
            if (times[times.length - 1] <= t - windowMs) {
                log.delete(key);
            }
        }
        lastSweep = t;
    }

    return {
        take(key) {
            if (max <= 0) {
                return 0;
            }
            const t = now();
            if (t - lastSweep >= windowMs) {
                sweep(t);
            }
            let times = log.get(key);
            if (!times) {
                times = [];
                log.set(detachedKey(key), times);
            }
            while (times.length > 0 && times[0] <= t - windowMs) {
                times.shift();
            }
            if (times.length >= max) {
                return Math.max(1, Math.ceil((times[0] + windowMs - t) / 1000));
            }
            times.push(t);
            return 0;
        },
        size: () => log.size,
    };
}

/** The answer to a user over the limit, in their language. */
export function tooFast(t: Translate, seconds: number): string {
    return t('plugnmeet.reply.too_fast', {seconds});
}

/**
 * A public link's own per-address limit (on top of RATE_LIMIT_PER_ADDRESS), checked before any work:
 * HTTP 429 with Retry-After past `max` a minute. A route's preHandler.
 */
export function perAddressPerMinute(max: number): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
    const limit = createUserRateLimit({max, windowMs: 60_000, now: () => Date.now()});
    return async (req, reply) => {
        const wait = limit.take(req.ip);
        // An async hook that answers returns the reply: Fastify then skips the handler.
        return wait > 0 ? reply.code(429).header('retry-after', String(wait)).send({error: 'too many requests'}) : undefined;
    };
}
