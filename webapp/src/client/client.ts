// A small typed wrapper over fetch for the few Mattermost endpoints the plugin calls.
// It sends what Client4 sends (session cookie, X-Requested-With, the CSRF token from the
// MMCSRF cookie) without pulling @mattermost/client's large Client4 into the bundle.
import type {ButtonAction} from '@plugnmeet/contracts';

import type {PostActionResponse} from '@mattermost/types/integration_actions';
import type {CommandArgs, CommandResponse} from '@mattermost/types/integrations';
import type {PreferenceType} from '@mattermost/types/preferences';
import type {UserProfile} from '@mattermost/types/users';

/** A failed call: HTTP status (0 when the request never got an answer) and Mattermost's error id. */
export class ClientError extends Error {
    readonly status: number;
    readonly serverErrorId: string;

    constructor(message: string, status: number, serverErrorId = '') {
        super(message);
        this.name = 'ClientError';
        this.status = status;
        this.serverErrorId = serverErrorId;
    }
}

export type Client = {
    executeCommand(command: string, args: CommandArgs): Promise<Partial<CommandResponse>>;
    doPostAction(postId: string, actionId: ButtonAction): Promise<Partial<PostActionResponse>>;
    getUserByUsername(username: string): Promise<Partial<UserProfile>>;

    // Client4.savePreferences: PUT /users/{user_id}/preferences with the list (api4/preference.go).
    savePreferences?(userId: string, preferences: PreferenceType[]): Promise<unknown>;

    // Client4.updateCustomStatus / unsetCustomStatus: the session user's own custom status (api4/status.go).
    updateCustomStatus?(status: UserCustomStatus): Promise<unknown>;
    unsetCustomStatus?(): Promise<unknown>;
};

/** What PUT /users/me/status/custom takes (model/custom_status.go; expires_at as RFC 3339). */
export type UserCustomStatus = {emoji: string; text: string; duration: string; expires_at: string};

export function readCsrfToken(cookies: string = typeof document === 'undefined' ? '' : document.cookie): string {
    for (const part of cookies.split(';')) {
        const [name, ...value] = part.trim().split('=');
        if (name === 'MMCSRF') {
            return decodeURIComponent(value.join('='));
        }
    }
    return '';
}

async function readBody(response: Response): Promise<unknown> {
    const text = await response.text();
    if (!text) {
        return null;
    }
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

function errorFrom(response: Response, body: unknown): ClientError {
    const fields = (body && typeof body === 'object' ? body : {}) as {message?: unknown; id?: unknown};
    const message = typeof fields.message === 'string' && fields.message ? fields.message : `HTTP ${response.status} ${response.statusText}`.trim();
    return new ClientError(message, response.status, typeof fields.id === 'string' ? fields.id : '');
}

/** getBaseUrl is read on every call (a sub-path can be set after the plugin loads). */
export function createClient(getBaseUrl: () => string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Client {
    async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Partial<T>> {
        const headers: Record<string, string> = {
            Accept: 'application/json',
            'X-Requested-With': 'XMLHttpRequest',
        };
        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
        }
        const csrf = readCsrfToken();
        if (csrf) {
            headers['X-CSRF-Token'] = csrf;
        }

        let response: Response;
        try {
            response = await fetchImpl(getBaseUrl() + path, {
                method,
                credentials: 'include',
                headers,
                body: body === undefined ? undefined : JSON.stringify(body),
            });
        } catch (error) {
            throw new ClientError(error instanceof Error ? error.message : String(error), 0, 'network');
        }

        const data = await readBody(response);
        if (!response.ok) {
            throw errorFrom(response, data);
        }
        return (data && typeof data === 'object' ? data : {}) as Partial<T>;
    }

    return {
        executeCommand: (command, args) => request<CommandResponse>('POST', '/api/v4/commands/execute', {command, ...args}),
        doPostAction: (postId, actionId) => request<PostActionResponse>(
            'POST',
            `/api/v4/posts/${encodeURIComponent(postId)}/actions/${encodeURIComponent(actionId)}`,
            {selected_option: '', cookie: ''},
        ),
        getUserByUsername: (username) => request<UserProfile>('GET', `/api/v4/users/username/${encodeURIComponent(username)}`),
        savePreferences: (userId, preferences) => request('PUT', `/api/v4/users/${encodeURIComponent(userId)}/preferences`, preferences),
        updateCustomStatus: (status) => request('PUT', '/api/v4/users/me/status/custom', status),
        unsetCustomStatus: () => request('DELETE', '/api/v4/users/me/status/custom'),
    };
}
