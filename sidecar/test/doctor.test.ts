// `npm run doctor` against the fakes: one line per check, OK or FAIL with the fix, exit code 0
// only when everything passes; what it says about editing cards; secrets never printed.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {PLUGIN_ID, runDoctor} from '../src/admin/doctor.js';
import {runLiveDoctor} from '../src/admin/doctor-live.js';
import {startFakeMattermost} from './fakes/mattermost.js';
import {pluginsOf} from './fakes/mattermost/plugins.js';
import {startFakePlugnmeet} from './fakes/plugnmeet.js';
import {openSqliteStore} from '../src/store/sqlite.js';
import {COMMAND_TOKEN, type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

/** The harness's configuration (it has the Mattermost source addresses a setup would have written). */
const baseEnv = () => ({...h.env});

async function doctor(env: Record<string, string> = {}, adminToken?: string) {
    const lines: string[] = [];
    const ok = await runDoctor({env: {...baseEnv(), ...env}, adminToken, out: (l) => lines.push(l), timeoutMs: 3000});
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
            /^OK {4}the sidecar sees who calls through http:\/\/127\.0\.0\.1:\d+ \(this machine as 127\.0\.0\.1\); 127\.0\.0\.1 is in MATTERMOST_SOURCE_ADDRESSES, right only if Mattermost runs here$/,
            /^OK {4}people's browsers reach the sidecar's calendar links at http:\/\/127\.0\.0\.1:\d+\/calendar\//,
            /^OK {4}guests' browsers reach the sidecar's guest page at http:\/\/127\.0\.0\.1:\d+\/guest\//,
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

    test('a person\'s token is no bot token: FAIL with the fix, as setup refuses it', async () => {
        const {ok, text} = await doctor({MATTERMOST_BOT_TOKEN: h.mm.adminToken});
        assert.equal(ok, false, text);
        assert.match(line(text, /MATTERMOST_BOT_TOKEN belongs/), /^FAIL {2}MATTERMOST_BOT_TOKEN belongs to @\S+, a person's account, not a bot: .* Fix: take MATTERMOST_BOT_TOKEN out of \.env/);
        assert.doesNotMatch(text, new RegExp(h.mm.adminToken));
    });

    test('wrong plugNmeet credentials, a dead public URL and a rejected bot token each fail with their fix, secrets masked', async () => {
        const wrong = await doctor({PLUGNMEET_API_SECRET: 'wrong-secret-0123456789'});
        assert.equal(wrong.ok, false);
        assert.match(wrong.text, /^FAIL {2}plugNmeet at \S+ refuses the API key and secret\. Fix: set PLUGNMEET_API_KEY and PLUGNMEET_API_SECRET to client\.api_key and client\.secret/m);
        assert.doesNotMatch(wrong.text, /credentials.*credentials/, 'said once, not twice');
        assert.ok(!wrong.text.includes('wrong-secret-0123456789'));

        const dead = await doctor({SIDECAR_PUBLIC_URL: 'http://127.0.0.1:1'});
        assert.match(dead.text, /^FAIL {2}http:\/\/127\.0\.0\.1:1\/healthz does not answer: port 1 is one that fetch refuses to use .*Fix: run the server on another port\. If nothing listens there, start the sidecar/m);

        const badToken = 'zzzzbadtoken1234567890abcd';
        const rejected = await doctor({MATTERMOST_BOT_TOKEN: badToken});
        assert.match(rejected.text, /^FAIL {2}Mattermost does not accept MATTERMOST_BOT_TOKEN \(zzzz…\): revoked, or its bot is disabled\. Fix: run `npm run setup`/m);
        assert.ok(!rejected.text.includes(badToken));

        const away = await doctor({MATTERMOST_URL: 'http://127.0.0.1:1'});
        assert.match(away.text, /^FAIL {2}Mattermost does not answer at http:\/\/127\.0\.0\.1:1: port 1 is one that fetch refuses to use .*\(MATTERMOST_URL\)$/m);
        assert.match(away.text, /^OK {4}plugNmeet answers/m, 'the other checks still run');
    });

    test('it shows every setting with secrets masked, the meeting policy in force, and what only plugNmeet decides', async () => {
        await h.app.store.putSetting({name: 'MEETINGS_MODERATORS', value: 'starter,channel_admins', updatedBy: 'root', updatedAt: 1});
        try {
            const {text} = await doctor({MEETINGS_WHO_CAN_START: 'team_admins', DATABASE_URL: h.env.DATABASE_URL});
            const settings = line(text, /^INFO {2}settings: /);
            assert.match(settings, /MATTERMOST_BOT_TOKEN=\(set, \d+ characters\)/);
            assert.match(settings, /PLUGNMEET_API_SECRET=\(set, \d+ characters\)/);
            assert.match(settings, /SIDECAR_SECRET=\(set, \d+ characters\)/);
            assert.match(settings, /MEETINGS_WHO_CAN_START=team_admins/);
            for (const secret of [h.mm.botToken, h.pnm.apiSecret, h.env.SIDECAR_SECRET]) {
                assert.ok(!text.includes(secret));
            }
            // One setting a line, under a heading line.
            assert.match(text, /^INFO {2}meeting policy \(docs\/admin\.md, "Meeting policy"\):$/m);
            assert.match(text, /^ {6}MEETINGS_WHO_CAN_START=team_admins$/m);
            assert.match(text, /^ {6}MEETINGS_MODERATORS=starter,channel_admins \(set by @root with \/plugnmeet admin; it wins over the environment\)$/m);
            assert.match(text, /^ {6}MEETINGS_ALLOWED_TEAMS=unset: [^\n]+$/m);
            assert.match(line(text, /^INFO {2}plugNmeet switches features on per room but never off/), /lock settings, which go both ways.*max_duration caps --duration/);
        } finally {
            await h.app.store.putSetting({name: 'MEETINGS_MODERATORS', value: null});
        }
        const password = await doctor({DATABASE_URL: 'postgres://pnm:hunter2secret@127.0.0.1:1/pnm'});
        assert.ok(!password.text.includes('hunter2secret'), 'a database password is never shown');
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
            const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), cli, 'doctor'], {env: {PATH: process.env.PATH, ...baseEnv(), ...env}});
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

describe('doctor: versions and Mattermost source addresses', () => {
    test('prints the Mattermost and plugNmeet versions found and whether each is supported', async () => {
        const {text} = await doctor();
        // X-Version-Id of the fake Mattermost (web/handlers.go: "<version>.<build>.<hash>.<licensed>")
        assert.match(text, /^OK {4}Mattermost 10\.11\.0 is supported \(Mattermost 9\.11 ESR through 11\.x\)$/m);
        assert.match(text, /^OK {4}plugNmeet is 2\.0 or newer \(supported: 2\.0 through 2\.4\); `doctor --live` shows the exact version$/m);
    });

    test('a plugNmeet older than 2.0 fails, told apart by how it refuses a map extra_data', async () => {
        const old = await startFakePlugnmeet({version: '1.x', apiKey: h.pnm.apiKey, apiSecret: h.pnm.apiSecret});
        try {
            const {ok, text} = await doctor({PLUGNMEET_URL: old.url});
            assert.equal(ok, false);
            assert.match(text, /^FAIL {2}plugNmeet is older than 2\.0 .*Fix: upgrade plugNmeet to 2\.0 or newer\.$/m);
            assert.equal(old.rooms.size, 0, 'the probe creates nothing');
        } finally {
            await old.close();
        }
    });

    test('a Mattermost older than 9.11 fails, a newer one than 11 warns', async () => {
        for (const [serverVersion, re] of [['9.5.2', /^FAIL {2}Mattermost 9\.5\.2 is older than supported .*Fix: upgrade Mattermost\.$/m], ['12.0.0', /^WARN {2}Mattermost 12\.0\.0 is newer than tested/m]] as const) {
            const mm = await startFakeMattermost({serverVersion});
            try {
                const {text} = await doctor({MATTERMOST_URL: mm.url});
                assert.match(text, re);
            } finally {
                await mm.close();
            }
        }
    });

    test('an empty MATTERMOST_SOURCE_ADDRESSES fails with the fix, and says what is checked behind a proxy', async () => {
        const {ok, text} = await doctor({MATTERMOST_SOURCE_ADDRESSES: ''});
        assert.equal(ok, false);
        assert.match(text, /^FAIL {2}MATTERMOST_SOURCE_ADDRESSES is empty.*Fix: set it to the addresses .*`npm run setup` fills it in.*TRUST_PROXY.*X-Forwarded-For\.$/m);
        const set = await doctor({MATTERMOST_SOURCE_ADDRESSES: '127.0.0.1,10.1.0.0/16'});
        assert.match(set.text, /^OK {4}only 127\.0\.0\.1, 10\.1\.0\.0\/16 may call the command and button endpoints/m);
    });
});

describe('doctor: the webapp plugin in Mattermost (with an admin token)', () => {
    const pluginLine = (text: string) => line(text, new RegExp(`the ${PLUGIN_ID} plugin|plugins are turned off`));
    const allowed = () => (h.mm.settings.AllowedUntrustedInternalConnections = '127.0.0.1');

    test('PLUGIN_ID is the id in plugin.json', () => {
        const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../plugin.json', import.meta.url)), 'utf8'));
        assert.equal(PLUGIN_ID, manifest.id);
    });

    test('installed and enabled: OK, with its version; without an admin token it is not checked', async () => {
        allowed();
        // (Teams left by an earlier test fail other checks: only the plugin's line matters here.)
        const {text} = await doctor({}, h.mm.adminToken);
        assert.match(pluginLine(text), /^OK {4}the plugnmeet plugin 0\.1\.0 is installed and enabled in Mattermost$/);
        assert.equal(pluginLine((await doctor()).text), '');
    });

    test('installed but disabled, not installed, plugins turned off: each FAIL with its fix', async () => {
        allowed();
        const plugins = pluginsOf(h.mm.settings);
        const ours = plugins.installed.get(PLUGIN_ID)!;
        try {
            ours.active = false;
            const disabled = await doctor({}, h.mm.adminToken);
            assert.equal(disabled.ok, false);
            assert.match(pluginLine(disabled.text), /^FAIL {2}the plugnmeet plugin 0\.1\.0 is installed but not enabled.*Fix: enable it in System Console > Plugins > Plugin Management/);

            plugins.installed.delete(PLUGIN_ID);
            const missing = await doctor({}, h.mm.adminToken);
            assert.equal(missing.ok, false);
            assert.match(pluginLine(missing.text), /^FAIL {2}the plugnmeet plugin is not installed in Mattermost.*Fix: upload dist\/plugnmeet-<version>\.tar\.gz \(`npm run dist` makes it\) in System Console > Plugins > Plugin Management and enable it\.$/);

            plugins.enabled = false;
            const off = await doctor({}, h.mm.adminToken);
            assert.match(pluginLine(off.text), /^FAIL {2}plugins are turned off in Mattermost.*Enable Plugins \(PluginSettings\.Enable\)/);
        } finally {
            plugins.enabled = true;
            ours.active = true;
            plugins.installed.set(PLUGIN_ID, ours);
        }
    });

    test('the fake answers like api4/plugin.go getPlugins: a system admin only, {active, inactive}', async () => {
        const get = (token: string) => fetch(`${h.mm.url}/api/v4/plugins`, {headers: {authorization: `Bearer ${token}`}});
        const refused = await get(h.mm.botToken);
        assert.equal(refused.status, 403);
        assert.match((await refused.json()).message, /sysconsole_read_plugins/);
        const body = await (await get(h.mm.adminToken)).json();
        assert.deepEqual(Object.keys(body).sort(), ['active', 'inactive']);
        assert.ok(body.active.some((p: {id: string}) => p.id === PLUGIN_ID));
    });
});

describe('doctor --live', () => {
    async function live(env: Record<string, string> = {}, channel = h.channels.town.id) {
        const lines: string[] = [];
        const ok = await runLiveDoctor({env: {...baseEnv(), ...env}, channel, out: (l) => lines.push(l), timeoutMs: 3000});
        return {ok, text: lines.join('\n')};
    }

    test('creates a room with the production request, gets a token, ends it; posts, edits (props only) and deletes a card', async () => {
        const postsBefore = new Set(h.mm.posts.keys());
        const creates = h.pnm.calls.filter((c) => c.path === '/auth/room/create').length;
        const {ok, text} = await live();
        assert.ok(ok, text);
        for (const re of [
            /^OK {4}Mattermost 10\.11\.0 is supported/m,
            /^OK {4}plugNmeet created a room with the production create request \([0-9a-f]{32}\)$/m,
            /^OK {4}plugNmeet issued a join token$/m,
            /^OK {4}plugNmeet 2\.4\.0 is supported \(plugNmeet 2\.0 through 2\.4\)$/m,
            /^OK {4}plugNmeet ended the room$/m,
            /^OK {4}the bot posted a meeting card in channel /m,
            /^OK {4}the bot edited the card \(props only/m,
            /^OK {4}the bot deleted the test card$/m,
            /^All live checks passed/m,
        ]) {
            assert.match(text, re);
        }
        const create = h.pnm.calls.filter((c) => c.path === '/auth/room/create').slice(creates);
        assert.equal(create.length, 1);
        const roomId = create[0].body.room_id;
        assert.deepEqual(create[0].body, {
            room_id: roomId,
            metadata: {
                room_title: 'plugNmeet doctor check (removed at once)', webhook_url: `${h.url}/plugnmeet/webhook`, logout_url: `${h.config.publicUrl}/meeting-ended`,
                extra_data: {mattermost_channel_id: h.channels.town.id, mattermost_team_id: h.mm.teamId}, room_features: {enable_analytics: true}, // the attendance file (meetings/recap)
                // No options set: every lock off, screen sharing too, said outright (contracts NO_OPTIONS).
                default_lock_settings: {lock_webcam: false, lock_microphone: false, lock_screen_sharing: false, lock_chat: false},
            },
        }, 'exactly what a start sends (roomFor)');
        assert.equal(h.pnm.rooms.get(roomId)?.ended, true);
        const card = [...h.mm.posts.values()].find((p) => !postsBefore.has(p.id) && p.type === 'custom_plugnmeet');
        assert.ok(card && card.delete_at > 0, 'the card is deleted');
        assert.equal(card.props.meeting_status, 'ended', 'the edit went through');
        assert.ok(!text.includes(h.mm.botToken) && !text.includes(h.pnm.apiSecret));
    });

    test('against plugNmeet 1.x the create fails as older than 2.0, and the run fails', async () => {
        const old = await startFakePlugnmeet({version: '1.x', apiKey: h.pnm.apiKey, apiSecret: h.pnm.apiSecret});
        try {
            const {ok, text} = await live({PLUGNMEET_URL: old.url});
            assert.equal(ok, false);
            assert.match(text, /^FAIL {2}plugNmeet refused the create request: it is older than 2\.0 \(proto: .*extraData.*\)\. Fix: upgrade plugNmeet to 2\.0 through 2\.4\.$/m);
            assert.match(text, /^OK {4}the bot deleted the test card$/m, 'the Mattermost steps still run');
        } finally {
            await old.close();
        }
    });

    test('a channel the bot cannot read fails with the fix', async () => {
        const {ok, text} = await live({}, 'nosuchchannelnosuchchannel');
        assert.equal(ok, false);
        assert.match(text, /^FAIL {2}the bot cannot read channel nosuchchannelnosuchchannel.*Fix:/m);
    });

    test('--channel takes team/channel or the channel\'s URL, as people have them at hand; a bare name gets the fix', async () => {
        for (const given of ['fake-team/town-square', `${h.config.mattermostUrl}/fake-team/channels/town-square`, 'https://chat.example.com/sub/fake-team/channels/town-square']) {
            const {ok, text} = await live({}, given);
            assert.ok(ok, `${given}: ${text}`);
            assert.match(text, new RegExp(`^OK {4}the bot posted a meeting card in channel ${h.channels.town.id}$`, 'm'));
        }
        const bare = await live({}, 'town-square');
        assert.equal(bare.ok, false);
        assert.match(bare.text, /^FAIL {2}--channel town-square names no channel\. Fix: pass team\/channel as in the channel's URL \(e\.g\. myteam\/town-square\), the URL itself, or the channel's id/m);
        assert.doesNotMatch(bare.text, /the bot posted/);
        const privateOne = await live({}, 'fake-team/secret');
        assert.equal(privateOne.ok, false);
        assert.match(privateOne.text, /^FAIL {2}the bot cannot find or read channel fake-team\/secret \(.*\)\. Fix: check the team and channel names in the channel's URL; for a private channel, add the bot to it first\.$/m);
    });

    test('the CLI needs --channel with --live', async () => {
        const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
        const status = await new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), cli, 'doctor', '--live'], {env: {PATH: process.env.PATH, ...baseEnv()}});
            child.on('exit', resolve);
        });
        assert.equal(status, 2);
    });
});
