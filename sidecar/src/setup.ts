// `npm run setup`: what an admin would otherwise click through per team. With a system
// admin's token it adds the bot to every team and creates /plugnmeet where it is missing,
// saving each command's token in the store (so MATTERMOST_COMMAND_TOKENS can stay empty).
import {lookup} from 'node:dns/promises';
import {isIP} from 'node:net';
import type {Config} from './config.js';
import {statusOf, type Mattermost, type MattermostAdmin} from './mattermost/adapter.js';
import type {Store} from './store/store.js';

export const TRIGGER = 'plugnmeet';

export interface SetupDeps {
    config: Config;
    store: Store;
    bot: Mattermost;
    admin: MattermostAdmin;
    out: (line: string) => void;
}

const why = (err: unknown) => {
    const status = statusOf(err);
    return status ? `HTTP ${status}: ${(err as Error).message}` : (err as Error).message;
};

/** Returns true when every team is ready. Safe to run again: it only adds what is missing. */
export async function runSetup({config, store, bot, admin, out}: SetupDeps): Promise<boolean> {
    const commandUrl = `${config.publicUrl}/mattermost/command`;
    let botId: string;
    try {
        botId = await bot.botUserId();
    } catch (err) {
        out(`✗ MATTERMOST_BOT_TOKEN is not accepted by ${config.mattermostUrl} (${why(err)}). Create a token for the bot account and set it.`);
        return false;
    }

    const notAdmin = '✗ MATTERMOST_ADMIN_TOKEN must be a personal access token of a system admin';
    let teams;
    try {
        if (!(await admin.isSystemAdmin())) {
            out(`${notAdmin}; this one belongs to an account without the system admin role.`);
            return false;
        }
        teams = await admin.listTeams();
    } catch (err) {
        const status = statusOf(err);
        out(status === 401 || status === 403 ? `${notAdmin} (${why(err)}).` : `✗ Could not list the teams on ${config.mattermostUrl} (${why(err)}).`);
        return false;
    }
    if (teams.length === 0) {
        out('✗ This Mattermost has no teams yet: create one, then run setup again.');
        return false;
    }

    let ok = true;
    for (const team of teams) {
        try {
            await admin.addToTeam(team.id, botId);
            const existing = (await admin.listCommands(team.id)).find((c) => c.trigger === TRIGGER);
            if (existing && existing.url !== commandUrl) {
                ok = false;
                out(`✗ ${team.name}: a /${TRIGGER} command already points at ${existing.url}; left alone. Delete it or point it at ${commandUrl}, then run setup again.`);
                continue;
            }
            const command = existing ?? await admin.addCommand({
                team_id: team.id,
                trigger: TRIGGER,
                method: 'P',
                url: commandUrl,
                auto_complete: true,
                auto_complete_desc: 'Start or join a plugNmeet video meeting',
                auto_complete_hint: '[start|join|end|recordings|help] [topic]',
                display_name: 'plugNmeet',
                description: 'Video meetings with plugNmeet',
            });
            await store.addCommandToken({teamId: team.id, token: command.token});
            out(`✓ ${team.name}: bot is a member, /${TRIGGER} ${existing ? 'was already set up' : 'created'}.`);
        } catch (err) {
            ok = false;
            out(`✗ ${team.name}: ${why(err)}`);
        }
    }

    const note = await internalAddressNote(config.publicUrl);
    if (note) {
        out(note);
    }
    out(ok ? `Done: /${TRIGGER} works in ${teams.length} team(s). The running sidecar picks the tokens up at once.` :
        'Some teams need attention (see above); run setup again once fixed.');
    return ok;
}

/** Mattermost refuses integrations on private addresses unless an admin allows them. */
async function internalAddressNote(publicUrl: string): Promise<string> {
    const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
    let address = host;
    if (!isIP(host)) {
        try {
            address = (await lookup(host)).address;
        } catch {
            return `! ${host} does not resolve from here; make sure Mattermost can reach SIDECAR_PUBLIC_URL.`;
        }
    }
    const internal = /^(127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd]|fe80:)/i.test(address) || address === '::1';
    return internal ?
        `! ${host} is a private address (${address}): add "${host}" to System Console > Environment > Developer > Allow untrusted internal connections, or Mattermost will refuse to call the sidecar.` :
        '';
}
