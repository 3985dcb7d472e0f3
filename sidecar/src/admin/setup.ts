// `npm run setup`: what an admin would otherwise click through. With a system admin's personal
// access token it creates (or reuses) the bot, gives it post:all, makes its access token,
// registers /plugnmeet in every team (or the named ones), records each command's token in the
// store (so MATTERMOST_COMMAND_TOKENS can stay empty) and writes what the sidecar needs into .env.
// Safe to run again: it only adds what is missing, so a second run changes nothing.
import {randomBytes} from 'node:crypto';
import {lookup} from 'node:dns/promises';
import {isIP} from 'node:net';
import {loadConfig} from '../config/config.js';
import {placeholderUrls} from '../config/placeholders.js';
import type {Account, MattermostAdmin, ServerSettings, TeamInfo} from '../mattermost/admin.js';
import {statusOf} from '../mattermost/client.js';
import {SUBCOMMANDS} from '../meetings/command-grammar.js';
import type {Store} from '../store/store.js';
import {allowsInternal, mattermostIsHere, ownAddresses, privateAddress} from './addresses.js';
import {probeConnection} from './connection.js';
import {envFileProblem, updateEnvFile} from './env-file.js';

export const TRIGGER = 'plugnmeet';
export const BOT_USERNAME = 'plugnmeet';

/** What Mattermost's autocomplete shows for /plugnmeet; docs/admin.md ("By hand instead") says the same. */
export const AUTOCOMPLETE = {
    hint: `[${SUBCOMMANDS.join('|')}] [--options] [topic]`,
    description: 'Start, join or schedule a plugNmeet video meeting; /plugnmeet help explains each subcommand and option',
};

/** Where an admin turns each Mattermost feature on. */
export const SETTINGS = {
    bots: 'System Console > Integrations > Bot Accounts > Enable Bot Account Creation (ServiceSettings.EnableBotAccountCreation)',
    tokens: 'System Console > Integrations > Integration Management > Enable Personal Access Tokens (ServiceSettings.EnableUserAccessTokens)',
    commands: 'System Console > Integrations > Integration Management > Enable Custom Slash Commands (ServiceSettings.EnableCommands)',
    untrusted: 'System Console > Environment > Developer > Allow untrusted internal connections to (ServiceSettings.AllowedUntrustedInternalConnections)',
};

export interface SetupInput {
    mattermostUrl: string;
    publicUrl: string;
    /** The configured bot token; '' when there is none yet. */
    botToken: string;
    /** Team names as in URLs; empty for every team. */
    teams: string[];
    /** The environment as the sidecar will see it (environment and .env), to tell what is still missing. */
    env: Record<string, string | undefined>;
    envPath: string;
    /** Variables set in the real environment: they win over .env, so changing .env alone is not enough. */
    presetEnv?: Set<string>;
}

export interface SetupDeps {
    input: SetupInput;
    store: Store;
    admin: MattermostAdmin;
    /** The same REST calls with another token: checks an existing bot token. */
    connect: (token: string) => MattermostAdmin;
    out: (line: string) => void;
}

/** Secrets are only ever shown like this. */
export const mask = (secret: string) => `${secret.slice(0, 4)}…`;

export const why = (err: unknown) => {
    const status = statusOf(err);
    return status ? `HTTP ${status}: ${(err as Error).message}` : (err as Error).message;
};

const errorId = (err: unknown) => (err as {server_error_id?: string}).server_error_id ?? '';

interface Bot {
    account: Account;
    token: string;
    /** A token made by this run (to be written to .env). */
    fresh: boolean;
}

/** Returns true when the bot and every team are ready. */
export async function runSetup(deps: SetupDeps): Promise<boolean> {
    const {input, out} = deps;
    out(`Setting up plugNmeet on ${input.mattermostUrl} for the sidecar at ${input.publicUrl}`);
    const unwritable = envFileProblem(input.envPath);
    if (unwritable) {
        out(`✗ ${unwritable}`);
        return false;
    }
    try {
        if (!(await checkAdmin(deps))) {
            return false;
        }
        const settings = await deps.admin.serverSettings().catch(() => undefined);
        const bot = await ensureBot(deps, settings);
        if (!bot) {
            return false;
        }
        const sources = await mattermostSources(deps);
        const written = writeEnv(deps, bot, sources); // first: a new token must never be lost
        await ensurePostAll(deps, bot.account);
        const teamsOk = await setUpTeams(deps, bot.account);
        await reportSettings(deps, settings);
        reportMissingConfig(deps, written);
        out(teamsOk ? `Done: the bot and /${TRIGGER} are ready. A running sidecar accepts the command tokens at once` +
            (bot.fresh ? '; restart it so that it uses the new bot token.' : '.') :
            'Some teams need attention (see above); run setup again once that is fixed.');
        return teamsOk;
    } catch (err) {
        out(`✗ Setup stopped: ${why(err)}. Nothing that was done is lost; run setup again once this is fixed.`);
        return false;
    }
}

