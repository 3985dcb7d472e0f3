// `npm run doctor`: every check an admin would otherwise do by hand, one line each, OK or FAIL
// with the fix. With a system admin's token (optional) it also checks where each /plugnmeet
// command points and the Mattermost settings; without one it checks what the bot can see.
import {loadConfig, type Config} from '../config/config.js';
import {placeholderUrls} from '../config/placeholders.js';
import {createMattermostAdmin, type Account, type MattermostAdmin, type TeamInfo} from '../mattermost/admin.js';
import {statusOf} from '../mattermost/client.js';
import {createPlugnmeetClient, PlugnmeetError, type PlugnmeetClient} from '../plugnmeet/client.js';
import {describeDatabase, openStore} from '../store/open.js';
import type {Meeting, Store} from '../store/store.js';
import {allowsInternal, mattermostIsHere, ownAddresses, privateAddress} from './addresses.js';
import {describeConnectionError, explainConnectionError, probeConnection} from './connection.js';
import {reportPolicy, reportSettings} from './doctor-policy.js';
import {probeCalendar, probeEndPage, probeGuestPage, probeMattermostGate} from './doctor-proxy.js';
import {RECENT_MS, reportRecap} from './doctor-recap.js';
import {mask, SETTINGS, TRIGGER, why} from './setup.js';

export interface DoctorDeps {
    env: Record<string, string | undefined>;
    /** A system admin's token: lets doctor see every team, each command's URL and the server settings. */
    adminToken?: string;
    out: (line: string) => void;
    timeoutMs?: number;
}

export type Verdict = 'OK' | 'FAIL' | 'WARN' | 'INFO';

/** One line per check, `OK` / `FAIL` / `WARN` / `INFO`, counting the failures: doctor's and doctor --live's output. */
export function checkReport(out: (line: string) => void) {
    let failures = 0;
    return {
        report(verdict: Verdict, line: string) {
            failures += verdict === 'FAIL' ? 1 : 0;
            out(`${verdict.padEnd(4)}  ${line}`);
        },
        failures: () => failures,
    };
}

/** The webapp plugin's id (plugin.json at the repository root). */
export const PLUGIN_ID = 'plugnmeet';
const PLUGIN_MANAGEMENT = 'System Console > Plugins > Plugin Management';
const UPLOAD_BUNDLE = `upload dist/${PLUGIN_ID}-<version>.tar.gz (\`npm run dist\` makes it) in ${PLUGIN_MANAGEMENT} and enable it`;

/** The versions this sidecar is tested with (docs/admin.md, "Compatibility"). */
export const SUPPORTED = {mattermost: '9.11 ESR through 11.x', plugnmeet: '2.0 through 2.4'};

/** The leading x.y.z of a version string; undefined when there is none. */
export function parseVersion(text: string | undefined): [number, number, number] | undefined {
    const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text ?? '');
    return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

const atLeast = ([a, b]: [number, number, number], major: number, minor: number) => a > major || (a === major && b >= minor);

/** OK inside the tested range, FAIL when older, WARN when newer (untested, probably fine). */
export function judgeVersion(product: 'mattermost' | 'plugnmeet', version: string): {verdict: Verdict; line: string} {
    const v = parseVersion(version);
    const name = product === 'mattermost' ? 'Mattermost' : 'plugNmeet';
    const range = `${name} ${SUPPORTED[product]}`;
    if (!v) {
        return {verdict: 'WARN', line: `${name} reports version "${version}", which doctor cannot read; supported: ${range}.`};
    }
    const [min, max] = product === 'mattermost' ? [[9, 11], 11] as const : [[2, 0], 2] as const;
    if (!atLeast(v, min[0], min[1])) {
        return {verdict: 'FAIL', line: `${name} ${version} is older than supported (${range}). Fix: upgrade ${name}.`};
    }
    if (v[0] > max || (product === 'plugnmeet' && v[0] === 2 && v[1] > 4)) {
        return {verdict: 'WARN', line: `${name} ${version} is newer than tested (${range}); run \`npm run doctor -- --live\` to try it.`};
    }
    return {verdict: 'OK', line: `${name} ${version} is supported (${range})`};
}

