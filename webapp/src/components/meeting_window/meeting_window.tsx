// The meeting inside Mattermost (issue 26): a root component, so it stays across channel and team
// switches and post-list re-renders. The meeting runs in an iframe allowed camera, microphone,
// screen sharing, fullscreen, autoplay and the clipboard; it floats (moved by its title bar),
// minimizes to a bar with the topic and the time in the meeting, maximizes, moves to a new tab
// (the same personal link), moves to its own Mattermost window where Mattermost 11 offers the
// popout (popout.ts), and closes on Leave. Docked, it fills that popout's panel instead of floating. When the meeting ends, plugNmeet's client goes to
// its logout_url, the sidecar's end page, which posts one message to Mattermost's origin: the
// window believes it only from its own frame, from the end page's origin, in the exact shape.
import {isMeetingEndedMessage} from '@plugnmeet/contracts';
import React, {useCallback, useEffect, useRef, useState} from 'react';
import {useIntl} from 'react-intl';

import {themeColours, themedUrl} from './custom_design';
import type {MeetingWindowStore, WindowMeeting} from './meeting_window_store';

import {useExternalStore} from '../../hooks/use_external_store';
import {msg} from '../../i18n';
import type {Theme} from '../../types/mattermost';

/** What the frame may use: the meeting needs these (plugNmeet-client; see docs/admin.md). */
export const FRAME_ALLOW = 'camera; microphone; display-capture; fullscreen; autoplay; clipboard-write';

/** How much of the floating window stays on screen when it is dragged to an edge. */
const KEEP_VISIBLE_PX = 48;

