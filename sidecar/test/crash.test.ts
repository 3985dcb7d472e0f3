// kill -9 in the middle of a start and of a webhook burst, then a restart on the same SQLite
// file: the store is consistent and every card converges to the truth.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import Database from 'better-sqlite3';
import {STALE_RESERVATION_MS} from '../src/store/store.js';
import {startFakeMattermost, type FakeMattermost} from './fakes/mattermost.js';
import {startFakePlugnmeet, type FakePlugnmeet} from './fakes/plugnmeet.js';
import {freePort, spawnSidecar, type SidecarProcess} from './process.js';

let mm: FakeMattermost;
let pnm: FakePlugnmeet;
let cwd: string;
let env: Record<string, string>;
let url: string;
let sidecar: SidecarProcess | undefined;

before(async () => {
    mm = await startFakeMattermost();
    pnm = await startFakePlugnmeet();
    cwd = mkdtempSync(join(tmpdir(), 'pnm-crash-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
        MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: mm.botToken, MATTERMOST_COMMAND_TOKENS: 'cmd-token-abcdef',
        PLUGNMEET_URL: pnm.url, PLUGNMEET_API_KEY: pnm.apiKey, PLUGNMEET_API_SECRET: pnm.apiSecret,
        SIDECAR_PUBLIC_URL: url, SIDECAR_SECRET: 'k'.repeat(40), SIDECAR_PORT: String(port), LOG_LEVEL: 'warn',
        DATABASE_URL: `sqlite:${join(cwd, 'store.sqlite')}`,
    };
});

after(async () => {
    sidecar?.child.kill('SIGKILL');
    await mm.close();
    await pnm.close();
    rmSync(cwd, {recursive: true, force: true});
});

async function boot() {
    sidecar = spawnSidecar(cwd, env);
    await sidecar.ready();
}

async function kill9() {
    sidecar!.child.kill('SIGKILL');
    assert.equal(await sidecar!.exited, null, 'killed, not exited');
}

/** Polls until `check` holds; the restarted process works on its own timers. */
async function eventually(what: string, check: () => boolean | Promise<boolean>) {
    // Up to 40 s: a card leased by the killed process is free again after its 30 s lease.
    for (let i = 0; i < 400; i++) {
        if (await check()) {
            return;
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`never happened: ${what}\n${sidecar?.output()}`);
}

function storeIsConsistent(path: string) {
    const db = new Database(path, {readonly: true});
    try {
        assert.equal((db.prepare('PRAGMA integrity_check').get() as {integrity_check: string}).integrity_check, 'ok');
        const open = db.prepare(`SELECT channel_id, COUNT(*) AS n FROM meetings WHERE status <> 'ended' GROUP BY channel_id HAVING n > 1`).all();
        assert.deepEqual(open, [], 'at most one open meeting per channel');
    } finally {
        db.close();
    }
}

const alice = () => [...mm.users.values()].find((u) => u.username === 'alice')!;

test('killed while the card is being posted: after a restart the room is ended and the channel is free', async () => {
    const user = mm.addUser({username: 'alice'});
    const channel = mm.addChannel({type: 'O', name: 'crash-start', members: [user.id]});
    await boot();
    // Mattermost is slow to create the card, so the process dies with the room created and no card.
    const slow = mm.fault({method: 'POST', path: /^\/api\/v4\/posts$/, slowMs: 1500, times: 1});
    const roomsBefore = pnm.rooms.size;
    const start = mm.sendCommand(`${url}/mattermost/command`, {token: 'cmd-token-abcdef', user, channel, text: 'start Doomed'}).catch((err: Error) => err);
    await eventually('the room exists at plugNmeet', () => pnm.rooms.size > roomsBefore);
    await kill9();
    assert.ok((await start) instanceof Error, 'Mattermost got no answer');
    slow();
    const roomId = [...pnm.rooms.keys()].pop()!;
    storeIsConsistent(join(cwd, 'store.sqlite'));

    // Two minutes later, as far as the store can tell; the restarted process cleans up.
    const db = new Database(join(cwd, 'store.sqlite'));
    assert.equal((db.prepare('SELECT status FROM meetings WHERE room_id = ?').get(roomId) as {status: string}).status, 'starting');
    db.prepare('UPDATE meetings SET updated_at = ? WHERE room_id = ?').run(Date.now() - STALE_RESERVATION_MS - 1000, roomId);
    db.close();
    await boot();
    await eventually('the orphaned room is ended', () => pnm.rooms.get(roomId)!.ended);

    // The slow Mattermost created the card after all: its refresh button shows it ended.
    const orphan = [...mm.posts.values()].find((p) => p.props?.plugnmeet_room_id === roomId);
    if (orphan) {
        const click = await mm.clickButton(orphan.id, 'refresh', user);
        assert.equal(click.status, 200);
        assert.equal(mm.posts.get(orphan.id).props.meeting_status, 'ended');
    }
    const again = await mm.sendCommand(`${url}/mattermost/command`, {token: 'cmd-token-abcdef', user, channel, text: 'start Next'});
    assert.ok(again.body.goto_location, JSON.stringify(again.body));
    storeIsConsistent(join(cwd, 'store.sqlite'));
    await kill9();
});

test('killed in the middle of a webhook burst: redelivered events and the restart converge on the true count', async () => {
    await boot();
    const user = alice();
    const channel = mm.addChannel({type: 'O', name: 'crash-burst', members: [user.id]});
    const started = await mm.sendCommand(`${url}/mattermost/command`, {token: 'cmd-token-abcdef', user, channel, text: 'start Burst'});
    const roomId: string = started.body.props.plugnmeet_room_id;
    const card = [...mm.posts.values()].find((p) => p.props?.plugnmeet_room_id === roomId);

    const events = Array.from({length: 300}, (_, i) => {
        pnm.joinParticipant(roomId, `p${i}`, `P${i}`);
        return pnm.buildEvent('participant_joined', roomId, {participant: {identity: `p${i}`}});
    });
    const hook = `${url}/plugnmeet/webhook`;
    const undelivered: typeof events = [];
    // One sender per room, in order, as plugNmeet's notifier does; the process dies part-way.
    for (const [i, e] of events.entries()) {
        if (i === 150) {
            await kill9();
        }
        const res = await pnm.sendWebhook(hook, e).catch(() => undefined);
        if (res?.status !== 200) {
            undelivered.push(e);
        }
    }
    assert.ok(undelivered.length >= 150, 'the rest failed to deliver');
    storeIsConsistent(join(cwd, 'store.sqlite'));

    await boot();
    for (const e of undelivered) {
        assert.equal((await pnm.sendWebhook(hook, e)).status, 200); // plugNmeet's retry
    }
    await pnm.sendWebhook(hook, events[10]); // and a late duplicate of an early one
    await eventually('the card shows all 300', () => mm.posts.get(card.id).props.meeting_participants === 300);
    assert.equal(mm.posts.get(card.id).props.meeting_status, 'live');

    pnm.endRoomExternally(roomId);
    await pnm.sendWebhook(hook, pnm.buildEvent('room_finished', roomId));
    assert.equal(mm.posts.get(card.id).props.meeting_status, 'ended');
    assert.equal(mm.posts.get(card.id).props.meeting_participants, 300, 'the peak');
    storeIsConsistent(join(cwd, 'store.sqlite'));
    await kill9();
});
