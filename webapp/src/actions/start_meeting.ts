// The header button / App Bar action: start a meeting in the current channel (or the
// thread open in the right-hand sidebar) and open the starter's own join link.
import type {Channel} from '@mattermost/types/channels';

import {runReportedCommand} from './report_command';
import type {ReportedCommandDeps} from './report_command';

import {getCurrentChannelId, getCurrentTeamId, getSelectedThreadRootId} from '../selectors/state';
import type {ChannelAction} from '../types/mattermost';

export type StartMeetingDeps = ReportedCommandDeps;

export function createStartMeeting(deps: StartMeetingDeps): ChannelAction {
    const {getState, notices} = deps;
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

        inFlight = true;

        // Mattermost does not forward root_id to the command URL, so the thread travels in the text;
        // root_id still goes along so Mattermost shows any answer in that thread.
        const command = args.root_id ? `/plugnmeet start --root ${args.root_id}` : '/plugnmeet start';
        runReportedCommand(deps, command, args, 'plugnmeet.notice.start_failed').finally(() => {
            inFlight = false;
        });
    };
}