/** model.CurrentVersion from X-Version-Id ("<version>.<build>.<config hash>.<licensed>", server web/handlers.go). */
export async function mattermostVersion(url: string, timeoutMs: number): Promise<string | undefined> {
    try {
        const res = await fetch(`${url}/api/v4/system/ping`, {signal: AbortSignal.timeout(timeoutMs)});
        await res.body?.cancel();
        const v = parseVersion(res.headers.get('x-version-id') ?? undefined);
        return v?.join('.');
    } catch {
        return undefined;
    }
}

/** Where plugNmeet's generation is known without a room: its version, or what the create probe tells. */
export async function reportPlugnmeetGeneration(plugnmeet: PlugnmeetClient, report: (v: Verdict, line: string) => void): Promise<void> {
    const generation = await plugnmeet.generation().catch(() => 'unknown' as const);
    if (generation === '1.x') {
        report('FAIL', `plugNmeet is older than 2.0 (it wants metadata.extra_data as a string; a map since 2.0), supported: plugNmeet ${SUPPORTED.plugnmeet}. Fix: upgrade plugNmeet to 2.0 or newer.`);
    } else if (generation === '2.x') {
        report('OK', `plugNmeet is 2.0 or newer (supported: ${SUPPORTED.plugnmeet}); \`doctor --live\` shows the exact version`);
    } else {
        report('WARN', `could not tell which plugNmeet version answers (supported: ${SUPPORTED.plugnmeet}); \`doctor --live\` shows it.`);
    }
}

interface Context {
    /** Meetings ended in the last days, for the recap's check (none without a store). */
    recent?: Meeting[];
    config: Config;
    adminToken?: string;
    report: (verdict: Verdict, line: string) => void;
    timeoutMs: number;
}

/** True when every check passed (WARN and INFO lines do not count against it). */
export async function runDoctor({env, adminToken, out, timeoutMs = 5000}: DoctorDeps): Promise<boolean> {
    const checks = checkReport(out);
    const report = checks.report;

    const result = loadConfig(env);
    const errors = [...(result.ok ? [] : result.errors), ...placeholderUrls(env)];
    if (!result.ok || errors.length > 0) {
        errors.forEach((line) => report('FAIL', `configuration: ${line}`));
        out('Fix the configuration (.env or the environment) and run doctor again; `npm run setup` fills in the Mattermost part.');
        return false;
    }
    report('OK', 'configuration is complete');
    reportSettings(env, report);
    const ctx: Context = {config: result.config, adminToken, report, timeoutMs};
    checkSourceAddresses(ctx);

    const store = await checkStore(ctx);
    try {
        await reportPolicy(ctx.config, store, report);
        ctx.recent = (await store?.endedSince(Date.now() - RECENT_MS).catch(() => []))?.slice(0, 30) ?? [];
        await checkMattermost(ctx, store, adminToken ? createMattermostAdmin({url: ctx.config.mattermostUrl, adminToken, timeoutMs}) : undefined);
    } finally {
        await store?.close();
    }
    await checkPlugnmeet(ctx);
    await checkPublicUrl(ctx);
    await probeMattermostGate(ctx);
    await probeCalendar(ctx);
    await probeGuestPage(ctx);
    await probeEndPage(ctx);

    const failures = checks.failures();
    out(failures === 0 ? 'All checks passed.' : `${failures} check${failures === 1 ? '' : 's'} failed: fix ${failures === 1 ? 'it' : 'them'} as shown and run doctor again.`);
    return failures === 0;
}

