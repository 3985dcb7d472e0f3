// A wrong slash-command token is a warning for the admin, naming the team and the fix, at most
// once a minute per team, and never with the token in it.
import assert from 'node:assert/strict';
import {Writable} from 'node:stream';
import {describe, test} from 'node:test';
import pino from 'pino';
import {createCommandTokens, REFUSAL_WARNING_INTERVAL_MS} from '../src/meetings/command-tokens.js';
import {openSqliteStore} from '../src/store/sqlite.js';
import {COMMAND_TOKEN, type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

const warnings = (from: number) => h.logs.slice(from).map((l) => JSON.parse(l)).filter((e) => e.level === 40 && /refused \/plugnmeet/.test(e.msg));

describe('a refused command token', () => {
    test('is logged once a minute per team as a warning that names the team and `npm run setup`', async () => {
        const from = h.logs.length;
        const guesses = ['wrong-token-1', 'wrong-token-2', 'wrong-token-3', ''];
        for (const token of guesses) {
            const res = await h.command(h.users.alice, h.channels.town, 'start', {token});
            assert.equal(res.status, 401);
        }
        const [w, ...more] = warnings(from);
        assert.ok(w, 'no warning for a wrong token');
        assert.deepEqual(more, [], 'guessing floods the log');
        assert.equal(w.teamId, h.mm.teamId);
        const teamName = h.mm.teamName;
        assert.equal(w.team, teamName);
        assert.match(w.msg, new RegExp(`team ${teamName} \\(${h.mm.teamId}\\)`));
        assert.match(w.msg, /Fix: run `npm run setup`/);
        assert.match(w.msg, /MATTERMOST_COMMAND_TOKENS/);
        const all = h.logs.slice(from).join('');
        for (const token of guesses.filter(Boolean)) {
            assert.ok(!all.includes(token), 'a presented token reached the log');
        }
        // The right token still works, and is not warned about.
        const ok = await h.command(h.users.alice, h.channels.town, 'help', {token: COMMAND_TOKEN});
        assert.equal(ok.status, 200);
        assert.equal(warnings(from).length, 1);
    });

    test('another team gets its own warning', async () => {
        const from = h.logs.length;
        const body = new URLSearchParams({token: 'guess', team_id: 'b'.repeat(26), team_domain: 'beta', channel_id: h.channels.town.id, user_id: h.users.alice.id, text: 'help'});
        const res = await h.post('/mattermost/command', body.toString(), {'content-type': 'application/x-www-form-urlencoded'});
        assert.equal(res.status, 401);
        const [w] = warnings(from);
        assert.equal(w?.team, 'beta');
        assert.equal(w?.teamId, 'b'.repeat(26));
    });

    test('a team name that is not one is not written to the log', async () => {
        const from = h.logs.length;
        const body = new URLSearchParams({token: 'guess', team_id: 'c'.repeat(26), team_domain: 'x\nFAKE LOG LINE', channel_id: h.channels.town.id, user_id: h.users.alice.id, text: 'help'});
        assert.equal((await h.post('/mattermost/command', body.toString(), {'content-type': 'application/x-www-form-urlencoded'})).status, 401);
        const [w] = warnings(from);
        assert.equal(w?.team, undefined);
        assert.doesNotMatch(h.logs.slice(from).join(''), /FAKE LOG LINE/);
    });
});

describe('the once-a-minute limit', () => {
    test('warns again after a minute, and caps the teams warned about in a minute', async () => {
        const lines: Array<{msg: string; teamId?: string}> = [];
        const log = pino({level: 'warn'}, new Writable({write(chunk, _e, cb) {
            lines.push(JSON.parse(String(chunk)));
            cb();
        }}));
        const store = openSqliteStore(':memory:');
        let clock = 1_000_000;
        const isTeamToken = createCommandTokens({commandTokens: []}, store, {teamName: async () => undefined}, log, () => clock);
        const team = 'a'.repeat(26);
        await isTeamToken('x', team, 'alpha');
        await isTeamToken('y', team, 'alpha');
        assert.equal(lines.length, 1);
        clock += REFUSAL_WARNING_INTERVAL_MS - 1;
        await isTeamToken('z', team, 'alpha');
        assert.equal(lines.length, 1);
        clock += 1;
        await isTeamToken('z', team, 'alpha');
        assert.equal(lines.length, 2);
        // Many made-up team ids within one minute: a bounded number of lines.
        for (let i = 0; i < 200; i++) {
            await isTeamToken('x', i.toString(36).padStart(26, '0'), '');
        }
        assert.ok(lines.length <= 21, `${lines.length} warnings in one minute`);
        await store.close();
    });
});
