import {ClientError, createClient, readCsrfToken} from './client';

// jsdom has no fetch Response; the client only needs these members.
function fakeResponse(status: number, body: string, statusText = '') {
    return {ok: status >= 200 && status < 300, status, statusText, text: async () => body} as Response;
}

function jsonResponse(status: number, body: unknown) {
    return fakeResponse(status, JSON.stringify(body));
}

describe('client', () => {
    afterEach(() => {
        document.cookie = 'MMCSRF=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    });

    it('posts the command like Client4 does: cookies, X-Requested-With, CSRF token, JSON body', async () => {
        document.cookie = 'MMCSRF=csrf-123';
        const fetchImpl = jest.fn(async () => jsonResponse(200, {response_type: 'ephemeral', text: '', goto_location: 'https://m/'}));
        const client = createClient(() => 'https://chat.example.com/mm', fetchImpl as unknown as typeof fetch);

        const result = await client.executeCommand('/plugnmeet start', {channel_id: 'c1', team_id: 't1', root_id: 'r1'});

        expect(result.goto_location).toBe('https://m/');
        const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
        expect(url).toBe('https://chat.example.com/mm/api/v4/commands/execute');
        expect(init.method).toBe('POST');
        expect(init.credentials).toBe('include');
        expect(init.headers).toMatchObject({'X-Requested-With': 'XMLHttpRequest', 'X-CSRF-Token': 'csrf-123', 'Content-Type': 'application/json'});
        expect(JSON.parse(init.body as string)).toEqual({command: '/plugnmeet start', channel_id: 'c1', team_id: 't1', root_id: 'r1'});
    });

    it('sends a button action with an empty option and cookie', async () => {
        const fetchImpl = jest.fn(async () => jsonResponse(200, {status: 'OK'}));
        const client = createClient(() => '', fetchImpl as unknown as typeof fetch);
        await expect(client.doPostAction('p/1', 'refresh')).resolves.toEqual({status: 'OK'});
        const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
        expect(url).toBe('/api/v4/posts/p%2F1/actions/refresh');
        expect(JSON.parse(init.body as string)).toEqual({selected_option: '', cookie: ''});
        expect(init.headers).not.toHaveProperty('X-CSRF-Token');
    });

    it('turns an AppError into a ClientError with status and id', async () => {
        const fetchImpl = jest.fn(async () => jsonResponse(404, {
            id: 'api.command.execute_command.not_found.app_error',
            message: "Command with a trigger of 'plugnmeet' not found.",
            status_code: 404,
        }));
        const client = createClient(() => '', fetchImpl as unknown as typeof fetch);
        const error = await client.executeCommand('/plugnmeet start', {channel_id: 'c'}).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClientError);
        expect(error).toMatchObject({status: 404, serverErrorId: 'api.command.execute_command.not_found.app_error', message: "Command with a trigger of 'plugnmeet' not found."});
    });

    it('handles non-JSON error bodies and network failures', async () => {
        const html = jest.fn(async () => fakeResponse(502, '<html>Bad Gateway</html>', 'Bad Gateway'));
        await expect(createClient(() => '', html as unknown as typeof fetch).executeCommand('/x', {channel_id: 'c'})).rejects.toMatchObject({status: 502, message: 'HTTP 502 Bad Gateway'});

        const offline = jest.fn(async () => {
            throw new TypeError('Failed to fetch');
        });
        await expect(createClient(() => '', offline as unknown as typeof fetch).executeCommand('/x', {channel_id: 'c'})).rejects.toMatchObject({status: 0, serverErrorId: 'network'});
    });

    it('reads the base URL on every call', async () => {
        let base = 'https://a.example';
        const fetchImpl = jest.fn(async () => jsonResponse(200, {}));
        const client = createClient(() => base, fetchImpl as unknown as typeof fetch);
        await client.executeCommand('/x', {channel_id: 'c'});
        base = 'https://b.example';
        await client.executeCommand('/x', {channel_id: 'c'});
        expect(fetchImpl.mock.calls.map((call) => (call as unknown as [string])[0])).toEqual([
            'https://a.example/api/v4/commands/execute',
            'https://b.example/api/v4/commands/execute',
        ]);
    });

    it('finds MMCSRF among other cookies', () => {
        expect(readCsrfToken('a=1; MMCSRF=tok%3D; MMUSERID=u')).toBe('tok=');
        expect(readCsrfToken('a=1')).toBe('');
    });
});
