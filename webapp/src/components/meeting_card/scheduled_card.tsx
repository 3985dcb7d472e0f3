// The custom_plugnmeet post while its meeting is planned (`meeting_status: 'scheduled'`): when, on
// the reader's clocks (their Mattermost time zone), who planned it, how it repeats, how many asked
// for a reminder (and whether the reader did), its options, what it waits for (another meeting live
// in the channel), and the buttons: Join (within 15 minutes of its time; before that "Open early",
// confirmed first: it starts the meeting for everyone), Notify me / Stop notifying me, Add to
// calendar, and Cancel (a recurring one asks: this one or the whole series). Notify and Cancel
// run the post's own attachment buttons as Mattermost's webapp does (mattermost-redux
// actions/posts.ts doPostActionWithCookie -> Client4 doPostActionWithCookie: POST
// /api/v4/posts/{post_id}/actions/{action_id}); the sidecar's answer edits the post and says what it
// did in a message only the clicker sees. A cancelled occurrence, or one that did not start
// (`ended`, `meeting_cancelled`, `meeting_not_started`), renders here too, without buttons.
import {OPEN_EARLY_MS} from '@plugnmeet/contracts';
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
import {getCurrentUserId} from '../../selectors/state';
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

/** What the card asks before doing: cancel (a series: this one or all), or open it early. */
type Question = 'cancel' | 'open';

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
    const me = useSelector(getCurrentUserId);

    // Cancel and Open early ask first; while asking, focus is on "Keep it" / "Wait", and goes back after.
    const [confirming, setConfirming] = useState<Question | null>(null);
    const keepRef = useRef<HTMLButtonElement>(null);
    const cancelRef = useRef<HTMLButtonElement>(null);
    const joinRef = useRef<HTMLButtonElement>(null);
    const asked = useRef<Question | null>(null);
    useEffect(() => {
        if (confirming) {
            asked.current = confirming;
            keepRef.current?.focus();
        } else if (asked.current) {
            (asked.current === 'open' ? joinRef : cancelRef).current?.focus();
            asked.current = null;
        }
    }, [confirming]);

    const cancelled = meeting.cancelled;
    const topic = meeting.topic || t('plugnmeet.card.default_topic');
    const at = meeting.scheduledAt ?? meeting.startedAt;
    const when = at === undefined ? null : formatScheduled(intl, at, zone, now());

    // The name as Mattermost shows people; the username when the card has no display name.
    const creator = meeting.creatorDisplayName || (meeting.creatorUsername && `@${meeting.creatorUsername}`);
    const notified = Boolean(me) && meeting.watcherIds.includes(me);
    const meta = [
        creator ? t('plugnmeet.card.scheduled_by', {name: creator}) : '',
        !cancelled && meeting.watchers ? t('plugnmeet.card.watchers', {count: meeting.watchers}) : '',
        !cancelled && notified ? t('plugnmeet.card.notified') : '',
    ].filter(Boolean).join(' · ');
    let notice = '';
    if (meeting.notStarted === 'busy') {
        notice = t('plugnmeet.card.not_started_busy', {topic: meeting.blockedBy || t('plugnmeet.card.default_topic')});
    } else if (meeting.notStarted === 'refused') {
        notice = t('plugnmeet.card.not_started_refused');
    } else if (meeting.notStarted === 'paused') {
        notice = t('plugnmeet.card.not_started_paused', {name: creator || '?'});
    } else if (!cancelled && meeting.blockedBy) {
        notice = t('plugnmeet.card.waiting_for', {topic: meeting.blockedBy});
    }

    // Far ahead, Join would start it for everyone: "Open early", once confirmed (`join <id> early`).
    const farAhead = at !== undefined && at - now() > OPEN_EARLY_MS;
    const joinLabel: MessageId = farAhead ? 'plugnmeet.card.open_early' : 'plugnmeet.card.join_early';
    let chip: MessageId = 'plugnmeet.card.scheduled';
    if (cancelled) {
        chip = meeting.notStarted ? 'plugnmeet.card.not_started' : 'plugnmeet.card.cancelled';
    }

    // In a read-only channel the command is refused; the card's own Join button needs only read access.
    const joinFallback = !farAhead && postId && hasPostAction(post, 'join') ? () => client.doPostAction(postId, 'join') : undefined;
    const join = (early: boolean) => command.run(`/plugnmeet join ${meeting.roomId}${early ? ' early' : ''}`, commandArgs(post, getTeamId()), joinFallback);
    const missingReason = meeting.roomId ? '' : t('plugnmeet.card.missing_reason');
    const busy = action.pending !== null;

    const seriesOffered = Boolean(meeting.recurrence) && hasPostAction(post, 'cancel_series');
    const confirmButton = (label: MessageId, run: () => void, danger = true) => (
        <button
            type='button'
            className={`plugnmeet-button ${danger ? 'plugnmeet-button--danger-solid' : ''}`}
            onClick={() => {
                run();
                setConfirming(null);
            }}
        >
            {t(label)}
        </button>
    );

    let buttons;
    if (confirming) {
        let question: MessageId = 'plugnmeet.card.confirm_cancel';
        let yes;
        if (confirming === 'open') {
            question = 'plugnmeet.card.confirm_open_early';
            yes = confirmButton('plugnmeet.card.confirm_open_yes', () => join(true), false);
        } else if (seriesOffered) {
            // One Cancel button for a series (its buttons fit a narrow column): this one, or all.
            question = 'plugnmeet.card.confirm_cancel_which';
            yes = (
                <>
                    {confirmButton('plugnmeet.card.confirm_cancel_this', () => action.run('cancel'))}
                    {confirmButton('plugnmeet.card.confirm_cancel_all', () => action.run('cancel_series'))}
                </>
            );
        } else {
            question = meeting.recurrence ? 'plugnmeet.card.confirm_cancel_one' : 'plugnmeet.card.confirm_cancel';
            yes = confirmButton('plugnmeet.card.confirm_yes', () => action.run('cancel'));
        }
        const questionText = confirming === 'open' && when ? t(question, {when: `${when.date} · ${when.time}`}) : t(question);
        buttons = (
            <div
                className='plugnmeet-card__confirm'
                role='group'
                aria-label={questionText}
            >
                <span className='plugnmeet-card__confirm-text'>{questionText}</span>
                {yes}
                <button
                    ref={keepRef}
                    type='button'
                    className='plugnmeet-button plugnmeet-button--tertiary'
                    onClick={() => setConfirming(null)}
                >
                    {t(confirming === 'open' ? 'plugnmeet.card.confirm_open_no' : 'plugnmeet.card.confirm_no')}
                </button>
            </div>
        );
    } else {
        buttons = (
            <>
                <button
                    ref={joinRef}
                    type='button'
                    className='plugnmeet-button'
                    onClick={() => (farAhead ? setConfirming('open') : join(false))}
                    disabled={Boolean(missingReason) || command.pending}
                    aria-busy={command.pending}
                    title={missingReason || t(farAhead ? 'plugnmeet.card.open_early_hint' : 'plugnmeet.card.join_early_hint')}
                >
                    {t(command.pending ? 'plugnmeet.card.joining' : joinLabel)}
                </button>
                {hasPostAction(post, 'notify') && (
                    <button
                        type='button'
                        className='plugnmeet-button plugnmeet-button--tertiary'
                        disabled={busy}
                        aria-busy={action.pending === 'notify'}
                        aria-pressed={notified}
                        title={t('plugnmeet.card.notify_hint')}
                        onClick={() => action.run('notify')}
                    >
                        {t(notified ? 'plugnmeet.card.notify_stop' : 'plugnmeet.card.notify')}
                    </button>
                )}
                {meeting.calendarUrl && (
                    <a
                        className='plugnmeet-button plugnmeet-button--tertiary'
                        href={meeting.calendarUrl}
                        title={t('plugnmeet.card.add_to_calendar')}
                        download={true}
                        target='_blank'
                        rel='noopener noreferrer'
                    >
                        <CalendarIcon/>
                        <span className='plugnmeet-button__label--narrow-hidden'>{t('plugnmeet.card.add_to_calendar')}</span>
                    </a>
                )}
                {mayCancel && hasPostAction(post, 'cancel') && (
                    <button
                        ref={cancelRef}
                        type='button'
                        className='plugnmeet-button plugnmeet-button--tertiary plugnmeet-button--danger'
                        disabled={busy}
                        aria-busy={action.pending === 'cancel' || action.pending === 'cancel_series'}
                        onClick={() => setConfirming('cancel')}
                    >
                        {t(meeting.recurrence && !seriesOffered ? 'plugnmeet.card.cancel_one' : 'plugnmeet.card.cancel')}
                    </button>
                )}
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
                    {t(chip)}
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
            {notice && <p className='plugnmeet-card__meta'>{notice}</p>}
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
