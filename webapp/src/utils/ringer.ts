// The ring of an incoming call: the bundled ring tone (sounds/ring.wav, 1 s) played again every
// few seconds, for at most 30 s. Mattermost rings for its own calls the same way: an Audio element
// started with play() outside any click (utils/notification_sounds.tsx ring/loopNotificationRing),
// which browsers allow once the user has interacted with the tab; when they do not, play() rejects
// and the call is still shown, silently. The element sits in the document (hidden) while it rings,
// so its media events (play, playing, pause, ended) can be observed, and is removed afterwards.
import type {Lifecycle} from '../stores/lifecycle';

export const RING_ELEMENT_ID = 'plugnmeet-ringtone';

/** Ring for at most this long, whatever happens. */
export const MAX_RING_MS = 30 * 1000;

/** From the start of one ring to the start of the next. */
export const RING_EVERY_MS = 3 * 1000;

export type Ringer = {

    /** Starts ringing; a second call while it rings changes nothing. */
    start(): void;
    stop(): void;
    isRinging(): boolean;
};

export type RingerDeps = {
    src: string;
    lifecycle: Pick<Lifecycle, 'setTimeout' | 'onDispose'>;
    doc?: Document;

    // Called when the 30 s are over (the caller then takes the call off the screen).
    onTimeout?: () => void;
};

export function createRinger({src, lifecycle, doc = document, onTimeout}: RingerDeps): Ringer {
    let audio: HTMLAudioElement | null = null;
    let cancels: Array<() => void> = [];

    const playFromStart = () => {
        if (!audio) {
            return;
        }
        const current = audio;
        current.currentTime = 0;
        const played = current.play();

        // Refused without a user gesture (autoplay policy), or interrupted by stop(): nothing to do.
        played?.catch?.(() => undefined);
        cancels.push(lifecycle.setTimeout(playFromStart, RING_EVERY_MS));
    };

    /** Stops the ring; the element goes once its `pause` has fired (at once when `now`, or when it was not playing). */
    const stop = (now = false) => {
        cancels.forEach((cancel) => cancel());
        cancels = [];
        if (!audio) {
            return;
        }
        const element = audio;
        audio = null;
        const release = () => {
            element.removeAttribute('src');
            element.load();
            element.remove();
        };
        if (now || element.paused) {
            element.pause();
            release();
            return;
        }
        element.addEventListener('pause', release, {once: true});
        element.pause();
    };

    lifecycle.onDispose(() => stop(true));

    return {
        start() {
            if (audio) {
                return;
            }
            audio = doc.createElement('audio');
            audio.id = RING_ELEMENT_ID;
            audio.hidden = true;
            audio.preload = 'auto';
            audio.src = src;
            doc.body.appendChild(audio);
            cancels.push(lifecycle.setTimeout(() => {
                stop();
                onTimeout?.();
            }, MAX_RING_MS));
            playFromStart();
        },
        stop: () => stop(),
        isRinging: () => audio !== null,
    };
}
