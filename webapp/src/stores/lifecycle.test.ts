import {createLifecycle} from './lifecycle';

describe('lifecycle', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('cancels its timers and runs its cleanups once on dispose', () => {
        const lifecycle = createLifecycle();
        const fired = jest.fn();
        const cleanup = jest.fn();
        lifecycle.setTimeout(fired, 1000);
        lifecycle.onDispose(cleanup);
        lifecycle.dispose();
        lifecycle.dispose();
        jest.advanceTimersByTime(5000);
        expect(fired).not.toHaveBeenCalled();
        expect(cleanup).toHaveBeenCalledTimes(1);
        expect(lifecycle.isDisposed()).toBe(true);
    });

    it('starts no timers once disposed, and a cancelled timer never fires', () => {
        const lifecycle = createLifecycle();
        const fired = jest.fn();
        lifecycle.setTimeout(fired, 10)();
        lifecycle.dispose();
        lifecycle.setTimeout(fired, 10);
        jest.advanceTimersByTime(100);
        expect(fired).not.toHaveBeenCalled();
    });
});
