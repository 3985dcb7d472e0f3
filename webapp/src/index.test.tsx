import {fireEvent, screen, waitFor} from '@testing-library/react';
import {readFileSync} from 'fs';
import {join} from 'path';
import React from 'react';

import type {PluginRegistry, PostTypeProps} from './types/mattermost';
import {makePost, renderWithIntl} from './test_utils';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'plugin.json'), 'utf8'));

function fakeRegistry(withAppBar = true) {
    const registry = {
        registerChannelHeaderButtonAction: jest.fn(() => 'header'),
        registerAppBarComponent: jest.fn(() => 'appbar'),
        registerPostTypeComponent: jest.fn(() => 'post'),
        registerRootComponent: jest.fn(() => 'root'),
        registerTranslations: jest.fn(),
    };
    if (!withAppBar) {
        delete (registry as Partial<typeof registry>).registerAppBarComponent;
    }
    return registry;
}

type Registration = [string, {initialize(r: PluginRegistry, s: {getState(): unknown}): void}];
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
        general: {config: {SiteURL: 'https://chat.example.com/'}},
        teams: {currentTeamId: 'team1'},
    },
};

describe('plugin registration', () => {
    it('registers under the id from plugin.json', () => {
        const [id] = loadPlugin();
        expect(id).toBe(manifest.id);
    });

    it('registers the header button, App Bar icon, both post types, a root component and translations', () => {
        const [, plugin] = loadPlugin();
        const registry = fakeRegistry();
        plugin.initialize(registry as unknown as PluginRegistry, {getState: () => state});

        expect(registry.registerChannelHeaderButtonAction).toHaveBeenCalledTimes(1);
        const [icon, action, dropdownText, tooltip] = registry.registerChannelHeaderButtonAction.mock.calls[0] as unknown as unknown[];
        expect(React.isValidElement(icon)).toBe(true);
        expect(typeof action).toBe('function');
        expect(React.isValidElement(dropdownText)).toBe(true);
        expect(React.isValidElement(tooltip)).toBe(true);

        expect(registry.registerAppBarComponent).toHaveBeenCalledTimes(1);
        const [iconUrl, appBarAction] = registry.registerAppBarComponent.mock.calls[0] as unknown as unknown[];
        expect(iconUrl).toMatch(/^data:image\/svg\+xml/);
        expect(appBarAction).toBe(action);

        const postTypes = (registry.registerPostTypeComponent.mock.calls as unknown as Array<[string, unknown]>).map(([type]) => type);
        expect(postTypes).toEqual(['custom_plugnmeet', 'custom_plugnmeet_recording']);
        expect(registry.registerRootComponent).toHaveBeenCalledTimes(1);

        const getTranslations = (registry.registerTranslations.mock.calls[0] as unknown as [(locale: string) => Record<string, string>])[0];
        expect(getTranslations('de')['plugnmeet.card.join']).toBe('Beitreten');
        expect(getTranslations('fr')['plugnmeet.card.join']).toBe('Rejoindre');
        expect(getTranslations('es')['plugnmeet.card.join']).toBe('Unirse');
        expect(getTranslations('en')['plugnmeet.card.join']).toBe('Join meeting');
    });

    it('works on servers without the App Bar API', () => {
        const [, plugin] = loadPlugin();
        const registry = fakeRegistry(false);
        expect(() => plugin.initialize(registry as unknown as PluginRegistry, {getState: () => state})).not.toThrow();
        expect(registry.registerChannelHeaderButtonAction).toHaveBeenCalledTimes(1);
    });

    it('wires the registered card to Mattermost: SiteURL from the store, current team, real fetch', async () => {
        const [, plugin] = loadPlugin();
        const registry = fakeRegistry();
        plugin.initialize(registry as unknown as PluginRegistry, {getState: () => state});
        const Card = (registry.registerPostTypeComponent.mock.calls[0] as unknown as [string, React.ComponentType<PostTypeProps>])[1];

        const fetchMock = jest.fn(async () => ({ok: true, status: 200, statusText: 'OK', text: async () => JSON.stringify({goto_location: 'https://meet.example.com/?access_token=z'})}));
        const win = {opener: {}, closed: false, location: {href: ''}, document: {title: '', body: {textContent: ''}}, close: jest.fn()};
        const originalFetch = global.fetch;
        global.fetch = fetchMock as unknown as typeof fetch;
        jest.spyOn(window, 'open').mockImplementation(() => win as unknown as Window);
        try {
            const post = makePost({id: 'card7', channel_id: 'chan7', props: {plugnmeet_room_id: 'r7', meeting_status: 'live'}});
            renderWithIntl(<Card post={post}/>);
            fireEvent.click(screen.getByRole('button', {name: 'Join meeting'}));
            expect(window.open).toHaveBeenCalledWith('', '_blank');
            await waitFor(() => expect(win.location.href).toBe('https://meet.example.com/?access_token=z'));
            const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
            expect(url).toBe('https://chat.example.com/api/v4/commands/execute');
            expect(JSON.parse(init.body as string)).toEqual({command: '/plugnmeet join r7', channel_id: 'chan7', team_id: 'team1', root_id: 'card7'});
        } finally {
            global.fetch = originalFetch;
        }
    });
});
