// Everything the plugin starts outside React, so uninitialize() can take it all back:
// Mattermost calls it on disable and before an upgraded bundle registers (plugins/index.ts
// registerPlugin and removePlugin), and a new version must not run beside the old one.

export type Lifecycle = {

    /** A timer that dies with the plugin; returns its cancel function. */
    setTimeout(callback: () => void, ms: number): () => void;
    onDispose(cleanup: () => void): void;
    isDisposed(): boolean;
    dispose(): void;
};

export function createLifecycle(): Lifecycle {
    let disposed = false;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const cleanups: Array<() => void> = [];

    return {
        setTimeout(callback, ms) {
            if (disposed) {
                return () => undefined;
            }
            const timer = setTimeout(() => {
                timers.delete(timer);
                callback();
            }, ms);
            timers.add(timer);
            return () => {
                clearTimeout(timer);
                timers.delete(timer);
            };
        },
        onDispose(cleanup) {
            cleanups.push(cleanup);
        },
        isDisposed: () => disposed,
        dispose() {
            if (disposed) {
                return;
            }
            disposed = true;
            timers.forEach((timer) => clearTimeout(timer));
            timers.clear();
            for (const cleanup of cleanups.splice(0).reverse()) {
                try {
                    cleanup();
                } catch (error) {
                    console.warn('plugnmeet: cleanup failed', error); // eslint-disable-line no-console
                }
            }
        },
    };
}
