// The subscribe/notify part every store here shares (what React's useSyncExternalStore and the
// hooks/use_external_store fallback read): one set of listeners, one way to tell them.
export type Listeners = {
    subscribe(listener: () => void): () => void;
    emit(): void;

    /** Forgets every listener (uninitialize). */
    clear(): void;
};

export function createListeners(): Listeners {
    const listeners = new Set<() => void>();
    return {
        subscribe(listener) {
            listeners.add(listener);
            return () => {
                listeners.delete(listener);
            };
        },
        emit: () => listeners.forEach((listener) => listener()),
        clear: () => listeners.clear(),
    };
}
