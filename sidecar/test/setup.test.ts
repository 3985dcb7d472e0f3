// `npm run setup` against the fake Mattermost: bot created (or reused) with post:all and a token,
// /plugnmeet in every team, tokens in the store and accepted by the running sidecar, .env written
// without losing anything, and a second run that changes nothing.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {after, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {createMattermostAdmin} from '../src/mattermost/admin.js';
import {AUTOCOMPLETE, runSetup, type SetupInput} from '../src/admin/setup.js';
import {SUBCOMMANDS} from '../src/meetings/command-grammar.js';
import {openSqliteStore} from '../src/store/sqlite.js';
import type {Store} from '../src/store/store.js';
import {startFakeMattermost, type FakeMattermost} from './fakes/mattermost.js';
import {type Harness, useHarness} from './harness.js';
import {freePort, spawnSidecar} from './process.js';

let h: Harness;
useHarness((started) => (h = started));

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})));
function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'pnm-setup-'));
    dirs.push(dir);
    return dir;
}

interface Run {
    ok: boolean;
    text: string;
    envPath: string;
}

/** runSetup in this process, with a .env of its own. */
async function setup(mm: FakeMattermost, store: Store, o: Partial<SetupInput> & {adminToken?: string} = {}): Promise<Run> {
    const envPath = o.envPath ?? join(tempDir(), '.env');
    const lines: string[] = [];
    const url = mm.url;
    const ok = await runSetup({
        input: {
            mattermostUrl: url, publicUrl: o.publicUrl ?? 'https://pnm-sidecar.example.com', botToken: o.botToken ?? '',
            teams: o.teams ?? [], env: o.env ?? {MATTERMOST_URL: url}, envPath, presetEnv: o.presetEnv,
        },
        store,
        admin: createMattermostAdmin({url, adminToken: o.adminToken ?? mm.adminToken}),
        connect: (token) => createMattermostAdmin({url, adminToken: token}),
        out: (l) => lines.push(l),
    });
    return {ok, text: lines.join('\n'), envPath};
}

/** The harness's sidecar, its bot and its store. */
const harnessSetup = (o: Partial<SetupInput> & {adminToken?: string} = {}) =>
    setup(h.mm, h.app.store, {publicUrl: h.url, botToken: h.mm.botToken, env: {...h.env, ...o.env}, ...o});

async function freshMattermost() {
    // The ready-made bot is called something else, so `plugnmeet` is free for setup to create.
    const mm = await startFakeMattermost({botUsername: 'legacy-bot'});
    const store = openSqliteStore(':memory:');
    after(async () => {
        await store.close();
        await mm.close();
    });
    return {mm, store};
}

const plugnmeetCommands = (mm: FakeMattermost, teamId: string) =>
    [...mm.commands.values()].filter((c) => c.team_id === teamId && c.trigger === 'plugnmeet' && !c.delete_at);
const botNamed = (mm: FakeMattermost, name: string) => [...mm.users.values()].find((u) => u.username === name);
const envValue = (text: string, key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1];

const cliPath = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function cli(args: string[], o: {cwd: string; env?: Record<string, string>; uid?: number; gid?: number}): Promise<{status: number | null; stdout: string; stderr: string}> {
    return new Promise((resolve) => {
        // Never block: the fakes answer from this very process.
        const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), cliPath, ...args], {
            cwd: o.cwd, env: {PATH: process.env.PATH, ...o.env}, uid: o.uid, gid: o.gid,
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (status) => resolve({status, stdout, stderr}));
    });
}

/**
 * As root the CLI runs as nobody, who must reach this checkout (the node binary, tsx, the sources):
 * a clone in a `mktemp -d` directory (mode 0700) is closed to them. Its folders get o+x (enter, not
 * list) for the duration, then their modes back.
 */
