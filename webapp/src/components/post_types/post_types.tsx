// The two registered post types, as Mattermost renders them (post_message_view.tsx: no error
// boundary of its own). Each card renders only for posts the plugnmeet bot wrote, inside the
// plugin's boundary whose fallback is the post's plain message (and, for a live meeting, a
// plain Join button that still works).
import React from 'react';
import type {ReactNode} from 'react';

import type {Post} from '@mattermost/types/posts';

import type {BotIdentity} from '../bot_identity';
import type {Client} from '../client';
import {useBotAuthor, isBotPost} from '../hooks/use_bot_author';
import type {WindowOptions} from '../hooks/use_open_command';
import {getTranslations} from '../i18n';
import type {Lifecycle} from '../lifecycle';
import type {NoticeStore} from '../notices';
import {showOutcome} from '../notices';
import {runCommandInNewWindow} from '../open_command';
import {commandArgs, hasPostAction, readMeeting} from '../post_props';
import {getCurrentLocale} from '../state';
import type {PostTypeProps} from '../types/mattermost';

import MeetingCard from './meeting_card/meeting_card';
import {PlainPost} from './plain_post/plain_post';
import type {PlainAction} from './plain_post/plain_post';
import {PluginBoundary} from './plugin_boundary';
import RecordingCard from './recording_card/recording_card';

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

/** The fallback's Join: the same command and read-only fallback as the card, reported as a notice. */
function fallbackJoin(deps: PostTypeDeps, post: Post): PlainAction | undefined {
    const meeting = readMeeting(post);
    if (isBotPost(deps.identity, post) !== true || meeting.status !== 'live' || !meeting.roomId) {
        return undefined;
    }
    const translations = getTranslations(getCurrentLocale(deps.getState()));
    const fallbackAction = typeof post.id === 'string' && hasPostAction(post, 'join') ? () => deps.client.doPostAction(post.id, 'join') : undefined;
    return {
        label: translations['plugnmeet.card.join'],
        onClick: () => {
            void runCommandInNewWindow(deps.client, `/plugnmeet join ${meeting.roomId}`, commandArgs(post, deps.getTeamId()), {
                ...deps.windowOptions,
                loadingText: translations['plugnmeet.open.loading'],
                fallbackAction,
            }).then((outcome) => showOutcome(deps.notices, outcome, 'plugnmeet.notice.join_failed'));
        },
    };
}

export function createPostTypes(deps: PostTypeDeps) {
    const {client, identity, lifecycle, getTeamId, windowOptions} = deps;

    function PlugnmeetMeetingPost(props: PostTypeProps) {
        return (
            <PluginBoundary
                resetKey={props.post}
                fallback={
                    <PlainPost
                        post={props.post}
                        action={fallbackJoin(deps, props.post)}
                    />
                }
            >
                <BotOnly
                    identity={identity}
                    post={props.post}
                >
                    <MeetingCard
                        {...props}
                        client={client}
                        getTeamId={getTeamId}
                        lifecycle={lifecycle}
                        windowOptions={windowOptions}
                    />
                </BotOnly>
            </PluginBoundary>
        );
    }

    function PlugnmeetRecordingPost(props: PostTypeProps) {
        return (
            <PluginBoundary
                resetKey={props.post}
                fallback={<PlainPost post={props.post}/>}
            >
                <BotOnly
                    identity={identity}
                    post={props.post}
                >
                    <RecordingCard
                        {...props}
                        client={client}
                        getTeamId={getTeamId}
                        windowOptions={windowOptions}
                    />
                </BotOnly>
            </PluginBoundary>
        );
    }

    return {PlugnmeetMeetingPost, PlugnmeetRecordingPost};
}
