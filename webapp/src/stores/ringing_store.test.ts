import {createLifecycle} from './lifecycle';
import {createRingingStore} from './ringing_store';
import type {IncomingCall} from './ringing_store';

const call = (roomId: string): IncomingCall => ({
    roomId, channelId: 'dm1', rootId: 'card1', postId: 'card1', callerName: 'Alice', topic: 'Sync', group: false, hasJoinAction: true,
});

function fakeRinger() {
    return {start: jest.fn(), stop: jest.fn(), isRinging: jest.fn(() => false)};
}

/** A window with a BroadcastChannel that reaches every channel of the same name made here. */
function windowsWithBroadcast() {
    const channels: Array<{name: string; onmessage: ((event: {data: unknown}) => void) | null; closed: boolean}> = [];
    class FakeBroadcastChannel {
        name: string;
        onmessage: ((event: {data: unknown}) => void) | null = null;
        closed = false;
        constructor(name: string) {
            this.name = name;
            channels.push(this);
        }
        postMessage(data: unknown) {
            channels.filter((c) => c !== this && c.name === this.name && !c.closed).forEach((c) => c.onmessage?.({data}));
        }
        close() {
            this.closed = true;
        }
    }
    const win = {BroadcastChannel: FakeBroadcastChannel} as unknown as Window;
    return {win, channels};
}

describe('ringing store', () => {
    it('rings one call at a time, replaces it with a newer one, and stops only the call it is asked to', () => {
        const ringer = fakeRinger();
        const store = createRingingStore({ringer, lifecycle: createLifecycle(), win: windowsWithBroadcast().win});
        const listener = jest.fn();
        store.subscribe(listener);

        store.ring(call('r1'));
        store.ring(call('r1'));
        expect(ringer.start).toHaveBeenCalledTimes(1);
        expect(store.getSnapshot()?.roomId).toBe('r1');

        store.ring(call('r2'));
        expect(store.getSnapshot()?.roomId).toBe('r2');
        expect(ringer.stop).toHaveBeenCalledTimes(1);

        store.stop('ended', 'r1');
        expect(store.getSnapshot()?.roomId).toBe('r2');
        store.stop('ended', 'r2');
        expect(store.getSnapshot()).toBeNull();
        expect(store.lastStop()).toBe('ended');
        expect(listener).toHaveBeenCalledTimes(3);
    });

    it('stops in the other tabs when answered in one (BroadcastChannel)', () => {
        const {win, channels} = windowsWithBroadcast();
        const here = createRingingStore({ringer: fakeRinger(), lifecycle: createLifecycle(), win});
        const there = createRingingStore({ringer: fakeRinger(), lifecycle: createLifecycle(), win});
        here.ring(call('r1'));
        there.ring(call('r1'));

        there.answered('r1', 'declined');
        expect(there.lastStop()).toBe('declined');
        expect(here.getSnapshot()).toBeNull();
        expect(here.lastStop()).toBe('answered_elsewhere');

        here.clear();
        there.clear();
        expect(channels.every((c) => c.closed)).toBe(true);
    });

    it('falls back to the storage event where there is no BroadcastChannel', () => {
        const listeners: Array<(event: StorageEvent) => void> = [];
        const storage = new Map<string, string>();
        const win = {
            addEventListener: jest.fn((_type: string, listener: (event: StorageEvent) => void) => listeners.push(listener)),
            removeEventListener: jest.fn(),
            localStorage: {setItem: (k: string, v: string) => storage.set(k, v)},
        } as unknown as Window;
        const store = createRingingStore({ringer: fakeRinger(), lifecycle: createLifecycle(), win});
        store.ring(call('r1'));

        // This tab's own write: only other tabs get a `storage` event for it.
        store.answered('r9', 'joined');
        expect(JSON.parse(storage.get('plugnmeet:answered')!).answered).toBe('r9');
        expect(store.getSnapshot()?.roomId).toBe('r1');

        listeners.forEach((l) => l({key: 'plugnmeet:answered', newValue: JSON.stringify({answered: 'r1', at: 1})} as StorageEvent));
        expect(store.getSnapshot()).toBeNull();
        expect(store.lastStop()).toBe('answered_elsewhere');
        listeners.forEach((l) => l({key: 'other', newValue: 'x'} as StorageEvent));

        store.clear();
        expect(win.removeEventListener).toHaveBeenCalledWith('storage', expect.any(Function));
    });

    it('clears with the plugin', () => {
        const ringer = fakeRinger();
        const lifecycle = createLifecycle();
        const store = createRingingStore({ringer, lifecycle, win: windowsWithBroadcast().win});
        store.ring(call('r1'));
        lifecycle.dispose();
        expect(store.getSnapshot()).toBeNull();
        expect(ringer.stop).toHaveBeenCalled();
    });
});
