// The right-hand sidebar's "Live meetings": the team's live meetings the user can read, each with
// Join, and this channel's latest recordings, each with Download; all from `/plugnmeet live`
// (its answer's props, contracts/src/calls.ts), asked when the panel opens, every 30 s while it is
// open, and again on a switch of team or channel. Mattermost mounts the component only while the
// panel is open (components/rhs_plugin), so its timer and store subscription live as long as that.
import {OPEN_EARLY_MS, QUIET_FLAG, type LiveMeeting, type LiveUpcoming} from '@plugnmeet/contracts';
import React, {useCallback, useLayoutEffect, useRef, useState} from 'react';
import {useIntl} from 'react-intl';

import type {Problem, WindowOptions} from '../../actions/open_command';
import {describeError} from '../../actions/open_command';
import type {Client} from '../../client/client';
import {IssueLine, useOpenCommand} from '../../hooks/use_open_command';
import {msg} from '../../i18n';
import type {MessageId} from '../../i18n';
import {getCurrentTimeZone} from '../../selectors/schedule';
import {getChannelInfo, getCurrentChannelId, getCurrentTeamId} from '../../selectors/state';
import type {Lifecycle} from '../../stores/lifecycle';
import type {LiveStore} from '../../stores/live_store';
import {describeRecording, formatScheduled, formatWhen, REPEATS} from '../../utils/format';
import {readLiveSheet} from '../../utils/live_sheet';
import type {NamedLiveRecording, ReadLiveSheet} from '../../utils/live_sheet';
import {CameraIcon, RecordingIcon} from '../icons/icons';

export const REFRESH_EVERY_MS = 30 * 1000;

export type LivePanelProps = {
    client: Client;
    getState: () => unknown;

    // Mattermost's store subscription: a team or channel switch asks again.
    subscribeState?: (listener: () => void) => () => void;
    live: LiveStore;
    lifecycle: Pick<Lifecycle, 'setTimeout'>;
    windowOptions?: WindowOptions;
    now?: () => number;
};

type View =
    | {phase: 'loading'}
    | {phase: 'failed'; problem: Problem}
    | {phase: 'ready'; sheet: ReadLiveSheet; teamId: string; channelId: string};

type RowCommon = {teamId: string; now: number} & Pick<LivePanelProps, 'client' | 'windowOptions'>;

/**
 * One row of the panel: an icon, a title and lines, and a button that runs a `/plugnmeet`
 * command in a channel (through Mattermost, which opens the link the sidecar answers).
 */
function Row(props: RowCommon & {
    data: Record<string, string>;
    icon: React.ReactNode;
    iconClass?: string;
    title: string;

    /** The channel, for meetings of the whole team. */
    where?: string;
    lines: string[];

    /** The row's button; none: no button (a scheduled meeting far ahead). */
    command?: {text: string; channelId: string};
    label: MessageId;
    busyLabel: MessageId;
    secondary?: boolean;
}) {
    const intl = useIntl();
    const command = useOpenCommand(props.client, props.windowOptions);
    return (
        <li
            className='plugnmeet-live__item'
            {...props.data}
        >
            <div className={`plugnmeet-live__icon${props.iconClass ? ` ${props.iconClass}` : ''}`}>{props.icon}</div>
            <div className='plugnmeet-live__main'>
                <div className='plugnmeet-live__topic'>{props.title}</div>
                {props.where && <div className='plugnmeet-live__where'>{props.where}</div>}
                {props.lines.filter(Boolean).map((line) => (
                    <div
                        key={line}
                        className='plugnmeet-live__meta'
                    >
                        {line}
                    </div>
                ))}
                <IssueLine
                    issue={command.issue}
                    onLinkClick={command.clearIssue}
                />
            </div>
            {props.command && (
                <button
                    type='button'
                    className={`plugnmeet-live__button${props.secondary ? ' plugnmeet-live__button--secondary' : ''}`}
                    disabled={command.pending}
                    aria-busy={command.pending}
                    onClick={() => props.command && command.run(props.command.text, {channel_id: props.command.channelId, team_id: props.teamId, root_id: ''})}
                >
                    {intl.formatMessage(msg(command.pending ? props.busyLabel : props.label))}
                </button>
            )}
        </li>
    );
}