/** docs/security.md: the command and action endpoints take calls only from Mattermost's addresses. */
function checkSourceAddresses({config, report}: Context): void {
    if (config.mattermostSourceAddresses.length === 0) {
        report('FAIL', 'MATTERMOST_SOURCE_ADDRESSES is empty, so the sidecar cannot tell Mattermost\'s calls from anyone else\'s. ' +
            'Fix: set it to the addresses (or CIDR ranges) Mattermost calls from, e.g. 10.0.0.5,10.1.0.0/16; `npm run setup` fills it in from MATTERMOST_URL. ' +
            'Behind a reverse proxy listed in TRUST_PROXY, the address checked is the one the proxy puts in X-Forwarded-For.');
    } else {
        report('OK', `only ${config.mattermostSourceAddresses.join(', ')} may call the command and button endpoints (MATTERMOST_SOURCE_ADDRESSES)` +
            (config.trustProxy.length > 0 ? ', as named by X-Forwarded-For from TRUST_PROXY' : ''));
    }
}

async function checkStore({config, report}: Context): Promise<Store | undefined> {
    const name = describeDatabase(config.databaseUrl);
    let store: Store;
    try {
        // Read only: a check must not change what it checks (the schema is migrated by start or `migrate`).
        store = await openStore(config.databaseUrl, {migrate: false});
    } catch (err) {
        report('FAIL', `the store ${name} does not open: ${(err as Error).message}. Fix: check DATABASE_URL, and that the sidecar may write there.`);
        return undefined;
    }
    try {
        const {applied, latest} = await store.schemaVersion();
        if (applied === latest) {
            report('OK', `the store ${name} opens and its schema is current (version ${latest})`);
        } else if (applied < latest) {
            report('FAIL', `the store ${name} is at schema version ${applied}, this sidecar needs ${latest}. Fix: run \`npx plugnmeet-sidecar migrate\`, or start the sidecar once; it migrates the store on start.`);
        } else {
            report('FAIL', `the store ${name} is at schema version ${applied}, newer than this sidecar knows (${latest}). Fix: run the newer sidecar version that migrated it.`);
        }
    } catch (err) {
        report('FAIL', `the store ${name} opens but cannot be read: ${(err as Error).message}. Fix: check DATABASE_URL.`);
    }
    return store;
}

async function checkMattermost(ctx: Context, store: Store | undefined, admin: MattermostAdmin | undefined): Promise<void> {
    const {config, report, timeoutMs} = ctx;
    const bot = createMattermostAdmin({url: config.mattermostUrl, adminToken: config.mattermostBotToken, timeoutMs});
    try {
        await bot.ping();
        report('OK', `Mattermost answers at ${config.mattermostUrl}`);
        const version = await mattermostVersion(config.mattermostUrl, timeoutMs);
        if (version) {
            const {verdict, line} = judgeVersion('mattermost', version);
            report(verdict, line);
        } else {
            report('WARN', `Mattermost did not say its version (no X-Version-Id header; a proxy may strip it). Supported: Mattermost ${SUPPORTED.mattermost}.`);
        }
    } catch (err) {
        const cause = statusOf(err) ? undefined : await probeConnection(`${config.mattermostUrl}/api/v4/system/ping`, timeoutMs);
        report('FAIL', cause ?
            `Mattermost does not answer at ${config.mattermostUrl}: ${cause.cause}. Fix: ${cause.fix} (MATTERMOST_URL)` :
            `Mattermost does not answer at ${config.mattermostUrl} (${why(err)}). Fix: check MATTERMOST_URL, and that this machine can reach it.`);
        return;
    }

    let me: Account;
    try {
        me = await bot.me();
    } catch (err) {
        report('FAIL', statusOf(err) === 401 ?
            `Mattermost does not accept MATTERMOST_BOT_TOKEN (${mask(config.mattermostBotToken)}): revoked, or its bot is disabled. Fix: run \`npm run setup\`, which makes a new one.` :
            `could not check MATTERMOST_BOT_TOKEN (${why(err)}). Fix: check MATTERMOST_URL.`);
        return;
    }
    if (me.isBot) {
        report('OK', `MATTERMOST_BOT_TOKEN is valid: it belongs to @${me.username}, a bot`);
    } else {
        // The webapp draws cards and rings only for posts of a bot account (is_bot), as setup insists.
        report('FAIL', `MATTERMOST_BOT_TOKEN belongs to @${me.username}, a person's account, not a bot: the webapp shows its posts as plain text and never rings. ` +
            'Fix: take MATTERMOST_BOT_TOKEN out of .env (and revoke that token), then run `npm run setup`, which creates the bot.');
    }

    const isAdmin = me.roles.includes('system_admin');
    if (isAdmin || me.roles.includes('system_post_all')) {
        report('OK', `@${me.username} has post:all${isAdmin ? ' (through the system admin role)' : ''}, so it can post cards in any channel`);
    } else {
        report('FAIL', `@${me.username} lacks post:all, so it cannot post cards in channels it is not a member of. Fix: run \`npm run setup\`, or edit the bot in Integrations > Bot Accounts and tick post:all.`);
    }
    report('INFO', isAdmin ?
        'cards are edited in place in every channel, because the bot is a system admin. That is far more power than it needs: with post:all alone, cards in public channels are still edited in place and the rest are brought up to date by their Refresh button.' :
        'cards are edited in place in public channels (the bot joins them); in private channels, DMs and group messages the card\'s Refresh button and Join clicks bring them up to date. Making the bot a system admin would allow edits everywhere, at the price of giving it full control of Mattermost.');

    await checkCommands(ctx, store, bot, me, admin);
    await checkSettings(ctx, admin);
    if (admin) {
        await checkPlugin(ctx);
    }
}

