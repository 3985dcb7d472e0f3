// The channel-header call button (registerCallButtonAction), one entry for the whole plugin.
// Mattermost 9.11-11 (components/call_button/call_button.tsx) renders a single provider's `button`
// inside a div whose click (and touchend) runs the registered action, and with several providers
// (Calls, Zoom...) a menu whose items show each `dropdownButton` and run its action on click. Every
// entry counts, so registering start, options and schedule separately always made that menu: two
// clicks to start. Here the button is a split button: the camera starts in one click, its arrow
// opens the plugin's own menu (options, schedule). In the shared menu the item starts, and its two
// small icons pick options or scheduling.
//
// Mattermost hands the channel to the registered action only, so a click on "options" or "schedule"
// does not run anything itself: it names the choice (CallChoice) and lets the click go on to
// Mattermost's wrapper, which calls the action; the action runs what was chosen, or the start.
// That way Mattermost's own menu closes as for any item, and the action gets Mattermost's channel.
import React, {useEffect, useRef, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {msg} from '../../i18n';
import type {MessageId} from '../../i18n';
import type {ChannelAction} from '../../types/mattermost';
import {CalendarIcon, CameraIcon, ChevronDownIcon, OptionsIcon} from '../icons/icons';

export type CallChoiceName = 'options' | 'schedule';

export type CallChoice = {

    /** Called in the click's own handler, before Mattermost's wrapper runs the action. */
    choose(choice: CallChoiceName): void;

    /** The registered action: the chosen entry, or the start when nothing was chosen in this click. */
    action: ChannelAction;
};

export function createCallChoice(run: {start: ChannelAction; options: ChannelAction; schedule: ChannelAction}): CallChoice {
    let chosen: CallChoiceName | null = null;
    return {
        choose(choice) {
            chosen = choice;

            // Only for this click: React runs every handler of one event before any microtask, so a
            // choice the action never took (a host that did not call it) cannot leak into the next click.
            queueMicrotask(() => {
                chosen = null;
            });
        },
        action(channel, member) {
            const choice = chosen;
            chosen = null;
            run[choice ?? 'start'](channel, member);
        },
    };
}

// What the arrow's menu and the shared menu item's icons offer.
const MENU: ReadonlyArray<[CallChoiceName, MessageId, typeof OptionsIcon]> = [
    ['options', 'plugnmeet.options.menu_item', OptionsIcon],
    ['schedule', 'plugnmeet.dialog.schedule_menu_item', CalendarIcon],
];

// Mattermost's wrapper also starts on touchend; the menu's parts leave that to the click that follows.
const keepTouchHere = (event: React.TouchEvent) => event.stopPropagation();

type EntryProps = {choice: CallChoice};

/** The button Mattermost shows when plugNmeet is the only call provider. */
export function CallButton({choice}: EntryProps) {
    const intl = useIntl();
    const [open, setOpen] = useState(false);
    const root = useRef<HTMLSpanElement>(null);
    const more = useRef<HTMLButtonElement>(null);

    useEffect(() => {
        if (!open) {
            return undefined;
        }
        const closeOutside = (event: Event) => {
            if (!root.current?.contains(event.target as Node)) {
                setOpen(false);
            }
        };
        const closeOnEscape = (event: KeyboardEvent) => {
            if (event.key === 'Escape') {
                setOpen(false);
                more.current?.focus();
            }
        };
        document.addEventListener('mousedown', closeOutside, true);
        document.addEventListener('touchstart', closeOutside, true);
        document.addEventListener('keydown', closeOnEscape, true);
        return () => {
            document.removeEventListener('mousedown', closeOutside, true);
            document.removeEventListener('touchstart', closeOutside, true);
            document.removeEventListener('keydown', closeOnEscape, true);
        };
    }, [open]);

    const pick = (name: CallChoiceName) => () => {
        choice.choose(name);
        setOpen(false);
    };

    return (
        <span
            ref={root}
            className='plugnmeet-split'
        >
            <button
                type='button'
                className='style--none call-button plugnmeet-call-button'
                data-testid='plugnmeet-call-button'
                title={intl.formatMessage(msg('plugnmeet.header.start'))}
            >
                <CameraIcon size={16}/>
                <span className='call-button-label'>
                    <FormattedMessage {...msg('plugnmeet.call_button.label')}/>
                </span>
            </button>
            <button
                ref={more}
                type='button'
                className='style--none call-button plugnmeet-split__more'
                data-testid='plugnmeet-call-more'
                aria-label={intl.formatMessage(msg('plugnmeet.call_button.more'))}
                title={intl.formatMessage(msg('plugnmeet.call_button.more'))}
                aria-haspopup='menu'
                aria-expanded={open}
                onClick={(event) => {
                    // Only this menu opens: the start stays with the camera.
                    event.stopPropagation();
                    setOpen(!open);
                }}
                onTouchEnd={keepTouchHere}
            >
                <ChevronDownIcon/>
            </button>
            {open && (
                <ul
                    role='menu'
                    className='plugnmeet-split__menu'
                    data-testid='plugnmeet-call-menu'
                >
                    {MENU.map(([name, label, Icon]) => (
                        <li
                            key={name}
                            role='none'
                        >
                            <button
                                type='button'
                                role='menuitem'
                                className='plugnmeet-split__item'
                                data-testid={`plugnmeet-call-${name}-item`}
                                onClick={pick(name)}
                                onTouchEnd={keepTouchHere}
                            >
                                <Icon/>
                                <FormattedMessage {...msg(label)}/>
                            </button>
                        </li>
                    ))}
                </ul>
            )}
        </span>
    );
}

/** The item in the menu Mattermost shows when other call providers are there too. */
export function CallDropdownItem({choice}: EntryProps) {
    const intl = useIntl();
    return (
        <span
            className='plugnmeet-call-button plugnmeet-call-item'
            data-testid='plugnmeet-call-dropdown-item'
        >
            <CameraIcon size={16}/>
            <span className='plugnmeet-call-item__label'>
                <FormattedMessage {...msg('plugnmeet.header.start')}/>
            </span>
            {MENU.map(([name, label, Icon]) => (
                <button
                    key={name}
                    type='button'
                    className='plugnmeet-call-item__side'
                    data-testid={`plugnmeet-call-${name}-item`}
                    aria-label={intl.formatMessage(msg(label))}
                    title={intl.formatMessage(msg(label))}
                    onClick={() => choice.choose(name)}
                >
                    <Icon/>
                </button>
            ))}
        </span>
    );
}
