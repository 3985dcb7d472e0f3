// `npm run setup` against the fake Mattermost: bot in every team, /plugnmeet created once,
// tokens saved in the store and accepted by the running sidecar; `doctor` reports.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {createMattermostAdmin} from '../src/mattermost/adapter.js';
import {runSetup} from '../src/setup.js';
import {type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

async function setup(adminToken = h.mm.adminToken) {
    const lines: string[] = [];
    const ok = await runSetup({
        config: h.config, store: h.app.store, bot: h.app.mattermost,
        admin: createMattermostAdmin({url: h.mm.url, adminToken}), out: (l) => lines.push(l),
    });
    return {ok, text: lines.join('\n')};
}

const plugnmeetCommands = (teamId: string) => [...h.mm.commands.values()].filter((c) => c.team_id === teamId && c.trigger === 'plugnmeet' && !c.delete_at);

const cliArgs = (args: string[]) => ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../src/cli.ts', import.meta.url)), ...args];
const cliEnv = (env: Record<string, string>) => ({PATH: process.env.PATH, ...h.env, ...env});

/** For runs that need no server: blocking is fine. */
const cli = (args: string[], env: Record<string, string>) => spawnSync(process.execPath, cliArgs(args), {env: cliEnv(env), encoding: 'utf8', timeout: 60_000});

/** For runs that talk to the fakes, which live in this very process: never block it. */
function cliAsync(args: string[], env: Record<string, string>): Promise<{status: number | null; stdout: string; stderr: string}> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, cliArgs(args), {env: cliEnv(env)});
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (status) => resolve({status, stdout, stderr}));
    });
}

describe('setup', () => {
    test('adds the bot to every team and creates /plugnmeet; the sidecar accepts the new tokens', async () => {
        const sales = h.mm.addTeam({name: 'sales'});
        assert.equal(h.mm.isTeamMember(sales.id, h.mm.bot.id), false);
        const result = await setup();
        assert.ok(result.ok, result.text);
        assert.match(result.text, /sales: bot is a member, \/plugnmeet created/);
        assert.match(result.text, /127\.0\.0\.1 is a private address .*Allow untrusted internal connections/, 'loopback sidecar: the admin is told what to allow');

        for (const teamId of [h.mm.teamId, sales.id]) {
            assert.ok(h.mm.isTeamMember(teamId, h.mm.bot.id));
            const [command] = plugnmeetCommands(teamId);
            assert.equal(command.url, `${h.url}/mattermost/command`);
            assert.equal(command.method, 'P');
            assert.equal(command.auto_complete, true);
            assert.ok((await h.app.store.commandTokens()).some((t) => t.teamId === teamId && t.token === command.token));
        }

        // A command in the new team, with the token Mattermost made for it, works at once.
        const channel = h.mm.addChannel({type: 'O', name: 'sales-floor', team_id: sales.id, members: [h.users.alice.id]});
        const [salesCommand] = plugnmeetCommands(sales.id);
        const res = await h.mm.sendCommand(`${h.url}/mattermost/command`, {token: salesCommand.token, user: h.users.alice, channel, text: 'help'});
        assert.equal(res.status, 200);
        assert.match(res.body.text, /plugNmeet video meetings/);
    });

    test('running it again changes nothing', async () => {
        const before = h.mm.commands.size;
        const tokens = (await h.app.store.commandTokens()).length;
        const result = await setup();
        assert.ok(result.ok, result.text);
        assert.match(result.text, /was already set up/);
        assert.equal(h.mm.commands.size, before);
        assert.equal((await h.app.store.commandTokens()).length, tokens);
    });

    test('a /plugnmeet command pointing elsewhere is left alone and reported', async () => {
        const other = h.mm.addTeam({name: 'ops'});
        h.mm.addCommand({team_id: other.id, trigger: 'plugnmeet', url: 'https://elsewhere.example.com/hook', creator_id: h.mm.admin.id});
        const result = await setup();
        assert.equal(result.ok, false);
        assert.match(result.text, /ops: a \/plugnmeet command already points at https:\/\/elsewhere\.example\.com\/hook; left alone/);
        assert.equal(plugnmeetCommands(other.id).length, 1);
    });

    test('a token that is not a system admin\'s gets a clear answer and changes nothing', async () => {
        const before = h.mm.commands.size;
        const result = await setup(h.mm.botToken);
        assert.equal(result.ok, false);
        assert.match(result.text, /MATTERMOST_ADMIN_TOKEN must be a personal access token of a system admin; this one belongs to an account without/);
        assert.equal(h.mm.commands.size, before);
        const wrong = await setup('not-a-token');
        assert.match(wrong.text, /MATTERMOST_ADMIN_TOKEN must be/);
    });
});

describe('cli', () => {
    test('setup without an admin token says what to set; an unknown command shows usage', () => {
        const missing = cli(['setup'], {});
        assert.equal(missing.status, 2);
        assert.match(missing.stderr, /MATTERMOST_ADMIN_TOKEN is missing/);
        const usage = cli(['frobnicate'], {});
        assert.equal(usage.status, 2);
        assert.match(usage.stderr, /usage: cli.js setup \| doctor/);
    });

    test('doctor checks every dependency and the command tokens', async () => {
        const ok = await cliAsync(['doctor'], {});
        assert.equal(ok.status, 0, ok.stdout + ok.stderr);
        assert.match(ok.stdout, /✓ store: ok\n✓ mattermost: ok\n✓ plugnmeet: ok\n✓ slash command tokens known/);
        const bad = await cliAsync(['doctor'], {PLUGNMEET_API_SECRET: 'wrong-secret'});
        assert.equal(bad.status, 1);
        assert.match(bad.stdout, /✗ plugnmeet: failing: plugNmeet refused the API credentials/);
        assert.ok(!(bad.stdout + bad.stderr).includes('wrong-secret'));
    });
});
