// Commands run from places with no spot of their own on screen (the header button, the App Bar
// icon, a typed command, a card's plain fallback): the window opens as usual, and whatever
// did not simply open it is reported as a notice.
import type {CommandArgs} from '@mattermost/types/integrations';

import {runCommandInNewWindow} from './open_command';
import type {CommandOutcome, WindowOptions} from './open_command';

import type {Client} from '../client/client';
import {getTranslations} from '../i18n';
import type {MessageId} from '../i18n';
import {getCurrentLocale} from '../selectors/state';
import type {NoticeStore} from '../stores/notice_store';

export type ReportedCommandDeps = WindowOptions & {
    client: Client;
    getState: () => unknown;
    notices: NoticeStore;
};

/** What an action without a place of its own on screen (header, App Bar, typed command) reports. */
export function showOutcome(notices: NoticeStore, outcome: CommandOutcome, failureTitle: MessageId): void {
    if (outcome.kind === 'failed') {
        notices.show({tone: 'error', title: failureTitle, problem: outcome.problem});
    } else if (outcome.kind === 'blocked') {
        notices.show({tone: 'info', link: outcome.url});
    } else if (outcome.kind === 'posted_privately') {
        notices.show({tone: 'info', info: 'plugnmeet.open.posted_privately'});
    }
}

/** Runs the command with the placeholder window in the user's language, then reports the outcome. */
export function runReportedCommand(
    {client, getState, notices, openWindow, desktop}: ReportedCommandDeps,
    command: string,
    args: CommandArgs,
    failureTitle: MessageId,
    fallbackAction?: () => Promise<unknown>,
): Promise<void> {
    const loadingText = getTranslations(getCurrentLocale(getState()))['plugnmeet.open.loading'];
    return runCommandInNewWindow(client, command, args, {loadingText, openWindow, desktop, fallbackAction}).then((outcome) => {
        showOutcome(notices, outcome, failureTitle);
    });
}
