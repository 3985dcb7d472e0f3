// The incoming-call notice's two buttons. Both stop the ring here and in the user's other tabs.
// Join runs the same `/plugnmeet join <room>` as the card's Join (a window opened within the click,
// the card's own Join action where commands are refused); Decline runs `/plugnmeet decline <room>`,
// after which the sidecar tells the caller in the card's thread and Mattermost shows its short
// answer to this user as an ephemeral post.
import {describeError} from './open_command';
import {runReportedCommand} from './report_command';
import type {ReportedCommandDeps} from './report_command';

import {getCurrentTeamId} from '../selectors/state';
import type {IncomingCall, RingingStore} from '../stores/ringing_store';

export type AnswerCall = {
    join(call: IncomingCall): void;
    decline(call: IncomingCall): void;
};

export function createAnswerCall(deps: ReportedCommandDeps & {ringing: RingingStore}): AnswerCall {
    const {client, getState, notices, ringing} = deps;
    const argsOf = (call: IncomingCall) => ({channel_id: call.channelId, team_id: getCurrentTeamId(getState()), root_id: call.rootId});

    return {
        join(call) {
            ringing.answered(call.roomId, 'joined');
            const fallback = call.hasJoinAction && call.postId ? () => client.doPostAction(call.postId, 'join') : undefined;
            runReportedCommand(deps, `/plugnmeet join ${call.roomId}`, argsOf(call), 'plugnmeet.notice.join_failed', fallback);
        },
        decline(call) {
            ringing.answered(call.roomId, 'declined');
            client.executeCommand(`/plugnmeet decline ${call.roomId}`, argsOf(call)).catch((error: unknown) => {
                notices.show({tone: 'error', title: 'plugnmeet.notice.decline_failed', problem: describeError(error)});
            });
        },
    };
}