function elapsed(ms: number): string {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Re-renders every second while `on`. */
function useClock(on: boolean): number {
    const [now, setNow] = useState(() => Date.now());
    useEffect(() => {
        if (!on) {
            return undefined;
        }
        setNow(Date.now());
        const timer = window.setInterval(() => setNow(Date.now()), 1000);
        return () => window.clearInterval(timer);
    }, [on]);
    return now;
}

export type MeetingWindowProps = {
    store: MeetingWindowStore;
    theme?: Theme;

    // Opens the personal link in a tab (the Desktop app: the system browser); tests pass their own.
    openTab?: (url: string) => void;

    // Moves the meeting to its own Mattermost window; absent where that is not offered.
    onPopout?: (meeting: WindowMeeting) => void;

    // In the popout's panel: fills it; no minimize, maximize, move or popout.
    docked?: boolean;
};

function defaultOpenTab(url: string): void {
    const win = window.open(url, '_blank');
    if (win) {
        win.opener = null;
    }
}

export default function MeetingWindow({store, theme, openTab = defaultOpenTab, onPopout, docked = false}: MeetingWindowProps) {
    const intl = useIntl();
    const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store]);
    const getSnapshot = useCallback(() => store.getSnapshot(), [store]);
    const snapshot = useExternalStore(subscribe, getSnapshot);
    const {meeting, waiting, position} = snapshot;
    const view = docked ? 'docked' : snapshot.view;
    const frame = useRef<HTMLIFrameElement | null>(null);
    const now = useClock(Boolean(meeting));

    // The frame's link, themed once per meeting: a theme change must not reload the call.
    const [src, setSrc] = useState('');
    useEffect(() => {
        setSrc(meeting ? themedUrl(meeting.url, themeColours(theme)) : '');
    }, [meeting]); // eslint-disable-line react-hooks/exhaustive-deps

    useEffect(() => {
        if (!meeting) {
            return undefined;
        }
        const onMessage = (event: MessageEvent) => {
            const ours = frame.current?.contentWindow;
            if (!ours || event.source !== ours || !meeting.endOrigin || event.origin !== meeting.endOrigin || !isMeetingEndedMessage(event.data)) {
                return;
            }
            store.leave();
        };
        window.addEventListener('message', onMessage);
        return () => window.removeEventListener('message', onMessage);
    }, [meeting, store]);

    // Dragging by the title bar: pointer capture keeps the moves even over the frame.
    const drag = useRef<{dx: number; dy: number} | null>(null);
    const box = useRef<HTMLDivElement | null>(null);
    const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
        if (view !== 'floating' || event.button !== 0 || (event.target as HTMLElement).closest('button')) {
            return;
        }
        const rect = box.current?.getBoundingClientRect();
        if (!rect) {
            return;
        }
        drag.current = {dx: event.clientX - rect.left, dy: event.clientY - rect.top};
        event.currentTarget.setPointerCapture?.(event.pointerId);
    };
    const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
        if (!drag.current) {
            return;
        }
        const width = box.current?.offsetWidth ?? 0;
        const x = Math.min(Math.max(event.clientX - drag.current.dx, KEEP_VISIBLE_PX - width), window.innerWidth - KEEP_VISIBLE_PX);
        const y = Math.min(Math.max(event.clientY - drag.current.dy, 0), window.innerHeight - KEEP_VISIBLE_PX);
        store.moveTo(x, y);
    };
    const onPointerUp = () => {
        drag.current = null;
    };

    if (!meeting) {
        return null;
    }
    const topic = meeting.topic || intl.formatMessage(msg('plugnmeet.window.untitled'));

    // The same personal link, in a tab opened within this click; the window closes.
    const openInTab = () => {
        openTab(meeting.url);
        store.leave();
    };
    const time = elapsed(now - meeting.openedAt);
    const button = (label: string, onClick: () => void, className: string, testId: string) => (
        <button
            type='button'
            className={`plugnmeet-window__button ${className}`}
            aria-label={label}
            title={label}
            data-testid={testId}
            onClick={onClick}
        >
            <span aria-hidden='true'/>
        </button>
    );
    const style = view === 'floating' && position ? {left: position.x, top: position.y, right: 'auto', bottom: 'auto'} : undefined;

    return (
        <div
            ref={box}
            className={`plugnmeet-window plugnmeet-window--${view}`}
            role='region'
            aria-label={intl.formatMessage(msg('plugnmeet.window.label'))}
            data-testid='plugnmeet-meeting-window'
            style={style}
        >
            <div
                className='plugnmeet-window__bar'
                title={view === 'floating' ? intl.formatMessage(msg('plugnmeet.window.move')) : undefined}
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={onPointerUp}
            >
                <span
                    className='plugnmeet-window__live'
                    aria-hidden='true'
                />
                <span className='plugnmeet-window__topic'>{topic}</span>
                <span
                    className='plugnmeet-window__time'
                    data-testid='plugnmeet-window-time'
                >
                    {time}
                </span>
                <span className='plugnmeet-window__buttons'>
                    {!docked && (view === 'minimized' ? button(intl.formatMessage(msg('plugnmeet.window.restore')), () => store.setView('floating'), 'plugnmeet-window__button--restore', 'plugnmeet-window-restore') : button(intl.formatMessage(msg('plugnmeet.window.minimize')), () => store.setView('minimized'), 'plugnmeet-window__button--minimize', 'plugnmeet-window-minimize'))}
                    {!docked && (view === 'maximized' ? button(intl.formatMessage(msg('plugnmeet.window.restore')), () => store.setView('floating'), 'plugnmeet-window__button--unmaximize', 'plugnmeet-window-unmaximize') : button(intl.formatMessage(msg('plugnmeet.window.maximize')), () => store.setView('maximized'), 'plugnmeet-window__button--maximize', 'plugnmeet-window-maximize'))}
                    {onPopout && !docked && !meeting.frameRefused && button(intl.formatMessage(msg('plugnmeet.window.own_window')), () => onPopout(meeting), 'plugnmeet-window__button--popout', 'plugnmeet-window-popout')}
                    {button(intl.formatMessage(msg('plugnmeet.window.new_tab')), openInTab, 'plugnmeet-window__button--tab', 'plugnmeet-window-new-tab')}
                    <button
                        type='button'
                        className='plugnmeet-window__leave'
                        data-testid='plugnmeet-window-leave'
                        onClick={() => store.leave()}
                    >
                        {intl.formatMessage(msg('plugnmeet.window.leave'))}
                    </button>
                </span>
            </div>
            {waiting && (
                <div
                    className='plugnmeet-window__question'
                    role='alertdialog'
                    aria-label={intl.formatMessage(msg('plugnmeet.window.switch_yes'))}
                >
                    <p>{intl.formatMessage(msg('plugnmeet.window.switch_question'), {current: topic, next: waiting.topic || intl.formatMessage(msg('plugnmeet.window.untitled'))})}</p>
                    <div className='plugnmeet-window__question-buttons'>
                        <button
                            type='button'
                            className='plugnmeet-window__primary'
                            onClick={() => store.switchToWaiting()}
                        >
                            {intl.formatMessage(msg('plugnmeet.window.switch_yes'))}
                        </button>
                        <button
                            type='button'
                            className='plugnmeet-window__secondary'
                            onClick={() => store.keepCurrent()}
                        >
                            {intl.formatMessage(msg('plugnmeet.window.switch_no'))}
                        </button>
                    </div>
                </div>
            )}
            <div className='plugnmeet-window__body'>
                {meeting.frameRefused && (
                    <div
                        className='plugnmeet-window__refused'
                        role='status'
                    >
                        <p>{intl.formatMessage(msg('plugnmeet.window.not_shown'))}</p>
                        <button
                            type='button'
                            className='plugnmeet-window__primary'
                            onClick={openInTab}
                        >
                            {intl.formatMessage(msg('plugnmeet.window.new_tab'))}
                        </button>
                    </div>
                )}
                {src && !meeting.frameRefused && (
                    <iframe
                        key={meeting.url}
                        ref={frame}
                        className='plugnmeet-window__frame'
                        src={src}
                        allow={FRAME_ALLOW}
                        title={intl.formatMessage(msg('plugnmeet.window.frame_title'), {topic})}
                        referrerPolicy='no-referrer'
                    />
                )}
            </div>
        </div>
    );
}
