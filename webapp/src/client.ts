// A small typed wrapper over fetch for the two Mattermost endpoints the plugin calls.
// It sends what Client4 sends (session cookie, X-Requested-With, the CSRF token from the
// MMCSRF cookie) without pulling @mattermost/client's large Client4 into the bundle.
import type {CommandArgs, CommandResponse} from '@mattermost/types/integrations';
import type {PostActionResponse} from '@mattermost/types/integration_actions';

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
    doPostAction(postId: string, actionId: string): Promise<Partial<PostActionResponse>>;
};

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

/** getBaseUrl is read on every call, so a SiteURL that arrives later in the store is honoured. */
export function createClient(getBaseUrl: () => string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Client {
    async function post<T>(path: string, body: unknown): Promise<Partial<T>> {
        const headers: Record<string, string> = {
            Accept: 'application/json',
            'Content-Type': 'application/json',
            'X-Requested-With': 'XMLHttpRequest',
        };
        const csrf = readCsrfToken();
        if (csrf) {
            headers['X-CSRF-Token'] = csrf;
        }

        let response: Response;
        try {
            response = await fetchImpl(getBaseUrl() + path, {
                method: 'POST',
                credentials: 'include',
                headers,
                body: JSON.stringify(body),
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
        executeCommand: (command, args) => post<CommandResponse>('/api/v4/commands/execute', {command, ...args}),
        doPostAction: (postId, actionId) => post<PostActionResponse>(
            `/api/v4/posts/${encodeURIComponent(postId)}/actions/${encodeURIComponent(actionId)}`,
            {selected_option: '', cookie: ''},
        ),
    };
}