interface PluginsResponse {
    active?: Array<{id?: string; version?: string}>;
    inactive?: Array<{id?: string; version?: string}>;
}

/** With an admin token: the webapp plugin is uploaded and enabled (GET /api/v4/plugins, api4/plugin.go getPlugins). */
async function checkPlugin({config, report, timeoutMs, adminToken}: Context): Promise<void> {
    const url = `${config.mattermostUrl}/api/v4/plugins`;
    let res: Response;
    try {
        res = await fetch(url, {headers: {authorization: `Bearer ${adminToken}`, 'x-requested-with': 'XMLHttpRequest'}, signal: AbortSignal.timeout(timeoutMs)});
    } catch (err) {
        report('FAIL', `could not check whether the ${PLUGIN_ID} plugin is installed: ${describeConnectionError(err, url)}`);
        return;
    }
    const body = await res.json().catch(() => undefined) as PluginsResponse & {id?: string} | undefined;
    if (res.status === 501) {
        report('FAIL', `plugins are turned off in Mattermost, so the ${PLUGIN_ID} plugin (the call button and the card) cannot run. ` +
            `Fix: turn on ${PLUGIN_MANAGEMENT} > Enable Plugins (PluginSettings.Enable), then ${UPLOAD_BUNDLE}.`);
        return;
    }
    if (res.status !== 200 || !body) {
        report('FAIL', `could not check whether the ${PLUGIN_ID} plugin is installed (HTTP ${res.status}${body?.id ? `: ${body.id}` : ''}). ` +
            `Fix: the admin token must be a system admin's; or look in ${PLUGIN_MANAGEMENT} that ${PLUGIN_ID} is installed and enabled.`);
        return;
    }
    const active = (body.active ?? []).find((p) => p.id === PLUGIN_ID);
    const inactive = (body.inactive ?? []).find((p) => p.id === PLUGIN_ID);
    const version = (p: {version?: string}) => (p.version ? ` ${p.version}` : '');
    if (active) {
        report('OK', `the ${PLUGIN_ID} plugin${version(active)} is installed and enabled in Mattermost`);
    } else if (inactive) {
        report('FAIL', `the ${PLUGIN_ID} plugin${version(inactive)} is installed but not enabled, so users see no call button or card. ` +
            `Fix: enable it in ${PLUGIN_MANAGEMENT} (if it fails to start, Mattermost's log says why).`);
    } else {
        report('FAIL', `the ${PLUGIN_ID} plugin is not installed in Mattermost, so users see no call button or card. Fix: ${UPLOAD_BUNDLE}.`);
    }
}