async function lettingNobodyIn<T>(run: () => Promise<T>): Promise<T> {
    const opened: Array<[string, number]> = [];
    for (let dir = fileURLToPath(new URL('../../', import.meta.url)); ; dir = dirname(dir)) {
        const mode = statSync(dir).mode & 0o7777;
        if ((mode & 0o001) === 0) {
            chmodSync(dir, mode | 0o001);
            opened.push([dir, mode]);
        }
        if (dirname(dir) === dir) {
            break;
        }
    }
    try {
        return await run();
    } finally {
        for (const [dir, mode] of opened) {
            chmodSync(dir, mode);
        }
    }
}

describe('setup from scratch (the CLI)', () => {
    test('creates the bot with post:all and its token, /plugnmeet everywhere, writes .env; a second run changes nothing', async () => {
        const {mm} = await freshMattermost();
        const sales = mm.addTeam({name: 'sales'});
        const cwd = tempDir();
        const dbPath = join(cwd, 'data', 'store.sqlite');
        const original = [
            '# plugNmeet sidecar settings',
            'PLUGNMEET_URL=https://meet.example.com',
            'PLUGNMEET_API_KEY=plugnmeet',
            '',
            '# filled in by setup:',
            'MATTERMOST_BOT_TOKEN=',
            `DATABASE_URL=sqlite:${dbPath}`,
            'SIDECAR_PUBLIC_URL=http://127.0.0.1:8787',
        ].join('\n') + '\n';
        writeFileSync(join(cwd, '.env'), original);

        const first = await cli(['setup', '--mattermost-url', mm.url + '/', '--admin-token', mm.adminToken], {cwd});
        assert.equal(first.status, 0, first.stdout + first.stderr);

        const bot = botNamed(mm, 'plugnmeet');
        assert.ok(bot && mm.bots.has(bot.id), 'a bot account @plugnmeet exists');
        assert.equal(mm.bots.get(bot.id)?.display_name, 'plugNmeet');
        assert.equal(bot.roles, 'system_user system_post_all');
        for (const teamId of [mm.teamId, sales.id]) {
            assert.ok(mm.isTeamMember(teamId, bot.id));
            const [command] = plugnmeetCommands(mm, teamId);
            assert.equal(command.url, 'http://127.0.0.1:8787/mattermost/command');
            assert.equal(command.auto_complete, true);
            assert.equal(command.auto_complete_hint, AUTOCOMPLETE.hint);
            assert.equal(command.auto_complete_desc, AUTOCOMPLETE.description);
            assert.ok(command.description);
        }

        const env = readFileSync(join(cwd, '.env'), 'utf8');
        const token = envValue(env, 'MATTERMOST_BOT_TOKEN') ?? '';
        assert.equal(mm.tokenOwner(token)?.id, bot.id, 'the token in .env is the bot\'s');
        assert.equal(envValue(env, 'MATTERMOST_URL'), mm.url);
        assert.match(envValue(env, 'SIDECAR_SECRET') ?? '', /^[0-9a-f]{64}$/);
        assert.ok(env.startsWith('# plugNmeet sidecar settings\nPLUGNMEET_URL=https://meet.example.com\nPLUGNMEET_API_KEY=plugnmeet\n\n# filled in by setup:\n'),
            'comments and other settings stay where they were');
        assert.equal(env.match(/MATTERMOST_BOT_TOKEN=/g)?.length, 1, 'the empty line is filled in, not duplicated');
        assert.equal(statSync(join(cwd, '.env')).mode & 0o777, 0o600);

        // Secrets are shown masked, never whole; the admin is told what is still missing.
        for (const secret of [token, mm.adminToken, envValue(env, 'SIDECAR_SECRET')!]) {
            assert.ok(!(first.stdout + first.stderr).includes(secret), 'a secret was printed');
        }
        assert.match(first.stdout, new RegExp(`Created an access token for @plugnmeet: ${token.slice(0, 4)}…`));
        assert.match(first.stdout, /PLUGNMEET_API_SECRET is missing/);
        assert.match(first.stdout, /127\.0\.0\.1 is a private address: .*System Console > Environment > Developer > Allow untrusted internal connections to/);

        const store = openSqliteStore(dbPath);
        const tokens = await store.commandTokens();
        await store.close();
        assert.deepEqual(tokens.map((t) => t.teamId).sort(), [mm.teamId, sales.id].sort());

        // Again: same .env, no new token, command or membership; only reads.
        const requestsBefore = mm.requests.length;
        const second = await cli(['setup', '--admin-token', mm.adminToken], {cwd});
        assert.equal(second.status, 0, second.stdout + second.stderr);
        assert.equal(readFileSync(join(cwd, '.env'), 'utf8'), env);
        assert.match(second.stdout, /MATTERMOST_BOT_TOKEN works: it belongs to @plugnmeet/);
        assert.match(second.stdout, /is up to date/);
        assert.match(second.stdout, /sales: the bot is a member; \/plugnmeet was already set up/);
        const writes = mm.requests.slice(requestsBefore).filter((r) => r.method !== 'GET');
        assert.deepEqual(writes, [], 'the second run changed something');
    });

    test('a .env it cannot write (a root-owned checkout, the service user running setup) changes nothing in Mattermost and says the fix', async () => {
        const {mm} = await freshMattermost();
        const cwd = tempDir();
        const data = join(cwd, 'data');
        mkdirSync(data);
        writeFileSync(join(cwd, '.env'), 'SIDECAR_PUBLIC_URL=http://127.0.0.1:8787\n', {mode: 0o644});
        // As root, run it as nobody (root writes any file); as anyone else, take away the owner's write bit.
        const root = process.getuid?.() === 0;
        const as = root ? {uid: 65534, gid: 65534} : {};
        chmodSync(cwd, 0o755);
        chmodSync(data, 0o777);
        if (!root) {
            chmodSync(join(cwd, '.env'), 0o444);
        }
        const asThem = (o: Parameters<typeof cli>[1]) => lettingNobodyIn(() => cli(['setup', '--mattermost-url', mm.url, '--admin-token', mm.adminToken], {...o, ...as}));
        const run = await asThem({cwd, env: {DATABASE_URL: `sqlite:${join(data, 'store.sqlite')}`, HOME: cwd}});
        assert.equal(run.status, 1, run.stdout + run.stderr);
        assert.match(run.stdout, new RegExp(`cannot write ${join(cwd, '.env').replace(/[.]/g, '\\.')} \\(EACCES\\), so setup changed nothing\\. ` +
            `Fix: sudo chown \\S+ ${join(cwd, '.env').replace(/[.]/g, '\\.')} \\(or run setup as the user who owns it\\)`));
        assert.equal(botNamed(mm, 'plugnmeet'), undefined, 'no bot was created');
        assert.deepEqual(mm.requests.filter((r) => r.method !== 'GET'), [], 'nothing was changed in Mattermost (no token made to be lost)');
        assert.equal(readFileSync(join(cwd, '.env'), 'utf8'), 'SIDECAR_PUBLIC_URL=http://127.0.0.1:8787\n');

        // No .env yet, in a directory the user may not write: the fix is an empty .env of theirs.
        rmSync(join(cwd, '.env'));
        chmodSync(cwd, 0o555);
        const missing = await asThem({cwd, env: {
            SIDECAR_PUBLIC_URL: 'http://127.0.0.1:8787', DATABASE_URL: `sqlite:${join(data, 'store.sqlite')}`, HOME: cwd,
        }});
        chmodSync(cwd, 0o755);
        assert.equal(missing.status, 1, missing.stdout + missing.stderr);
        assert.match(missing.stdout, /\(EACCES\), so setup changed nothing\. Fix: sudo install -o \S+ -m 600 \/dev\/null \S+\/\.env \(an empty \.env that \S+ owns\)/);
        assert.deepEqual(mm.requests.filter((r) => r.method !== 'GET'), []);
    });

    test('.env.example as shipped: setup, doctor and the sidecar refuse its example.com URLs and say which to set', async () => {
        const {mm} = await freshMattermost();
        const cwd = tempDir();
        const example = readFileSync(fileURLToPath(new URL('../../.env.example', import.meta.url)), 'utf8');
        // Filled in but for the URLs, as someone might after copying it.
        writeFileSync(join(cwd, '.env'), example
            .replace(/^PLUGNMEET_API_KEY=$/m, 'PLUGNMEET_API_KEY=key').replace(/^PLUGNMEET_API_SECRET=$/m, `PLUGNMEET_API_SECRET=${'s'.repeat(40)}`)
            .replace(/^SIDECAR_SECRET=$/m, `SIDECAR_SECRET=${'q'.repeat(64)}`).replace(/^MATTERMOST_BOT_TOKEN=$/m, 'MATTERMOST_BOT_TOKEN=abc')
            + `DATABASE_URL=sqlite:${join(cwd, 'store.sqlite')}\n`);
        const placeholder = (name: string) => new RegExp(`${name} is https://[a-z-]+\\.example\\.com, a placeholder \\([a-z-]+\\.example\\.com is reserved for examples\\): set it to `);

        const setupRun = await cli(['setup', '--admin-token', mm.adminToken], {cwd});
        assert.equal(setupRun.status, 2, setupRun.stdout + setupRun.stderr);
        assert.match(setupRun.stderr, placeholder('MATTERMOST_URL'));
        assert.match(setupRun.stderr, placeholder('SIDECAR_PUBLIC_URL'));
        assert.deepEqual(mm.requests, [], 'setup did not call anything');

        const doctorRun = await cli(['doctor'], {cwd});
        assert.equal(doctorRun.status, 1);
        for (const name of ['MATTERMOST_URL', 'PLUGNMEET_URL', 'SIDECAR_PUBLIC_URL']) {
            assert.match(doctorRun.stdout, new RegExp(`^FAIL {2}configuration: ${placeholder(name).source}`, 'm'));
        }

        const port = await freePort();
        const sidecar = spawnSidecar(cwd, {SIDECAR_PORT: String(port)});
        assert.equal(await sidecar.exited, 2);
        assert.match(sidecar.output(), /cannot start, the configuration needs attention/);
        assert.match(sidecar.output(), placeholder('PLUGNMEET_URL'));
    });

    test('says what it needs when the admin token or the public URL is missing', async () => {
        const cwd = tempDir();
        const run = await cli(['setup'], {cwd, env: {MATTERMOST_URL: 'https://chat.example.com'}});
        assert.equal(run.status, 2);
        assert.match(run.stderr, /SIDECAR_PUBLIC_URL is missing/);
        assert.match(run.stderr, /admin token is missing: pass --admin-token or set MATTERMOST_ADMIN_TOKEN/);
        assert.doesNotMatch(run.stderr, /PLUGNMEET/, 'what setup does not need is not asked for');
        const usage = await cli(['frobnicate'], {cwd});
        assert.equal(usage.status, 2);
        assert.match(usage.stderr, /usage: plugnmeet-sidecar setup/);
        const unknownFlag = await cli(['setup', '--bogus'], {cwd});
        assert.equal(unknownFlag.status, 2);
    });
});

