// The custom_plugnmeet_recording post: a recording in the meeting's thread, with a
// Download button that asks the sidecar for a personal, channel-checked download link.
import {QUIET_FLAG} from '@plugnmeet/contracts';
import React from 'react';
import {useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import type {WindowOptions} from '../../actions/open_command';
import type {Client} from '../../client/client';
import {useOpenCommand} from '../../hooks/use_open_command';
import {msg} from '../../i18n';
import {getCurrentTimeZone} from '../../selectors/schedule';
import type {PostTypeProps} from '../../types/mattermost';
import {describeRecording} from '../../utils/format';
import {commandArgs, hasPostAction, readRecording} from '../../utils/post_props';
import {CardAction, CardFrame} from '../card_frame/card_frame';
import {DownloadIcon, RecordingIcon} from '../icons/icons';

export type RecordingCardProps = PostTypeProps & {
    client: Client;
    getTeamId: () => string;
    windowOptions?: WindowOptions;
    now?: () => number;
};

export default function RecordingCard(props: RecordingCardProps) {
    const {post, theme, compactDisplay, isRHS, client, getTeamId, windowOptions, now = Date.now} = props;
    const intl = useIntl();
    const recording = readRecording(post);
    const command = useOpenCommand(client, windowOptions);
    const zone = useSelector(getCurrentTimeZone);
    const shown = describeRecording(intl, recording, zone, now());
    const missingReason = recording.recordId ? '' : intl.formatMessage(msg('plugnmeet.recording.missing_reason'));

    // In a read-only channel the command is refused; the card's own Download button action
    // (needs only read access) makes the sidecar post the link for this user alone.
    const postId = typeof post?.id === 'string' ? post.id : '';
    const fallback = postId && hasPostAction(post, 'download') ? () => client.doPostAction(postId, 'download') : undefined;
    const download = () => command.run(`/plugnmeet recordings ${recording.recordId} ${QUIET_FLAG}`, commandArgs(post, getTeamId()), fallback);

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
                <h4 className='plugnmeet-card__title'>{shown.title}</h4>
            </div>
            {shown.details && <p className='plugnmeet-card__meta'>{shown.details}</p>}
            {shown.id && <p className='plugnmeet-card__meta plugnmeet-card__id'>{shown.id}</p>}
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
