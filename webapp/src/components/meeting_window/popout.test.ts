import {asWindowMeeting, createMeetingWindowStore} from './meeting_window_store';
import type {WindowMeeting} from './meeting_window_store';
import {POPOUT_ASK, POPOUT_MEETING, connectPopoutHost, connectPopoutWindow, mattermostPopouts} from './popout';
import type {MattermostPopouts} from './popout';

import type {PopoutListeners} from '../../types/mattermost';

const meeting: WindowMeeting = {
    url: 'https://meet.example.com/?access_token=personal', roomId: 'room-1', topic: 'Sprint review',
    openedAt: 1_700_000_000_000, endOrigin: 'https://sidecar.example.com', frameRefused: false,
};

type OnOpened = (teamName: string, channelName: string, listeners: Partial<PopoutListeners>) => void;

/** Mattermost's side as popout_windows.ts and browser_popouts.ts behave: one listener per plugin, called per popout. */
function fakeMattermost({blocked = false, inPopout = false, canPopout = true as boolean | (() => boolean)} = {}) {
    let onOpened: OnOpened | null = null;
    const opened: Array<{args: string[]; sent: Array<[string, unknown[]]>; fromPopout: (channel: string) => void; close: () => void}> = [];
    const registry = {registerRHSPluginPopoutListener: jest.fn((_id: string, fn: OnOpened) => {
        onOpened = fn;
    })};
    const fromParent: Array<(channel: string, ...args: unknown[]) => void> = [];
    const toParent: string[] = [];
    const popouts: MattermostPopouts = {
        popoutRhsPlugin: jest.fn(async (...args: string[]) => {
            if (blocked) {
                onOpened?.(args[2], args[3], {});
                return {};
            }
            const popout = {args, sent: [] as Array<[string, unknown[]]>, fromPopout: (() => undefined) as (channel: string) => void, close: () => undefined as void};
            const listeners: PopoutListeners = {
                sendToPopout: (channel, ...rest) => popout.sent.push([channel, rest]),
                onMessageFromPopout: (listener) => {
                    popout.fromPopout = listener;
                },
                onClosePopout: (listener) => {
                    popout.close = listener;
                },
            };
            opened.push(popout);
            onOpened?.(args[2], args[3], listeners);
            return listeners;
        }),
        sendToParent: (channel) => {
            toParent.push(channel);
        },
        onMessageFromParent: (listener) => {
            fromParent.push(listener);
        },
        isPopoutWindow: () => inPopout,
        canPopout,
    };
    return {registry, popouts, opened, fromParent, toParent};
}

const place = () => ({teamName: 'engineering', channelName: 'town-square'});
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('asWindowMeeting', () => {
    it('takes exactly a window meeting with a safe link', () => {
        expect(asWindowMeeting(meeting)).toEqual(meeting);
        expect(asWindowMeeting({...meeting, endOrigin: ''})).toEqual({...meeting, endOrigin: ''});
    });

    it.each([
        ['a javascript: link', {...meeting, url: 'javascript:alert(1)'}],
        ['a link that is not already normal', {...meeting, url: 'https://meet.example.com'}],
        ['another key', {...meeting, extra: 1}],
        ['a missing key', {url: meeting.url, roomId: 'room-1', topic: '', openedAt: 1, endOrigin: ''}],
        ['a room id with a path', {...meeting, roomId: '../x'}],
        ['an end origin with a path', {...meeting, endOrigin: 'https://sidecar.example.com/end'}],
        ['a topic too long', {...meeting, topic: 'x'.repeat(201)}],
        ['a time that is no number', {...meeting, openedAt: 'now'}],
        ['frameRefused that is no boolean', {...meeting, frameRefused: 'no'}],
        ['an array', [meeting]],
        ['a string', 'https://meet.example.com/'],
        ['null', null],
    ])('refuses %s', (_what, value) => {
        expect(asWindowMeeting(value)).toBeNull();
    });
});

describe('mattermostPopouts', () => {
    it('is null unless every function Mattermost 11 exposes is there', () => {
        const {popouts} = fakeMattermost();
        expect(mattermostPopouts({WebappUtils: {popouts}})).toBe(popouts);
        expect(mattermostPopouts({WebappUtils: {popouts: {...popouts, popoutRhsPlugin: undefined}}})).toBeNull();
        expect(mattermostPopouts({WebappUtils: {}})).toBeNull();
        expect(mattermostPopouts({})).toBeNull();
        expect(mattermostPopouts(undefined)).toBeNull();
    });
});

