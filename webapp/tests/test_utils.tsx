// Helpers for component tests: render inside the providers Mattermost wraps plugins in.
import {render} from '@testing-library/react';
import React from 'react';
import {IntlProvider} from 'react-intl';
import {Provider} from 'react-redux';
import {createStore} from 'redux';

import type {Post} from '@mattermost/types/posts';

import type {Client} from '../src/client/client';
import {getTranslations} from '../src/i18n';

export function renderWithIntl(ui: React.ReactElement, {locale = 'en', state = {}, store = createStore(() => state)}: {locale?: string; state?: object; store?: ReturnType<typeof createStore>} = {}) {
    const wrap = (node: React.ReactElement) => (
        <Provider store={store}>
            <IntlProvider
                locale={locale}
                messages={getTranslations(locale)}
                onError={(error) => {
                    throw error;
                }}
            >
                {node}
            </IntlProvider>
        </Provider>
    );
    const result = render(wrap(ui));
    return {...result, rerender: (next: React.ReactElement) => result.rerender(wrap(next))};
}

export function makePost(overrides: Partial<Post> & {props?: Record<string, unknown>} = {}): Post {
    return {
        id: 'post1',
        create_at: 0,
        update_at: 0,
        edit_at: 0,
        delete_at: 0,
        is_pinned: false,
        user_id: 'bot1',
        channel_id: 'chan1',
        root_id: '',
        original_id: '',
        message: 'plugNmeet meeting',
        type: 'custom_plugnmeet' as Post['type'],
        props: {},
        hashtags: '',
        pending_post_id: '',
        reply_count: 0,
        metadata: {} as Post['metadata'],
        ...overrides,
    };
}

export type FakeClient = Client & {executeCommand: jest.Mock; doPostAction: jest.Mock; getUserByUsername: jest.Mock};

export function fakeClient(overrides: Partial<Client> = {}): FakeClient {
    return {
        executeCommand: jest.fn(async () => ({goto_location: 'https://meet.example.com/?access_token=t1'})),
        doPostAction: jest.fn(async () => ({status: 'OK'})),
        getUserByUsername: jest.fn(async () => ({id: 'bot1', username: 'plugnmeet', is_bot: true})),
        ...overrides,
    } as FakeClient;
}

/** A stand-in for the window window.open returns: records where it was sent. */
export function fakeWindow() {
    const win = {
        closed: false,
        opener: {} as unknown,
        location: {href: 'about:blank'},
        document: {title: '', body: {textContent: ''}},
        close: jest.fn(() => {
            win.closed = true;
        }),
    };
    return win;
}

export function deferred<T>() {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return {promise, resolve, reject};
}
