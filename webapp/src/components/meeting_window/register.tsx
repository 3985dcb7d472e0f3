// Wires the meeting window into the plugin (issue 26): the root component, the "window or tab"
// decision the open path asks (actions/open_in.ts), learning the admin's default from every answer
// that carries it, and asking for it once at start-up when it was never learned or long ago; and,
// where Mattermost 11 offers the panel popout, the meeting's move to its own window (popout.ts).
import {QUIET_FLAG} from '@plugnmeet/contracts';
import React from 'react';

import MeetingWindow from './meeting_window';
import {createMeetingWindowStore, windowMeeting} from './meeting_window_store';
import type {MeetingWindowStore} from './meeting_window_store';
import {ensureMeetingWindowStyles, removeMeetingWindowStyles} from './meeting_window_styles';
import {connectPopoutHost, connectPopoutWindow, mattermostPopouts} from './popout';

import {setMeetingWindowHost} from '../../actions/open_in';
import type {Client} from '../../client/client';
import {useExternalStore} from '../../hooks/use_external_store';
import {getChannelInfo, getCurrentChannelId, getCurrentTeamId, getCurrentTeamName} from '../../selectors/state';
import type {Lifecycle} from '../../stores/lifecycle';
import {createOpenInStore} from '../../stores/open_in_store';
import type {OpenInStore} from '../../stores/open_in_store';
import type {PluginRegistry, StoreLike, Theme} from '../../types/mattermost';

/** A client whose answers teach `openIn` the admin's default (start, join, options carry it). */
export function learnOpenIn(client: Client, openIn: Pick<OpenInStore, 'learn'>): Client {
    return {
        ...client,
        async executeCommand(command, args) {
            const response = await client.executeCommand(command, args);
            openIn.learn(response.props);
            return response;
        },
    };
}

export type MeetingWindowDeps = {
    pluginId: string;
    registry: PluginRegistry;
    store: StoreLike;
    lifecycle: Lifecycle;
    guarded: (node: React.ReactNode) => React.ReactElement;
};

export type MeetingWindowParts = {
    openIn: OpenInStore;
    windows: MeetingWindowStore;

    /**
     * The right-hand panel's content in the meeting's own window: the meeting, docked, once it
     * came over; the panel's own content (children) otherwise and everywhere else.
     */
    PanelMeeting: React.ComponentType<{theme?: Theme; children: React.ReactNode}>;

    /** Asks the sidecar for the admin's default once a channel is known, if it is not fresh. */
    askAtStartUp(client: Client): void;
};

export function registerMeetingWindow({pluginId, registry, store, lifecycle, guarded}: MeetingWindowDeps): MeetingWindowParts {
    const getState = () => store.getState();
    const openIn = createOpenInStore({pluginId, getState});
    const windows = createMeetingWindowStore();
    lifecycle.onDispose(() => windows.clear());

    ensureMeetingWindowStyles();
    lifecycle.onDispose(() => removeMeetingWindowStyles());

    lifecycle.onDispose(setMeetingWindowHost({
        opensInside: (desktop) => openIn.opensInside(desktop),
        open(url, props) {
            const meeting = windowMeeting(url, props, openIn.endOrigin(), Date.now());
            if (meeting) {
                windows.open(meeting);
            }
        },
    }));

    const popouts = mattermostPopouts();
    const moveToPopout = connectPopoutHost({
        pluginId,
        registry,
        windows,
        popouts,
        place() {
            const state = getState();
            const teamName = getCurrentTeamName(state);
            const channelName = getChannelInfo(state, getCurrentChannelId(state))?.name ?? '';
            return teamName && channelName ? {teamName, channelName} : null;
        },
    });
    const inPopout = connectPopoutWindow({pluginId, windows, popouts, path: window.location.pathname, close: () => window.close()});

    // Mattermost passes root components the theme (components/pluggable/pluggable.tsx).
    const PlugnmeetMeetingWindow = ({theme}: {theme?: Theme}) => guarded(
        <MeetingWindow
            store={windows}
            theme={theme}
            onPopout={moveToPopout ?? undefined}
        />,
    );
    registry.registerRootComponent(PlugnmeetMeetingWindow);

    const PanelMeeting = ({theme, children}: {theme?: Theme; children: React.ReactNode}) => {
        const subscribe = React.useCallback((listener: () => void) => windows.subscribe(listener), []);
        const getSnapshot = React.useCallback(() => windows.getSnapshot().meeting, []);
        const meeting = useExternalStore(subscribe, getSnapshot);
        if (!inPopout || !meeting) {
            return <>{children}</>;
        }
        return (
            <MeetingWindow
                store={windows}
                theme={theme}
                docked={true}
            />
        );
    };

    return {
        openIn,
        windows,
        PanelMeeting,
        askAtStartUp(client) {
            if (!openIn.isStale()) {
                return;
            }
            let asked = false;
            const ask = () => {
                const channelId = getCurrentChannelId(getState());
                if (asked || !channelId || lifecycle.isDisposed()) {
                    return;
                }
                asked = true;
                client.executeCommand(`/plugnmeet options ${QUIET_FLAG}`, {channel_id: channelId, team_id: getCurrentTeamId(getState())}).catch(() => {
                    // No sidecar answer now: the next start or join teaches it.
                });
            };
            ask();
            if (!asked && typeof store.subscribe === 'function') {
                const unsubscribe = store.subscribe(() => {
                    ask();
                    if (asked) {
                        unsubscribe();
                    }
                });
                lifecycle.onDispose(unsubscribe);
            }
        },
    };
}
