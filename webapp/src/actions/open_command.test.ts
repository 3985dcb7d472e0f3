import {describeError, runCommandInNewWindow, safeHttpUrl} from './open_command';

import {fakeClient, fakeWindow} from '../../tests/test_utils';
import {ClientError} from '../client/client';

const args = {channel_id: 'c1', team_id: 't1', root_id: ''};

describe('runCommandInNewWindow', () => {
    it('opens the window before the command is even sent, then points it at goto_location', async () => {
        const order: string[] = [];
        const win = fakeWindow();
        const client = fakeClient({
            executeCommand: jest.fn(async () => {
                order.push('command');
                return {goto_location: 'https://meet.example.com/?access_token=a b'};
            }),
        });
        const outcome = await runCommandInNewWindow(client, '/plugnmeet start', args, {
            openWindow: () => {
                order.push('open');
                return win as unknown as Window;
            },
            loadingText: 'Loading',
            desktop: false,
        });
        expect(order).toEqual(['open', 'command']);
        expect(outcome).toEqual({kind: 'opened', url: 'https://meet.example.com/?access_token=a%20b'});
        expect(win.location.href).toBe('https://meet.example.com/?access_token=a%20b');
        expect(win.opener).toBeNull();
        expect(win.document.title).toBe('Loading');
    });

    it.each([
        ['javascript:alert(1)'],
        ['data:text/html,hi'],
        ['not a url'],
        [''],
        [42],
    ])('never navigates to %p', async (goto) => {
        const win = fakeWindow();
        const client = fakeClient({executeCommand: jest.fn(async () => ({goto_location: goto as string}))});
        const outcome = await runCommandInNewWindow(client, '/plugnmeet join r', args, {openWindow: () => win as unknown as Window});
        expect(outcome).toEqual({kind: 'failed', problem: {id: 'plugnmeet.error.no_link'}});
        expect(win.location.href).toBe('about:blank');
        expect(win.close).toHaveBeenCalled();
    });

    it('reports a link to click when the user closed the window before the answer', async () => {
        const win = fakeWindow();
        const client = fakeClient({
            executeCommand: jest.fn(async () => {
                win.closed = true;
                return {goto_location: 'https://meet.example.com/x'};
            }),
        });
        const outcome = await runCommandInNewWindow(client, '/plugnmeet start', args, {openWindow: () => win as unknown as Window});
        expect(outcome).toEqual({kind: 'blocked', url: 'https://meet.example.com/x'});
    });

    it('survives window.open throwing (sandboxed iframes)', async () => {
        const client = fakeClient();
        const outcome = await runCommandInNewWindow(client, '/plugnmeet start', args, {
            openWindow: () => {
                throw new Error('blocked');
            },
        });
        expect(outcome).toEqual({kind: 'blocked', url: 'https://meet.example.com/?access_token=t1'});
    });
});

describe('runCommandInNewWindow, answers and refusals', () => {
    it('opens the link even when the sidecar also sent a text', async () => {
        const win = fakeWindow();
        const client = fakeClient({executeCommand: jest.fn(async () => ({text: 'Opening your meeting…', goto_location: 'https://meet.example.com/j'}))});
        const outcome = await runCommandInNewWindow(client, '/plugnmeet join r', args, {openWindow: () => win as unknown as Window, desktop: false});
        expect(outcome).toEqual({kind: 'opened', url: 'https://meet.example.com/j'});
        expect(win.location.href).toBe('https://meet.example.com/j');
    });

    it('on 403 runs the fallback action instead and closes the placeholder', async () => {
        const win = fakeWindow();
        const fallbackAction = jest.fn(async () => ({status: 'OK'}));
        const client = fakeClient({executeCommand: jest.fn(async () => {
            throw new ClientError('no', 403, 'api.context.permissions.app_error');
        })});
        const outcome = await runCommandInNewWindow(client, '/plugnmeet join r', args, {openWindow: () => win as unknown as Window, desktop: false, fallbackAction});
        expect(outcome).toEqual({kind: 'posted_privately'});
        expect(fallbackAction).toHaveBeenCalledTimes(1);
        expect(win.close).toHaveBeenCalled();
    });

    it('reports the fallback action\'s own failure', async () => {
        const client = fakeClient({executeCommand: jest.fn(async () => {
            throw new ClientError('no', 403, 'api.context.permissions.app_error');
        })});
        const fallbackAction = jest.fn(async () => {
            throw new ClientError('gone', 0, 'network');
        });
        const outcome = await runCommandInNewWindow(client, '/plugnmeet join r', args, {openWindow: () => null, desktop: false, fallbackAction});
        expect(outcome).toEqual({kind: 'failed', problem: {id: 'plugnmeet.error.network'}});
    });

    it('never falls back on errors other than 403', async () => {
        const fallbackAction = jest.fn(async () => ({}));
        const client = fakeClient({executeCommand: jest.fn(async () => {
            throw new ClientError('down', 500, 'api.command.execute_command.failed.app_error');
        })});
        const outcome = await runCommandInNewWindow(client, '/plugnmeet join r', args, {openWindow: () => null, desktop: false, fallbackAction});
        expect(outcome).toEqual({kind: 'failed', problem: {id: 'plugnmeet.error.unreachable'}});
        expect(fallbackAction).not.toHaveBeenCalled();
    });
});

