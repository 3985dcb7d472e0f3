// The post menu's "Start a meeting in this thread" (registerPostDropdownMenuAction, which hands the
// action and the filter the post's id: components/dot_menu/dot_menu.tsx). The meeting starts in
// the post's channel with the thread's root as `--root`, the same start as the call button's.
import type {StartMeeting, StartTarget} from './start_meeting';
import {showNoChannel} from './start_meeting';

import {getChannelInfo, getCurrentTeamId, getPost} from '../selectors/state';
import type {NoticeStore} from '../stores/notice_store';

const MM_ID = /^[A-Za-z0-9]{1,64}$/;

/** Where a meeting for the thread of `postId` starts, or null when the post is not loaded. */
export function threadTarget(state: unknown, postId: string): StartTarget | null {
    const post = getPost(state, postId);
    const channelId = typeof post?.channel_id === 'string' ? post.channel_id : '';
    const rootId = (typeof post?.root_id === 'string' && post.root_id) || postId;
    if (!post || !MM_ID.test(channelId) || !MM_ID.test(rootId)) {
        return null;
    }

    // DMs and group messages have no team; Mattermost then uses the one we send.
    const teamId = getChannelInfo(state, channelId)?.teamId || getCurrentTeamId(state);
    return {channel_id: channelId, team_id: teamId, root_id: rootId};
}

export function createStartInThread({getState, notices, startMeeting}: {getState: () => unknown; notices: NoticeStore; startMeeting: Pick<StartMeeting, 'startIn'>}) {
    return {
        action(postId: string) {
            const target = threadTarget(getState(), postId);
            if (target) {
                startMeeting.startIn(target);
            } else {
                showNoChannel(notices);
            }
        },

        // Posts that are not loaded, or not ordinary (system messages), get no entry.
        filter(postId: string) {
            const post = getPost(getState(), postId);
            return Boolean(post) && !String(post?.type ?? '').startsWith('system_') && threadTarget(getState(), postId) !== null;
        },
    };
}
