// Runs a /plugnmeet command whose answer is a link to open (start, join, download).
// In a browser the window is opened synchronously inside the click handler, before the
// request, because popup blockers only allow window.open during a user gesture; its location
// is set once the sidecar's goto_location arrives. The Desktop app never lets such a
// placeholder navigate, so there the link is opened directly once it arrives (see utils/desktop.ts).
import type {CommandArgs} from '@mattermost/types/integrations';

import {meetingWindowFor} from './open_in';
import type {MeetingWindowHost} from './open_in';

import type {Client} from '../client/client';
import {ClientError} from '../client/client';
import {msg} from '../i18n';
import type {MessageId} from '../i18n';
import {isDesktopApp} from '../utils/desktop';

export type Problem = {id: MessageId; values?: Record<string, string>};

export type CommandOutcome =
    | {kind: 'opened'; url: string}

    // No window could be opened (popup blocker, or the user closed it): show a link instead.
    | {kind: 'blocked'; url: string}

    // No link but a text answer: Mattermost already shows that text as an ephemeral post.
    | {kind: 'answered'}

    // Commands were refused (read-only or archived channel), so the card's own button action
    // ran instead: the sidecar posted the personal link as a message only this user sees.
    | {kind: 'posted_privately'}
    | {kind: 'failed'; problem: Problem};

/** window.open: with '' for the browser's placeholder, with the link itself in the Desktop app. */
export type OpenWindow = (url: string) => Window | null;

const defaultOpenWindow: OpenWindow = (url) => window.open(url, '_blank');

/** How windows are opened; tests pass their own, Mattermost gets the defaults. */
export type WindowOptions = {
    openWindow?: OpenWindow;

    // Defaults to detecting the Desktop app.
    desktop?: boolean;

    // Defaults to the plugin's meeting window (actions/open_in.ts); null: always a tab.
    meetingWindow?: MeetingWindowHost | null;
};

export type RunOptions = WindowOptions & {
    loadingText?: string;

    // Run when Mattermost refuses the command with 403: executeCommand needs create_post
    // (server api4/command.go), post action buttons only read access.
    fallbackAction?: () => Promise<unknown>;
};

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

/** An http(s) origin exactly as URL gives it (scheme, host, port: the end page's), or ''. */
export function httpOrigin(value: unknown): string {
    if (typeof value !== 'string' || !value || value.length > 300) {
        return '';
    }
    try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value ? value : '';
    } catch {
        return '';
    }
}

// The command URL answered something else than 200: app/command.go DoCommandRequest returns this
// AppError as HTTP 500, its message naming the status ("Command with a trigger of 'plugnmeet'
// returned response 401 Unauthorized."; the status text stays English in every translation).
const FAILED_RESPONSE = 'api.command.execute_command.failed_resp.app_error';

/** Maps a failed executeCommand to what the user can do about it. */
export function describeError(error: unknown): Problem {
    if (!(error instanceof ClientError)) {
        return {id: 'plugnmeet.error.other', values: {message: error instanceof Error ? error.message : String(error)}};
    }
    if (error.serverErrorId === 'api.command.execute_command.not_found.app_error' || error.status === 404) {
        return {id: 'plugnmeet.error.not_set_up'};
    }

    // The sidecar answers 401 to a command token it does not know: this team's command was not set up by `setup`.
    if (error.serverErrorId === FAILED_RESPONSE && (/\b401\b/).test(error.message)) {
        return {id: 'plugnmeet.error.not_set_up_for_team'};
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
        win = openWindow('');
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

/** Desktop: the app opens external links in the system browser and returns null for them. */
function openDirectly(openWindow: OpenWindow, url: string): CommandOutcome {
    try {
        const win = openWindow(url);
        if (win) {
            win.opener = null;
        }
    } catch {
        return {kind: 'blocked', url};
    }
    return {kind: 'opened', url};
}

async function runFallback(fallbackAction: () => Promise<unknown>): Promise<CommandOutcome> {
    try {
        await fallbackAction();
        return {kind: 'posted_privately'};
    } catch (error) {
        return {kind: 'failed', problem: describeError(error)};
    }
}

export async function runCommandInNewWindow(
    client: Client,
    command: string,
    args: CommandArgs,
    options: RunOptions = {},
): Promise<CommandOutcome> {
    const openWindow = options.openWindow ?? defaultOpenWindow;
    const desktop = options.desktop ?? isDesktopApp();
    const loadingText = options.loadingText ?? msg('plugnmeet.open.loading').defaultMessage;

    // Decided before the request: a meeting inside Mattermost opens no placeholder tab at all.
    const inside = meetingWindowFor(command, desktop, options.meetingWindow);
    const win = desktop || inside ? null : openPlaceholder(openWindow, loadingText);

    let response;
    try {
        response = await client.executeCommand(command, args);
    } catch (error) {
        closeQuietly(win);
        if (options.fallbackAction && error instanceof ClientError && error.status === 403) {
            return runFallback(options.fallbackAction);
        }
        return {kind: 'failed', problem: describeError(error)};
    }

    // The sidecar answers with a short text as well; a link, when there is one, is what counts.
    const url = safeHttpUrl(response.goto_location);
    if (!url) {
        closeQuietly(win);
        const answered = typeof response.text === 'string' && response.text.trim() !== '';
        return answered ? {kind: 'answered'} : {kind: 'failed', problem: {id: 'plugnmeet.error.no_link'}};
    }

    if (inside) {
        inside.open(url, response.props);
        return {kind: 'opened', url};
    }
    if (desktop) {
        return openDirectly(openWindow, url);
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
