import {act} from '@testing-library/react';
import React from 'react';

import {createMeetingStatus} from './actions/meeting_status';
import {SETTINGS_TAB_NAME, registerCalling, statusUserSettings} from './calling';
import {createBotIdentity} from './stores/bot_identity';
import {createLifecycle} from './stores/lifecycle';
import {createNoticeStore} from './stores/notice_store';
import type {PluginRegistry} from './types/mattermost';

import manifest from '../../plugin.json';
import {fakeClient, renderWithIntl} from '../tests/test_utils';

const state = {
    entities: {
        teams: {currentTeamId: 'team1'},
        channels: {currentChannelId: 'chan1', channels: {dm1: {id: 'dm1', type: 'D'}}},
        users: {currentUserId: 'me', profiles: {me: {id: 'me', locale: 'fr'}, bot1: {id: 'bot1', username: 'plugnmeet', is_bot: true}}, statuses: {}},
    },
};

function fullRegistry() {
    return {
        registerRootComponent: jest.fn(() => 'root'),
        registerWebSocketEventHandler: jest.fn(),
        unregisterWebSocketEventHandler: jest.fn(),
        registerReconnectHandler: jest.fn(),
        unregisterReconnectHandler: jest.fn(),
        registerUserSettings: jest.fn(),
        registerRightHandSidebarComponent: jest.fn(() => ({id: 'rhs1', showRHSPlugin: {type: 'show'}, hideRHSPlugin: 'hide', toggleRHSPlugin: 'toggle-thunk'})),
        registerAppBarComponent: jest.fn(() => 'appbar'),
        registerChannelHeaderMenuAction: jest.fn(() => 'menu'),
        registerSidebarChannelLinkLabelComponent: jest.fn(() => 'label'),
        registerPostDropdownMenuAction: jest.fn(() => 'post'),
        registerChannelIntroButtonAction: jest.fn(() => 'intro'),
    };
}

function setup(registry: Record<string, jest.Mock>, store = {getState: () => state, dispatch: jest.fn(), subscribe: jest.fn(() => () => undefined)}) {
    const lifecycle = createLifecycle();
    const client = fakeClient();
    const calling = registerCalling({
        pluginId: 'plugnmeet',
        registry: registry as unknown as PluginRegistry,
        store,
        lifecycle,
        client,
        identity: createBotIdentity({client, getState: () => state}),
        notices: createNoticeStore(),
        status: createMeetingStatus({pluginId: 'plugnmeet', client, getState: () => state, storage: null}),
        startMeeting: Object.assign(jest.fn(), {startIn: jest.fn()}),
        guarded: (node) => <>{node}</>,
    });
    return {calling, lifecycle, store};
}

