// The custom_plugnmeet_recording post: a recording in the meeting's thread, with a
// Download button that asks the sidecar for a personal, channel-checked download link.
import React from 'react';
import {useIntl} from 'react-intl';

import type {Client} from '../../client';
import {formatSize, formatWhen} from '../../format';
import {IssueLine, useOpenCommand} from '../../hooks/use_open_command';
import {msg} from '../../i18n';
import type {OpenWindow} from '../../open_command';
import {readRecording, text, threadRootId} from '../../post_props';
import {usePluginStyles} from '../../styles';
import {themeVariables} from '../../theme';
import type {PostTypeProps} from '../../types/mattermost';
import {DownloadIcon, RecordingIcon} from '../icons/icons';

export type RecordingCardProps = PostTypeProps & {
    client: Client;
    getTeamId: () => string;
    openWindow?: OpenWindow;
    now?: () => number;
};

export default function RecordingCard(props: RecordingCardProps) {
    const {post, theme, compactDisplay, isRHS, client, getTeamId, openWindow, now = Date.now} = props;
    usePluginStyles();
    const intl = useIntl();
    const recording = readRecording(post);
    const {pending, issue, run, clearIssue} = useOpenCommand(client, openWindow);

    const meta = [
        recording.sizeMb === undefined ? '' : formatSize(intl, recording.sizeMb),
        recording.createdAt === undefined ? '' : formatWhen(intl, recording.createdAt, now()),
    ].filter(Boolean).join(' · ');
    const missingReason = recording.recordId ? '' : intl.formatMessage(msg('plugnmeet.recording.missing_reason'));

    const download = () => {
        run(`/plugnmeet recordings ${recording.recordId}`, {
            channel_id: text(post?.channel_id),
            team_id: getTeamId(),
            root_id: threadRootId(post),
        });
    };

    const classes = ['plugnmeet-card', 'plugnmeet-card--recording'];
    if (compactDisplay) {
        classes.push('plugnmeet-card--compact');
    }
    if (isRHS) {
        classes.push('plugnmeet-card--rhs');
    }

    return (
        <div
            className={classes.join(' ')}
            style={themeVariables(theme)}
            data-testid='plugnmeet-recording-card'
        >
            <div className='plugnmeet-card__icon'>
                <RecordingIcon size={22}/>
            </div>
            <div className='plugnmeet-card__body'>
                <div className='plugnmeet-card__head'>
                    <h4 className='plugnmeet-card__title'>{intl.formatMessage(msg('plugnmeet.recording.title'))}</h4>
                </div>
                {meta && <p className='plugnmeet-card__meta'>{meta}</p>}
                <div className='plugnmeet-card__actions'>
                    <button
                        type='button'
                        className='plugnmeet-button'
                        onClick={download}
                        disabled={Boolean(missingReason) || pending}
                        aria-busy={pending}
                        title={missingReason || undefined}
                    >
                        <DownloadIcon/>
                        {intl.formatMessage(msg(pending ? 'plugnmeet.recording.preparing' : 'plugnmeet.recording.download'))}
                    </button>
                    {missingReason && <span className='plugnmeet-card__hint'>{missingReason}</span>}
                    <IssueLine
                        issue={issue}
                        onLinkClick={clearIssue}
                    />
                </div>
            </div>
        </div>
    );
}
