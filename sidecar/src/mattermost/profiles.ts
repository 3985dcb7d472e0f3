// People's profiles (name, language, roles, time zone), read from Mattermost before anyone waits
// for them: a channel's members when a meeting starts there or its card is drawn (GET
// /users?in_channel, the first PREFETCH_MAX), everyone else in batches (POST /users/ids) that the
// joins missing at the same moment share. A profile is used for at most `ttlMs` (a minute) after
// Mattermost gave it: that is how late a changed name, language or role can show. Used after half
// of that, it is read again in the background, so people who keep coming never wait for it.
import {expiringMap} from '../shared/expiring-map.js';
import type {RestPool} from './rest.js';
import type {UserTimezone} from './timezone.js';

/** model.User, the fields the plugin reads. */
export type UserFields = {id: string; username: string; nickname?: string; first_name?: string; last_name?: string; locale?: string; roles?: string; timezone?: UserTimezone};

/** web/params.go: per_page is capped at 200. */
const PAGE = 200;
/** Members read per channel: enough for the channels meetings happen in; larger ones fill in through batches. */
export const PREFETCH_MAX = 1000;
/** Ids per POST /users/ids: one query on Mattermost's side, a small body on ours. */
const BATCH_MAX = 100;

const isUser = (u: unknown): u is UserFields => typeof (u as UserFields | null)?.id === 'string' && typeof (u as UserFields).username === 'string';

/** The user look-ups, on the bot's REST pool (rest.ts). */
export function userReader(rest: RestPool) {
    async function users(list: Promise<unknown>): Promise<UserFields[]> {
        const got = await list;
        if (!Array.isArray(got)) {
            throw new Error('Mattermost sent an unreadable user list');
        }
        return got.filter(isUser);
    }
    return {
        /** api4/user.go getUsersByIds: unknown ids are left out of the answer. */
        byIds: (ids: string[]) => users(rest.call('POST', '/api/v4/users/ids', 'a user look-up', ids)),
        /** api4/user.go getUsers with in_channel: members by username; the bot must be able to read the channel. */
        inChannel: (channelId: string, page: number) =>
            users(rest.call('GET', `/api/v4/users?in_channel=${encodeURIComponent(channelId)}&page=${page}&per_page=${PAGE}`, 'a channel\'s members')),
    };
}

export type UserReader = Pick<ReturnType<typeof userReader>, 'byIds' | 'inChannel'>;

/**
 * The profile cache. `toProfile` turns a user into what is kept, with the site's name format, which
 * is read beside the users, not after them; `onError` hears of background reads that failed.
 */
export function profileCache<P extends {id: string; username: string}, F>(o: {
    reader: UserReader; nameFormat: () => Promise<F>; toProfile: (user: UserFields, format: F) => P;
    ttlMs: number; max: number; now: () => number; onError?: (err: unknown) => void;
}) {
    const {reader, ttlMs, now} = o;
    const profiles = expiringMap<P>({ttlMs, max: o.max, now});
    const channels = expiringMap<Promise<number>>({ttlMs: ttlMs / 2, max: o.max, now});
    /** Ids asked for and not answered yet (queued or sent): one lookup per person however many ask. */
    const pending = new Map<string, Promise<P | undefined>>();
    let queued: Array<{id: string; resolve: (p: P | undefined) => void; reject: (err: unknown) => void}> = [];

    /** Reads users and the name format together, and keeps them as profiles. */
    async function read(users: Promise<UserFields[]>): Promise<P[]> {
        const [list, format] = await Promise.all([users, o.nameFormat()]);
        return list.map((u) => {
            const p = o.toProfile(u, format);
            profiles.set(p.id, p);
            return p;
        });
    }

    /** Sends what was asked for during this turn of the event loop, BATCH_MAX ids a request. */
    function flush(): void {
        const batch = queued;
        queued = [];
        for (let i = 0; i < batch.length; i += BATCH_MAX) {
            const part = batch.slice(i, i + BATCH_MAX);
            read(reader.byIds(part.map((w) => w.id))).then((list) => {
                const byId = new Map(list.map((p) => [p.id, p]));
                part.forEach((w) => w.resolve(byId.get(w.id)));
            }, (err: unknown) => part.forEach((w) => w.reject(err)));
        }
    }

    /** The user as Mattermost has them now; undefined when there is no such user. */
    function load(id: string): Promise<P | undefined> {
        let p = pending.get(id);
        if (!p) {
            p = new Promise<P | undefined>((resolve, reject) => {
                if (queued.length === 0) {
                    setImmediate(flush);
                }
                queued.push({id, resolve, reject});
            });
            pending.set(id, p);
            void p.finally(() => pending.delete(id)).catch(() => undefined);
        }
        return p;
    }

    return {
        /**
         * A fresh profile, from the cache or Mattermost. When Mattermost does not answer, a stale one
         * will do; without one, the error (or "no such user") is thrown.
         */
        async get(id: string): Promise<P> {
            const hit = profiles.get(id);
            if (hit?.fresh) {
                if (hit.until - now() < ttlMs / 2) {
                    load(id).catch((err: unknown) => o.onError?.(err)); // read again before it expires
                }
                return hit.value;
            }
            try {
                const p = await load(id);
                if (!p) {
                    throw new Error('Mattermost has no such user');
                }
                return p;
            } catch (err) {
                if (hit) {
                    return hit.value; // Mattermost did not answer: the last known name will do
                }
                throw err;
            }
        },

        /**
         * Reads the channel's members (up to PREFETCH_MAX) unless that was done within half the
         * freshness bound; resolves with how many were read (0 where the bot may not read the channel).
         */
        prefetchChannel(channelId: string): Promise<number> {
            const hit = channels.get(channelId);
            if (hit?.fresh) {
                return hit.value;
            }
            const reading = (async () => {
                let count = 0;
                for (let page = 0; count < PREFETCH_MAX; page++) {
                    const users = await read(reader.inChannel(channelId, page));
                    count += users.length;
                    if (users.length < PAGE) {
                        break;
                    }
                }
                return count;
            })().catch((err: unknown) => {
                o.onError?.(err);
                // Not remembered: the next meeting or card here asks again (the bot may have joined since).
                if (channels.get(channelId)?.value === reading) {
                    channels.delete(channelId);
                }
                return 0;
            });
            channels.set(channelId, reading);
            return reading;
        },

        /** A fresh profile with this username, if one is kept. */
        find: (matches: (p: P) => boolean) => profiles.find(matches),
        /** Keeps a user read some other way (by username). */
        keep: async (user: UserFields): Promise<P> => (await read(Promise.resolve([user])))[0],
    };
}