async function checkAdmin({input, admin, out}: SetupDeps): Promise<boolean> {
    const notAdmin = '✗ The admin token must be a personal access token of a system admin';
    let me: Account;
    try {
        await admin.ping();
    } catch (err) {
        const cause = statusOf(err) ? undefined : await probeConnection(`${input.mattermostUrl}/api/v4/system/ping`, 5000);
        out(cause ?
            `✗ Mattermost does not answer at ${input.mattermostUrl}: ${cause.cause}. Fix: ${cause.fix}` :
            `✗ Mattermost does not answer at ${input.mattermostUrl} (${why(err)}). Check MATTERMOST_URL and that this machine can reach it.`);
        return false;
    }
    try {
        me = await admin.me();
    } catch (err) {
        const status = statusOf(err);
        out(status === 401 ?
            `${notAdmin}; Mattermost does not accept this one (${why(err)}). Tokens only work while ${SETTINGS.tokens} is on.` :
            `✗ Could not check the admin token (${why(err)}).`);
        return false;
    }
    if (!me.roles.includes('system_admin')) {
        out(`${notAdmin}; @${me.username} is not a system admin.`);
        return false;
    }
    out(`✓ The admin token belongs to @${me.username}, a system admin.`);
    return true;
}

/** An existing, working bot token is kept; otherwise the bot is found (or created) and gets a new token. */
async function ensureBot({input, admin, connect, out}: SetupDeps, settings: ServerSettings | undefined): Promise<Bot | undefined> {
    if (input.botToken) {
        try {
            const account = await connect(input.botToken).me();
            if (!account.isBot) {
                // The webapp shows cards only from a bot account (is_bot): a person's posts would be plain text.
                out(`✗ MATTERMOST_BOT_TOKEN belongs to @${account.username}, a person's account, not a bot: the webapp shows meeting cards only from ` +
                    `the bot @${BOT_USERNAME}. Take MATTERMOST_BOT_TOKEN out of .env (and revoke that token), then run setup again: it creates the bot.`);
                return undefined;
            }
            out(`✓ MATTERMOST_BOT_TOKEN works: it belongs to @${account.username}.`);
            return {account, token: input.botToken, fresh: false};
        } catch (err) {
            if (statusOf(err) !== 401) {
                throw err;
            }
            out(`! MATTERMOST_BOT_TOKEN (${mask(input.botToken)}) is not accepted (revoked, or its bot is disabled): making a new one.`);
        }
    }

    let account = await admin.findUser(BOT_USERNAME);
    if (!account) {
        try {
            account = await admin.createBot({
                username: BOT_USERNAME, displayName: 'plugNmeet', description: 'Posts and updates plugNmeet meeting cards.',
            });
        } catch (err) {
            const disabled = errorId(err) === 'api.bot.create_disabled' || (statusOf(err) === 403 && settings?.enableBotAccountCreation === false);
            out(disabled ?
                `✗ Bot accounts cannot be created on this server: turn on ${SETTINGS.bots}, then run setup again.` :
                `✗ Could not create the bot account @${BOT_USERNAME} (${why(err)}).`);
            return undefined;
        }
        out(`✓ Created the bot account @${BOT_USERNAME}.`);
    } else if (!account.isBot) {
        out(`✗ @${BOT_USERNAME} is a person's account, not a bot, and the webapp shows meeting cards only from a bot named @${BOT_USERNAME}. ` +
            'Rename that user (System Console > User Management > Users), then run setup again: it creates the bot.');
        return undefined;
    } else if (account.active) {
        out(`✓ The bot account @${BOT_USERNAME} exists.`);
    } else {
        await admin.enableBot(account.id);
        account = {...account, active: true};
        out(`✓ Re-enabled the disabled bot account @${BOT_USERNAME}.`);
    }

    let token: string;
    try {
        token = await admin.createToken(account.id, 'plugNmeet sidecar');
    } catch (err) {
        out(statusOf(err) === 501 ?
            `✗ Mattermost refuses to make access tokens: turn on ${SETTINGS.tokens}, then run setup again.` :
            `✗ Could not create an access token for @${account.username} (${why(err)}).`);
        return undefined;
    }
    out(`✓ Created an access token for @${account.username}: ${mask(token)}`);
    return {account, token, fresh: true};
}

