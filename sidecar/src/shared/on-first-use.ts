// Modules that only some sites use (schedules' date words, the recap's summary) are loaded the
// first time they are needed, not at start: each is megabytes of every replica's memory (issue 22,
// the RSS mark). Synchronous, so the pure functions that use them stay pure.
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);

/** A getter that loads the CommonJS build of `id` on its first call and returns the same module after. */
export function onFirstUse<T>(id: string): () => T {
    let loaded: T | undefined;
    return () => {
        loaded ??= require(id) as T;
        return loaded;
    };
}
