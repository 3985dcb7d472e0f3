// The header button / App Bar action: start a meeting in the current channel (or the
// thread open in the right-hand sidebar) and open the starter's own join link. The options
// dialog starts through the same path, with its flags and topic after `start`.
import type {Channel} from '@mattermost/types/channels';

import {runReportedCommand} from './report_command';
import type {ReportedCommandDeps} from './report_command';

import {getCurrentChannelId, getCurrentTeamId, getSelectedThreadRootId} from '../selectors/state';
import type {NoticeStore} from '../stores/notice_store';
import type {ChannelAction} from '../types/mattermost';

export type StartMeetingDeps = ReportedCommandDeps;

/** Where a meeting starts: the command args Mattermost gets. */
export type StartTarget = {channel_id: string; team_id: string; root_id: string};

/** The channel Mattermost passed (or the current one), its team, and the thread open beside it; null without a channel. */
export function resolveStartTarget(state: unknown, channel?: Channel | null): StartTarget | null {
    const channelId = (typeof channel?.id === 'string' && channel.id) || getCurrentChannelId(state);
    if (!channelId) {
        return null;
    }
    return {
        channel_id: channelId,

        // DMs and group messages have no team; Mattermost then uses the one we send.
        team_id: (typeof channel?.team_id === 'string' && channel.team_id) || getCurrentTeamId(state),
        root_id: getSelectedThreadRootId(state, channelId),
    };
}

export function showNoChannel(notices: NoticeStore): void {
    notices.show({tone: 'error', title: 'plugnmeet.notice.start_failed', problem: {id: 'plugnmeet.error.no_channel'}});
}

export type StartMeeting = ChannelAction & {

    /** Starts in `target` with more words after `start` (the dialog's flags and topic). */
    startIn(target: StartTarget, extra?: string): void;
};

export function createStartMeeting(deps: StartMeetingDeps): StartMeeting {
    const {getState, notices} = deps;
    let inFlight = false;

    const startIn = (target: StartTarget, extra = '') => {
        // A second click while the first start is still on its way would open a second window.
        if (inFlight) {
            return;
        }
        inFlight = true;

        // Mattermost does not forward root_id to the command URL, so the thread travels in the text;
        // root_id still goes along so Mattermost shows any answer in that thread.
        const words = ['/plugnmeet start', target.root_id && `--root ${target.root_id}`, extra.trim()];
        const command = words.filter(Boolean).join(' ');
        runReportedCommand(deps, command, target, 'plugnmeet.notice.start_failed').finally(() => {
            inFlight = false;
        });
    };

    const start = (channel?: Channel | null) => {
        const target = resolveStartTarget(getState(), channel);
        if (target) {
            startIn(target);
        } else {
            showNoChannel(notices);
        }
    };
    return Object.assign(start, {startIn});
}
