// At most one stale-card refresh per post per minute in this browser, however often the card
// is mounted (scrolling, switching channels, several tabs). Kept in localStorage so tabs share
// it; in memory when storage is unavailable (private mode, blocked cookies).

export const REFRESH_EVERY_MS = 60 * 1000;

const KEY = 'plugnmeet.card_refreshes';
const memory = new Map<string, number>();

function read(): Map<string, number> {
    try {
        const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
        if (parsed && typeof parsed === 'object') {
            return new Map(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number'));
        }
    } catch {
        // fall through to memory
    }
    return new Map(memory);
}

function write(seen: Map<string, number>): void {
    memory.clear();
    seen.forEach((at, id) => memory.set(id, at));
    try {
        window.localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(seen)));
    } catch {
        // memory only
    }
}

/** True (and remembered) when this post was not refreshed in the last minute. */
export function claimRefresh(postId: string, now: number): boolean {
    const seen = read();
    for (const [id, at] of seen) {
        if (now - at >= REFRESH_EVERY_MS || at > now) {
            seen.delete(id); // expired, or from a clock that jumped back
        }
    }
    const allowed = !seen.has(postId);
    if (allowed) {
        seen.set(postId, now);
    }
    write(seen);
    return allowed;
}
