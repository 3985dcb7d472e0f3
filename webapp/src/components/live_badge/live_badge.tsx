// A small camera beside a channel's name in the sidebar while this tab knows a meeting is live
// there (stores/live_store.ts). Mattermost renders it through its SidebarChannelLinkLabel pluggable
// with the channel as a prop (components/sidebar/sidebar_channel/sidebar_channel_link).
import React from 'react';
import {useIntl} from 'react-intl';

import type {Channel} from '@mattermost/types/channels';

import {useExternalStore} from '../../hooks/use_external_store';
import {msg} from '../../i18n';
import type {LiveStore} from '../../stores/live_store';
import {CameraIcon} from '../icons/icons';

export default function LiveBadge({live, channel}: {live: LiveStore; channel?: Partial<Channel>}) {
    const intl = useIntl();
    useExternalStore(live.subscribe, live.version);
    const channelId = typeof channel?.id === 'string' ? channel.id : '';
    if (!channelId || !live.isLive(channelId)) {
        return null;
    }
    const label = intl.formatMessage(msg('plugnmeet.live.badge'));
    return (
        <span
            className='plugnmeet-live-badge'
            title={label}
            aria-label={label}
            role='img'
            data-testid='plugnmeet-live-badge'
        >
            <CameraIcon size={14}/>
        </span>
    );
}
