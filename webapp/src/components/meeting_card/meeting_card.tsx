// The custom_plugnmeet post: topic, starter, live/ended state and a Join button. A planned
// (or cancelled) meeting has a card of its own (scheduled_card.tsx).
import React, {useEffect, useRef} from 'react';
import {useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import {OptionBadges} from './option_badges';
import ScheduledCard from './scheduled_card';

import type {WindowOptions} from '../../actions/open_command';
import type {Client} from '../../client/client';
import {useOpenCommand} from '../../hooks/use_open_command';
import {msg} from '../../i18n';
import {getCurrentTimeZone} from '../../selectors/schedule';
import {findEndedReply, getChannelInfo} from '../../selectors/state';
import type {Lifecycle} from '../../stores/lifecycle';
import {claimRefresh} from '../../stores/refresh_throttle';
import type {PostTypeProps} from '../../types/mattermost';
import {formatDuration, formatWhen} from '../../utils/format';
import type {MeetingInfo} from '../../utils/post_props';
import {commandArgs, endedByReply, hasPostAction, lastUpdatedAt, readMeeting, startAgainCommand, text, threadRootId} from '../../utils/post_props';
import {CardAction, CardFrame} from '../card_frame/card_frame';
import {CameraIcon} from '../icons/icons';
import {Faces} from '../recap/faces';

/** A live card this long without an edit may have missed a webhook-driven update. */
export const STALE_AFTER_MS = 60 * 1000;

export type MeetingCardProps = PostTypeProps & {
    client: Client;
    getTeamId: () => string;
    windowOptions?: WindowOptions;

    // Owns the refresh timer, so uninitialize() cancels it.
    lifecycle?: Pick<Lifecycle, 'setTimeout'>;
    now?: () => number;
};

const plainTimers: Pick<Lifecycle, 'setTimeout'> = {
    setTimeout(callback, ms) {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
    },
};

/**
 * Asks the sidecar (through the card's `refresh` button action) to bring a possibly stale
 * live card up to date; Mattermost applies the answer to the post, which then re-renders.
 * Once per mount, and at most once a minute per post in this browser (see stores/refresh_throttle.ts).
 */
function useStaleRefresh({post, client, lifecycle = plainTimers, now}: Pick<MeetingCardProps, 'post' | 'client' | 'lifecycle'> & {now: () => number}, meeting: MeetingInfo) {
    const requested = useRef(new Set<string>());
    const postId = typeof post?.id === 'string' ? post.id : '';
    const updatedAt = lastUpdatedAt(post);
    const eligible = Boolean(postId) && meeting.status === 'live' && meeting.hasRefreshAction;

    useEffect(() => {
        if (!eligible || requested.current.has(postId)) {
            return undefined;
        }
        const delay = Math.max(0, (updatedAt + STALE_AFTER_MS) - now());
        return lifecycle.setTimeout(() => {
            requested.current.add(postId);
            if (!claimRefresh(postId, now())) {
                return;
            }
            client.doPostAction(postId, 'refresh').catch((error: unknown) => {
                // Best effort: the card keeps what it shows, and the next mount tries again.
                console.warn('plugnmeet: could not refresh the meeting card', error); // eslint-disable-line no-console
            });
        }, delay);
    }, [client, eligible, lifecycle, now, postId, updatedAt]);
}

export default function MeetingCard(props: MeetingCardProps) {
    const meeting = readMeeting(props.post);
    if (meeting.status === 'scheduled' || meeting.cancelled) {
        return <ScheduledCard {...props}/>;
    }
    return <CurrentMeetingCard {...props}/>;
}

/**
 * Once the bot's end reply names a call whose card still says live (the bot cannot edit cards in
 * DMs and GMs), asks the sidecar once, through the card's refresh action, for the card's ended state:
 * Mattermost applies it to the post, so mobile and every other client see it too.
 */
function useEndedRefresh({post, client, now}: Pick<MeetingCardProps, 'post' | 'client'> & {now: () => number}, endedByBot: boolean) {
    const postId = typeof post?.id === 'string' ? post.id : '';
    const eligible = endedByBot && Boolean(postId) && hasPostAction(post, 'refresh');
    useEffect(() => {
        if (eligible && claimRefresh(`ended:${postId}`, now())) {
            client.doPostAction(postId, 'refresh').catch(() => undefined); // best effort: the reply already says it
        }
    }, [client, eligible, now, postId]);
}

/** Live, ended, and any status this version does not know (rendered as it always was). */
function CurrentMeetingCard(props: MeetingCardProps) {
    const {post, theme, compactDisplay, isRHS, client, getTeamId, windowOptions, lifecycle, now = Date.now} = props;
    const intl = useIntl();
    const posted = readMeeting(post);

    // In a DM or GM the card is a call: it reads as ended, or missed, as soon as the bot's end reply is in.
    const channelType = useSelector((state: unknown) => getChannelInfo(state, text(post?.channel_id, 64))?.type ?? '');
    const call = channelType === 'D' || channelType === 'G';
    const endReply = useSelector((state: unknown) => (call && posted.status === 'live' ? findEndedReply(state, post, posted.roomId) : undefined));
    const meeting = endReply ? endedByReply(posted, endReply) : posted;
    const command = useOpenCommand(client, windowOptions);
    const zone = useSelector(getCurrentTimeZone);
    useStaleRefresh({post, client, lifecycle, now}, meeting);
    useEndedRefresh({post, client, now}, Boolean(endReply));

    const ended = meeting.status === 'ended';
    let endedChip: 'plugnmeet.card.ended' | 'plugnmeet.card.call_ended' | 'plugnmeet.card.missed_call' = 'plugnmeet.card.ended';
    if (call || meeting.missed) {
        endedChip = meeting.missed ? 'plugnmeet.card.missed_call' : 'plugnmeet.card.call_ended';
    }
    const topic = meeting.topic || intl.formatMessage(msg('plugnmeet.card.default_topic'));

    let started = '';
    const when = meeting.startedAt === undefined ? '' : formatWhen(intl, meeting.startedAt, now(), zone);

    // The name as Mattermost shows people; older cards only carry the username.
    const creator = meeting.creatorDisplayName || (meeting.creatorUsername && `@${meeting.creatorUsername}`);
    if (creator && when) {
        started = intl.formatMessage(msg('plugnmeet.card.started_by_at'), {name: creator, time: when});
    } else if (creator) {
        started = intl.formatMessage(msg('plugnmeet.card.started_by'), {name: creator});
    } else if (when) {
        started = intl.formatMessage(msg('plugnmeet.card.started_at'), {time: when});
    }

    let disabledReason = '';
    if (ended) {
        disabledReason = intl.formatMessage(msg('plugnmeet.card.ended_reason'));
    } else if (!meeting.roomId) {
        disabledReason = intl.formatMessage(msg('plugnmeet.card.missing_reason'));
    }

    // In a read-only or archived channel the command is refused (it needs create_post); the
    // card's own Join button action needs only read access and posts the link to this user alone.
    const postId = typeof post?.id === 'string' ? post.id : '';
    const joinFallback = postId && hasPostAction(post, 'join') ? () => client.doPostAction(postId, 'join') : undefined;
    const join = () => command.run(`/plugnmeet join ${meeting.roomId}`, commandArgs(post, getTeamId()), joinFallback);

    // A room ends about 20 s after the last person leaves: the same meeting again, where it was.
    const startAgain = () => {
        const again = startAgainCommand(post, meeting.topic, getTeamId());
        command.run(again.command, again.args);
    };

    return (
        <CardFrame
            modifier={meeting.status}
            testId='plugnmeet-meeting-card'
            status={meeting.status}
            icon={<CameraIcon size={22}/>}
            theme={theme}
            compactDisplay={compactDisplay}
            isRHS={isRHS}
        >
            <div className='plugnmeet-card__head'>
                <h4 className='plugnmeet-card__title'>{topic}</h4>
                {meeting.status === 'live' && (
                    <span className='plugnmeet-chip plugnmeet-chip--live'>
                        <span
                            className='plugnmeet-chip__dot'
                            aria-hidden='true'
                        />
                        {intl.formatMessage(msg('plugnmeet.card.live'))}
                    </span>
                )}
                {meeting.status === 'live' && meeting.participants !== undefined && (
                    <span className='plugnmeet-chip'>
                        {intl.formatMessage(msg('plugnmeet.card.participants'), {count: meeting.participants})}
                    </span>
                )}
                {meeting.guests > 0 && (
                    <span className='plugnmeet-chip'>
                        {intl.formatMessage(msg('plugnmeet.card.guests'), {count: meeting.guests})}
                    </span>
                )}
                {ended && (
                    <span className={`plugnmeet-chip plugnmeet-chip--ended${meeting.missed ? ' plugnmeet-chip--missed' : ''}`}>
                        {intl.formatMessage(msg(endedChip))}
                    </span>
                )}
                {ended && !meeting.missed && meeting.startedAt !== undefined && meeting.endedAt !== undefined && (
                    <span className='plugnmeet-chip'>
                        {intl.formatMessage(msg('plugnmeet.card.lasted'), {duration: formatDuration(intl, meeting.endedAt - meeting.startedAt)})}
                    </span>
                )}
            </div>
            {(started || (ended && meeting.participants)) ? (
                <p className='plugnmeet-card__meta'>
                    {started}
                    {started && ended && meeting.participants ? ' · ' : ''}
                    {ended && meeting.participants ? intl.formatMessage(msg('plugnmeet.card.peak_participants'), {count: meeting.participants}) : ''}
                </p>
            ) : null}
            <Faces
                post={post}
                ended={ended}
            />
            {ended && (post?.props as Record<string, unknown> | undefined)?.meeting_summary_coming === true && (
                <p className='plugnmeet-card__coming'>{intl.formatMessage(msg('plugnmeet.card.summary_coming'))}</p>
            )}
            {!ended && <OptionBadges meeting={meeting}/>}
            {ended && threadRootId(post) ? (
                <CardAction
                    command={command}
                    onClick={startAgain}
                    disabledReason=''
                >
                    {intl.formatMessage(msg(command.pending ? 'plugnmeet.card.starting' : 'plugnmeet.card.start_again'))}
                </CardAction>
            ) : (
                <CardAction
                    command={command}
                    onClick={join}
                    disabledReason={disabledReason}
                >
                    {intl.formatMessage(msg(command.pending ? 'plugnmeet.card.joining' : 'plugnmeet.card.join'))}
                </CardAction>
            )}
        </CardFrame>
    );
}