function MeetingRow({meeting, getState, ...common}: RowCommon & {meeting: LiveMeeting} & Pick<LivePanelProps, 'getState'>) {
    const intl = useIntl();
    const channel = getChannelInfo(getState(), meeting.channel_id);
    const direct = channel?.type === 'D' || channel?.type === 'G';
    const where = channel?.displayName || (direct || !channel ? intl.formatMessage(msg('plugnmeet.live.direct_message')) : channel.name);
    const details = [
        meeting.started_at ? intl.formatMessage(msg('plugnmeet.live.since'), {time: formatWhen(intl, meeting.started_at, common.now, getCurrentTimeZone(getState()))}) : '',
        intl.formatMessage(msg('plugnmeet.card.participants'), {count: meeting.participants}),
    ].filter(Boolean).join(' · ');
    return (
        <Row
            {...common}
            data={{'data-room-id': meeting.room_id}}
            icon={<CameraIcon size={18}/>}
            title={meeting.topic || intl.formatMessage(msg('plugnmeet.card.default_topic'))}
            where={where}
            lines={[details, meeting.creator_display_name ? intl.formatMessage(msg('plugnmeet.card.started_by'), {name: meeting.creator_display_name}) : '']}
            command={{text: `/plugnmeet join ${meeting.room_id}`, channelId: meeting.channel_id}}
            label='plugnmeet.call.join'
            busyLabel='plugnmeet.card.joining'
        />
    );
}

/**
 * A meeting scheduled in this channel: when, on the reader's clocks, and Join (the first starts
 * it early) from 15 minutes before its time; before that, its card's "Open early" asks first.
 */
function UpcomingRow({planned, getState, channelId, ...common}: RowCommon & {planned: LiveUpcoming; channelId: string} & Pick<LivePanelProps, 'getState'>) {
    const intl = useIntl();
    const when = formatScheduled(intl, planned.scheduled_at, getCurrentTimeZone(getState()), common.now);
    const repeats = planned.recurrence ? intl.formatMessage(msg(REPEATS[planned.recurrence])) : '';
    const soon = planned.scheduled_at - common.now <= OPEN_EARLY_MS;
    return (
        <Row
            {...common}
            data={{'data-upcoming-room-id': planned.room_id}}
            icon={<CameraIcon size={18}/>}
            title={planned.topic || intl.formatMessage(msg('plugnmeet.card.default_topic'))}
            lines={[[`${when.date} · ${when.time}`, repeats].filter(Boolean).join(' · '), soon ? '' : intl.formatMessage(msg('plugnmeet.live.join_opens'))]}
            command={soon ? {text: `/plugnmeet join ${planned.room_id}`, channelId} : undefined}
            label='plugnmeet.call.join'
            busyLabel='plugnmeet.card.joining'
            secondary={true}
        />
    );
}

function RecordingRow({recording, getState, channelId, ...common}: RowCommon & {recording: NamedLiveRecording; channelId: string} & Pick<LivePanelProps, 'getState'>) {
    const intl = useIntl();
    const shown = describeRecording(intl, {
        ...recording.name, recordId: recording.record_id, createdAt: recording.created_at || undefined, sizeMb: recording.size_mb,
    }, getCurrentTimeZone(getState()), common.now);
    return (
        <Row
            {...common}
            data={{'data-record-id': recording.record_id}}
            icon={<RecordingIcon size={18}/>}
            iconClass='plugnmeet-live__icon--recording'
            title={shown.title}
            lines={[shown.details, shown.id]}
            command={{text: `/plugnmeet recordings ${recording.record_id} ${QUIET_FLAG}`, channelId}}
            label='plugnmeet.recording.download'
            busyLabel='plugnmeet.recording.preparing'
            secondary={true}
        />
    );
}

/** A heading and its list (named by the heading), or the `empty` line when the list has no rows. */
function Section({title, empty, children}: {title: MessageId; empty?: MessageId; children: React.ReactNode[]}) {
    const intl = useIntl();
    return (
        <>
            <h4 className='plugnmeet-live__heading'>{intl.formatMessage(msg(title))}</h4>
            {children.length === 0 && empty ? (
                <p className='plugnmeet-live__empty'>{intl.formatMessage(msg(empty))}</p>
            ) : (
                <ul
                    className='plugnmeet-live__list'
                    aria-label={intl.formatMessage(msg(title))}
                >
                    {children}
                </ul>
            )}
        </>
    );
}

