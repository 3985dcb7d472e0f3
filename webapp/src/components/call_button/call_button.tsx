// The channel-header call button (registerCallButtonAction). Mattermost renders `button` as
// is when it is the only call provider, and `dropdownButton` as a menu item when Calls, Zoom
// or others are registered too (components/call_button/call_button.tsx); the click itself is
// handled by Mattermost's wrapper, which calls the registered action. This plugin registers three
// entries (start, start with options, schedule), so Mattermost always shows its menu.
import React from 'react';
import {FormattedMessage} from 'react-intl';

import {msg} from '../../i18n';
import {CalendarIcon, CameraIcon} from '../icons/icons';

export function CallButton() {
    return (
        <button
            type='button'
            className='style--none call-button plugnmeet-call-button'
            data-testid='plugnmeet-call-button'
        >
            <CameraIcon size={16}/>
            <span className='call-button-label'>
                <FormattedMessage {...msg('plugnmeet.call_button.label')}/>
            </span>
        </button>
    );
}

export function CallDropdownItem() {
    return (
        <span
            className='plugnmeet-call-button'
            data-testid='plugnmeet-call-dropdown-item'
        >
            <CameraIcon size={16}/>
            <FormattedMessage {...msg('plugnmeet.header.start')}/>
        </span>
    );
}

/** The menu's second entry: the options dialog. */
export function CallOptionsItem() {
    return (
        <span
            className='plugnmeet-call-button'
            data-testid='plugnmeet-call-options-item'
        >
            <CameraIcon size={16}/>
            <FormattedMessage {...msg('plugnmeet.options.menu_item')}/>
        </span>
    );
}

/** The menu's third entry: the same dialog, in Schedule mode. */
export function CallScheduleItem() {
    return (
        <span
            className='plugnmeet-call-button'
            data-testid='plugnmeet-call-schedule-item'
        >
            <CalendarIcon size={16}/>
            <FormattedMessage {...msg('plugnmeet.dialog.schedule_menu_item')}/>
        </span>
    );
}
