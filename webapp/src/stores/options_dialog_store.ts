// Whether the options dialog is open, for which channel and thread, and whether it starts in
// Schedule mode. The entry points (the call-button menu, the App Bar, a typed `/plugnmeet options`
// or `/plugnmeet schedule`) run outside React and open it here; the root component renders it.
import {createListeners} from './listeners';

import type {StartTarget} from '../actions/start_meeting';

/** Start now, or plan it for later (`/plugnmeet schedule`). */
export type DialogMode = 'start' | 'schedule';

export type OptionsRequest = {

    // Changes on every open, so the dialog starts afresh (React key).
    key: number;
    target: StartTarget;
    topic: string;
    mode: DialogMode;
};

export type OptionsDialogStore = {
    subscribe(listener: () => void): () => void;
    getSnapshot(): OptionsRequest | null;
    open(target: StartTarget, topic?: string, mode?: DialogMode): void;
    close(): void;

    /** Closes and drops every listener: the plugin is being uninitialized. */
    clear(): void;
};

export function createOptionsDialogStore(): OptionsDialogStore {
    let request: OptionsRequest | null = null;
    let nextKey = 1;
    const listeners = createListeners();
    const emit = listeners.emit;

    return {
        subscribe: listeners.subscribe,
        getSnapshot: () => request,
        open(target, topic = '', mode = 'start') {
            request = {key: nextKey++, target, topic, mode};
            emit();
        },
        close() {
            if (request) {
                request = null;
                emit();
            }
        },
        clear() {
            request = null;
            emit();
            listeners.clear();
        },
    };
}
