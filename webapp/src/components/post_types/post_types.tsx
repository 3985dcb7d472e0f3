// The three registered post types (the card, a recording, a part of the recap), as Mattermost renders them (post_message_view.tsx: no error
// boundary of its own). Each card renders only for posts the plugnmeet bot wrote, inside the
// plugin's boundary whose fallback is the post's plain message (and, for a live or scheduled
// meeting, a plain Join button that still works).
import React from 'react';
import type {ReactNode} from 'react';

import type {Post} from '@mattermost/types/posts';

import type {WindowOptions} from '../../actions/open_command';
import {runReportedCommand} from '../../actions/report_command';
import type {Client} from '../../client/client';
import {useBotAuthor, isBotPost} from '../../hooks/use_bot_author';
import {getTranslations} from '../../i18n';
import {getCurrentLocale} from '../../selectors/state';
import type {BotIdentity} from '../../stores/bot_identity';
import type {Lifecycle} from '../../stores/lifecycle';
import type {NoticeStore} from '../../stores/notice_store';
import type {PostTypeProps} from '../../types/mattermost';
import {commandArgs, hasPostAction, readMeeting} from '../../utils/post_props';
import MeetingCard from '../meeting_card/meeting_card';
import {PlainPost} from '../plain_post/plain_post';
import type {PlainAction} from '../plain_post/plain_post';
import {PluginBoundary} from '../plugin_boundary/plugin_boundary';
import RecapCard from '../recap/recap_card';
import RecordingCard from '../recording_card/recording_card';

export type PostTypeDeps = {
    client: Client;
    identity: BotIdentity;
    notices: NoticeStore;
    lifecycle: Lifecycle;
    getState: () => unknown;
    getTeamId: () => string;
    windowOptions?: WindowOptions;
};

function BotOnly({identity, post, children}: {identity: BotIdentity; post: Post; children: ReactNode}) {
    const fromBot = useBotAuthor(identity, post);
    return fromBot ? <>{children}</> : <PlainPost post={post}/>;
}

type GuardedCardProps = {
    identity: BotIdentity;
    post: Post;

    // The plain fallback's button, for when the card itself fails to render.
    fallbackAction?: PlainAction;
    children: ReactNode;
};

/** A card for the bot's posts only, inside the plugin's boundary; tried again when the post changes. */
function GuardedCard({identity, post, fallbackAction, children}: GuardedCardProps) {
    return (
        <PluginBoundary
            resetKey={post}
            fallback={
                <PlainPost
                    post={post}
                    action={fallbackAction}
                />
            }
        >
            <BotOnly
                identity={identity}
                post={post}
            >
                {children}
            </BotOnly>
        </PluginBoundary>
    );
}

/** The fallback's Join: the same command and read-only fallback as the card, reported as a notice. */
function fallbackJoin(deps: PostTypeDeps, post: Post): PlainAction | undefined {
    const meeting = readMeeting(post);
    const joinable = meeting.status === 'live' || meeting.status === 'scheduled';
    if (isBotPost(deps.identity, post) !== true || !joinable || !meeting.roomId) {
        return undefined;
    }
    const translations = getTranslations(getCurrentLocale(deps.getState()));
    const fallbackAction = typeof post.id === 'string' && hasPostAction(post, 'join') ? () => deps.client.doPostAction(post.id, 'join') : undefined;
    return {
        label: translations['plugnmeet.card.join'],
        onClick: () => {
            runReportedCommand(
                {...deps, ...deps.windowOptions},
                `/plugnmeet join ${meeting.roomId}`,
                commandArgs(post, deps.getTeamId()),
                'plugnmeet.notice.join_failed',
                fallbackAction,
            );
        },
    };
}

export function createPostTypes(deps: PostTypeDeps) {
    const {client, identity, lifecycle, getTeamId, windowOptions} = deps;

    function PlugnmeetMeetingPost(props: PostTypeProps) {
        return (
            <GuardedCard
                identity={identity}
                post={props.post}
                fallbackAction={fallbackJoin(deps, props.post)}
            >
                <MeetingCard
                    {...props}
                    client={client}
                    getTeamId={getTeamId}
                    lifecycle={lifecycle}
                    windowOptions={windowOptions}
                />
            </GuardedCard>
        );
    }

    function PlugnmeetRecordingPost(props: PostTypeProps) {
        return (
            <GuardedCard
                identity={identity}
                post={props.post}
            >
                <RecordingCard
                    {...props}
                    client={client}
                    getTeamId={getTeamId}
                    windowOptions={windowOptions}
                />
            </GuardedCard>
        );
    }

    function PlugnmeetRecapPost(props: PostTypeProps) {
        return (
            <GuardedCard
                identity={identity}
                post={props.post}
            >
                <RecapCard {...props}/>
            </GuardedCard>
        );
    }

    return {PlugnmeetMeetingPost, PlugnmeetRecordingPost, PlugnmeetRecapPost};
}
