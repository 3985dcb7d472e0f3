// `npm run doctor` against the fakes: one line per check, OK or FAIL with the fix, exit code 0
// only when everything passes; what it says about editing cards; secrets never printed.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {runDoctor} from '../src/doctor.js';
import {openSqliteStore} from '../src/store/sqlite.js';
import {COMMAND_TOKEN, type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

async function doctor(env: Record<string, string> = {}, adminToken?: string) {
    const lines: string[] = [];
    const ok = await runDoctor({env: {...h.env, ...env}, adminToken, out: (l) => lines.push(l), timeoutMs: 3000});
    return {ok, text: lines.join('\n'), lines};
}

const line = (text: string, re: RegExp) => text.split('\n').find((l) => re.test(l)) ?? '';

describe('doctor', () => {
    before(() => {
        // /plugnmeet in the harness's team, made by hand with the token the sidecar knows from MATTERMOST_COMMAND_TOKENS.
        h.mm.addCommand({trigger: 'plugnmeet', url: `${h.url}/mattermost/command`, token: COMMAND_TOKEN, auto_complete: true});
    });

    test('everything passes: one OK line per check, and what the bot can edit', async () => {
        const {ok, text} = await doctor();
        assert.ok(ok, text);
        const expected = [
            /^OK {4}configuration is complete$/,
            /^OK {4}the store sqlite:.* opens and its schema is current \(version \d+\)$/,
            /^OK {4}Mattermost answers at http:\/\/127\.0\.0\.1:\d+$/,
            /^OK {4}MATTERMOST_BOT_TOKEN is valid: it belongs to @plugnmeet, a bot$/,
            /^OK {4}@plugnmeet has post:all, so it can post cards in any channel$/,
            /^INFO {2}cards are edited in place in public channels \(the bot joins them\); in private channels, DMs and group messages the card's Refresh button .* system admin would allow edits everywhere, at the price of giving it full control/,
            /^OK {4}\/plugnmeet in team fake-team exists and the sidecar knows a token for it$/,
            /^WARN {2}127\.0\.0\.1 is a private address: Mattermost calls it only if "127\.0\.0\.1" is listed in System Console > Environment > Developer > Allow untrusted internal connections to/,
            /^OK {4}plugNmeet answers at .* and accepts the API key and secret/,
            /^OK {4}http:\/\/127\.0\.0\.1:\d+\/healthz answers/,
            /^All checks passed\.$/,
        ];
        for (const re of expected) {
            assert.ok(text.split('\n').some((l) => re.test(l)), `no line matches ${re}\n${text}`);
        }
        assert.ok(!text.includes(h.mm.botToken) && !text.includes(h.pnm.apiSecret));
    });

    test('with an admin token it checks where each command points, its token and the Mattermost settings', async () => {
        h.mm.settings.AllowedUntrustedInternalConnections = 'localhost 127.0.0.1';
        const good = await doctor({}, h.mm.adminToken);
        assert.ok(good.ok, good.text);
        assert.match(good.text, /^OK {4}\/plugnmeet in team fake-team points at this sidecar and its token is accepted$/m);
        assert.match(good.text, /^OK {4}127\.0\.0\.1 is a private address, and Mattermost is allowed to call it$/m);

        h.mm.settings.AllowedUntrustedInternalConnections = '';
        const elsewhere = h.mm.addTeam({name: 'elsewhere'});
        h.mm.addTeamMember(elsewhere.id, h.mm.bot.id);
        h.mm.addCommand({team_id: elsewhere.id, trigger: 'plugnmeet', url: 'https://old.example.com/hook', auto_complete: true});
        const unknown = h.mm.addTeam({name: 'unknown-token'});
        h.mm.addTeamMember(unknown.id, h.mm.bot.id);
        h.mm.addCommand({team_id: unknown.id, trigger: 'plugnmeet', url: `${h.url}/mattermost/command`, auto_complete: true});
        h.mm.addTeam({name: 'no-bot'}); // the bot is not in it, and it has no /plugnmeet
        try {
            const bad = await doctor({}, h.mm.adminToken);
            assert.equal(bad.ok, false);
            assert.match(line(bad.text, /team elsewhere/), /^FAIL {2}\/plugnmeet in team elsewhere points at https:\/\/old\.example\.com\/hook, not at http:.*\/mattermost\/command\. Fix: change its Request URL/);
            assert.match(line(bad.text, /team unknown-token/), /^FAIL {2}.*the sidecar does not know its token and refuses it\. Fix: run `npm run setup`/);
            assert.match(bad.text, /^FAIL {2}the bot is not a member of team no-bot.*Fix: run `npm run setup`/m);
            assert.match(bad.text, /^FAIL {2}\/plugnmeet in team no-bot is missing\. Fix: run `npm run setup`\.$/m);
            assert.match(bad.text, /^FAIL {2}127\.0\.0\.1 is a private address, and Mattermost refuses to call it\. Fix: add "127\.0\.0\.1" to System Console > Environment > Developer/m);
            assert.match(bad.text, /^5 checks failed/m);
            assert.ok(!bad.text.includes(h.mm.adminToken));

            h.mm.settings.EnableCommands = false;
            const off = await doctor({}, h.mm.adminToken);
            assert.match(off.text, /^FAIL {2}custom slash commands are turned off.*Enable Custom Slash Commands/m);
        } finally {
            h.mm.settings.EnableCommands = true;
            for (const team of [elsewhere, unknown]) {
                h.mm.teamMembers.get(team.id)?.delete(h.mm.bot.id);
            }
        }
    });

    test('the bot without post:all fails; as a system admin it edits everywhere, with more power than needed', async () => {
        h.mm.bot.roles = 'system_user';
        try {
            const {ok, text} = await doctor();
            assert.equal(ok, false);
            assert.match(text, /^FAIL {2}@plugnmeet lacks post:all.*Fix: run `npm run setup`, or edit the bot in Integrations > Bot Accounts and tick post:all\.$/m);

            h.mm.bot.roles = 'system_user system_admin';
            const admin = await doctor();
            assert.ok(admin.ok, admin.text);
            assert.match(admin.text, /^OK {4}@plugnmeet has post:all \(through the system admin role\)/m);
            assert.match(admin.text, /^INFO {2}cards are edited in place in every channel, because the bot is a system admin\. That is far more power than it needs/m);
        } finally {
            h.mm.bot.roles = 'system_user system_post_all';
        }
    });

    test('wrong plugNmeet credentials, a dead public URL and a rejected bot token each fail with their fix, secrets masked', async () => {
        const wrong = await doctor({PLUGNMEET_API_SECRET: 'wrong-secret-0123456789'});
        assert.equal(wrong.ok, false);
        assert.match(wrong.text, /^FAIL {2}plugNmeet at .* refuses the API credentials .*Fix: set PLUGNMEET_API_KEY and PLUGNMEET_API_SECRET to client\.api_key and client\.secret/m);
        assert.ok(!wrong.text.includes('wrong-secret-0123456789'));

        const dead = await doctor({SIDECAR_PUBLIC_URL: 'http://127.0.0.1:1'});
        assert.match(dead.text, /^FAIL {2}http:\/\/127\.0\.0\.1:1\/healthz does not answer .*Fix: start the sidecar/m);

        const badToken = 'zzzzbadtoken1234567890abcd';
        const rejected = await doctor({MATTERMOST_BOT_TOKEN: badToken});
        assert.match(rejected.text, /^FAIL {2}Mattermost does not accept MATTERMOST_BOT_TOKEN \(zzzz…\): revoked, or its bot is disabled\. Fix: run `npm run setup`/m);
        assert.ok(!rejected.text.includes(badToken));

        const away = await doctor({MATTERMOST_URL: 'http://127.0.0.1:1'});
        assert.match(away.text, /^FAIL {2}Mattermost does not answer at http:\/\/127\.0\.0\.1:1 .*Fix: check MATTERMOST_URL/m);
        assert.match(away.text, /^OK {4}plugNmeet answers/m, 'the other checks still run');
    });

    test('an incomplete configuration is reported line by line', async () => {
        const {ok, text} = await doctor({PLUGNMEET_URL: '', SIDECAR_SECRET: 'short'});
        assert.equal(ok, false);
        assert.match(text, /^FAIL {2}configuration: PLUGNMEET_URL is missing/m);
        assert.match(text, /^FAIL {2}configuration: SIDECAR_SECRET is too short/m);
        assert.match(text, /npm run setup` fills in the Mattermost part/);
    });

    test('a store migrated by a newer sidecar fails', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pnm-doctor-'));
        try {
            const path = join(dir, 'store.sqlite');
            await openSqliteStore(path).close();
            const db = new Database(path);
            db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)').run();
            db.close();
            const {ok, text} = await doctor({DATABASE_URL: `sqlite:${path}`});
            assert.equal(ok, false);
            assert.match(text, /^FAIL {2}the store sqlite:.* is at schema version 999, newer than this sidecar knows/m);
        } finally {
            rmSync(dir, {recursive: true, force: true});
        }
    });

    test('the CLI prints as it goes and exits 0 only when everything passes', async () => {
        const run = (env: Record<string, string>) => new Promise<{status: number | null; stdout: string}>((resolve) => {
            const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
            const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), cli, 'doctor'], {env: {PATH: process.env.PATH, ...h.env, ...env}});
            let stdout = '';
            child.stdout.on('data', (d) => (stdout += d));
            child.on('exit', (status) => resolve({status, stdout}));
        });
        const ok = await run({});
        assert.equal(ok.status, 0, ok.stdout);
        assert.match(ok.stdout, /All checks passed/);
        const bad = await run({PLUGNMEET_API_KEY: 'nobody'});
        assert.equal(bad.status, 1, bad.stdout);
        assert.match(bad.stdout, /^FAIL {2}plugNmeet/m);
    });
});

