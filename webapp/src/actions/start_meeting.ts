// The header button / App Bar action: start a meeting in the current channel (or the
// thread open in the right-hand sidebar) and open the starter's own join link.
import type {Channel} from '@mattermost/types/channels';

import type {Client} from './client';
import {getTranslations} from './i18n';
import type {NoticeStore} from './notices';
import {showOutcome} from './notices';
import {runCommandInNewWindow} from './open_command';
import type {OpenWindow} from './open_command';
import {getCurrentChannelId, getCurrentLocale, getCurrentTeamId, getSelectedThreadRootId} from './state';
import type {ChannelAction} from './types/mattermost';

export type StartMeetingDeps = {
    client: Client;
    getState: () => unknown;
    notices: NoticeStore;
    openWindow?: OpenWindow;
    desktop?: boolean;
};

export function createStartMeeting({client, getState, notices, openWindow, desktop}: StartMeetingDeps): ChannelAction {
    let inFlight = false;

    return (channel?: Channel | null) => {
        // A second click while the first start is still on its way would open a second window.
        if (inFlight) {
            return;
        }
        const state = getState();
        const channelId = (typeof channel?.id === 'string' && channel.id) || getCurrentChannelId(state);
        if (!channelId) {
            notices.show({tone: 'error', title: 'plugnmeet.notice.start_failed', problem: {id: 'plugnmeet.error.no_channel'}});
            return;
        }
        const args = {
            channel_id: channelId,

            // DMs and group messages have no team; Mattermost then uses the one we send.
            team_id: (typeof channel?.team_id === 'string' && channel.team_id) || getCurrentTeamId(state),
            root_id: getSelectedThreadRootId(state, channelId),
        };
        const loadingText = getTranslations(getCurrentLocale(state))['plugnmeet.open.loading'];

        inFlight = true;
        // Mattermost does not forward root_id to the command URL, so the thread travels in the text;
        // root_id still goes along so Mattermost shows any answer in that thread.
        const command = args.root_id ? `/plugnmeet start --root ${args.root_id}` : '/plugnmeet start';
        void runCommandInNewWindow(client, command, args, {loadingText, openWindow, desktop}).then((outcome) => {
            inFlight = false;
            showOutcome(notices, outcome, 'plugnmeet.notice.start_failed');
        });
    };
}
