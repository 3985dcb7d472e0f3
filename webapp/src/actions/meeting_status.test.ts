import {STATUS_SETTING, createMeetingStatus, statusCategory} from './meeting_status';

import {fakeClient} from '../../tests/test_utils';

const ME = 'me0000000000000000000000aa';
const STATUS_CATEGORY = statusCategory('plugnmeet');
const NOW = Date.UTC(2026, 10, 22, 11, 0);

function memoryStorage() {
    const items = new Map<string, string>();
    return {
        getItem: (k: string) => items.get(k) ?? null,
        setItem: (k: string, v: string) => items.set(k, v),
        removeItem: (k: string) => items.delete(k),
        items,
    };
}

function stateWith({optedIn = true, customStatus, locale = 'en'}: {optedIn?: boolean; customStatus?: unknown; locale?: string} = {}) {
    return {
        entities: {
            users: {currentUserId: ME, profiles: {[ME]: {id: ME, locale, props: customStatus ? {customStatus: JSON.stringify(customStatus)} : {}}}},
            preferences: {myPreferences: optedIn ? {[`${STATUS_CATEGORY}--${STATUS_SETTING}`]: {category: STATUS_CATEGORY, name: STATUS_SETTING, value: 'on'}} : {}},
        },
    };
}

function setup(initial = stateWith()) {
    let state: unknown = initial;
    const client = fakeClient({
        savePreferences: jest.fn(async () => ({status: 'OK'})),
        updateCustomStatus: jest.fn(async () => ({status: 'OK'})),
        unsetCustomStatus: jest.fn(async () => ({status: 'OK'})),
    });
    const dispatch = jest.fn();
    const storage = memoryStorage();
    const make = () => createMeetingStatus({pluginId: 'plugnmeet', client, getState: () => state, dispatch, now: () => NOW, storage});
    return {status: make(), make, client, dispatch, storage, setState: (s: unknown) => {
        state = s;
    }};
}

describe('"In a meeting" status', () => {
    it('is kept in the plugin\'s preference category, as Mattermost keeps plugin user settings', async () => {
        expect(STATUS_CATEGORY).toBe('pp_plugnmeet');
        expect(statusCategory('com.example.a-very-long-plugin-identifier')).toBe('pp_com.example.a-very-long-plugi');
        const {status, client, dispatch} = setup(stateWith({optedIn: false}));
        expect(status.isOptedIn()).toBe(false);
        await status.setOptedIn(true);
        const preference = {user_id: ME, category: 'pp_plugnmeet', name: 'in_meeting_status', value: 'on'};
        expect(client.savePreferences).toHaveBeenCalledWith(ME, [preference]);
        expect(dispatch).toHaveBeenCalledWith({type: 'RECEIVED_PREFERENCES', data: [preference]});
    });

    it('sets the status on a join, for the meeting\'s time limit or an hour, in the user\'s language', async () => {
        const {status, client, setState} = setup();
        await status.joined('room-1', 45);
        expect(client.updateCustomStatus).toHaveBeenCalledWith({
            emoji: 'video_camera', text: 'In a meeting', duration: 'date_and_time', expires_at: new Date(NOW + (45 * 60 * 1000)).toISOString(),
        });
        expect(status.pendingRoom()).toBe('room-1');

        setState(stateWith({locale: 'de'}));
        await status.joined('room-2');
        expect(client.updateCustomStatus).toHaveBeenLastCalledWith(expect.objectContaining({text: 'In einer Besprechung', expires_at: new Date(NOW + (60 * 60 * 1000)).toISOString()}));
        expect(status.pendingRoom()).toBe('room-2');
    });

    it('sets nothing for someone who has not opted in', async () => {
        const {status, client} = setup(stateWith({optedIn: false}));
        await status.joined('room-1', 30);
        expect(client.updateCustomStatus).not.toHaveBeenCalled();
        expect(status.pendingRoom()).toBeNull();
    });

    it('clears it when that meeting ends, only while it is still the one set here (a reload later too)', async () => {
        const {status, client, setState, make} = setup();
        await status.joined('room-1', 45);
        const set = (client.updateCustomStatus as jest.Mock).mock.calls[0][0];

        // What the server stored: Go writes the time without milliseconds.
        setState(stateWith({customStatus: {...set, expires_at: set.expires_at.replace('.000Z', 'Z')}}));
        await status.ended('room-2');
        expect(client.unsetCustomStatus).not.toHaveBeenCalled();

        // Another tab (or this one after a reload) sees the end.
        await make().ended('room-1');
        expect(client.unsetCustomStatus).toHaveBeenCalledTimes(1);
        expect(status.pendingRoom()).toBeNull();
        await status.ended('room-1');
        expect(client.unsetCustomStatus).toHaveBeenCalledTimes(1);
    });

    it('leaves a status the user changed in the meantime', async () => {
        const {status, client, setState} = setup();
        await status.joined('room-1', 45);
        setState(stateWith({customStatus: {emoji: 'coffee', text: 'On a break', duration: 'one_hour', expires_at: '2026-11-22T12:00:00Z'}}));
        await status.ended('room-1');
        expect(client.unsetCustomStatus).not.toHaveBeenCalled();
        expect(status.pendingRoom()).toBeNull();
    });

    it('refuses to save the choice without a user or a client that can', async () => {
        const noUser = createMeetingStatus({pluginId: 'plugnmeet', client: fakeClient({savePreferences: jest.fn()}), getState: () => ({}), storage: null});
        await expect(noUser.setOptedIn(true)).rejects.toThrow();
    });
});
