// The meeting in its own Mattermost window (issue 26), where Mattermost 11 offers plugins the
// right-hand-panel popout: window.WebappUtils.popouts (plugins/export.ts; popoutRhsPlugin since
// mattermost/mattermost#35483) opens `/_popout/rhs/{team}/{channel}/plugin/{pluginId}`, a page
// that runs the plugins again and renders this plugin's right-hand-panel component, and no root
// component (root.tsx routes /_popout to PopoutController alone). The two windows talk only
// through the listeners Mattermost hands to registerRHSPluginPopoutListener
// (utils/popouts/popout_windows.ts) and sendToParent / onMessageFromParent in the popout, each a
// postMessage to the other window addressed to Mattermost's own origin and checked on receipt
// (utils/popouts/browser_popouts.ts, use_browser_popout.ts; the Desktop app's IPC in utils/desktop_api.ts).
// The popout asks once it runs; the main window answers only the popout it opened for the
// meeting, with the personal link, then closes its floating window. Elsewhere nothing of it shows.
import {asWindowMeeting} from './meeting_window_store';
import type {MeetingWindowStore, WindowMeeting} from './meeting_window_store';

import type {PluginRegistry, PopoutListeners} from '../../types/mattermost';

/** The popout asks for its meeting; the main window answers with it. */
export const POPOUT_ASK = 'plugnmeet-meeting-ask';
export const POPOUT_MEETING = 'plugnmeet-meeting';

// The Desktop app replaces {serverName} (utils/popouts/popout_windows.ts titleTemplate).
const POPOUT_TITLE = 'plugNmeet - {serverName}';

export type MattermostPopouts = {
    popoutRhsPlugin(titleTemplate: string, pluginId: string, teamName: string, channelName: string): Promise<Partial<PopoutListeners>>;
    sendToParent(channel: string, ...args: unknown[]): void;
    onMessageFromParent(listener: (channel: string, ...args: unknown[]) => void): void;
    isPopoutWindow(): boolean;

    // A function in plugins/export.ts; a boolean in some 11.x builds (popout_windows.ts).
    canPopout?: boolean | (() => boolean);
};

/** Mattermost's popouts as plugins/export.ts exposes them, or null where they are not all there. */
export function mattermostPopouts(win: unknown = typeof window === 'undefined' ? undefined : window): MattermostPopouts | null {
    const popouts = (win as {WebappUtils?: {popouts?: Partial<MattermostPopouts>}} | undefined)?.WebappUtils?.popouts;
    if (!popouts || typeof popouts !== 'object') {
        return null;
    }
    const needed = ['popoutRhsPlugin', 'sendToParent', 'onMessageFromParent', 'isPopoutWindow'] as const;
    return needed.every((name) => typeof popouts[name] === 'function') ? popouts as MattermostPopouts : null;
}

function canPopout(popouts: MattermostPopouts): boolean {
    const can = popouts.canPopout;
    if (typeof can === 'function') {
        return Boolean(can());
    }
    return can !== false;
}

export type PopoutPlace = {teamName: string; channelName: string};

export type PopoutHostDeps = {
    pluginId: string;
    registry: Pick<PluginRegistry, 'registerRHSPluginPopoutListener'>;
    windows: MeetingWindowStore;
    popouts: MattermostPopouts | null;

    // The current team's and channel's names: the popout's URL has them.
    place: () => PopoutPlace | null;
};

/**
 * The main window's side: a function that moves the meeting to its own window, or null where
 * Mattermost does not offer the popout (9.11-10.x, 11.x without it, the Desktop app without
 * popouts, and inside a popout itself).
 */
export function connectPopoutHost({pluginId, registry, windows, popouts, place}: PopoutHostDeps): ((meeting: WindowMeeting) => void) | null {
    if (!popouts || typeof registry.registerRHSPluginPopoutListener !== 'function' || popouts.isPopoutWindow() || !canPopout(popouts)) {
        return null;
    }

    // The meeting on its way to the popout opened for it; no other popout of the panel gets it.
    let handoff: {meeting: WindowMeeting} | null = null;

    // Called by popoutRhsPlugin for every popout of this plugin's panel, also the panel header's own.
    registry.registerRHSPluginPopoutListener(pluginId, (_teamName, _channelName, listeners) => {
        const mine = handoff;
        if (!mine || !listeners) {
            return;
        }
        listeners.onMessageFromPopout?.((channel) => {
            if (channel !== POPOUT_ASK || handoff !== mine) {
                return;
            }
            handoff = null;

            // Left or switched meanwhile: nothing goes over.
            if (windows.getSnapshot().meeting !== mine.meeting || typeof listeners.sendToPopout !== 'function') {
                return;
            }
            listeners.sendToPopout(POPOUT_MEETING, mine.meeting);
            windows.leave();
        });
        listeners.onClosePopout?.(() => {
            if (handoff === mine) {
                handoff = null;
            }
        });
    });

    return (meeting) => {
        const where = place();
        if (!where) {
            return;
        }
        const mine = {meeting};
        handoff = mine;
        const forget = () => {
            if (handoff === mine) {
                handoff = null;
            }
        };

        // Opens the window within this click (window.open runs before popoutRhsPlugin's first await).
        popouts.popoutRhsPlugin(POPOUT_TITLE, pluginId, where.teamName, where.channelName).then((listeners) => {
            // A blocked popup answers no listeners: the floating window stays.
            if (!listeners || typeof listeners.sendToPopout !== 'function') {
                forget();
            }
        }, forget);
    };
}

/**
 * The popout's side: in this plugin's own panel popout, asks the main window for the meeting and
 * shows the first one that arrives in the expected shape; when it is left or ends, the popout
 * closes. Returns whether this window is that popout.
 */
export function connectPopoutWindow({pluginId, windows, popouts, path, close}: {
    pluginId: string;
    windows: MeetingWindowStore;
    popouts: MattermostPopouts | null;
    path: string;
    close: () => void;
}): boolean {
    if (!popouts || !popouts.isPopoutWindow() || !path.endsWith(`/plugin/${pluginId}`)) {
        return false;
    }
    let shown = false;
    popouts.onMessageFromParent((channel, ...args) => {
        if (channel !== POPOUT_MEETING || shown || args.length !== 1) {
            return;
        }
        const meeting = asWindowMeeting(args[0]);
        if (meeting) {
            shown = true;
            windows.open(meeting);
        }
    });
    windows.subscribe(() => {
        if (shown && !windows.getSnapshot().meeting) {
            close();
        }
    });
    popouts.sendToParent(POPOUT_ASK);
    return true;
}