export default function LivePanel(props: LivePanelProps) {
    const {client, getState, subscribeState, live, lifecycle, windowOptions, now = Date.now} = props;
    const intl = useIntl();
    const [view, setView] = useState<View>({phase: 'loading'});
    const request = useRef(0);
    const mounted = useRef(true);
    const where = useRef({teamId: '', channelId: ''});

    const load = useCallback(() => {
        const state = getState();
        const teamId = getCurrentTeamId(state);
        const channelId = getCurrentChannelId(state);
        where.current = {teamId, channelId};
        const mine = ++request.current;
        if (!channelId) {
            setView({phase: 'failed', problem: {id: 'plugnmeet.error.no_channel'}});
            return;
        }

        // Keep showing the last list while a refresh of the same place is on its way. QUIET_FLAG: the
        // sheet only, no message (mobile, without the panel, gets the list in words).
        setView((current) => (current.phase === 'ready' && current.teamId === teamId && current.channelId === channelId ? current : {phase: 'loading'}));
        client.executeCommand(`/plugnmeet live ${QUIET_FLAG}`, {channel_id: channelId, team_id: teamId, root_id: ''}).then((response) => {
            if (!mounted.current || mine !== request.current) {
                return;
            }
            const sheet = readLiveSheet(response.props);
            if (!sheet) {
                setView({phase: 'failed', problem: {id: 'plugnmeet.live.unavailable'}});
                return;
            }
            live.setTeamSheet(teamId, sheet.meetings);
            setView({phase: 'ready', sheet, teamId, channelId});
        }, (error: unknown) => {
            if (mounted.current && mine === request.current) {
                setView({phase: 'failed', problem: describeError(error)});
            }
        });
    }, [client, getState, live]);

    // On open, then every 30 s while open. Layout effects: their cleanup runs as the panel closes,
    // where React 17 would run a plain effect's later (a timer could still fire in between).
    useLayoutEffect(() => {
        mounted.current = true;
        let cancel = () => undefined as void;
        const tick = () => {
            load();
            cancel = lifecycle.setTimeout(tick, REFRESH_EVERY_MS);
        };
        tick();
        return () => {
            mounted.current = false;
            cancel();
        };
    }, [lifecycle, load]);

    // Another team or channel: its list and its recordings.
    useLayoutEffect(() => subscribeState?.(() => {
        const state = getState();
        if (getCurrentTeamId(state) !== where.current.teamId || getCurrentChannelId(state) !== where.current.channelId) {
            load();
        }
    }), [getState, load, subscribeState]);

    const clock = now();
    let body: React.ReactNode;
    if (view.phase === 'loading') {
        body = <p className='plugnmeet-live__empty'>{intl.formatMessage(msg('plugnmeet.live.loading'))}</p>;
    } else if (view.phase === 'failed') {
        body = (
            <div
                className='plugnmeet-live__error'
                role='alert'
            >
                <strong>{intl.formatMessage(msg('plugnmeet.live.load_failed'))}</strong>
                {' '}
                {intl.formatMessage(msg(view.problem.id), view.problem.values)}
            </div>
        );
    } else {
        const rows = {client, teamId: view.teamId, windowOptions, now: clock};
        const upcoming = view.sheet.upcoming ?? [];
        body = (
            <>
                <Section
                    title='plugnmeet.live.now'
                    empty='plugnmeet.live.none'
                >
                    {view.sheet.meetings.map((meeting) => (
                        <MeetingRow
                            key={meeting.room_id}
                            {...rows}
                            meeting={meeting}
                            getState={getState}
                        />
                    ))}
                </Section>
                {upcoming.length > 0 && (
                    <Section title='plugnmeet.live.upcoming'>
                        {upcoming.map((planned) => (
                            <UpcomingRow
                                key={planned.room_id}
                                {...rows}
                                planned={planned}
                                getState={getState}
                                channelId={view.channelId}
                            />
                        ))}
                    </Section>
                )}
                <Section
                    title='plugnmeet.live.recordings'
                    empty='plugnmeet.live.no_recordings'
                >
                    {view.sheet.recordings.map((recording) => (
                        <RecordingRow
                            key={recording.record_id}
                            {...rows}
                            getState={getState}
                            recording={recording}
                            channelId={view.channelId}
                        />
                    ))}
                </Section>
            </>
        );
    }

    return (
        <div
            className='plugnmeet-live'
            data-testid='plugnmeet-live-panel'
            aria-busy={view.phase === 'loading'}
        >
            <div className='plugnmeet-live__toolbar'>
                <button
                    type='button'
                    className='plugnmeet-live__refresh'
                    onClick={load}
                >
                    {intl.formatMessage(msg('plugnmeet.live.refresh'))}
                </button>
            </div>
            {body}
        </div>
    );
}
