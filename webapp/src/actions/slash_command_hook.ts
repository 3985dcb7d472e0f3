// A typed start (`/plugnmeet`, `/plugnmeet Sprint review`, `/plugnmeet --waiting-room Demo`,
// `/plugnmeet start ...`) or `/plugnmeet join ...`, seen before Mattermost sends it. Mattermost
// would open the answer's goto_location only after the server answered (actions/command.ts),
// outside the keypress, where popup blockers stop it. The hook runs synchronously inside the Enter
// keypress (use_submit.tsx -> create_comment.ts submitCommand -> hooks.ts
// runSlashCommandWillBePostedHooks, no await before the hook is called), so the window opens here
// and the command is run by the plugin; returning {} swallows the original. What is a start is the
// contracts' grammar (command.ts), as the sidecar reads it: a text the sidecar answers with "did
// you mean" (a single word close to a subcommand, a mistyped flag) or with a flag error goes on.
// `/plugnmeet options` opens the options dialog instead (`/plugnmeet schedule` alone opens it in
// Schedule mode; with a time it goes to the sidecar as typed), and `/plugnmeet status on|off` saves the
// "In a meeting" choice. Every other subcommand goes on unchanged ({message, args}).
import {parseCommandText, parseFlags, startMistake} from '@plugnmeet/contracts';

import type {CommandArgs} from '@mattermost/types/integrations';

import {describeError} from './open_command';
import {runReportedCommand} from './report_command';
import type {ReportedCommandDeps} from './report_command';
import type {StartTarget} from './start_meeting';

import type {MessageId} from '../i18n';
import {getCurrentTeamId} from '../selectors/state';

// Mattermost ids are 26 lower-case letters and digits; anything else never goes into a command.
const ROOT_ID = /^[A-Za-z0-9]{1,64}$/;

export type TypedCommand = {command: string; failureTitle: MessageId};

/** The command to run for a typed start or join, or null to let Mattermost handle it. */
export function planTypedCommand(message: string, rootId: string): TypedCommand | null {
    const typed = (/^\s*\/plugnmeet(?:\s+([\s\S]*))?$/i).exec(String(message ?? ''));
    if (!typed) {
        return null;
    }
    const text = (typed[1] ?? '').trim();
    const {sub, arg} = parseCommandText(text);
    if (sub === 'join') {
        return {command: ['/plugnmeet', 'join', arg].filter(Boolean).join(' '), failureTitle: 'plugnmeet.notice.join_failed'};
    }
    if (sub !== 'start') {
        return null;
    }
    const flags = parseFlags(arg);

    // The sidecar answers bad flags and mistakes without starting; whoever typed --root meant it.
    if (!flags.ok || flags.rootId || startMistake(arg, arg !== text)) {
        return null;
    }
    const root = ROOT_ID.test(rootId) ? `--root ${rootId}` : '';
    return {command: ['/plugnmeet', 'start', root, arg].filter(Boolean).join(' '), failureTitle: 'plugnmeet.notice.start_failed'};
}

/** A typed `/plugnmeet options [topic]`: the topic to fill in, or null for any other text. */
export function planOptionsDialog(message: string): {topic: string} | null {
    const match = (/^\s*\/plugnmeet\s+options(?:\s+([\s\S]*))?$/i).exec(String(message ?? ''));
    return match ? {topic: (match[1] ?? '').replace(/\s+/g, ' ').trim()} : null;
}

/** A typed `/plugnmeet schedule` with nothing after it: the dialog picks the time instead. */
export function planScheduleDialog(message: string): boolean {
    return (/^\s*\/plugnmeet\s+schedule\s*$/i).test(String(message ?? ''));
}

/** A typed `/plugnmeet status on|off`: the choice, or null for any other text. */
export function planStatusChoice(message: string): boolean | null {
    const match = (/^\s*\/plugnmeet\s+status\s+(on|off)\s*$/i).exec(String(message ?? ''));
    return match ? match[1].toLowerCase() === 'on' : null;
}

export type SlashCommandHookDeps = ReportedCommandDeps & {

    // Opens the options dialog; without it `/plugnmeet options` and `/plugnmeet schedule` go on to Mattermost.
    openOptions?: (target: StartTarget, topic: string, mode?: 'start' | 'schedule') => void;

    // Saves the "In a meeting" choice (actions/meeting_status.ts); without it `/plugnmeet status`
    // goes on to Mattermost, whose answer points to the web and desktop apps.
    setStatusOptIn?: (on: boolean) => Promise<void>;
};

type HookResult = {message: string; args: CommandArgs} | Record<string, never>;

export function createSlashCommandHook(deps: SlashCommandHookDeps) {
    return (message: string, args: CommandArgs): HookResult => {
        if (typeof args?.channel_id !== 'string' || !args.channel_id) {
            return {message, args};
        }
        const rootId = typeof args.root_id === 'string' ? args.root_id : '';

        // DMs and group messages have no team; Mattermost then uses the one we send.
        const teamId = (typeof args.team_id === 'string' && args.team_id) || getCurrentTeamId(deps.getState());

        const options = deps.openOptions ? planOptionsDialog(message) : null;
        if (options) {
            // The dialog's start names the thread in its text, so only a well-formed id goes along.
            deps.openOptions?.({channel_id: args.channel_id, team_id: teamId, root_id: ROOT_ID.test(rootId) ? rootId : ''}, options.topic);
            return {};
        }
        if (deps.openOptions && planScheduleDialog(message)) {
            deps.openOptions({channel_id: args.channel_id, team_id: teamId, root_id: ROOT_ID.test(rootId) ? rootId : ''}, '', 'schedule');
            return {};
        }
        const statusChoice = deps.setStatusOptIn ? planStatusChoice(message) : null;
        if (statusChoice !== null && deps.setStatusOptIn) {
            deps.setStatusOptIn(statusChoice).then(() => {
                deps.notices.show({tone: 'info', info: statusChoice ? 'plugnmeet.status.turned_on' : 'plugnmeet.status.turned_off'});
            }, (error: unknown) => {
                deps.notices.show({tone: 'error', title: 'plugnmeet.notice.status_failed', problem: describeError(error)});
            });
            return {};
        }
        const plan = planTypedCommand(message, rootId);
        if (!plan) {
            return {message, args};
        }
        runReportedCommand(deps, plan.command, {...args, team_id: teamId, root_id: rootId}, plan.failureTitle);
        return {};
    };
}
