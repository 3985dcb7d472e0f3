// The right-hand sidebar's "Live meetings": the team's live meetings the user can read, each with
// Join, and this channel's latest recordings, each with Download; all from `/plugnmeet live`
// (its answer's props, contracts/src/calls.ts), asked when the panel opens, every 30 s while it is
// open, and again on a switch of team or channel. Mattermost mounts the component only while the
// panel is open (components/rhs_plugin), so its timer and store subscription live as long as that.
import type {LiveMeeting, LiveRecording, LiveSheet, LiveUpcoming} from '@plugnmeet/contracts';
import React, {useCallback, useLayoutEffect, useRef, useState} from 'react';
import {useIntl} from 'react-intl';

import type {Problem, WindowOptions} from '../../actions/open_command';
import {describeError} from '../../actions/open_command';
import type {Client} from '../../client/client';
import {IssueLine, useOpenCommand} from '../../hooks/use_open_command';
import {msg} from '../../i18n';
import {getCurrentTimeZone} from '../../selectors/schedule';
import {getChannelInfo, getCurrentChannelId, getCurrentTeamId} from '../../selectors/state';
import type {Lifecycle} from '../../stores/lifecycle';
import type {LiveStore} from '../../stores/live_store';
import {formatScheduled, formatSize, formatWhen, REPEATS} from '../../utils/format';
import {readLiveSheet} from '../../utils/live_sheet';
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
    | {phase: 'ready'; sheet: LiveSheet; teamId: string; channelId: string};

function MeetingRow({meeting, client, getState, teamId, windowOptions, now}: {meeting: LiveMeeting; teamId: string; now: number} & Pick<LivePanelProps, 'client' | 'getState' | 'windowOptions'>) {
    const intl = useIntl();
    const command = useOpenCommand(client, windowOptions);
    const channel = getChannelInfo(getState(), meeting.channel_id);
    const direct = channel?.type === 'D' || channel?.type === 'G';
    const where = channel?.displayName || (direct || !channel ? intl.formatMessage(msg('plugnmeet.live.direct_message')) : channel.name);
    const details = [
        meeting.started_at ? intl.formatMessage(msg('plugnmeet.live.since'), {time: formatWhen(intl, meeting.started_at, now)}) : '',
        intl.formatMessage(msg('plugnmeet.card.participants'), {count: meeting.participants}),
    ].filter(Boolean).join(' · ');
    return (
        <li
            className='plugnmeet-live__item'
            data-room-id={meeting.room_id}
        >
            <div className='plugnmeet-live__icon'><CameraIcon size={18}/></div>
            <div className='plugnmeet-live__main'>
                <div className='plugnmeet-live__topic'>{meeting.topic || intl.formatMessage(msg('plugnmeet.card.default_topic'))}</div>
                <div className='plugnmeet-live__where'>{where}</div>
                <div className='plugnmeet-live__meta'>{details}</div>
                {meeting.creator_display_name && (
                    <div className='plugnmeet-live__meta'>{intl.formatMessage(msg('plugnmeet.card.started_by'), {name: meeting.creator_display_name})}</div>
                )}
                <IssueLine
                    issue={command.issue}
                    onLinkClick={command.clearIssue}
                />
            </div>
            <button
                type='button'
                className='plugnmeet-live__button'
                disabled={command.pending}
                aria-busy={command.pending}
                onClick={() => command.run(`/plugnmeet join ${meeting.room_id}`, {channel_id: meeting.channel_id, team_id: teamId, root_id: ''})}
            >
                {intl.formatMessage(msg(command.pending ? 'plugnmeet.card.joining' : 'plugnmeet.call.join'))}
            </button>
        </li>
    );
}

/** A meeting scheduled in this channel: when, on the reader's clocks, and Join (the first starts it early). */
function UpcomingRow({planned, client, getState, teamId, channelId, windowOptions, now}: {planned: LiveUpcoming; teamId: string; channelId: string; now: number} & Pick<LivePanelProps, 'client' | 'getState' | 'windowOptions'>) {
    const intl = useIntl();
    const command = useOpenCommand(client, windowOptions);
    const when = formatScheduled(intl, planned.scheduled_at, getCurrentTimeZone(getState()), now);
    const details = [`${when.date} · ${when.time}`, planned.recurrence ? intl.formatMessage(msg(REPEATS[planned.recurrence])) : ''].filter(Boolean).join(' · ');
    return (
        <li
            className='plugnmeet-live__item'
            data-upcoming-room-id={planned.room_id}
        >
            <div className='plugnmeet-live__icon'><CameraIcon size={18}/></div>
            <div className='plugnmeet-live__main'>
                <div className='plugnmeet-live__topic'>{planned.topic || intl.formatMessage(msg('plugnmeet.card.default_topic'))}</div>
                <div className='plugnmeet-live__meta'>{details}</div>
                <IssueLine
                    issue={command.issue}
                    onLinkClick={command.clearIssue}
                />
            </div>
            <button
                type='button'
                className='plugnmeet-live__button plugnmeet-live__button--secondary'
                disabled={command.pending}
                aria-busy={command.pending}
                onClick={() => command.run(`/plugnmeet join ${planned.room_id}`, {channel_id: channelId, team_id: teamId, root_id: ''})}
            >
                {intl.formatMessage(msg(command.pending ? 'plugnmeet.card.joining' : 'plugnmeet.call.join'))}
            </button>
        </li>
    );
}