/** Whether /plugnmeet exists in each team, points at this sidecar, and has a token the sidecar accepts. */
async function checkCommands(ctx: Context, store: Store | undefined, bot: MattermostAdmin, me: Account, admin: MattermostAdmin | undefined): Promise<void> {
    const {config, report} = ctx;
    const commandUrl = `${config.publicUrl}/mattermost/command`;
    const stored = store ? await store.commandTokens().catch(() => []) : [];
    const tokenKnown = (token: string) => config.commandTokens.includes(token) || stored.some((t) => t.token === token);
    const fix = 'Fix: run `npm run setup`.';

    let teams: TeamInfo[];
    let botTeams: Set<string>;
    try {
        botTeams = new Set((await bot.teamsOf(me.id)).map((t) => t.id));
        teams = admin ? await admin.listTeams() : (await bot.teamsOf(me.id));
    } catch (err) {
        report('FAIL', `could not list the teams (${why(err)}). ${admin ? 'Fix: the admin token must be a system admin\'s.' : fix}`);
        return;
    }
    if (teams.length === 0) {
        report('FAIL', `the bot is in no team, so /${TRIGGER} cannot be checked. ${fix}`);
        return;
    }
    if (!admin) {
        report('INFO', `/${TRIGGER} is checked as the bot sees it; with --admin-token (or MATTERMOST_ADMIN_TOKEN) doctor also checks where it points and the Mattermost settings.`);
    }
    for (const team of teams) {
        const where = `/${TRIGGER} in team ${team.name}`;
        try {
            if (!botTeams.has(team.id)) {
                report('FAIL', `the bot is not a member of team ${team.name}, so it cannot join its public channels to edit cards. ${fix}`);
            }
            if (admin) {
                const command = (await admin.listCommands(team.id)).find((c) => c.trigger === TRIGGER);
                if (!command) {
                    report('FAIL', `${where} is missing. ${fix}`);
                } else if (command.url !== commandUrl) {
                    report('FAIL', `${where} points at ${command.url}, not at ${commandUrl}. Fix: change its Request URL in Integrations > Slash Commands, or delete it and run \`npm run setup\`.`);
                } else if (tokenKnown(command.token)) {
                    report('OK', `${where} points at this sidecar and its token is accepted`);
                } else {
                    report('FAIL', `${where} points here, but the sidecar does not know its token and refuses it. ${fix} (or add the token to MATTERMOST_COMMAND_TOKENS)`);
                }
                continue;
            }
            if (!(await bot.visibleTriggers(team.id)).includes(TRIGGER)) {
                report('FAIL', `${where} is missing (or has autocomplete off). ${fix}`);
            } else if (!stored.some((t) => t.teamId === team.id) && config.commandTokens.length === 0) {
                report('FAIL', `${where} exists, but the sidecar knows no token for it and refuses it. ${fix} (or put its token in MATTERMOST_COMMAND_TOKENS)`);
            } else {
                report('OK', `${where} exists and the sidecar knows a token for it`);
            }
        } catch (err) {
            report('FAIL', `${where} could not be checked (${why(err)}).`);
        }
    }
}

/** Mattermost settings the sidecar depends on: readable with an admin token only. */
async function checkSettings({config, report}: Context, admin: MattermostAdmin | undefined): Promise<void> {
    const address = await privateAddress(config.publicUrl, await mattermostIsHere(config.mattermostUrl) ? ownAddresses() : []);
    const settings = admin ? await admin.serverSettings().catch(() => undefined) : undefined;
    if (settings && !settings.enableCommands) {
        report('FAIL', `custom slash commands are turned off, so /${TRIGGER} does nothing. Fix: turn on ${SETTINGS.commands}.`);
    }
    if (address.kind === 'unresolved') {
        report('WARN', `${address.host} (SIDECAR_PUBLIC_URL) does not resolve from here; make sure Mattermost and plugNmeet can resolve and reach it.`);
    } else if (address.kind === 'private') {
        const where = `${address.host} is a private address${address.address === address.host ? '' : ` (${address.address})`}`;
        if (!settings) {
            report('WARN', `${where}: Mattermost calls it only if "${address.host}" is listed in ${SETTINGS.untrusted}. Check it there (or pass --admin-token).`);
        } else if (allowsInternal(settings.allowedUntrustedInternalConnections, address.host, address.address)) {
            report('OK', `${where}, and Mattermost is allowed to call it`);
        } else {
            report('FAIL', `${where}, and Mattermost refuses to call it. Fix: add "${address.host}" to ${SETTINGS.untrusted}.`);
        }
    }
}

