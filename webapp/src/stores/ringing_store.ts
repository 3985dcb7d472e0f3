// The incoming call on screen, if any, and its ring. One call at a time: a newer call replaces
// the one ringing. Answering in another tab of this browser (Join or Decline there, or any join of
// that meeting) stops it here too, through a BroadcastChannel, or the `storage` event where there is
// none.
import type {Lifecycle} from './lifecycle';
import {createListeners} from './listeners';

import type {Ringer} from '../utils/ringer';

export type IncomingCall = {
    roomId: string;
    channelId: string;

    // The card's thread: where Join and Decline run their commands.
    rootId: string;
    postId: string;
    callerName: string;
    topic: string;

    // A group message rather than a direct message.
    group: boolean;

    // The card offers a Join button action (for the read-only fallback).
    hasJoinAction: boolean;
};

export type StopReason = 'joined' | 'declined' | 'answered_elsewhere' | 'ended' | 'timeout';

export type RingingStore = {
    subscribe(listener: () => void): () => void;
    getSnapshot(): IncomingCall | null;
    ring(call: IncomingCall): void;

    /** Stops the call on screen (only if it is `roomId`, when given). */
    stop(reason: StopReason, roomId?: string): void;

    /** This user answered `roomId` here: stop, and tell the other tabs. */
    answered(roomId: string, reason: 'joined' | 'declined'): void;

    /** Why the last call stopped (tests and logs). */
    lastStop(): StopReason | null;
    clear(): void;
};

const CHANNEL_NAME = 'plugnmeet-calls';
const STORAGE_KEY = 'plugnmeet:answered';

type CrossTab = {announce(roomId: string): void; close(): void};

/** Messages between this browser's tabs of the same Mattermost. */
function crossTab(onAnswered: (roomId: string) => void, win: Window | undefined): CrossTab {
    const read = (data: unknown) => {
        const roomId = data && typeof data === 'object' ? (data as {answered?: unknown}).answered : undefined;
        if (typeof roomId === 'string' && roomId) {
            onAnswered(roomId);
        }
    };
    const Broadcast = (win as (Window & {BroadcastChannel?: typeof BroadcastChannel}) | undefined)?.BroadcastChannel;
    if (typeof Broadcast === 'function') {
        const channel = new Broadcast(CHANNEL_NAME);
        channel.onmessage = (event: MessageEvent) => read(event.data);
        return {
            announce: (roomId) => channel.postMessage({answered: roomId}),
            close: () => channel.close(),
        };
    }
    if (!win) {
        return {announce: () => undefined, close: () => undefined};
    }

    // A `storage` event fires in the other tabs only; the time makes each write a change.
    const onStorage = (event: StorageEvent) => {
        if (event.key === STORAGE_KEY && event.newValue) {
            try {
                read(JSON.parse(event.newValue));
            } catch {
                // Not ours.
            }
        }
    };
    win.addEventListener('storage', onStorage);
    return {
        announce(roomId) {
            try {
                win.localStorage.setItem(STORAGE_KEY, JSON.stringify({answered: roomId, at: Date.now()}));
            } catch {
                // Storage off (private mode): the other tabs ring on until the call ends.
            }
        },
        close: () => win.removeEventListener('storage', onStorage),
    };
}

export function createRingingStore({ringer, lifecycle, win = typeof window === 'undefined' ? undefined : window}: {
    ringer: Ringer;
    lifecycle: Pick<Lifecycle, 'onDispose'>;
    win?: Window;
}): RingingStore {
    let call: IncomingCall | null = null;
    let stopped: StopReason | null = null;
    const listeners = createListeners();
    const emit = listeners.emit;

    const stop = (reason: StopReason, roomId?: string) => {
        if (!call || (roomId !== undefined && call.roomId !== roomId)) {
            return;
        }
        call = null;
        stopped = reason;
        ringer.stop();
        emit();
    };
    const tabs = crossTab((roomId) => stop('answered_elsewhere', roomId), win);

    const store: RingingStore = {
        subscribe: listeners.subscribe,
        getSnapshot: () => call,
        ring(next) {
            if (call?.roomId === next.roomId) {
                return;
            }
            if (call) {
                ringer.stop();
            }
            call = next;
            stopped = null;
            ringer.start();
            emit();
        },
        stop,
        answered(roomId, reason) {
            stop(reason, roomId);
            tabs.announce(roomId);
        },
        lastStop: () => stopped,
        clear() {
            call = null;
            ringer.stop();
            tabs.close();
            emit();
            listeners.clear();
        },
    };
    lifecycle.onDispose(() => store.clear());
    return store;
}
