// The custom_plugnmeet post while its meeting is planned (`meeting_status: 'scheduled'`): when, on
// the reader's clocks (their Mattermost time zone), who planned it, how it repeats, how many asked
// for a reminder, its options, and the buttons: Join (starts it early, through the live card's join
// path), Notify me, Add to calendar, Cancel, and Cancel series for a recurring one. Notify and Cancel
// run the post's own attachment buttons as Mattermost's webapp does (mattermost-redux
// actions/posts.ts doPostActionWithCookie -> Client4 doPostActionWithCookie: POST
// /api/v4/posts/{post_id}/actions/{action_id}); the sidecar's answer edits the post and says what it
// did in a message only the clicker sees. A cancelled occurrence (`ended`, `meeting_cancelled`)
// renders here too, without buttons.
import type {ButtonAction} from '@plugnmeet/contracts';
import React, {useEffect, useRef, useState} from 'react';
import {useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import {OptionBadges} from './option_badges';

import {describeError} from '../../actions/open_command';
import type {Problem, WindowOptions} from '../../actions/open_command';
import type {Client} from '../../client/client';
import {IssueLine, useOpenCommand} from '../../hooks/use_open_command';
import {msg} from '../../i18n';
import type {MessageId} from '../../i18n';
import {getCurrentTimeZone, mayCancelSchedule} from '../../selectors/schedule';
import type {PostTypeProps} from '../../types/mattermost';
import {formatScheduled, REPEATS} from '../../utils/format';
import {commandArgs, hasPostAction, readMeeting, text} from '../../utils/post_props';
import {CardFrame} from '../card_frame/card_frame';
import {CalendarIcon} from '../icons/icons';

export type ScheduledCardProps = PostTypeProps & {
    client: Client;
    getTeamId: () => string;
    windowOptions?: WindowOptions;
    now?: () => number;
};

type CancelAction = 'cancel' | 'cancel_series';

/** One attachment button at a time, run through Mattermost; what went wrong, if anything. */
function usePostAction(client: Client, postId: string) {
    const [pending, setPending] = useState<ButtonAction | null>(null);
    const [problem, setProblem] = useState<Problem | null>(null);
    const mounted = useRef(true);
    useEffect(() => {
        mounted.current = true;
        return () => {
            mounted.current = false;
        };
    }, []);

    const run = (actionId: ButtonAction) => {
        if (pending || !postId) {
            return;
        }
        setPending(actionId);
        setProblem(null);
        client.doPostAction(postId, actionId).then(() => {
            if (mounted.current) {
                setPending(null);
            }
        }, (error: unknown) => {
            if (mounted.current) {
                setPending(null);
                setProblem(describeError(error));
            }
        });
    };
    return {pending, problem, run};
}

export default function ScheduledCard(props: ScheduledCardProps) {
    const {post, theme, compactDisplay, isRHS, client, getTeamId, windowOptions, now = Date.now} = props;
    const intl = useIntl();
    const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage(msg(id), values);
    const meeting = readMeeting(post);
    const postId = text(post?.id, 64);
    const channelId = text(post?.channel_id, 64);
    const command = useOpenCommand(client, windowOptions);
    const action = usePostAction(client, postId);
    const zone = useSelector(getCurrentTimeZone);
    const mayCancel = useSelector((state: unknown) => mayCancelSchedule(state, {creatorId: meeting.creatorId, channelId, teamId: getTeamId()}));

    // Cancel asks first; while it asks, focus is on "Keep it", and goes back to Cancel after.
    const [confirming, setConfirming] = useState<CancelAction | null>(null);
    const keepRef = useRef<HTMLButtonElement>(null);
    const cancelRef = useRef<HTMLButtonElement>(null);
    const seriesRef = useRef<HTMLButtonElement>(null);
    const asked = useRef<CancelAction | null>(null);
    useEffect(() => {
        if (confirming) {
            asked.current = confirming;
            keepRef.current?.focus();
        } else if (asked.current) {
            (asked.current === 'cancel' ? cancelRef : seriesRef).current?.focus();
            asked.current = null;
        }
    }, [confirming]);

    const cancelled = meeting.cancelled;
    const topic = meeting.topic || t('plugnmeet.card.default_topic');
    const at = meeting.scheduledAt ?? meeting.startedAt;
    const when = at === undefined ? null : formatScheduled(intl, at, zone, now());

    // The name as Mattermost shows people; the username when the card has no display name.
    const creator = meeting.creatorDisplayName || (meeting.creatorUsername && `@${meeting.creatorUsername}`);
    const meta = [
        creator ? t('plugnmeet.card.scheduled_by', {name: creator}) : '',
        !cancelled && meeting.watchers ? t('plugnmeet.card.watchers', {count: meeting.watchers}) : '',
    ].filter(Boolean).join(' · ');

    // In a read-only channel the command is refused; the card's own Join button needs only read access.
    const joinFallback = postId && hasPostAction(post, 'join') ? () => client.doPostAction(postId, 'join') : undefined;
    const join = () => command.run(`/plugnmeet join ${meeting.roomId}`, commandArgs(post, getTeamId()), joinFallback);
    const missingReason = meeting.roomId ? '' : t('plugnmeet.card.missing_reason');
    const busy = action.pending !== null;

    const cancelButton = (actionId: CancelAction, label: MessageId) => (
        <button
            ref={actionId === 'cancel' ? cancelRef : seriesRef}
            type='button'
            className='plugnmeet-button plugnmeet-button--tertiary plugnmeet-button--danger'
            disabled={busy}
            aria-busy={action.pending === actionId}
            onClick={() => setConfirming(actionId)}
        >
            {t(label)}
        </button>
    );

    let buttons;
    if (confirming) {
        let question: MessageId = 'plugnmeet.card.confirm_cancel';
        if (confirming === 'cancel_series') {
            question = 'plugnmeet.card.confirm_cancel_series';
        } else if (meeting.recurrence) {
            question = 'plugnmeet.card.confirm_cancel_one';
        }
        buttons = (
            <div
                className='plugnmeet-card__confirm'
                role='group'
                aria-label={t(question)}
            >
                <span className='plugnmeet-card__confirm-text'>{t(question)}</span>
                <button
                    type='button'
                    className='plugnmeet-button plugnmeet-button--danger-solid'
                    onClick={() => {
                        action.run(confirming);
                        setConfirming(null);
                    }}
                >
                    {t('plugnmeet.card.confirm_yes')}
                </button>
                <button
                    ref={keepRef}
                    type='button'
                    className='plugnmeet-button plugnmeet-button--tertiary'
                    onClick={() => setConfirming(null)}
                >
                    {t('plugnmeet.card.confirm_no')}
                </button>
            </div>
        );
    } else {
        buttons = (
            <>
                <button
                    type='button'
                    className='plugnmeet-button'
                    onClick={join}
                    disabled={Boolean(missingReason) || command.pending}
                    aria-busy={command.pending}
                    title={missingReason || t('plugnmeet.card.join_early_hint')}
                >
                    {t(command.pending ? 'plugnmeet.card.joining' : 'plugnmeet.card.join_early')}
                </button>
                {hasPostAction(post, 'notify') && (
                    <button
                        type='button'
                        className='plugnmeet-button plugnmeet-button--tertiary'
                        disabled={busy}
                        aria-busy={action.pending === 'notify'}
                        title={t('plugnmeet.card.notify_hint')}
                        onClick={() => action.run('notify')}
                    >
                        {t('plugnmeet.card.notify')}
                    </button>
                )}
                {meeting.calendarUrl && (
                    <a
                        className='plugnmeet-button plugnmeet-button--tertiary'
                        href={meeting.calendarUrl}
                        download={true}
                        target='_blank'
                        rel='noopener noreferrer'
                    >
                        <CalendarIcon/>
                        {t('plugnmeet.card.add_to_calendar')}
                    </a>
                )}
                {mayCancel && hasPostAction(post, 'cancel') && cancelButton('cancel', meeting.recurrence ? 'plugnmeet.card.cancel_one' : 'plugnmeet.card.cancel')}
                {mayCancel && meeting.recurrence && hasPostAction(post, 'cancel_series') && cancelButton('cancel_series', 'plugnmeet.card.cancel_series')}
            </>
        );
    }

    return (
        <CardFrame
            modifier={cancelled ? 'cancelled' : 'scheduled'}
            testId='plugnmeet-meeting-card'
            status={cancelled ? 'cancelled' : 'scheduled'}
            icon={<CalendarIcon size={22}/>}
            theme={theme}
            compactDisplay={compactDisplay}
            isRHS={isRHS}
        >
            <div className='plugnmeet-card__head'>
                <h4 className='plugnmeet-card__title'>{topic}</h4>
                <span className={`plugnmeet-chip ${cancelled ? 'plugnmeet-chip--ended' : 'plugnmeet-chip--scheduled'}`}>
                    {t(cancelled ? 'plugnmeet.card.cancelled' : 'plugnmeet.card.scheduled')}
                </span>
                {meeting.recurrence && !cancelled && <span className='plugnmeet-chip'>{t(REPEATS[meeting.recurrence])}</span>}
            </div>
            {when && at !== undefined && (
                <p className='plugnmeet-card__when'>
                    <time
                        dateTime={new Date(at).toISOString()}
                        title={zone}
                    >
                        {`${when.date} · ${when.time}`}
                    </time>
                </p>
            )}
            {meta && <p className='plugnmeet-card__meta'>{meta}</p>}
            {!cancelled && <OptionBadges meeting={meeting}/>}
            {!cancelled && (
                <div className='plugnmeet-card__actions'>
                    {buttons}
                    {missingReason && <span className='plugnmeet-card__hint'>{missingReason}</span>}
                    {action.problem && (
                        <div
                            className='plugnmeet-card__error'
                            role='alert'
                        >
                            {t(action.problem.id, action.problem.values)}
                        </div>
                    )}
                    <IssueLine
                        issue={command.issue}
                        onLinkClick={command.clearIssue}
                    />
                </div>
            )}
        </CardFrame>
    );
}
