// A typed `/plugnmeet`, `/plugnmeet start ...` or `/plugnmeet join ...`, seen before Mattermost
// sends it. Mattermost would open the answer's goto_location only after the server answered
// (actions/command.ts), outside the keypress, where popup blockers stop it. The hook runs
// synchronously inside the Enter keypress (use_submit.tsx -> create_comment.ts submitCommand
// -> hooks.ts runSlashCommandWillBePostedHooks, no await before the hook is called), so the
// window opens here and the command is run by the plugin; returning {} swallows the original.
// Every other subcommand goes on unchanged ({message, args}).
import type {CommandArgs} from '@mattermost/types/integrations';

import {runReportedCommand} from './report_command';
import type {ReportedCommandDeps} from './report_command';

import type {MessageId} from '../i18n';
import {getCurrentTeamId} from '../selectors/state';

// Mattermost ids are 26 lower-case letters and digits; anything else never goes into a command.
const ROOT_ID = /^[A-Za-z0-9]{1,64}$/;

export type TypedCommand = {command: string; failureTitle: MessageId};

/** The command to run for a typed start or join, or null to let Mattermost handle it. */
export function planTypedCommand(message: string, rootId: string): TypedCommand | null {
    const words = String(message ?? '').trim().split(/\s+/);
    if (words[0]?.toLowerCase() !== '/plugnmeet') {
        return null;
    }
    const sub = (words[1] ?? '').toLowerCase();
    const rest = words.slice(2);
    if (sub === '' || sub === 'start') {
        // Whoever typed --root themselves meant it: leave that to the sidecar.
        if (rest[0] === '--root') {
            return null;
        }
        const root = ROOT_ID.test(rootId) ? ['--root', rootId] : [];
        return {command: ['/plugnmeet', 'start', ...root, ...rest].join(' '), failureTitle: 'plugnmeet.notice.start_failed'};
    }
    if (sub === 'join') {
        return {command: ['/plugnmeet', 'join', ...rest].join(' '), failureTitle: 'plugnmeet.notice.join_failed'};
    }
    return null;
}

export type SlashCommandHookDeps = ReportedCommandDeps;

type HookResult = {message: string; args: CommandArgs} | Record<string, never>;

export function createSlashCommandHook(deps: SlashCommandHookDeps) {
    return (message: string, args: CommandArgs): HookResult => {
        const rootId = typeof args?.root_id === 'string' ? args.root_id : '';
        const plan = planTypedCommand(message, rootId);
        if (!plan || typeof args?.channel_id !== 'string' || !args.channel_id) {
            return {message, args};
        }
        const runArgs: CommandArgs = {
            ...args,

            // DMs and group messages have no team; Mattermost then uses the one we send.
            team_id: (typeof args.team_id === 'string' && args.team_id) || getCurrentTeamId(deps.getState()),
            root_id: rootId,
        };
        runReportedCommand(deps, plan.command, runArgs, plan.failureTitle);
        return {};
    };
}
