// The card's "Copy guest link" (the post menu of a live meeting's card, registerPostDropdownMenuAction):
// runs `/plugnmeet invite` in the card's channel and copies the link the sidecar answers in its props
// (plugnmeet_guest_url). The sidecar decides who may (MEETINGS_GUEST_LINKS); its answer, a link or a
// refusal, also appears in the channel as its private reply, so nothing is lost when copying fails.
import {CARD_POST_TYPE} from '@plugnmeet/contracts';

import {describeError, safeHttpUrl} from './open_command';

import type {Client} from '../client/client';
import {getChannelInfo, getCurrentTeamId, getPost} from '../selectors/state';
import type {NoticeStore} from '../stores/notice_store';
import {readMeeting, text} from '../utils/post_props';

export const GUEST_URL_PROP = 'plugnmeet_guest_url';
const MM_ID = /^[A-Za-z0-9]{1,64}$/;

export type Clipboard = {writeText(value: string): Promise<void>};

export function createCopyGuestLink({client, getState, notices, clipboard}: {
    client: Pick<Client, 'executeCommand'>;
    getState: () => unknown;
    notices: NoticeStore;

    /** navigator.clipboard where the page has one. */
    clipboard: () => Clipboard | undefined;
}) {
    let inFlight = false;

    return {
        async action(postId: string): Promise<void> {
            const post = getPost(getState(), postId);
            const channelId = typeof post?.channel_id === 'string' ? post.channel_id : '';
            if (inFlight || !MM_ID.test(channelId)) {
                return;
            }
            inFlight = true;
            try {
                const teamId = getChannelInfo(getState(), channelId)?.teamId || getCurrentTeamId(getState());
                const response = await client.executeCommand('/plugnmeet invite', {channel_id: channelId, team_id: teamId, root_id: ''});
                const props = response.props as Record<string, unknown> | undefined;
                const url = safeHttpUrl(text(props?.[GUEST_URL_PROP], 2000));
                if (!url) {
                    notices.show({tone: 'info', info: 'plugnmeet.guest_link.not_made'});
                    return;
                }
                const copied = await Promise.resolve(clipboard()?.writeText(url)).then(() => Boolean(clipboard()), () => false);
                notices.show({tone: 'info', info: copied ? 'plugnmeet.guest_link.copied' : 'plugnmeet.guest_link.copy_failed'});
            } catch (error) {
                notices.show({tone: 'error', title: 'plugnmeet.guest_link.failed', problem: describeError(error)});
            } finally {
                inFlight = false;
            }
        },

        // Only a live meeting's card: guests join live meetings.
        filter(postId: string): boolean {
            const post = getPost(getState(), postId);
            return String(post?.type ?? '') === CARD_POST_TYPE && readMeeting(post).status === 'live';
        },
    };
}