function RecordingRow({recording, client, teamId, channelId, windowOptions, now}: {recording: LiveRecording; teamId: string; channelId: string; now: number} & Pick<LivePanelProps, 'client' | 'windowOptions'>) {
    const intl = useIntl();
    const command = useOpenCommand(client, windowOptions);
    const details = [
        recording.created_at ? formatWhen(intl, recording.created_at, now) : '',
        recording.size_mb ? formatSize(intl, recording.size_mb) : '',
    ].filter(Boolean).join(' · ');
    return (
        <li
            className='plugnmeet-live__item'
            data-record-id={recording.record_id}
        >
            <div className='plugnmeet-live__icon plugnmeet-live__icon--recording'><RecordingIcon size={18}/></div>
            <div className='plugnmeet-live__main'>
                <div className='plugnmeet-live__topic'>{intl.formatMessage(msg('plugnmeet.recording.title'))}</div>
                <div className='plugnmeet-live__meta'>{details}</div>
                <IssueLine
                    issue={command.issue}
                    onLinkClick={command.clearIssue}
                />
            </div>
            <button
                type='button'
                className='plugnmeet-live__button plugnmeet-live__button--secondary'
                disabled={command.pending}
                aria-busy={command.pending}
                onClick={() => command.run(`/plugnmeet recordings ${recording.record_id}`, {channel_id: channelId, team_id: teamId, root_id: ''})}
            >
                {intl.formatMessage(msg(command.pending ? 'plugnmeet.recording.preparing' : 'plugnmeet.recording.download'))}
            </button>
        </li>
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

        // Keep showing the last list while a refresh of the same place is on its way.
        setView((current) => (current.phase === 'ready' && current.teamId === teamId && current.channelId === channelId ? current : {phase: 'loading'}));
        client.executeCommand('/plugnmeet live', {channel_id: channelId, team_id: teamId, root_id: ''}).then((response) => {
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
        body = (
            <>
                <h4 className='plugnmeet-live__heading'>{intl.formatMessage(msg('plugnmeet.live.now'))}</h4>
                {view.sheet.meetings.length === 0 ? (
                    <p className='plugnmeet-live__empty'>{intl.formatMessage(msg('plugnmeet.live.none'))}</p>
                ) : (
                    <ul
                        className='plugnmeet-live__list'
                        aria-label={intl.formatMessage(msg('plugnmeet.live.now'))}
                    >
                        {view.sheet.meetings.map((meeting) => (
                            <MeetingRow
                                key={meeting.room_id}
                                meeting={meeting}
                                client={client}
                                getState={getState}
                                teamId={view.teamId}
                                windowOptions={windowOptions}
                                now={clock}
                            />
                        ))}
                    </ul>
                )}
                {(view.sheet.upcoming ?? []).length > 0 && (
                    <>
                        <h4 className='plugnmeet-live__heading'>{intl.formatMessage(msg('plugnmeet.live.upcoming'))}</h4>
                        <ul
                            className='plugnmeet-live__list'
                            aria-label={intl.formatMessage(msg('plugnmeet.live.upcoming'))}
                        >
                            {(view.sheet.upcoming ?? []).map((planned) => (
                                <UpcomingRow
                                    key={planned.room_id}
                                    planned={planned}
                                    client={client}
                                    getState={getState}
                                    teamId={view.teamId}
                                    channelId={view.channelId}
                                    windowOptions={windowOptions}
                                    now={clock}
                                />
                            ))}
                        </ul>
                    </>
                )}
                <h4 className='plugnmeet-live__heading'>{intl.formatMessage(msg('plugnmeet.live.recordings'))}</h4>
                {view.sheet.recordings.length === 0 ? (
                    <p className='plugnmeet-live__empty'>{intl.formatMessage(msg('plugnmeet.live.no_recordings'))}</p>
                ) : (
                    <ul
                        className='plugnmeet-live__list'
                        aria-label={intl.formatMessage(msg('plugnmeet.live.recordings'))}
                    >
                        {view.sheet.recordings.map((recording) => (
                            <RecordingRow
                                key={recording.record_id}
                                recording={recording}
                                client={client}
                                teamId={view.teamId}
                                channelId={view.channelId}
                                windowOptions={windowOptions}
                                now={clock}
                            />
                        ))}
                    </ul>
                )}
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