/** post:all (role system_post_all) lets the bot post cards in any channel; a system admin already can. */
async function ensurePostAll({admin, out}: SetupDeps, bot: Account): Promise<void> {
    const roles = (await admin.getUser(bot.id)).roles;
    if (roles.includes('system_admin')) {
        out(`✓ @${bot.username} is a system admin: it can post and edit cards everywhere, but has far more power than it needs (post:all is enough).`);
    } else if (roles.includes('system_post_all')) {
        out(`✓ @${bot.username} has the post:all role.`);
    } else {
        await admin.setRoles(bot.id, [...roles, 'system_post_all']);
        out(`✓ Gave @${bot.username} the post:all role, so it can post cards in any channel.`);
    }
}

/**
 * The addresses Mattermost calls from (docs/security.md, "Trust model"), for MATTERMOST_SOURCE_ADDRESSES, when it is not
 * set yet: what MATTERMOST_URL's host resolves to (loopback for localhost). Undefined when set or unknown.
 */
async function mattermostSources({input, out}: SetupDeps): Promise<string[] | undefined> {
    if ((input.env.MATTERMOST_SOURCE_ADDRESSES ?? '').trim()) {
        return undefined;
    }
    const host = new URL(input.mattermostUrl).hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    try {
        if (host === 'localhost') {
            addresses = ['127.0.0.1', '::1'];
        } else if (isIP(host)) {
            addresses = [host];
        } else {
            addresses = [...new Set((await lookup(host, {all: true})).map((a) => a.address))];
        }
    } catch {
        out(`! ${host} (MATTERMOST_URL) does not resolve from here: set MATTERMOST_SOURCE_ADDRESSES to the addresses Mattermost calls the sidecar from.`);
        return undefined;
    }
    out(`✓ MATTERMOST_SOURCE_ADDRESSES: ${addresses.join(', ')} (what ${host} resolves to). Mattermost calls from these only if it sends from the address it is reached at; ` +
        'behind NAT or a load balancer, put the address the sidecar sees instead. Behind a reverse proxy listed in TRUST_PROXY, the address checked is the one the proxy writes in X-Forwarded-For.');
    return addresses;
}

/** Writes MATTERMOST_URL, a new bot token, a missing SIDECAR_SECRET and MATTERMOST_SOURCE_ADDRESSES; returns what the sidecar will now see. */
function writeEnv({input, out}: SetupDeps, bot: Bot, sources?: string[]): Record<string, string> {
    const updates: Record<string, string> = {};
    if (sources) {
        updates.MATTERMOST_SOURCE_ADDRESSES = sources.join(',');
    }
    if ((input.env.MATTERMOST_URL ?? '').trim().replace(/\/+$/, '') !== input.mattermostUrl) {
        updates.MATTERMOST_URL = input.mattermostUrl;
    }
    if (bot.fresh) {
        updates.MATTERMOST_BOT_TOKEN = bot.token;
    }
    if ((input.env.SIDECAR_SECRET ?? '').trim().length < 32) {
        updates.SIDECAR_SECRET = randomBytes(32).toString('hex');
    }
    const changed = updateEnvFile(input.envPath, updates);
    if (changed.length === 0) {
        out(`✓ ${input.envPath} is up to date.`);
    } else {
        const plain = new Set(['MATTERMOST_URL', 'MATTERMOST_SOURCE_ADDRESSES']);
        const shown = changed.map((k) => `${k}=${plain.has(k) ? updates[k] : mask(updates[k])}`);
        out(`✓ Wrote ${shown.join(', ')} to ${input.envPath} (readable by its owner only).`);
    }
    for (const key of changed.filter((k) => input.presetEnv?.has(k))) {
        out(`! ${key} is also set in the environment, which wins over .env: change it there too, or unset it.`);
    }
    return updates;
}

