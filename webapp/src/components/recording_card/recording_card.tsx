// The custom_plugnmeet_recording post: a recording in the meeting's thread, with a
// Download button that asks the sidecar for a personal, channel-checked download link.
import React from 'react';
import {useIntl} from 'react-intl';

import type {Client} from '../../client';
import {formatSize, formatWhen} from '../../format';
import {useOpenCommand} from '../../hooks/use_open_command';
import {msg} from '../../i18n';
import type {OpenWindow} from '../../open_command';
import {commandArgs, readRecording} from '../../post_props';
import {usePluginStyles} from '../../styles';
import type {PostTypeProps} from '../../types/mattermost';
import {CardAction, CardFrame} from '../card_frame/card_frame';
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
    const command = useOpenCommand(client, openWindow);

    const meta = [
        recording.sizeMb === undefined ? '' : formatSize(intl, recording.sizeMb),
        recording.createdAt === undefined ? '' : formatWhen(intl, recording.createdAt, now()),
    ].filter(Boolean).join(' · ');
    const missingReason = recording.recordId ? '' : intl.formatMessage(msg('plugnmeet.recording.missing_reason'));

    const download = () => command.run(`/plugnmeet recordings ${recording.recordId}`, commandArgs(post, getTeamId()));

    return (
        <CardFrame
            modifier='recording'
            testId='plugnmeet-recording-card'
            icon={<RecordingIcon size={22}/>}
            theme={theme}
            compactDisplay={compactDisplay}
            isRHS={isRHS}
        >
            <div className='plugnmeet-card__head'>
                <h4 className='plugnmeet-card__title'>{intl.formatMessage(msg('plugnmeet.recording.title'))}</h4>
            </div>
            {meta && <p className='plugnmeet-card__meta'>{meta}</p>}
            <CardAction
                command={command}
                onClick={download}
                disabledReason={missingReason}
            >
                <DownloadIcon/>
                {intl.formatMessage(msg(command.pending ? 'plugnmeet.recording.preparing' : 'plugnmeet.recording.download'))}
            </CardAction>
        </CardFrame>
    );
}
