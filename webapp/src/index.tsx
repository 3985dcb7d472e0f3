// Plugin entry point: Mattermost loads dist/main.js, which registers this plugin by id.

import {CARD_POST_TYPE, RECAP_POST_TYPE, RECORDING_POST_TYPE} from '@plugnmeet/contracts';
import React from 'react';
import {FormattedMessage} from 'react-intl';

import {createCopyGuestLink} from './actions/copy_guest_link';
import {watchJoins} from './actions/join_watch';
import {createMeetingStatus} from './actions/meeting_status';
import {createOpenOptions} from './actions/open_options';
import {createSlashCommandHook} from './actions/slash_command_hook';
import {createStartMeeting} from './actions/start_meeting';
import {registerCalling} from './calling';
import {createClient} from './client/client';
import {CallButton, CallDropdownItem, createCallChoice} from './components/call_button/call_button';
import {CameraIcon} from './components/icons/icons';
import {learnOpenIn, registerMeetingWindow} from './components/meeting_window/register';
import Notices from './components/notices/notices';
import OptionsDialog from './components/options_dialog/options_dialog';
import {PluginBoundary} from './components/plugin_boundary/plugin_boundary';
import {createPostTypes} from './components/post_types/post_types';
import {getTranslations, msg} from './i18n';
import {getApiBaseUrl, getCurrentTeamId} from './selectors/state';
import {createBotIdentity} from './stores/bot_identity';
import {createLifecycle} from './stores/lifecycle';
import type {Lifecycle} from './stores/lifecycle';
import {createNoticeStore} from './stores/notice_store';
import {createOptionsDialogStore} from './stores/options_dialog_store';
import {ensureStyles, removeStyles} from './styles/styles';
import type {PluginRegistry, StoreLike} from './types/mattermost';

import manifest from '../../plugin.json';

// Everything handed to Mattermost renders inside the plugin's own boundary.
const guarded = (node: React.ReactNode) => <PluginBoundary fallback={null}>{node}</PluginBoundary>;

export default class Plugin {
    private lifecycle: Lifecycle | null = null;

    initialize(registry: PluginRegistry, store: StoreLike) {
        this.uninitialize();
        const lifecycle = createLifecycle();
        this.lifecycle = lifecycle;

        ensureStyles();
        lifecycle.onDispose(() => removeStyles());

        const getState = () => store.getState();

        // Every start and join opened from here tells calling (ringing stops, the status is set).
        let calling: ReturnType<typeof registerCalling> | null = null;

        // The meeting window (issue 26): starts and joins open there when that is the choice.
        const meetingWindow = registerMeetingWindow({pluginId: registry.id ?? '', registry, store, lifecycle, guarded});
        const client = watchJoins(learnOpenIn(createClient(getApiBaseUrl), meetingWindow.openIn), (roomId, command) => calling?.joined(roomId, command));
        meetingWindow.askAtStartUp(client);
        const getTeamId = () => getCurrentTeamId(getState());
        const notices = createNoticeStore();
        lifecycle.onDispose(() => notices.clear());
        const identity = createBotIdentity({client, getState});
        lifecycle.onDispose(() => identity.dispose());

        const startMeeting = createStartMeeting({client, getState, notices});
        const label = <FormattedMessage {...msg('plugnmeet.header.start')}/>;
        const dialog = createOptionsDialogStore();
        lifecycle.onDispose(() => dialog.clear());
        const openOptions = createOpenOptions({getState, notices, dialog});
        const openSchedule = createOpenOptions({getState, notices, dialog, mode: 'schedule'});
        const meetingStatus = createMeetingStatus({pluginId: registry.id ?? '', client, getState, dispatch: store.dispatch && ((action) => store.dispatch!(action))});

        // The call button (6.5+) is shown in every channel type, shared with Calls and Zoom; the
        // plain header button is hidden while the App Bar is on (selectors/plugins.ts), so it is
        // only the fallback for registries without call buttons. One entry: Mattermost makes a menu
        // of every entry, and the first click must start (components/call_button/call_button.tsx).
        if (typeof registry.registerCallButtonAction === 'function') {
            const choice = createCallChoice({start: startMeeting, options: openOptions, schedule: openSchedule});
            registry.registerCallButtonAction(guarded(<CallButton choice={choice}/>), guarded(<CallDropdownItem choice={choice}/>), choice.action);
        } else {
            registry.registerChannelHeaderButtonAction(guarded(<CameraIcon/>), startMeeting, guarded(label), guarded(label));
        }

        // The App Bar has one plugNmeet icon, the live panel's (calling.tsx): the call button starts.
        if (typeof registry.registerSlashCommandWillBePostedHook === 'function') {
            registry.registerSlashCommandWillBePostedHook(createSlashCommandHook({client, getState, notices, openOptions: dialog.open, setStatusOptIn: meetingStatus.setOptedIn}));
        }

        const {PlugnmeetMeetingPost, PlugnmeetRecordingPost, PlugnmeetRecapPost} = createPostTypes({client, identity, notices, lifecycle, getState, getTeamId});
        const PlugnmeetNotices = () => guarded(<Notices store={notices}/>);
        const PlugnmeetOptionsDialog = () => guarded(
            <OptionsDialog
                store={dialog}
                client={client}
                startIn={startMeeting.startIn}
            />,
        );

        // A live card's menu: "Copy guest link" (issue 24; the sidecar decides who may).
        if (typeof registry.registerPostDropdownMenuAction === 'function') {
            const guestLink = createCopyGuestLink({client, getState, notices, clipboard: () => window.navigator.clipboard});
            registry.registerPostDropdownMenuAction(guarded(<FormattedMessage {...msg('plugnmeet.post_menu.copy_guest_link')}/>), guestLink.action, guestLink.filter);
        }

        registry.registerPostTypeComponent(CARD_POST_TYPE, PlugnmeetMeetingPost);
        registry.registerPostTypeComponent(RECORDING_POST_TYPE, PlugnmeetRecordingPost);
        registry.registerPostTypeComponent(RECAP_POST_TYPE, PlugnmeetRecapPost);
        registry.registerRootComponent(PlugnmeetNotices);
        registry.registerRootComponent(PlugnmeetOptionsDialog);
        registry.registerTranslations(getTranslations);
        calling = registerCalling({pluginId: registry.id ?? '', registry, store, lifecycle, client, identity, notices, status: meetingStatus, startMeeting, guarded, PanelMeeting: meetingWindow.PanelMeeting});
    }

    /** Called by Mattermost on disable and before an upgraded bundle registers (plugins/index.ts). */
    uninitialize() {
        this.lifecycle?.dispose();
        this.lifecycle = null;
    }
}

window.registerPlugin(manifest.id, new Plugin());