async function setUpTeams(deps: SetupDeps, bot: Account): Promise<boolean> {
    const {input, admin, store, out} = deps;
    const commandUrl = `${input.publicUrl}/mattermost/command`;
    const all = await admin.listTeams();
    let ok = true;
    let teams: TeamInfo[] = all;
    if (input.teams.length > 0) {
        for (const name of input.teams.filter((n) => !all.some((t) => t.name === n))) {
            ok = false;
            out(`✗ There is no team named "${name}". Team names are the ones in URLs: ${all.map((t) => t.name).join(', ') || 'none'}.`);
        }
        teams = all.filter((t) => input.teams.includes(t.name));
    }
    if (teams.length === 0) {
        out(all.length === 0 ? '✗ This Mattermost has no teams yet: create one, then run setup again.' : '✗ No team to set up.');
        return false;
    }

    const memberOf = new Set((await admin.teamsOf(bot.id)).map((t) => t.id));
    const knownTokens = new Set((await store.commandTokens()).map((t) => t.token));
    for (const team of teams) {
        try {
            const joined = !memberOf.has(team.id);
            if (joined) {
                await admin.addToTeam(team.id, bot.id);
            }
            const existing = (await admin.listCommands(team.id)).find((c) => c.trigger === TRIGGER);
            if (existing && existing.url !== commandUrl) {
                ok = false;
                out(`✗ ${team.name}: a /${TRIGGER} command already points at ${existing.url}; left alone. Delete it or point it at ${commandUrl}, then run setup again.`);
                continue;
            }
            // One made by an older setup gets today's autocomplete, so that it lists every subcommand.
            const outdated = existing && (existing.auto_complete_hint !== AUTOCOMPLETE.hint || existing.auto_complete_desc !== AUTOCOMPLETE.description);
            if (existing && outdated) {
                await admin.updateCommand({...existing, auto_complete: true, auto_complete_hint: AUTOCOMPLETE.hint, auto_complete_desc: AUTOCOMPLETE.description});
            }
            const command = existing ?? await admin.addCommand({
                team_id: team.id,
                trigger: TRIGGER,
                method: 'P',
                url: commandUrl,
                auto_complete: true,
                auto_complete_desc: AUTOCOMPLETE.description,
                auto_complete_hint: AUTOCOMPLETE.hint,
                display_name: 'plugNmeet',
                description: 'Video meetings with plugNmeet',
            });
            if (!knownTokens.has(command.token)) {
                await store.addCommandToken({teamId: team.id, token: command.token});
            }
            let done = 'created';
            if (existing) {
                done = outdated ? 'updated its autocomplete hint and description' : 'was already set up';
            }
            out(`✓ ${team.name}: ${joined ? 'added the bot' : 'the bot is a member'}; /${TRIGGER} ${done}.`);
        } catch (err) {
            ok = false;
            if (statusOf(err) === 501) { // api.command.disabled.app_error
                out(`✗ Custom slash commands are turned off: turn on ${SETTINGS.commands}, then run setup again.`);
                return false;
            }
            out(`✗ ${team.name}: ${why(err)}`);
        }
    }
    return ok;
}

/** The Mattermost settings an admin must still turn on, as far as they can be read or inferred. */
async function reportSettings({input, out}: SetupDeps, settings: ServerSettings | undefined): Promise<void> {
    if (settings && !settings.enableUserAccessTokens) {
        out(`! Personal access tokens are off. The bot's token works anyway (bots are exempt), but to run setup or doctor with an admin token again, turn on ${SETTINGS.tokens}.`);
    }
    const address = await privateAddress(input.publicUrl, await mattermostIsHere(input.mattermostUrl) ? ownAddresses() : []);
    if (address.kind === 'unresolved') {
        out(`! ${address.host} does not resolve from here; make sure Mattermost can reach ${input.publicUrl}.`);
    } else if (address.kind === 'private') {
        const where = `${address.host} is a private address${address.address === address.host ? '' : ` (${address.address})`}`;
        if (settings && allowsInternal(settings.allowedUntrustedInternalConnections, address.host, address.address)) {
            out(`✓ ${where}, and Mattermost is allowed to call it.`);
        } else {
            out(`! ${where}: Mattermost refuses to call it until you add "${address.host}" to ${SETTINGS.untrusted}` +
                (settings ? '.' : ' (unless it is there already).'));
        }
    }
}

/** What the sidecar still lacks to start, once what setup wrote is in place. */
function reportMissingConfig({input, out}: SetupDeps, written: Record<string, string>): void {
    const env = {...input.env, ...written};
    const result = loadConfig(env);
    const errors = [...(result.ok ? [] : result.errors), ...placeholderUrls(env)];
    if (errors.length > 0) {
        out(`! Before the sidecar can start, set these in ${input.envPath} (or the environment):`);
        errors.forEach((line) => out(`    - ${line}`));
    }
}