describe('connectPopoutHost (the main window)', () => {
    it('offers nothing without the registry listener, the popouts, the ability to pop out, or inside a popout', () => {
        const windows = createMeetingWindowStore();
        const mm = fakeMattermost();
        expect(connectPopoutHost({pluginId: 'plugnmeet', registry: {}, windows, popouts: mm.popouts, place})).toBeNull();
        expect(connectPopoutHost({pluginId: 'plugnmeet', registry: mm.registry, windows, popouts: null, place})).toBeNull();
        expect(connectPopoutHost({pluginId: 'plugnmeet', registry: mm.registry, windows, popouts: fakeMattermost({canPopout: () => false}).popouts, place})).toBeNull();
        expect(connectPopoutHost({pluginId: 'plugnmeet', registry: mm.registry, windows, popouts: fakeMattermost({canPopout: false}).popouts, place})).toBeNull();
        expect(connectPopoutHost({pluginId: 'plugnmeet', registry: mm.registry, windows, popouts: fakeMattermost({inPopout: true}).popouts, place})).toBeNull();
    });

    it('opens the panel\'s popout, hands the meeting over when it asks, then closes the floating window', async () => {
        const windows = createMeetingWindowStore();
        const mm = fakeMattermost();
        const move = connectPopoutHost({pluginId: 'plugnmeet', registry: mm.registry, windows, popouts: mm.popouts, place})!;
        expect(mm.registry.registerRHSPluginPopoutListener).toHaveBeenCalledWith('plugnmeet', expect.any(Function));
        windows.open(meeting);
        move(windows.getSnapshot().meeting!);
        await flush();
        expect(mm.opened[0].args).toEqual(['plugNmeet - {serverName}', 'plugnmeet', 'engineering', 'town-square']);
        expect(windows.getSnapshot().meeting).not.toBeNull();

        mm.opened[0].fromPopout('something-else');
        expect(mm.opened[0].sent).toEqual([]);
        mm.opened[0].fromPopout(POPOUT_ASK);
        expect(mm.opened[0].sent).toEqual([[POPOUT_MEETING, [meeting]]]);
        expect(windows.getSnapshot().meeting).toBeNull();

        // Once only.
        mm.opened[0].fromPopout(POPOUT_ASK);
        expect(mm.opened[0].sent).toHaveLength(1);
    });

    it('gives nothing to a popout not opened for the meeting, nor after Leave, nor after the popout closed', async () => {
        const windows = createMeetingWindowStore();
        const mm = fakeMattermost();
        const move = connectPopoutHost({pluginId: 'plugnmeet', registry: mm.registry, windows, popouts: mm.popouts, place})!;
        windows.open(meeting);

        // The panel header's own popout.
        await mm.popouts.popoutRhsPlugin('t', 'plugnmeet', 'engineering', 'town-square');
        mm.opened[0].fromPopout(POPOUT_ASK);
        expect(mm.opened[0].sent).toEqual([]);

        move(meeting);
        await flush();
        windows.leave();
        mm.opened[1].fromPopout(POPOUT_ASK);
        expect(mm.opened[1].sent).toEqual([]);

        windows.open(meeting);
        move(meeting);
        await flush();
        mm.opened[2].close();
        mm.opened[2].fromPopout(POPOUT_ASK);
        expect(mm.opened[2].sent).toEqual([]);
        expect(windows.getSnapshot().meeting).toBe(meeting);
    });

    it('keeps the floating window when the popup was blocked, and does nothing without a team and channel', async () => {
        const windows = createMeetingWindowStore();
        const mm = fakeMattermost({blocked: true});
        const move = connectPopoutHost({pluginId: 'plugnmeet', registry: mm.registry, windows, popouts: mm.popouts, place})!;
        windows.open(meeting);
        move(meeting);
        await flush();
        expect(windows.getSnapshot().meeting).toBe(meeting);

        const nowhere = connectPopoutHost({pluginId: 'plugnmeet', registry: fakeMattermost().registry, windows, popouts: mm.popouts, place: () => null})!;
        nowhere(meeting);
        expect(mm.popouts.popoutRhsPlugin).toHaveBeenCalledTimes(1);
    });
});

describe('connectPopoutWindow (the popout)', () => {
    const path = '/_popout/rhs/engineering/town-square/plugin/plugnmeet';

    it('is only this plugin\'s panel popout: elsewhere it asks nothing', () => {
        const windows = createMeetingWindowStore();
        const close = jest.fn();
        const outside = fakeMattermost();
        expect(connectPopoutWindow({pluginId: 'plugnmeet', windows, popouts: outside.popouts, path, close})).toBe(false);
        const thread = fakeMattermost({inPopout: true});
        expect(connectPopoutWindow({pluginId: 'plugnmeet', windows, popouts: thread.popouts, path: '/_popout/thread/engineering/abc', close})).toBe(false);
        expect(connectPopoutWindow({pluginId: 'plugnmeet', windows, popouts: thread.popouts, path: '/_popout/rhs/engineering/town-square/plugin/other', close})).toBe(false);
        expect(thread.toParent).toEqual([]);
    });

    it('asks, shows the first meeting of the right shape, and closes the window when it is left', () => {
        const windows = createMeetingWindowStore();
        const close = jest.fn();
        const mm = fakeMattermost({inPopout: true});
        expect(connectPopoutWindow({pluginId: 'plugnmeet', windows, popouts: mm.popouts, path, close})).toBe(true);
        expect(mm.toParent).toEqual([POPOUT_ASK]);
        const [fromParent] = mm.fromParent;

        fromParent('another', meeting);
        fromParent(POPOUT_MEETING, {...meeting, url: 'javascript:alert(1)'});
        fromParent(POPOUT_MEETING, meeting, 'more');
        fromParent(POPOUT_MEETING);
        expect(windows.getSnapshot().meeting).toBeNull();

        fromParent(POPOUT_MEETING, meeting);
        expect(windows.getSnapshot().meeting).toEqual(meeting);
        fromParent(POPOUT_MEETING, {...meeting, roomId: 'room-2', url: 'https://meet.example.com/?access_token=other'});
        expect(windows.getSnapshot()).toMatchObject({meeting, waiting: null});
        expect(close).not.toHaveBeenCalled();

        windows.leave();
        expect(close).toHaveBeenCalledTimes(1);
    });
});
