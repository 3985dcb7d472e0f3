// A cache keyed by what callers send (channel ids, users, guessed tokens): entries expire, and the
// size is capped (the oldest goes first), so nobody can grow it without bound.
import {detachedKey} from './detached-key.js';

export interface Entry<V> {
    value: V;
    /** Within its time; a stale entry is still there for a caller that prefers it to nothing. */
    fresh: boolean;
    /** When it stops being fresh (ms, the map's clock). */
    until: number;
}

export function expiringMap<V>(o: {ttlMs: number; max: number; now?: () => number}) {
    const now = o.now ?? Date.now;
    const entries = new Map<string, {value: V; until: number}>();
    return {
        /** The entry, fresh or stale; undefined when there is none. */
        get(key: string): Entry<V> | undefined {
            const e = entries.get(key);
            return e && {value: e.value, fresh: e.until > now(), until: e.until};
        },
        set(key: string, value: V): void {
            const entry = {value, until: now() + o.ttlMs};
            if (entries.has(key)) {
                entries.set(key, entry);
                return;
            }
            if (entries.size >= o.max) {
                entries.delete(entries.keys().next().value!);
            }
            entries.set(detachedKey(key), entry);
        },
        delete(key: string): void {
            entries.delete(key);
        },
        /** The first fresh value that `matches`. */
        find(matches: (value: V) => boolean): V | undefined {
            const t = now();
            for (const e of entries.values()) {
                if (e.until > t && matches(e.value)) {
                    return e.value;
                }
            }
            return undefined;
        },
    };
}
