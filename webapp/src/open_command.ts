// Runs a /plugnmeet command whose answer is a link to open (start, join, download).
// The window is opened synchronously inside the click handler, before the request, because
// popup blockers only allow window.open during a user gesture; its location is set once the
// sidecar's goto_location arrives.
import type {CommandArgs} from '@mattermost/types/integrations';

import type {Client} from './client';
import {ClientError} from './client';
import {msg} from './i18n';
import type {MessageId} from './i18n';

export type Problem = {id: MessageId; values?: Record<string, string>};

export type CommandOutcome =
    | {kind: 'opened'; url: string}

    // No window could be opened (popup blocker, or the user closed it): show a link instead.
    | {kind: 'blocked'; url: string}

    // No link but a text answer: Mattermost already shows that text as an ephemeral post.
    | {kind: 'answered'}
    | {kind: 'failed'; problem: Problem};

export type OpenWindow = () => Window | null;

const defaultOpenWindow: OpenWindow = () => window.open('', '_blank');

/** Only absolute http(s) links are opened: goto_location must never run script. */
export function safeHttpUrl(value: unknown): string {
    if (typeof value !== 'string' || !value) {
        return '';
    }
    try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
    } catch {
        return '';
    }
}

/** Maps a failed executeCommand to what the user can do about it. */
export function describeError(error: unknown): Problem {
    if (!(error instanceof ClientError)) {
        return {id: 'plugnmeet.error.other', values: {message: error instanceof Error ? error.message : String(error)}};
    }
    if (error.serverErrorId === 'api.command.execute_command.not_found.app_error' || error.status === 404) {
        return {id: 'plugnmeet.error.not_set_up'};
    }
    if (error.serverErrorId === 'api.command.execute_command.failed.app_error' || error.status >= 500) {
        return {id: 'plugnmeet.error.unreachable'};
    }
    if (error.status === 401) {
        return {id: 'plugnmeet.error.session'};
    }
    if (error.status === 403) {
        return {id: 'plugnmeet.error.forbidden'};
    }
    if (error.status === 0) {
        return {id: 'plugnmeet.error.network'};
    }
    return {id: 'plugnmeet.error.other', values: {message: error.message}};
}

function closeQuietly(win: Window | null): void {
    try {
        win?.close();
    } catch {
        // Already gone or not ours to close: nothing left to clean up.
    }
}

function openPlaceholder(openWindow: OpenWindow, loadingText: string): Window | null {
    let win: Window | null = null;
    try {
        win = openWindow();
    } catch {
        return null;
    }
    if (!win) {
        return null;
    }
    try {
        // The meeting page must not be able to script Mattermost's tab (reverse tabnabbing).
        win.opener = null;
        win.document.title = loadingText;
        win.document.body.textContent = loadingText;
    } catch {
        // Cosmetic only.
    }
    return win;
}

export async function runCommandInNewWindow(
    client: Client,
    command: string,
    args: CommandArgs,
    options: {loadingText?: string; openWindow?: OpenWindow} = {},
): Promise<CommandOutcome> {
    const win = openPlaceholder(options.openWindow ?? defaultOpenWindow, options.loadingText ?? msg('plugnmeet.open.loading').defaultMessage);

    let response;
    try {
        response = await client.executeCommand(command, args);
    } catch (error) {
        closeQuietly(win);
        return {kind: 'failed', problem: describeError(error)};
    }

    const url = safeHttpUrl(response.goto_location);
    if (!url) {
        closeQuietly(win);
        const answered = typeof response.text === 'string' && response.text.trim() !== '';
        return answered ? {kind: 'answered'} : {kind: 'failed', problem: {id: 'plugnmeet.error.no_link'}};
    }

    if (!win || win.closed) {
        return {kind: 'blocked', url};
    }
    try {
        win.location.href = url;
    } catch {
        closeQuietly(win);
        return {kind: 'blocked', url};
    }
    return {kind: 'opened', url};
}
