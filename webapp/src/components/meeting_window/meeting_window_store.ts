// The meeting window's state (issue 26): which meeting it shows, how (floating, minimized to a bar,
// maximized), where it floats, and the meeting waiting for "switch?" when another is open. One
// meeting at a time: opening a second asks first; opening the same one just brings it back.
import {END_PAGE_ORIGIN_PROP, FRAME_REFUSED_PROP} from '@plugnmeet/contracts';

import {httpOrigin, safeHttpUrl} from '../../actions/open_command';
import {createListeners} from '../../stores/listeners';
import {text} from '../../utils/post_props';

export type WindowMeeting = {
    url: string;
    roomId: string;
    topic: string;
    openedAt: number;

    // The sidecar's end page origin: the only one whose "ended" message closes the window.
    endOrigin: string;

    // plugNmeet's proxy refuses framing (the sidecar looked): the window offers a new tab instead.
    frameRefused: boolean;
};

export type WindowView = 'floating' | 'minimized' | 'maximized';

export type MeetingWindowState = {
    meeting: WindowMeeting | null;

    // Another meeting asked to open while this one is on: shown as a question.
    waiting: WindowMeeting | null;
    view: WindowView;

    // The floating window's top-left corner; null: the default corner.
    position: {x: number; y: number} | null;
};

export type MeetingWindowStore = {
    subscribe(listener: () => void): () => void;
    getSnapshot(): MeetingWindowState;
    open(meeting: WindowMeeting): void;
    switchToWaiting(): void;
    keepCurrent(): void;
    leave(): void;
    setView(view: WindowView): void;
    moveTo(x: number, y: number): void;
    clear(): void;
};

const EMPTY: MeetingWindowState = {meeting: null, waiting: null, view: 'floating', position: null};

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The meeting an answer opens, read defensively: null without a safe link. */
export function windowMeeting(url: string, props: unknown, fallbackEndOrigin: string, now: number): WindowMeeting | null {
    const safe = safeHttpUrl(url);
    if (!safe) {
        return null;
    }
    const p = props && typeof props === 'object' ? props as Record<string, unknown> : {};
    const roomId = typeof p.plugnmeet_room_id === 'string' && ROOM_ID.test(p.plugnmeet_room_id) ? p.plugnmeet_room_id : '';
    const endOrigin = typeof p[END_PAGE_ORIGIN_PROP] === 'string' ? p[END_PAGE_ORIGIN_PROP] as string : fallbackEndOrigin;
    return {url: safe, roomId, topic: text(p.meeting_topic, 200), openedAt: now, endOrigin, frameRefused: p[FRAME_REFUSED_PROP] === true};
}

/**
 * A meeting handed over from another window (popout.ts), read as strictly as it was made: null
 * unless it has exactly a window meeting's shape with a safe link.
 */
export function asWindowMeeting(value: unknown): WindowMeeting | null {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
        return null;
    }
    const v = value as Record<string, unknown>;
    const keys = ['url', 'roomId', 'topic', 'openedAt', 'endOrigin', 'frameRefused'];
    if (Object.keys(v).length !== keys.length || !keys.every((key) => key in v)) {
        return null;
    }
    const url = safeHttpUrl(v.url);
    const fine = url !== '' && url === v.url &&
        typeof v.roomId === 'string' && (v.roomId === '' || ROOM_ID.test(v.roomId)) &&
        typeof v.topic === 'string' && text(v.topic, 200) === v.topic &&
        typeof v.openedAt === 'number' && Number.isFinite(v.openedAt) &&
        typeof v.endOrigin === 'string' && (v.endOrigin === '' || httpOrigin(v.endOrigin) === v.endOrigin) &&
        typeof v.frameRefused === 'boolean';
    return fine ? {url, roomId: v.roomId as string, topic: v.topic as string, openedAt: v.openedAt as number, endOrigin: v.endOrigin as string, frameRefused: v.frameRefused as boolean} : null;
}

export function createMeetingWindowStore(): MeetingWindowStore {
    let state: MeetingWindowState = EMPTY;
    const listeners = createListeners();
    const set = (next: Partial<MeetingWindowState>) => {
        state = {...state, ...next};
        listeners.emit();
    };
    const sameMeeting = (a: WindowMeeting, b: WindowMeeting) => (a.roomId ? a.roomId === b.roomId : a.url === b.url);

    return {
        subscribe: listeners.subscribe,
        getSnapshot: () => state,
        open(meeting) {
            if (!state.meeting) {
                set({meeting, waiting: null, view: 'floating'});
            } else if (sameMeeting(state.meeting, meeting)) {
                // The same meeting again: keep its frame (and the call in it), show it.
                set({waiting: null, view: state.view === 'minimized' ? 'floating' : state.view});
            } else {
                set({waiting: meeting, view: state.view === 'minimized' ? 'floating' : state.view});
            }
        },
        switchToWaiting() {
            if (state.waiting) {
                set({meeting: state.waiting, waiting: null});
            }
        },
        keepCurrent: () => set({waiting: null}),
        leave: () => set({meeting: null, waiting: null, view: 'floating'}),
        setView: (view) => set({view}),
        moveTo: (x, y) => set({position: {x: Math.round(x), y: Math.round(y)}}),
        clear() {
            state = EMPTY;
            listeners.emit();
            listeners.clear();
        },
    };
}