describe('runCommandInNewWindow in the Desktop app', () => {
    it('opens nothing before the answer, then the link itself; null (system browser) is success', async () => {
        const order: string[] = [];
        const openWindow = jest.fn((url: string) => {
            order.push(`open ${url}`);
            return null;
        });
        const client = fakeClient({executeCommand: jest.fn(async () => {
            order.push('command');
            return {goto_location: 'https://meet.example.com/d'};
        })});
        const outcome = await runCommandInNewWindow(client, '/plugnmeet start', args, {openWindow, desktop: true});
        expect(order).toEqual(['command', 'open https://meet.example.com/d']);
        expect(outcome).toEqual({kind: 'opened', url: 'https://meet.example.com/d'});
    });

    it('opens nothing when the command failed', async () => {
        const openWindow = jest.fn(() => null);
        const client = fakeClient({executeCommand: jest.fn(async () => {
            throw new ClientError('x', 404, 'api.command.execute_command.not_found.app_error');
        })});
        await runCommandInNewWindow(client, '/plugnmeet start', args, {openWindow, desktop: true});
        expect(openWindow).not.toHaveBeenCalled();
    });
});

describe('describeError', () => {
    it.each([
        [new ClientError("Command with a trigger of 'plugnmeet' not found.", 404, 'api.command.execute_command.not_found.app_error'), 'plugnmeet.error.not_set_up'],
        [new ClientError("Command with a trigger of 'plugnmeet' failed.", 500, 'api.command.execute_command.failed.app_error'), 'plugnmeet.error.unreachable'],

        // A wrong command token: the sidecar answers 401, Mattermost turns it into this 500.
        [new ClientError("Command with a trigger of 'plugnmeet' returned response 401 Unauthorized.", 500, 'api.command.execute_command.failed_resp.app_error'), 'plugnmeet.error.not_set_up_for_team'],
        [new ClientError("Der Befehl mit dem Auslöser 'plugnmeet' hat die Antwort 401 Unauthorized zurückgegeben.", 500, 'api.command.execute_command.failed_resp.app_error'), 'plugnmeet.error.not_set_up_for_team'],
        [new ClientError("Command with a trigger of 'plugnmeet' returned response 502 Bad Gateway.", 500, 'api.command.execute_command.failed_resp.app_error'), 'plugnmeet.error.unreachable'],
        [new ClientError('bad gateway', 502), 'plugnmeet.error.unreachable'],
        [new ClientError('expired', 401, 'api.context.session_expired.app_error'), 'plugnmeet.error.session'],
        [new ClientError('no', 403, 'api.context.permissions.app_error'), 'plugnmeet.error.forbidden'],
        [new ClientError('Failed to fetch', 0, 'network'), 'plugnmeet.error.network'],
    ])('maps %p to %s', (error, id) => {
        expect(describeError(error).id).toBe(id);
    });

    it('passes other messages through', () => {
        expect(describeError(new ClientError('Invalid channel_id', 400, 'x'))).toEqual({id: 'plugnmeet.error.other', values: {message: 'Invalid channel_id'}});
        expect(describeError(new TypeError('boom'))).toEqual({id: 'plugnmeet.error.other', values: {message: 'boom'}});
    });
});

describe('safeHttpUrl', () => {
    it('accepts http and https only', () => {
        expect(safeHttpUrl('https://a.example/b?c=d')).toBe('https://a.example/b?c=d');
        expect(safeHttpUrl('http://10.0.0.1:8080/')).toBe('http://10.0.0.1:8080/');
        expect(safeHttpUrl('/relative')).toBe('');
        expect(safeHttpUrl('JAVASCRIPT:alert(1)')).toBe('');
    });
});
