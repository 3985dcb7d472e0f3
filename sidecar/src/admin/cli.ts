// Admin commands: `setup` (bot, its token, /plugnmeet in every team, .env), `doctor` (checks,
// read only) and `migrate` (brings the store's schema up to date). They read the sidecar's
// configuration from the environment and ./.env, like the sidecar does.
import {resolve} from 'node:path';
import {parseArgs} from 'node:util';
import dotenv from 'dotenv';
import {DEFAULT_DATABASE_URL, loadConfig} from '../config/config.js';
import {placeholderUrls} from '../config/placeholders.js';
import {createMattermostAdmin} from '../mattermost/admin.js';
import {describeDatabase, openStore} from '../store/open.js';
import {runDoctor} from './doctor.js';
import {runLiveDoctor} from './doctor-live.js';
import {runSetup} from './setup.js';

const USAGE = `usage: plugnmeet-sidecar setup [--mattermost-url URL] [--admin-token TOKEN] [--teams a,b]
       plugnmeet-sidecar doctor [--admin-token TOKEN]
       plugnmeet-sidecar doctor --live --channel TEAM/CHANNEL (or the channel's URL or id)
       plugnmeet-sidecar migrate

  setup   With a system admin's personal access token: creates (or reuses) the bot account
          @plugnmeet with post:all and its token, registers /plugnmeet in every team (or the
          named ones), and writes MATTERMOST_URL, MATTERMOST_BOT_TOKEN and SIDECAR_SECRET into
          ./.env. Needs SIDECAR_PUBLIC_URL. Safe to run again.
  doctor  Checks the configuration, the store, Mattermost and the bot, /plugnmeet in each team,
          plugNmeet and the public URL; exits 0 only when everything passes.
  doctor --live  Against the real servers, what a start does: creates a throwaway plugNmeet
          room with the production request, gets a join token, ends the room; posts a card
          as the bot in that channel, edits it and deletes it. Prints the Mattermost and
          plugNmeet versions and whether they are supported.

  migrate Applies the store's migrations (DATABASE_URL) that are missing; the sidecar does this
          when it starts, doctor never does.

  The admin token can also come from MATTERMOST_ADMIN_TOKEN (better: it stays out of the shell
  history). It is used for this run only and never stored.`;

const OPTIONS = {
    'mattermost-url': {type: 'string'},
    'admin-token': {type: 'string'},
    teams: {type: 'string'},
    live: {type: 'boolean'},
    channel: {type: 'string'},
    help: {type: 'boolean', short: 'h'},
} as const;

/** Runs one admin command; the exit code. */
export async function runCli(argv: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({args: argv, options: OPTIONS, allowPositionals: true, strict: true});
    } catch (err) {
        console.error(`${(err as Error).message}\n${USAGE}`);
        return 2;
    }
    const [sub, ...extra] = parsed.positionals;
    if (parsed.values.help) {
        console.log(USAGE);
        return 0;
    }
    const {live, channel} = parsed.values;
    if ((sub !== 'setup' && sub !== 'doctor' && sub !== 'migrate') || extra.length > 0 ||
        (sub !== 'setup' && (parsed.values.teams || parsed.values['mattermost-url'])) ||
        (sub !== 'doctor' && (live || channel)) || (live && !channel?.trim()) || (channel && !live)) {
        console.error(USAGE);
        return 2;
    }
    const preset = new Set(Object.keys(process.env)); // set before .env is read: they win over it
    const fromFile = dotenv.config({quiet: true}).parsed ?? {};
    if ('MATTERMOST_ADMIN_TOKEN' in fromFile) {
        console.log('! MATTERMOST_ADMIN_TOKEN is in .env: take it out; it is needed for one run only and the sidecar never uses it.');
    }
    const adminToken = (parsed.values['admin-token'] ?? process.env.MATTERMOST_ADMIN_TOKEN ?? '').trim();
    const out = (line: string) => console.log(line);

    if (sub === 'migrate') {
        return migrate();
    }
    if (sub === 'doctor' && live) {
        return (await runLiveDoctor({env: process.env, channel: channel!.trim(), out})) ? 0 : 1;
    }
    if (sub === 'doctor') {
        return (await runDoctor({env: process.env, adminToken: adminToken || undefined, out})) ? 0 : 1;
    }

    const mattermostUrl = (parsed.values['mattermost-url'] ?? process.env.MATTERMOST_URL ?? '').trim().replace(/\/+$/, '');
    // Setup runs before the configuration is complete: only what it needs must be valid.
    // (--mattermost-url stands in for MATTERMOST_URL.)
    const needed = /^(MATTERMOST_URL|SIDECAR_PUBLIC_URL|DATABASE_URL)\b/;
    const check = loadConfig({...process.env, MATTERMOST_URL: mattermostUrl});
    const problems = [
        ...(check.ok ? [] : check.errors.filter((e) => needed.test(e))),
        ...placeholderUrls({MATTERMOST_URL: mattermostUrl, SIDECAR_PUBLIC_URL: process.env.SIDECAR_PUBLIC_URL}),
    ];
    if (!adminToken) {
        problems.push('The admin token is missing: pass --admin-token or set MATTERMOST_ADMIN_TOKEN to a system admin\'s personal access token (used for this run only).');
    }
    if (problems.length > 0) {
        console.error('Setup needs these first:');
        problems.forEach((line) => console.error(`  - ${line.replace(/^MATTERMOST_URL is missing/, 'MATTERMOST_URL is missing (or pass --mattermost-url)')}`));
        return 2;
    }
    const databaseUrl = (process.env.DATABASE_URL ?? '').trim() || DEFAULT_DATABASE_URL;
    const store = await openStore(databaseUrl, {migrate: true});
    try {
        const ok = await runSetup({
            input: {
                mattermostUrl,
                publicUrl: (process.env.SIDECAR_PUBLIC_URL ?? '').trim().replace(/\/+$/, ''),
                botToken: (process.env.MATTERMOST_BOT_TOKEN ?? '').trim(),
                teams: (parsed.values.teams ?? '').split(',').map((t) => t.trim()).filter(Boolean),
                env: process.env,
                envPath: resolve('.env'),
                presetEnv: preset,
            },
            store,
            admin: createMattermostAdmin({url: mattermostUrl, adminToken}),
            connect: (token) => createMattermostAdmin({url: mattermostUrl, adminToken: token}),
            out,
        });
        return ok ? 0 : 1;
    } finally {
        await store.close();
    }
}

/** Only DATABASE_URL matters here: a store can be migrated before the rest is configured. */
async function migrate(): Promise<number> {
    const databaseUrl = (process.env.DATABASE_URL ?? '').trim() || DEFAULT_DATABASE_URL;
    const problem = loadConfig(process.env);
    const urlError = problem.ok ? undefined : problem.errors.find((e) => e.startsWith('DATABASE_URL'));
    if (urlError) {
        console.error(urlError);
        return 2;
    }
    try {
        const store = await openStore(databaseUrl, {migrate: true});
        const {applied} = await store.schemaVersion();
        await store.close();
        console.log(`the store ${describeDatabase(databaseUrl)} is at schema version ${applied}`);
        return 0;
    } catch (err) {
        console.error(`cannot migrate the store ${describeDatabase(databaseUrl)}: ${(err as Error).message}`);
        return 1;
    }
}
