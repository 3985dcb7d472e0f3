// "Start with options…" and "Schedule a meeting…" (the call-button menu) and the App Bar icon: open
// the options dialog, in Start or Schedule mode, for the channel, and the thread, a plain start would use.
import type {Channel} from '@mattermost/types/channels';

import {resolveStartTarget, showNoChannel} from './start_meeting';

import type {NoticeStore} from '../stores/notice_store';
import type {DialogMode, OptionsDialogStore} from '../stores/options_dialog_store';
import type {ChannelAction} from '../types/mattermost';

export type OpenOptionsDeps = {
    getState: () => unknown;
    notices: NoticeStore;
    dialog: OptionsDialogStore;
    mode?: DialogMode;
};

export function createOpenOptions({getState, notices, dialog, mode = 'start'}: OpenOptionsDeps): ChannelAction {
    return (channel?: Channel | null) => {
        const target = resolveStartTarget(getState(), channel);
        if (target) {
            dialog.open(target, '', mode);
        } else {
            showNoChannel(notices);
        }
    };
}
