// Constant-time comparisons of secrets (command tokens, button signatures), so the time an
// answer takes tells a guesser nothing.
import {createHash, timingSafeEqual} from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time string equality: hashing first makes lengths equal, so length leaks nothing either. */
export function safeEqual(a: string, b: string): boolean {
    return timingSafeEqual(digest(a), digest(b));
}

/** True when `candidate` equals one of `secrets`; compares against every one, no early exit. */
export function matchesAny(candidate: string, secrets: readonly string[]): boolean {
    const d = digest(candidate);
    let found = false;
    for (const secret of secrets) {
        found = timingSafeEqual(d, digest(secret)) || found;
    }
    return found;
}