describe('setup with an existing bot (the harness)', () => {
    test('keeps a working bot token, adds the bot to every team and creates /plugnmeet; the sidecar accepts the new tokens', async () => {
        const sales = h.mm.addTeam({name: 'sales'});
        const tokensBefore = [...h.mm.requests].filter((r) => r.path.endsWith('/tokens')).length;
        const result = await harnessSetup();
        assert.ok(result.ok, result.text);
        assert.match(result.text, /MATTERMOST_BOT_TOKEN works: it belongs to @plugnmeet\./);
        assert.match(result.text, /sales: added the bot; \/plugnmeet created/);
        assert.match(result.text, /127\.0\.0\.1 is a private address/);
        assert.equal(h.mm.requests.filter((r) => r.path.endsWith('/tokens')).length, tokensBefore, 'no new bot token');
        assert.equal(existsSync(result.envPath), false, 'a complete configuration: nothing to write');

        for (const teamId of [h.mm.teamId, sales.id]) {
            assert.ok(h.mm.isTeamMember(teamId, h.mm.bot.id));
            const [command] = plugnmeetCommands(h.mm, teamId);
            assert.equal(command.url, `${h.url}/mattermost/command`);
            assert.ok((await h.app.store.commandTokens()).some((t) => t.teamId === teamId && t.token === command.token));
        }

        // A command in the new team, with the token Mattermost made for it, works at once.
        const channel = h.mm.addChannel({type: 'O', name: 'sales-floor', team_id: sales.id, members: [h.users.alice.id]});
        const [salesCommand] = plugnmeetCommands(h.mm, sales.id);
        const res = await h.mm.sendCommand(`${h.url}/mattermost/command`, {token: salesCommand.token, user: h.users.alice, channel, text: 'help'});
        assert.equal(res.status, 200);
        assert.match(res.body.text, /plugNmeet video meetings/);
    });

    test('gives the bot post:all when it lacks it, and leaves a system admin bot alone (saying it has more power than needed)', async () => {
        h.mm.bot.roles = 'system_user';
        try {
            const result = await harnessSetup();
            assert.ok(result.ok, result.text);
            assert.match(result.text, /Gave @plugnmeet the post:all role/);
            assert.equal(h.mm.bot.roles, 'system_user system_post_all');

            h.mm.bot.roles = 'system_user system_admin';
            const admin = await harnessSetup();
            assert.match(admin.text, /is a system admin: it can post and edit cards everywhere, but has far more power than it needs/);
            assert.equal(h.mm.bot.roles, 'system_user system_admin');
        } finally {
            h.mm.bot.roles = 'system_user system_post_all';
        }
    });

    test('--teams sets up only the named teams and reports unknown names', async () => {
        const ops = h.mm.addTeam({name: 'ops'});
        const lab = h.mm.addTeam({name: 'lab'});
        const result = await harnessSetup({teams: ['lab', 'nope']});
        assert.equal(result.ok, false);
        assert.match(result.text, /There is no team named "nope"/);
        assert.match(result.text, /lab: added the bot; \/plugnmeet created/);
        assert.equal(plugnmeetCommands(h.mm, lab.id).length, 1);
        assert.equal(plugnmeetCommands(h.mm, ops.id).length, 0, 'an unnamed team is left alone');
        assert.equal(h.mm.isTeamMember(ops.id, h.mm.bot.id), false);
    });

    test('a /plugnmeet command pointing elsewhere is left alone and reported', async () => {
        const other = h.mm.addTeam({name: 'elsewhere'});
        h.mm.addCommand({team_id: other.id, trigger: 'plugnmeet', url: 'https://elsewhere.example.com/hook', creator_id: h.mm.admin.id});
        const result = await harnessSetup({teams: ['elsewhere']});
        assert.equal(result.ok, false);
        assert.match(result.text, /elsewhere: a \/plugnmeet command already points at https:\/\/elsewhere\.example\.com\/hook; left alone/);
        assert.equal(plugnmeetCommands(h.mm, other.id).length, 1);
    });

    test('a token that is not a system admin\'s gets a clear answer and changes nothing', async () => {
        const before = h.mm.commands.size;
        const result = await harnessSetup({adminToken: h.mm.botToken});
        assert.equal(result.ok, false);
        assert.match(result.text, /must be a personal access token of a system admin; @plugnmeet is not a system admin/);
        assert.equal(h.mm.commands.size, before);
        const wrong = await harnessSetup({adminToken: 'not-a-token'});
        assert.match(wrong.text, /Mattermost does not accept this one \(HTTP 401.*Enable Personal Access Tokens/);
    });

    test('a private sidecar address listed in AllowedUntrustedInternalConnections is fine', async () => {
        h.mm.settings.AllowedUntrustedInternalConnections = 'pnm.internal 127.0.0.0/8';
        try {
            const result = await harnessSetup();
            assert.match(result.text, /127\.0\.0\.1 is a private address, and Mattermost is allowed to call it/);
        } finally {
            h.mm.settings.AllowedUntrustedInternalConnections = '';
        }
    });
});

describe('setup and the bot account', () => {
    test('re-enables a disabled bot and replaces a token that no longer works', async () => {
        const {mm, store} = await freshMattermost();
        const {user, token: oldToken} = mm.addBot({username: 'plugnmeet'});
        mm.disableBot(user.id);
        const result = await setup(mm, store, {botToken: oldToken, env: {MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: oldToken}});
        assert.ok(result.ok, result.text);
        assert.match(result.text, new RegExp(`MATTERMOST_BOT_TOKEN \\(${oldToken.slice(0, 4)}…\\) is not accepted`));
        assert.match(result.text, /Re-enabled the disabled bot account @plugnmeet/);
        assert.ok(!result.text.includes(oldToken));
        const token = envValue(readFileSync(result.envPath, 'utf8'), 'MATTERMOST_BOT_TOKEN') ?? '';
        assert.notEqual(token, oldToken);
        assert.equal(mm.tokenOwner(token)?.id, user.id);
        assert.equal(mm.bots.get(user.id)?.delete_at, 0);
    });

    test('says which setting to turn on when bot accounts cannot be created', async () => {
        const {mm, store} = await freshMattermost();
        mm.settings.EnableBotAccountCreation = false;
        const result = await setup(mm, store);
        assert.equal(result.ok, false);
        assert.match(result.text, /Bot accounts cannot be created on this server: turn on System Console > Integrations > Bot Accounts > Enable Bot Account Creation/);
        assert.equal(botNamed(mm, 'plugnmeet'), undefined);
    });

    test('says which setting to turn on when custom slash commands are off', async () => {
        const {mm, store} = await freshMattermost();
        mm.settings.EnableCommands = false;
        const result = await setup(mm, store);
        assert.equal(result.ok, false);
        assert.match(result.text, /Custom slash commands are turned off: turn on System Console > Integrations > Integration Management > Enable Custom Slash Commands/);
        assert.ok(envValue(readFileSync(result.envPath, 'utf8'), 'MATTERMOST_BOT_TOKEN'), 'the bot token made before is kept');
    });

    test('refuses to take over a user account called plugnmeet', async () => {
        const {mm, store} = await freshMattermost();
        mm.addUser({username: 'plugnmeet'});
        const result = await setup(mm, store);
        assert.equal(result.ok, false);
        assert.match(result.text, /@plugnmeet is a person's account, not a bot, and the webapp shows meeting cards only from a bot named @plugnmeet\. Rename that user/);
    });

    test('refuses a MATTERMOST_BOT_TOKEN of a person\'s account called plugnmeet, and changes nothing', async () => {
        const {mm, store} = await freshMattermost();
        const human = mm.addUser({username: 'plugnmeet'});
        const token = await createMattermostAdmin({url: mm.url, adminToken: mm.adminToken}).createToken(human.id, 'pretend bot');
        const requestsBefore = mm.requests.length;
        const result = await setup(mm, store, {botToken: token});
        assert.equal(result.ok, false);
        assert.match(result.text, /MATTERMOST_BOT_TOKEN belongs to @plugnmeet, a person's account, not a bot: the webapp shows meeting cards only from the bot @plugnmeet\. Take MATTERMOST_BOT_TOKEN out of \.env/);
        assert.deepEqual(mm.requests.slice(requestsBefore).filter((r) => r.method !== 'GET'), [], 'no role, team, command or token changed');
        assert.equal(existsSync(result.envPath), false, 'nothing written to .env');
    });

    test('warns when a rewritten value is also set in the environment, which wins over .env', async () => {
        const {mm, store} = await freshMattermost();
        const result = await setup(mm, store, {presetEnv: new Set(['MATTERMOST_BOT_TOKEN'])});
        assert.ok(result.ok, result.text);
        assert.match(result.text, /MATTERMOST_BOT_TOKEN is also set in the environment, which wins over \.env/);
    });
});

describe('the /plugnmeet autocomplete', () => {
    test('a /plugnmeet made by an older setup gets today\'s hint and description; its token and id stay, and a second run changes nothing', async () => {
        const {mm, store} = await freshMattermost();
        const publicUrl = 'https://pnm-sidecar.example.com';
        const old = mm.addCommand({trigger: 'plugnmeet', url: `${publicUrl}/mattermost/command`, auto_complete: true,
            auto_complete_hint: '[start|join|end|recordings|options|help] [--options] [topic]', auto_complete_desc: 'Start or join a plugNmeet video meeting',
            display_name: 'plugNmeet', description: 'Video meetings with plugNmeet'});
        const first = await setup(mm, store, {publicUrl});
        assert.ok(first.ok, first.text);
        assert.match(first.text, /\/plugnmeet updated its autocomplete hint and description/);
        const [now] = plugnmeetCommands(mm, mm.teamId);
        assert.deepEqual([now.id, now.token, now.url, now.display_name, now.description], [old.id, old.token, old.url, old.display_name, old.description]);
        assert.deepEqual([now.auto_complete_hint, now.auto_complete_desc], [AUTOCOMPLETE.hint, AUTOCOMPLETE.description]);

        const before = mm.requests.length;
        const second = await setup(mm, store, {publicUrl, envPath: first.envPath, botToken: envValue(readFileSync(first.envPath, 'utf8'), 'MATTERMOST_BOT_TOKEN'),
            env: {MATTERMOST_URL: mm.url, MATTERMOST_SOURCE_ADDRESSES: '127.0.0.1', SIDECAR_SECRET: envValue(readFileSync(first.envPath, 'utf8'), 'SIDECAR_SECRET')}});
        assert.match(second.text, /\/plugnmeet was already set up/);
        assert.deepEqual(mm.requests.slice(before).filter((r) => r.method !== 'GET'), []);
    });

    test('names every subcommand, and docs/admin.md tells admins who make the command by hand the same hint and description', () => {
        for (const sub of SUBCOMMANDS) {
            assert.match(AUTOCOMPLETE.hint, new RegExp(`[[|]${sub}[|\\]]`), sub);
        }
        const adminDoc = readFileSync(fileURLToPath(new URL('../../docs/admin.md', import.meta.url)), 'utf8').replace(/\s+/g, ' ');
        assert.ok(adminDoc.includes(`hint \`${AUTOCOMPLETE.hint}\``), 'docs/admin.md gives the hint setup uses');
        assert.ok(adminDoc.includes(`description \`${AUTOCOMPLETE.description}\``), 'docs/admin.md gives the description setup uses');
    });
});

describe('.env writing', () => {
    test('replaces the last assignment in place (keeping `export`), quotes what needs it, and dotenv reads it back', async () => {
        const {updateEnvFile} = await import('../src/admin/env-file.js');
        const dotenv = (await import('dotenv')).default;
        const path = join(tempDir(), '.env');
        writeFileSync(path, '# top\nexport MATTERMOST_URL=https://old.example.com\nA=1\nA=2\n');
        assert.deepEqual(updateEnvFile(path, {MATTERMOST_URL: 'https://chat.example.com', A: '3', B: 'two words # not a comment'}), ['MATTERMOST_URL', 'A', 'B']);
        const text = readFileSync(path, 'utf8');
        assert.equal(text, '# top\nexport MATTERMOST_URL=https://chat.example.com\nA=1\nA=3\nB="two words # not a comment"\n');
        assert.deepEqual(dotenv.parse(text), {MATTERMOST_URL: 'https://chat.example.com', A: '3', B: 'two words # not a comment'});
        assert.deepEqual(updateEnvFile(path, {A: '3'}), [], 'nothing changes, nothing is written');
    });
});

describe('which sidecar addresses Mattermost refuses to call (httpservice/client.go)', () => {
    test('each of Mattermost\'s reserved ranges, at both ends and just outside', async () => {
        const {isReservedAddress, MATTERMOST_RESERVED_RANGES} = await import('../src/admin/addresses.js');
        const inside: Array<[string, string]> = [
            ['0.0.0.0/8', '0.0.0.0'], ['0.0.0.0/8', '0.255.255.255'],
            ['10.0.0.0/8', '10.0.0.0'], ['10.0.0.0/8', '10.255.255.255'],
            ['127.0.0.0/8', '127.0.0.1'], ['127.0.0.0/8', '127.255.255.254'],
            ['169.254.0.0/16', '169.254.169.254'],
            ['172.16.0.0/12', '172.16.0.1'], ['172.16.0.0/12', '172.31.255.255'],
            ['192.168.0.0/16', '192.168.1.10'],
            ['::/128', '::'], ['::1/128', '::1'],
            ['fc00::/7', 'fc00::1'], ['fc00::/7', 'fdff:ffff::1'],
            ['fe80::/10', 'fe80::1'], ['fe80::/10', 'febf::1'],
            // Listed by the newest server source (see admin/addresses.ts), not by 9.11 to 11: a warning costs a setting line.
            ['100.64.0.0/10', '100.64.0.1'], ['100.64.0.0/10', '100.127.255.255'],
            ['198.18.0.0/15', '198.18.0.1'], ['198.18.0.0/15', '198.19.255.255'],
        ];
        assert.deepEqual([...new Set(inside.map(([r]) => r))], [...MATTERMOST_RESERVED_RANGES], 'every range is tested');
        for (const [range, address] of inside) {
            assert.equal(isReservedAddress(address), true, `${address} is in ${range}`);
        }
        for (const address of ['1.0.0.0', '9.255.255.255', '11.0.0.0', '126.255.255.255', '128.0.0.0', '169.253.255.255', '169.255.0.0',
            '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '8.8.8.8', '::2', 'fe00::1', 'fec0::1', '2001:db8::1', '2a00:1450::1',
            '100.63.255.255', '100.128.0.0', '198.17.255.255', '198.20.0.0']) {
            assert.equal(isReservedAddress(address), false, `${address} is public for Mattermost`);
        }
        assert.equal(isReservedAddress('::ffff:10.1.2.3'), true, 'an IPv4-mapped address counts as its IPv4 address');
    });

    test('the Mattermost host\'s own addresses are refused too (IsOwnIP), when Mattermost runs here', async () => {
        const {ownAddresses, privateAddress} = await import('../src/admin/addresses.js');
        assert.deepEqual(await privateAddress('https://203.0.113.7:8787'), {kind: 'public'});
        assert.deepEqual(await privateAddress('https://203.0.113.7:8787', ['203.0.113.7']), {kind: 'private', host: '203.0.113.7', address: '203.0.113.7'});
        assert.deepEqual(await privateAddress('http://[fd00::5]:8787'), {kind: 'private', host: 'fd00::5', address: 'fd00::5'});
        assert.ok(ownAddresses().includes('127.0.0.1'));
    });
});

describe('setup and MATTERMOST_SOURCE_ADDRESSES', () => {
    test('fills it in from what MATTERMOST_URL resolves to, and says what is checked behind a proxy', async () => {
        const {mm, store} = await freshMattermost();
        const result = await setup(mm, store);
        assert.ok(result.ok, result.text);
        assert.equal(envValue(readFileSync(result.envPath, 'utf8'), 'MATTERMOST_SOURCE_ADDRESSES'), '127.0.0.1');
        assert.match(result.text, /MATTERMOST_SOURCE_ADDRESSES: 127\.0\.0\.1 \(what 127\.0\.0\.1 resolves to\)\..*TRUST_PROXY.*X-Forwarded-For/);
        assert.match(result.text, /Wrote .*MATTERMOST_SOURCE_ADDRESSES=127\.0\.0\.1/);

        const kept = await setup(mm, store, {env: {MATTERMOST_URL: mm.url, MATTERMOST_SOURCE_ADDRESSES: '10.0.0.5'}});
        assert.equal(envValue(readFileSync(kept.envPath, 'utf8'), 'MATTERMOST_SOURCE_ADDRESSES'), undefined, 'a value already set is left alone');
    });
});
