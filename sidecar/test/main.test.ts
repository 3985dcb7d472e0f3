// The real entry point: starts with a .env-style environment, serves, and stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {startFakeMattermost} from './fakes/mattermost.js';
import {startFakePlugnmeet} from './fakes/plugnmeet.js';
import {freePort, spawnSidecar} from './process.js';

test('main listens, is ready, and exits 0 on SIGTERM without logging secrets', async () => {
    const mm = await startFakeMattermost();
    const pnm = await startFakePlugnmeet();
    const cwd = mkdtempSync(join(tmpdir(), 'pnm-main-'));
    const port = await freePort();
    const secret = 'q'.repeat(40);
    const sidecar = spawnSidecar(cwd, {
        MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: mm.botToken, MATTERMOST_COMMAND_TOKENS: 'cmd-token-abcdef',
        PLUGNMEET_URL: pnm.url, PLUGNMEET_API_KEY: pnm.apiKey, PLUGNMEET_API_SECRET: pnm.apiSecret,
        SIDECAR_PUBLIC_URL: `http://127.0.0.1:${port}`, SIDECAR_SECRET: secret, SIDECAR_PORT: String(port), LOG_LEVEL: 'debug',
    });
    const {child} = sidecar;
    try {
        await sidecar.ready();
        child.kill('SIGTERM');
        assert.equal(await sidecar.exited, 0, sidecar.output());
        assert.match(sidecar.output(), /"msg":"ready: Mattermost OK, plugNmeet OK"/);
        assert.match(sidecar.output(), /"msg":"stopping"/);
        for (const s of [mm.botToken, pnm.apiSecret, secret, 'cmd-token-abcdef']) {
            assert.ok(!sidecar.output().includes(s), 'a secret reached the log');
        }
    } finally {
        child.kill('SIGKILL');
        await mm.close();
        await pnm.close();
        rmSync(cwd, {recursive: true, force: true});
    }
});

test('Ctrl-C, which reaches it twice through npm start or make run, still stops it cleanly', async () => {
    const mm = await startFakeMattermost();
    const pnm = await startFakePlugnmeet();
    const cwd = mkdtempSync(join(tmpdir(), 'pnm-main-'));
    const port = await freePort();
    const sidecar = spawnSidecar(cwd, {
        MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: mm.botToken, MATTERMOST_COMMAND_TOKENS: 'cmd-token-abcdef',
        PLUGNMEET_URL: pnm.url, PLUGNMEET_API_KEY: pnm.apiKey, PLUGNMEET_API_SECRET: pnm.apiSecret,
        SIDECAR_PUBLIC_URL: `http://127.0.0.1:${port}`, SIDECAR_SECRET: 'q'.repeat(40), SIDECAR_PORT: String(port),
    });
    try {
        await sidecar.ready();
        sidecar.child.kill('SIGINT'); // from the terminal
        sidecar.child.kill('SIGINT'); // passed on by build/start.mjs
        assert.equal(await sidecar.exited, 0, sidecar.output());
        assert.match(sidecar.output(), /"msg":"stopping"/);
    } finally {
        sidecar.child.kill('SIGKILL');
        await mm.close();
        await pnm.close();
        rmSync(cwd, {recursive: true, force: true});
    }
});

test('at start it says in one line what does not answer', async () => {
    const mm = await startFakeMattermost();
    const cwd = mkdtempSync(join(tmpdir(), 'pnm-main-'));
    const port = await freePort();
    const sidecar = spawnSidecar(cwd, {
        MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: mm.botToken, MATTERMOST_COMMAND_TOKENS: 'cmd-token-abcdef',
        PLUGNMEET_URL: `http://127.0.0.1:${await freePort()}`, PLUGNMEET_API_KEY: 'key', PLUGNMEET_API_SECRET: 's'.repeat(40),
        SIDECAR_PUBLIC_URL: `http://127.0.0.1:${port}`, SIDECAR_SECRET: 'q'.repeat(40), SIDECAR_PORT: String(port),
    });
    try {
        for (let i = 0; i < 200 && !/not ready yet/.test(sidecar.output()); i++) {
            await new Promise((r) => setTimeout(r, 100));
        }
        assert.match(sidecar.output(), /"level":40,.*"msg":"not ready yet: Mattermost OK, plugNmeet failing: [^"]+ \(npm run doctor says why and what to change\)"/);
    } finally {
        sidecar.child.kill('SIGKILL');
        await mm.close();
        rmSync(cwd, {recursive: true, force: true});
    }
});

test('SIGTERM: a request in flight finishes, pending card edits are made, then the process exits 0', async () => {
    const mm = await startFakeMattermost();
    const pnm = await startFakePlugnmeet();
    const cwd = mkdtempSync(join(tmpdir(), 'pnm-main-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const sidecar = spawnSidecar(cwd, {
        MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: mm.botToken, MATTERMOST_COMMAND_TOKENS: 'cmd-token-abcdef',
        PLUGNMEET_URL: pnm.url, PLUGNMEET_API_KEY: pnm.apiKey, PLUGNMEET_API_SECRET: pnm.apiSecret,
        SIDECAR_PUBLIC_URL: url, SIDECAR_SECRET: 'q'.repeat(40), SIDECAR_PORT: String(port), LOG_LEVEL: 'info',
    });
    const alice = mm.addUser({username: 'alice'});
    const bob = mm.addUser({username: 'bob'});
    const channel = mm.addChannel({type: 'O', name: 'town', members: [alice.id, bob.id]});
    const command = (user: typeof alice, text: string) =>
        mm.sendCommand(`${url}/mattermost/command`, {token: 'cmd-token-abcdef', user, channel, text});
    try {
        await sidecar.ready();
        const started = await command(alice, 'start Shutdown');
        const roomId = started.body.props.plugnmeet_room_id;
        const card = [...mm.posts.values()].find((p) => p.props?.plugnmeet_room_id === roomId);
        for (const who of ['a', 'b', 'c']) {
            pnm.joinParticipant(roomId, who, who);
            await pnm.sendWebhook(`${url}/plugnmeet/webhook`, pnm.buildEvent('participant_joined', roomId, {participant: {identity: who}}));
        }
        assert.equal(mm.posts.get(card.id).props.meeting_participants, undefined, 'the edit is still gathering in its window: no count yet');

        pnm.delayMs = 700; // a join in flight when the signal comes
        const before = pnm.received;
        const join = command(bob, 'join');
        while (pnm.received === before) {
            await new Promise((r) => setTimeout(r, 10)); // until the join is at plugNmeet
        }
        sidecar.child.kill('SIGTERM');
        const answer = await join;
        assert.ok(answer.body.goto_location, `the join in flight was answered: ${JSON.stringify(answer.body)}`);
        assert.equal(await sidecar.exited, 0, sidecar.output());
        assert.equal(mm.posts.get(card.id).props.meeting_participants, 3, 'the pending edit was made before exiting');
    } finally {
        sidecar.child.kill('SIGKILL');
        await mm.close();
        await pnm.close();
        rmSync(cwd, {recursive: true, force: true});
    }
});