describe('registerCalling', () => {
    afterEach(() => {
        document.getElementById('plugnmeet-calls-styles')?.remove();
    });

    it('listens to posted and post_edited, and on reconnect, until uninitialize', () => {
        jest.useFakeTimers();
        try {
            const registry = fullRegistry();
            const {calling, lifecycle} = setup(registry);
            expect(registry.registerWebSocketEventHandler.mock.calls.map(([event]) => event)).toEqual(['posted', 'post_edited']);
            const posted = (registry.registerWebSocketEventHandler.mock.calls[0] as unknown[])[1] as (m: unknown) => void;
            jest.spyOn(calling.ringing, 'ring');
            const card = {id: 'c1', channel_id: 'dm1', user_id: 'bot1', type: 'custom_plugnmeet', props: {plugnmeet_room_id: 'r1', meeting_status: 'live', meeting_creator_id: 'alice'}};
            posted({event: 'posted', data: {post: JSON.stringify(card)}});
            expect(calling.ringing.ring).toHaveBeenCalledTimes(1);
            expect(document.getElementById('plugnmeet-calls-styles')).not.toBeNull();

            const reconnect = (registry.registerReconnectHandler.mock.calls[0] as unknown[])[0] as () => void;
            reconnect();
            expect(jest.getTimerCount()).toBeGreaterThan(0);

            lifecycle.dispose();
            expect(registry.unregisterWebSocketEventHandler.mock.calls.map(([event]) => event).sort()).toEqual(['post_edited', 'posted']);
            expect(registry.unregisterReconnectHandler).toHaveBeenCalled();
            expect(document.getElementById('plugnmeet-calls-styles')).toBeNull();
            expect(jest.getTimerCount()).toBe(0);
            posted({event: 'posted', data: {post: JSON.stringify({...card, props: {...card.props, plugnmeet_room_id: 'r2'}})}});
            expect(calling.ringing.ring).toHaveBeenCalledTimes(1);
        } finally {
            jest.useRealTimers();
        }
    });

    it('offers the "In a meeting" setting in both shapes Mattermost has read, in the user\'s language', () => {
        const registry = fullRegistry();
        setup(registry);
        expect(registry.registerUserSettings).toHaveBeenCalledWith(statusUserSettings('fr', 'plugnmeet'));
        const settings = statusUserSettings('fr', 'plugnmeet');
        expect(settings).toMatchObject({id: 'plugnmeet', uiName: manifest.name, icon: expect.stringMatching(/^data:image\/svg\+xml/)});
        expect(SETTINGS_TAB_NAME).toBe(manifest.name);
        expect(settings.settings).toEqual([{
            type: 'radio', name: 'in_meeting_status', title: 'Statut «\u202fEn réunion\u202f»', helpText: expect.stringContaining('En réunion'),
            default: 'off', options: [{value: 'on', text: 'Activé'}, {value: 'off', text: 'Désactivé'}],
        }, {

            // Where meetings open (issue 26).
            type: 'radio', name: 'open_in', title: 'Où s’ouvrent les réunions', helpText: expect.stringContaining('navigateur'),
            default: 'default', options: [
                {value: 'default', text: 'Selon le réglage de votre administrateur système'},
                {value: 'mattermost', text: 'Dans Mattermost'},
                {value: 'browser', text: 'Dans un nouvel onglet du navigateur'},
            ],
        }]);
        expect(settings.sections).toEqual([
            {title: 'Statut «\u202fEn réunion\u202f»', settings: [{...settings.settings[0], title: ''}]},
            {title: 'Où s’ouvrent les réunions', settings: [{...settings.settings[1], title: ''}]},
        ]);
    });

    it('opens the live panel from its own App Bar icon and the channel header menu', () => {
        const registry = fullRegistry();
        const {store} = setup(registry);
        const [Panel, title] = registry.registerRightHandSidebarComponent.mock.calls[0] as unknown as [React.ComponentType, React.ReactElement];
        expect(typeof Panel).toBe('function');
        expect(React.isValidElement(title)).toBe(true);
        const [iconUrl, toggle] = registry.registerAppBarComponent.mock.calls[0] as unknown as [string, () => void];
        expect(iconUrl).toMatch(/^data:image\/svg\+xml/);
        toggle();
        expect(store.dispatch).toHaveBeenCalledWith('toggle-thunk');
        (registry.registerChannelHeaderMenuAction.mock.calls[0] as unknown as [unknown, () => void])[1]();
        expect(store.dispatch).toHaveBeenCalledTimes(2);
    });

    it('puts a badge beside channels with a live meeting', () => {
        const registry = fullRegistry();
        const {calling} = setup(registry);
        const Label = (registry.registerSidebarChannelLinkLabelComponent.mock.calls[0] as unknown[])[0] as React.ComponentType<{channel?: {id: string}}>;
        const {container, rerender} = renderWithIntl(<Label channel={{id: 'chan9'}}/>);
        expect(container).toBeEmptyDOMElement();
        act(() => calling.live.markLive('r9', 'chan9', 'team1'));
        rerender(<Label channel={{id: 'chan9'}}/>);
        expect(container.querySelector('[data-testid="plugnmeet-live-badge"]')).not.toBeNull();
    });

    it('adds "Start a meeting in this thread" to the post menu and a start button to the channel intro', () => {
        const registry = fullRegistry();
        setup(registry);
        const [text, action, filter] = registry.registerPostDropdownMenuAction.mock.calls[0] as unknown as [React.ReactElement, unknown, unknown];
        expect(React.isValidElement(text)).toBe(true);
        expect(typeof action).toBe('function');
        expect(typeof filter).toBe('function');
        const [icon, introAction, introText] = registry.registerChannelIntroButtonAction.mock.calls[0] as unknown as [React.ReactElement, unknown, React.ReactElement];
        expect(React.isValidElement(icon)).toBe(true);
        expect(typeof introAction).toBe('function');
        expect(React.isValidElement(introText)).toBe(true);
    });

    it('works with a registry that has none of the optional entries', () => {
        const registry = {registerRootComponent: jest.fn(() => 'root')};
        const {calling, lifecycle} = setup(registry, {getState: () => state} as never);
        expect(registry.registerRootComponent).toHaveBeenCalledTimes(1);
        const Root = (registry.registerRootComponent.mock.calls[0] as unknown[])[0] as React.ComponentType;
        expect(() => renderWithIntl(<Root/>)).not.toThrow();
        expect(calling.joined).toEqual(expect.any(Function));
        lifecycle.dispose();
    });
});
