// Plugin entry point: Mattermost loads dist/main.js, which registers this plugin by id.
import React from 'react';
import {FormattedMessage} from 'react-intl';

import manifest from '../../plugin.json';

import appBarIcon from '../../assets/icon.svg';

import {createClient} from './client';
import {CameraIcon} from './components/icons/icons';
import MeetingCard from './components/meeting_card/meeting_card';
import Notices from './components/notices/notices';
import RecordingCard from './components/recording_card/recording_card';
import {getTranslations, msg} from './i18n';
import {createNoticeStore} from './notices';
import {createStartMeeting} from './start_meeting';
import {getCurrentTeamId, getSiteUrl} from './state';
import {ensureStyles} from './styles';
import type {PluginRegistry, PostTypeProps, StoreLike} from './types/mattermost';

export const MEETING_POST_TYPE = 'custom_plugnmeet';
export const RECORDING_POST_TYPE = 'custom_plugnmeet_recording';

export default class Plugin {
    initialize(registry: PluginRegistry, store: StoreLike) {
        ensureStyles();
        const getState = () => store.getState();
        const client = createClient(() => getSiteUrl(getState()));
        const getTeamId = () => getCurrentTeamId(getState());
        const notices = createNoticeStore();
        const startMeeting = createStartMeeting({client, getState, notices});
        const label = <FormattedMessage {...msg('plugnmeet.header.start')}/>;

        registry.registerChannelHeaderButtonAction(<CameraIcon/>, startMeeting, label, label);

        // When present, Mattermost hides the header button in favour of this App Bar icon.
        if (typeof registry.registerAppBarComponent === 'function') {
            registry.registerAppBarComponent(appBarIcon, startMeeting, label);
        }

        const PlugnmeetMeetingPost = (props: PostTypeProps) => (
            <MeetingCard
                {...props}
                client={client}
                getTeamId={getTeamId}
            />
        );
        const PlugnmeetRecordingPost = (props: PostTypeProps) => (
            <RecordingCard
                {...props}
                client={client}
                getTeamId={getTeamId}
            />
        );
        const PlugnmeetNotices = () => <Notices store={notices}/>;

        registry.registerPostTypeComponent(MEETING_POST_TYPE, PlugnmeetMeetingPost);
        registry.registerPostTypeComponent(RECORDING_POST_TYPE, PlugnmeetRecordingPost);
        registry.registerRootComponent(PlugnmeetNotices);
        registry.registerTranslations(getTranslations);
    }
}

window.registerPlugin(manifest.id, new Plugin());
