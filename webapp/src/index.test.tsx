import {readFileSync} from 'fs';
import {join} from 'path';

import {fireEvent, screen, waitFor} from '@testing-library/react';
import React from 'react';

import type {PluginRegistry, PostTypeProps} from './types/mattermost';

import {makePost, renderWithIntl} from '../tests/test_utils';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'plugin.json'), 'utf8'));

function fakeRegistry({callButton = true, appBar = true} = {}) {
    const registry: Record<string, jest.Mock> = {
        registerCallButtonAction: jest.fn(() => 'call'),
        registerChannelHeaderButtonAction: jest.fn(() => 'header'),
        registerAppBarComponent: jest.fn(() => 'appbar'),
        registerSlashCommandWillBePostedHook: jest.fn(() => 'hook'),
        registerPostTypeComponent: jest.fn(() => 'post'),
        registerRootComponent: jest.fn(() => 'root'),
        registerTranslations: jest.fn(),
    };
    if (!callButton) {
        delete registry.registerCallButtonAction;
    }
    if (!appBar) {
        delete registry.registerAppBarComponent;
    }
    return registry;
}

type Registration = [string, {initialize(r: PluginRegistry, s: {getState(): unknown}): void; uninitialize(): void}];
let registration: Registration;
let registerCount = 0;

// Loaded once, like Mattermost does, and with the same React as the test renderer.
beforeAll(() => {
    window.registerPlugin = (...args: unknown[]) => {
        registerCount++;
        registration = args as Registration;
    };
    require('./index');
});

function loadPlugin() {
    expect(registerCount).toBe(1);
    return registration;
}

const state = {
    entities: {
        teams: {currentTeamId: 'team1'},
        users: {profiles: {bot1: {id: 'bot1', username: 'plugnmeet', is_bot: true}}},
    },
};

function initialize(options?: Parameters<typeof fakeRegistry>[0]) {
    const [, plugin] = loadPlugin();
    const registry = fakeRegistry(options);
    plugin.initialize(registry as unknown as PluginRegistry, {getState: () => state});
    return {plugin, registry};
}

afterEach(() => {
    loadPlugin()[1].uninitialize();
});

describe('plugin registration', () => {
    it('registers under the id from plugin.json', () => {
        const [id] = loadPlugin();
        expect(id).toBe(manifest.id);
    });

    it('registers one call button entry, the command hook, both post types, the root components and translations', () => {
        const {registry} = initialize();

        // One entry, so Mattermost shows its button and the first click starts (call_button.tsx).
        expect(registry.registerCallButtonAction).toHaveBeenCalledTimes(1);
        const [button, dropdownButton, action] = registry.registerCallButtonAction.mock.calls[0] as unknown[];
        expect(React.isValidElement(button)).toBe(true);
        expect(React.isValidElement(dropdownButton)).toBe(true);
        expect(typeof action).toBe('function');
        expect(registry.registerChannelHeaderButtonAction).not.toHaveBeenCalled();

        // The App Bar's one icon is the live panel's (calling.tsx, only with a right-hand sidebar).
        expect(registry.registerAppBarComponent).not.toHaveBeenCalled();
        expect(registry.registerSlashCommandWillBePostedHook).toHaveBeenCalledTimes(1);

        const postTypes = (registry.registerPostTypeComponent.mock.calls as Array<[string, unknown]>).map(([type]) => type);
        expect(postTypes).toEqual(['custom_plugnmeet', 'custom_plugnmeet_recording', 'custom_plugnmeet_recap']);

        // The notices, the options dialog and the meeting window.
        // (And the incoming call: calling.test.tsx.)
        expect(registry.registerRootComponent).toHaveBeenCalledTimes(4);

        const getTranslations = (registry.registerTranslations.mock.calls[0] as [(locale: string) => Record<string, string>])[0];
        expect(getTranslations('de')['plugnmeet.card.join']).toBe('Beitreten');
        expect(getTranslations('fr')['plugnmeet.card.join']).toBe('Rejoindre');
        expect(getTranslations('es')['plugnmeet.card.join']).toBe('Unirse');
        expect(getTranslations('en')['plugnmeet.card.join']).toBe('Join meeting');
    });

    it('falls back to the header button where there is no call button API, and works without the App Bar', () => {
        const {registry} = initialize({callButton: false, appBar: false});
        expect(registry.registerChannelHeaderButtonAction).toHaveBeenCalledTimes(1);
        const [icon, action, dropdownText, tooltip] = registry.registerChannelHeaderButtonAction.mock.calls[0] as unknown[];
        expect(React.isValidElement(icon)).toBe(true);
        expect(typeof action).toBe('function');
        expect(React.isValidElement(dropdownText)).toBe(true);
        expect(React.isValidElement(tooltip)).toBe(true);
    });

    it('adds its stylesheet on initialize and takes it away on uninitialize', () => {
        const {plugin} = initialize();
        expect(document.querySelectorAll('#plugnmeet-styles')).toHaveLength(1);
        plugin.uninitialize();
        expect(document.getElementById('plugnmeet-styles')).toBeNull();
    });

    it('wires the registered card to Mattermost: API at the page origin, current team, real fetch', async () => {
        const {registry} = initialize();
        const Card = (registry.registerPostTypeComponent.mock.calls[0] as [string, React.ComponentType<PostTypeProps>])[1];

        const fetchMock = jest.fn(async () => ({ok: true, status: 200, statusText: 'OK', text: async () => JSON.stringify({goto_location: 'https://meet.example.com/?access_token=z'})}));
        const win = {opener: {}, closed: false, location: {href: ''}, document: {title: '', body: {textContent: ''}}, close: jest.fn()};
        const originalFetch = global.fetch;
        global.fetch = fetchMock as unknown as typeof fetch;
        jest.spyOn(window, 'open').mockImplementation(() => win as unknown as Window);
        try {
            const post = makePost({id: 'card7', user_id: 'bot1', channel_id: 'chan7', props: {plugnmeet_room_id: 'r7', meeting_status: 'live'}});
            renderWithIntl(<Card post={post}/>);
            fireEvent.click(screen.getByRole('button', {name: 'Join meeting'}));
            expect(window.open).toHaveBeenCalledWith('', '_blank');
            await waitFor(() => expect(win.location.href).toBe('https://meet.example.com/?access_token=z'));
            const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
            expect(url).toBe(`${window.location.origin}/api/v4/commands/execute`);
            expect(JSON.parse(init.body as string)).toEqual({command: '/plugnmeet join r7', channel_id: 'chan7', team_id: 'team1', root_id: 'card7'});
        } finally {
            global.fetch = originalFetch;
        }
    });

    it('renders a custom_plugnmeet post by anyone but the bot as its plain message, with no buttons', () => {
        const {registry} = initialize();
        const Card = (registry.registerPostTypeComponent.mock.calls[0] as [string, React.ComponentType<PostTypeProps>])[1];
        const post = makePost({user_id: 'mallory', message: 'totally a meeting', props: {plugnmeet_room_id: 'r7', meeting_status: 'live'}});
        renderWithIntl(<Card post={post}/>);
        expect(screen.getByTestId('plugnmeet-plain-post')).toHaveTextContent('totally a meeting');
        expect(screen.queryByRole('button')).not.toBeInTheDocument();
        expect(screen.queryByTestId('plugnmeet-meeting-card')).not.toBeInTheDocument();
    });
});
