// Calling people (issue 13), wired into Mattermost: ringing for calls in DMs and GMs, the opt-in
// "In a meeting" status, the live-meetings panel with its sidebar badge, and two more ways to
// start (a post's menu, the channel intro). Every registry entry is feature-detected, and
// everything started here ends with the plugin's lifecycle (uninitialize()).
import React from 'react';
import {FormattedMessage} from 'react-intl';

import {createAnswerCall} from './actions/answer_call';
import {createCallEvents} from './actions/call_events';
import type {MeetingStatus} from './actions/meeting_status';
import {STATUS_SETTING} from './actions/meeting_status';
import type {WindowOptions} from './actions/open_command';
import {createStartInThread} from './actions/start_in_thread';
import type {StartMeeting} from './actions/start_meeting';
import type {Client} from './client/client';
import {CameraIcon} from './components/icons/icons';
import liveIcon from './components/icons/live_meetings.svg';
import IncomingCallNotice from './components/incoming_call/incoming_call';
import LiveBadge from './components/live_badge/live_badge';
import LivePanel from './components/live_panel/live_panel';
import {openInSetting} from './components/meeting_window/user_setting';
import {getTranslations, msg} from './i18n';
import {getCurrentLocale} from './selectors/state';
import ringTone from './sounds/ring.wav';
import type {BotIdentity} from './stores/bot_identity';
import type {Lifecycle} from './stores/lifecycle';
import {createLiveStore} from './stores/live_store';
import type {NoticeStore} from './stores/notice_store';
import {createRingingStore} from './stores/ringing_store';
import type {RingingStore} from './stores/ringing_store';
import {ensureCallsStyles, removeCallsStyles} from './styles/calls_styles';
import type {PluginConfiguration, PluginRadioSetting, PluginRegistry, StoreLike, Theme, WebSocketMessage} from './types/mattermost';
import {createRinger} from './utils/ringer';

import pluginIcon from '../../assets/icon.svg';

/** What Settings shows as the plugin's tab: its name in plugin.json (a test checks they agree). */
export const SETTINGS_TAB_NAME = 'plugNmeet';

/** After a websocket reconnect, look at what the store then knows about our meetings. */
const RECHECK_AFTER_RECONNECT_MS = 5 * 1000;

export type CallingDeps = {

    // The plugin's id (registry.id): its user settings' preference category.
    pluginId: string;
    registry: PluginRegistry;
    store: StoreLike;
    lifecycle: Lifecycle;
    client: Client;
    identity: BotIdentity;
    notices: NoticeStore;
    status: MeetingStatus;
    startMeeting: StartMeeting;
    guarded: (node: React.ReactNode) => React.ReactElement;
    windowOptions?: WindowOptions;

    // In the meeting's own Mattermost window (meeting_window/popout.ts) the panel shows the meeting.
    PanelMeeting?: React.ComponentType<{theme?: Theme; children: React.ReactNode}>;
};

/**
 * Settings > plugNmeet: one on/off choice. Mattermost takes plain strings here, so they are in the
 * user's language as the plugin starts. The first shape (settings at the top, each with a title,
 * 9.3) and the later one (sections) are both given; each version reads its own
 * (utils/plugin_setting_extractor.tsx).
 */
export function statusUserSettings(locale: string, pluginId: string): PluginConfiguration {
    const t = getTranslations(locale);
    const setting: PluginRadioSetting = {
        type: 'radio',
        name: STATUS_SETTING,
        title: t['plugnmeet.settings.status_title'],
        helpText: t['plugnmeet.settings.status_help'],
        default: 'off',
        options: [
            {value: 'on', text: t['plugnmeet.settings.on']},
            {value: 'off', text: t['plugnmeet.settings.off']},
        ],
    };
    return {
        id: pluginId,
        uiName: SETTINGS_TAB_NAME,
        icon: pluginIcon,

        // The section carries the title; its setting would only repeat it.
        sections: [{title: t['plugnmeet.settings.status_title'], settings: [{...setting, title: ''}]}, openInSetting(t).section],
        settings: [setting, openInSetting(t).setting],
    };
}

const Passthrough = ({children}: {children: React.ReactNode}) => <>{children}</>;

