// The client calls calling adds: preferences and the custom status, as Client4 sends them.
import {createClient} from './client';

function jsonResponse(status: number, body: unknown) {
    return {ok: status >= 200 && status < 300, status, statusText: '', text: async () => JSON.stringify(body)} as Response;
}

describe('client, calling', () => {
    afterEach(() => {
        document.cookie = 'MMCSRF=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    });

    it('saves preferences, sets and unsets the custom status with the CSRF token', async () => {
        document.cookie = 'MMCSRF=csrf-9';
        const fetchImpl = jest.fn(async () => jsonResponse(200, {status: 'OK'}));
        const client = createClient(() => 'https://chat.example.com', fetchImpl as unknown as typeof fetch);
        const preference = {user_id: 'u1', category: 'pp_plugnmeet', name: 'in_meeting_status', value: 'on'};
        await client.savePreferences!('u1', [preference]);
        const status = {emoji: 'video_camera', text: 'In a meeting', duration: 'date_and_time', expires_at: '2026-11-22T12:00:00.000Z'};
        await client.updateCustomStatus!(status);
        await client.unsetCustomStatus!();

        const calls = fetchImpl.mock.calls as unknown as Array<[string, RequestInit]>;
        expect(calls.map(([url, init]) => [init.method, url, init.body === undefined ? undefined : JSON.parse(init.body as string)])).toEqual([
            ['PUT', 'https://chat.example.com/api/v4/users/u1/preferences', [preference]],
            ['PUT', 'https://chat.example.com/api/v4/users/me/status/custom', status],
            ['DELETE', 'https://chat.example.com/api/v4/users/me/status/custom', undefined],
        ]);
        for (const [, init] of calls) {
            expect(init.headers).toMatchObject({'X-CSRF-Token': 'csrf-9', 'X-Requested-With': 'XMLHttpRequest'});
        }
    });

    it('rejects with Mattermost\'s error when custom statuses are off', async () => {
        const fetchImpl = jest.fn(async () => jsonResponse(501, {id: 'api.custom_status.disabled', message: 'Custom status feature has been disabled.', status_code: 501}));
        const client = createClient(() => '', fetchImpl as unknown as typeof fetch);
        await expect(client.updateCustomStatus!({emoji: 'x', text: 'y', duration: 'date_and_time', expires_at: ''})).rejects.toMatchObject({status: 501, serverErrorId: 'api.custom_status.disabled'});
    });
});