async function checkPlugnmeet({config, report, timeoutMs, recent}: Context): Promise<void> {
    const plugnmeet = createPlugnmeetClient({url: config.plugnmeetUrl, apiKey: config.plugnmeetApiKey, apiSecret: config.plugnmeetApiSecret, timeoutMs});
    try {
        await plugnmeet.ping();
        report('OK', `plugNmeet answers at ${config.plugnmeetUrl} and accepts the API key and secret (a signed status call)`);
        await reportPlugnmeetGeneration(plugnmeet, report);
        await reportRecap({config, plugnmeet, recent: recent ?? [], report});
    } catch (err) {
        const e = err as PlugnmeetError;
        const refused = e instanceof PlugnmeetError && (e.kind === 'rejected' || /credentials/.test(e.message));
        if (e instanceof PlugnmeetError && e.kind === 'unreachable') {
            // The client's error names no code: a plain GET of the base URL finds the cause.
            const cause = await probeConnection(config.plugnmeetUrl, timeoutMs);
            report('FAIL', cause ?
                `plugNmeet does not answer at ${config.plugnmeetUrl}: ${cause.cause}. Fix: ${cause.fix} (PLUGNMEET_URL)` :
                `plugNmeet does not answer at ${config.plugnmeetUrl} (${e.message}). Fix: check PLUGNMEET_URL, and that this machine can reach it.`);
        } else if (refused) {
            // Our own client's message says the same as this line; plugNmeet's own answer may add something.
            const says = e.kind === 'rejected' ? ` (it says: ${e.message})` : '';
            report('FAIL', `plugNmeet at ${config.plugnmeetUrl} refuses the API key and secret${says}. Fix: set PLUGNMEET_API_KEY and PLUGNMEET_API_SECRET to client.api_key and client.secret from plugNmeet's config.yaml.`);
        } else {
            report('FAIL', `plugNmeet at ${config.plugnmeetUrl} answered unexpectedly (${e.message}). Fix: PLUGNMEET_URL must be the plugNmeet server's base URL.`);
        }
    } finally {
        await plugnmeet.close();
    }
}

async function checkPublicUrl({config, report, timeoutMs}: Context): Promise<void> {
    const url = `${config.publicUrl}/healthz`;
    try {
        const res = await fetch(url, {signal: AbortSignal.timeout(timeoutMs), redirect: 'manual'});
        const body = await res.json().catch(() => undefined) as {status?: string} | undefined;
        if (res.status === 200 && body?.status === 'ok') {
            report('OK', `${url} answers, so the sidecar is reachable at SIDECAR_PUBLIC_URL (from this machine)`);
        } else {
            report('FAIL', `${url} answered HTTP ${res.status}, not the sidecar's {"status":"ok"}. Fix: point SIDECAR_PUBLIC_URL, and your reverse proxy, at the sidecar.`);
        }
    } catch (err) {
        const cause = explainConnectionError(err, url);
        report('FAIL', cause ?
            `${url} does not answer: ${cause.cause}. Fix: ${cause.fix} If nothing listens there, start the sidecar (\`npm start\`) and make sure SIDECAR_PUBLIC_URL reaches it through your reverse proxy.` :
            `${url} does not answer (${(err as Error).message}). Fix: start the sidecar (\`npm start\`) and make sure SIDECAR_PUBLIC_URL reaches it through your reverse proxy.`);
    }
}