export function registerCalling(deps: CallingDeps) {
    const {pluginId, registry, store, lifecycle, client, identity, notices, status, startMeeting, guarded, windowOptions, PanelMeeting = Passthrough} = deps;
    const getState = () => store.getState();

    ensureCallsStyles();
    lifecycle.onDispose(() => removeCallsStyles());

    // Ringing: a 30 s limit of its own, and the notice goes with the sound.
    const ringingRef: {current: RingingStore | null} = {current: null};
    const ringer = createRinger({src: ringTone, lifecycle, onTimeout: () => ringingRef.current?.stop('timeout')});
    const ringing = createRingingStore({ringer, lifecycle});
    ringingRef.current = ringing;
    const live = createLiveStore();
    lifecycle.onDispose(() => live.clear());
    const events = createCallEvents({getState, identity, ringing, status, live});

    if (typeof registry.registerWebSocketEventHandler === 'function') {
        const on = (event: string, handle: (message: WebSocketMessage) => void) => {
            registry.registerWebSocketEventHandler?.(event, (message) => {
                if (!lifecycle.isDisposed()) {
                    handle(message);
                }
            });

            // Mattermost drops them on removePlugin (plugins/index.ts), not when an upgrade re-registers.
            lifecycle.onDispose(() => registry.unregisterWebSocketEventHandler?.(event));
        };
        on('posted', events.posted);
        on('post_edited', events.postEdited);
    }
    if (typeof registry.registerReconnectHandler === 'function') {
        // Events missed while offline: Mattermost reloads the current channel's posts on reconnect
        // (actions/websocket_actions.jsx reconnect), so a card that ended meanwhile shows it then.
        registry.registerReconnectHandler(() => {
            lifecycle.setTimeout(events.recheck, RECHECK_AFTER_RECONNECT_MS);
        });
        lifecycle.onDispose(() => registry.unregisterReconnectHandler?.());
    }

    const answer = createAnswerCall({client, getState, notices, ringing, ...windowOptions});
    const PlugnmeetIncomingCall = () => guarded(
        <IncomingCallNotice
            store={ringing}
            answer={answer}
        />,
    );
    registry.registerRootComponent(PlugnmeetIncomingCall);

    if (typeof registry.registerUserSettings === 'function') {
        registry.registerUserSettings(statusUserSettings(getCurrentLocale(getState()), pluginId));
    }

    // The live panel in the right-hand sidebar: from the plugin's one App Bar icon (the call button
    // starts, options and scheduling are behind its arrow) and from the channel header's menu.
    if (typeof registry.registerRightHandSidebarComponent === 'function') {
        const subscribeState = typeof store.subscribe === 'function' ? (listener: () => void) => store.subscribe!(listener) : undefined;

        // Mattermost passes pluggables the theme (components/pluggable/pluggable.tsx).
        const PlugnmeetLivePanel = ({theme}: {theme?: Theme}) => guarded(
            <PanelMeeting theme={theme}>
                <LivePanel
                    client={client}
                    getState={getState}
                    subscribeState={subscribeState}
                    live={live}
                    lifecycle={lifecycle}
                    windowOptions={windowOptions}
                />
            </PanelMeeting>,
        );
        const rhs = registry.registerRightHandSidebarComponent(PlugnmeetLivePanel, guarded(<FormattedMessage {...msg('plugnmeet.live.title')}/>));
        const toggle = () => {
            store.dispatch?.(rhs.toggleRHSPlugin);
        };
        const openLabel = <FormattedMessage {...msg('plugnmeet.live.open')}/>;
        if (typeof registry.registerAppBarComponent === 'function') {
            registry.registerAppBarComponent(liveIcon, toggle, guarded(openLabel));
        }
        if (typeof registry.registerChannelHeaderMenuAction === 'function') {
            registry.registerChannelHeaderMenuAction(guarded(openLabel), toggle);
        }
    }

    // Only where the registry has it (marked internal by Mattermost); otherwise there is no badge.
    if (typeof registry.registerSidebarChannelLinkLabelComponent === 'function') {
        registry.registerSidebarChannelLinkLabelComponent(({channel}) => guarded(
            <LiveBadge
                live={live}
                channel={channel}
            />,
        ));
    }

    if (typeof registry.registerPostDropdownMenuAction === 'function') {
        const inThread = createStartInThread({getState, notices, startMeeting});
        registry.registerPostDropdownMenuAction(
            guarded(
                <span className='plugnmeet-call-button'>
                    <CameraIcon size={16}/>
                    <FormattedMessage {...msg('plugnmeet.post_menu.start_in_thread')}/>
                </span>,
            ),
            inThread.action,
            inThread.filter,
        );
    }

    if (typeof registry.registerChannelIntroButtonAction === 'function') {
        registry.registerChannelIntroButtonAction(guarded(<CameraIcon size={16}/>), startMeeting, guarded(<FormattedMessage {...msg('plugnmeet.header.start')}/>));
    }

    return {joined: events.joined, ringing, live};
}
