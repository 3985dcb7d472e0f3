// The open path's "window or tab" (issue 26): decided before the request, so a meeting inside
// Mattermost opens no placeholder tab; only starts and joins; the window gets the answer's props.
import {runCommandInNewWindow} from './open_command';
import {meetingWindowFor, setMeetingWindowHost} from './open_in';
import type {MeetingWindowHost} from './open_in';

import {fakeClient, fakeWindow} from '../../tests/test_utils';
import {createOpenInStore} from '../stores/open_in_store';

const args = {channel_id: 'c1', team_id: 't1', root_id: ''};

function host(inside: boolean): MeetingWindowHost & {open: jest.Mock} {
    return {opensInside: jest.fn(() => inside), open: jest.fn()};
}

describe('runCommandInNewWindow with the meeting window', () => {
    it('opens no tab at all and hands the link and props to the window', async () => {
        const openWindow = jest.fn(() => fakeWindow() as unknown as Window);
        const props = {plugnmeet_room_id: 'r1', open_in: 'mattermost'};
        const client = fakeClient({executeCommand: jest.fn(async () => ({goto_location: 'https://meet.example.com/?access_token=t', props}))});
        const win = host(true);
        const outcome = await runCommandInNewWindow(client, '/plugnmeet join r1', args, {openWindow, desktop: false, meetingWindow: win});
        expect(openWindow).not.toHaveBeenCalled();
        expect(win.open).toHaveBeenCalledWith('https://meet.example.com/?access_token=t', props);
        expect(outcome).toEqual({kind: 'opened', url: 'https://meet.example.com/?access_token=t'});
    });

    it('a tab as before when the window says no, and for downloads always', async () => {
        for (const [command, inside] of [['/plugnmeet start', false], ['/plugnmeet recordings REC_1', true]] as const) {
            const tab = fakeWindow();
            const client = fakeClient({executeCommand: jest.fn(async () => ({goto_location: 'https://meet.example.com/x'}))});
            const win = host(inside);
            await runCommandInNewWindow(client, command, args, {openWindow: () => tab as unknown as Window, desktop: false, meetingWindow: win});
            expect(tab.location.href).toBe('https://meet.example.com/x');
            expect(win.open).not.toHaveBeenCalled();
        }
    });

    it('uses the registered window unless told otherwise, and forgets it when taken away', () => {
        const win = host(true);
        const remove = setMeetingWindowHost(win);
        expect(meetingWindowFor('/plugnmeet join r', false)).toBe(win);
        expect(meetingWindowFor('/plugnmeet join r', false, null)).toBeNull();
        remove();
        expect(meetingWindowFor('/plugnmeet join r', false)).toBeNull();
    });
});

describe('where meetings open', () => {
    const storage = () => {
        const items = new Map<string, string>();
        return {getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => {
            items.set(k, v);
        }};
    };
    const withChoice = (value: string) => () => ({entities: {preferences: {myPreferences: {'pp_plugnmeet--open_in': {value}}}}});

    it('the person\'s choice over the admin\'s learned default; the Desktop app only with desktop_embed', () => {
        const kept = storage();
        const store = createOpenInStore({pluginId: 'plugnmeet', getState: withChoice('default'), storage: kept, now: () => 1000});
        expect(store.opensInside(false)).toBe(false);
        expect(store.isStale()).toBe(true);
        store.learn({open_in: 'mattermost', desktop_embed: false, meeting_end_origin: 'https://sidecar.example.com'});
        expect(store.opensInside(false)).toBe(true);
        expect(store.opensInside(true)).toBe(false);
        expect(store.endOrigin()).toBe('https://sidecar.example.com');

        // Remembered by the next page.
        const next = createOpenInStore({pluginId: 'plugnmeet', getState: withChoice('browser'), storage: kept, now: () => 2000});
        expect(next.isStale()).toBe(false);
        expect(next.opensInside(false)).toBe(false);
        next.learn({open_in: 'browser', desktop_embed: true});
        expect(createOpenInStore({pluginId: 'plugnmeet', getState: withChoice('mattermost'), storage: kept}).opensInside(true)).toBe(true);
    });

    it('learns nothing from answers without a valid open_in, and keeps no end origin that is not one', () => {
        const store = createOpenInStore({pluginId: 'plugnmeet', getState: () => ({}), storage: storage()});
        store.learn({open_in: 'tab'});
        store.learn(null);
        expect(store.isStale()).toBe(true);
        store.learn({open_in: 'mattermost', meeting_end_origin: 'https://sidecar.example.com/path'});
        expect(store.endOrigin()).toBe('');
        expect(store.opensInside(false)).toBe(true);
    });
});
