import {MAX_RING_MS, RING_ELEMENT_ID, RING_EVERY_MS, createRinger} from './ringer';

import {createLifecycle} from '../stores/lifecycle';

// jsdom does not play media: play/pause/load are stubs that fire what a browser fires.
function stubMedia() {
    let playing = false;
    const play = jest.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function(this: HTMLMediaElement) {
        playing = true;
        this.dispatchEvent(new Event('play'));
        return Promise.resolve();
    });
    const pause = jest.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function(this: HTMLMediaElement) {
        if (playing) {
            playing = false;
            this.dispatchEvent(new Event('pause'));
        }
    });
    jest.spyOn(HTMLMediaElement.prototype, 'paused', 'get').mockImplementation(() => !playing);
    jest.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => undefined);
    return {play, pause};
}

const element = () => document.getElementById(RING_ELEMENT_ID) as HTMLAudioElement | null;

describe('ringer', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => {
        jest.useRealTimers();
        element()?.remove();
    });

    it('plays the ring tone from a hidden element in the document, again every 3 s, for 30 s at most', () => {
        const {play} = stubMedia();
        const onTimeout = jest.fn();
        const lifecycle = createLifecycle();
        const ringer = createRinger({src: 'data:audio/wav;base64,AAAA', lifecycle, onTimeout});

        ringer.start();
        ringer.start();
        expect(document.querySelectorAll(`#${RING_ELEMENT_ID}`)).toHaveLength(1);
        expect(element()?.hidden).toBe(true);
        expect(element()?.getAttribute('src')).toBe('data:audio/wav;base64,AAAA');
        expect(play).toHaveBeenCalledTimes(1);

        jest.advanceTimersByTime(RING_EVERY_MS);
        expect(play).toHaveBeenCalledTimes(2);
        jest.advanceTimersByTime(MAX_RING_MS - RING_EVERY_MS - 1);
        expect(ringer.isRinging()).toBe(true);
        expect(onTimeout).not.toHaveBeenCalled();

        jest.advanceTimersByTime(1);
        expect(ringer.isRinging()).toBe(false);
        expect(onTimeout).toHaveBeenCalledTimes(1);
        expect(element()).toBeNull();
        const plays = play.mock.calls.length;
        jest.advanceTimersByTime(MAX_RING_MS);
        expect(play).toHaveBeenCalledTimes(plays);
    });

    it('stops: the element goes once its pause has fired, and no timer is left', () => {
        const {pause} = stubMedia();
        const lifecycle = createLifecycle();
        const ringer = createRinger({src: 'data:audio/wav;base64,AAAA', lifecycle});
        ringer.start();
        const audio = element()!;
        const paused = jest.fn();
        audio.addEventListener('pause', paused);
        ringer.stop();
        expect(pause).toHaveBeenCalled();
        expect(paused).toHaveBeenCalledTimes(1);
        expect(element()).toBeNull();
        expect(audio.hasAttribute('src')).toBe(false);
        expect(jest.getTimerCount()).toBe(0);
    });

    it('keeps quiet when the browser refuses to play (autoplay policy)', async () => {
        stubMedia();
        jest.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.reject(new DOMException('not allowed', 'NotAllowedError')));
        const ringer = createRinger({src: 'data:audio/wav;base64,AAAA', lifecycle: createLifecycle()});
        ringer.start();
        await Promise.resolve();
        expect(ringer.isRinging()).toBe(true);
        ringer.stop();
    });

    it('is taken back by uninitialize', () => {
        stubMedia();
        const lifecycle = createLifecycle();
        createRinger({src: 'data:audio/wav;base64,AAAA', lifecycle}).start();
        lifecycle.dispose();
        expect(element()).toBeNull();
        expect(jest.getTimerCount()).toBe(0);
    });
});
