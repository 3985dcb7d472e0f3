// The SQLite store on its own: the one-open-meeting-per-channel rule is the database's.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import Database from 'better-sqlite3';
import {openSqliteStore} from '../src/store/sqlite.js';
import {STALE_RESERVATION_MS, type NewMeeting} from '../src/store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'pnm-store-'));
after(() => rmSync(dir, {recursive: true, force: true}));

const meeting = (roomId: string, channelId = 'chan1'): NewMeeting => ({
    roomId, channelId, teamId: 'team1', rootId: '', creatorId: 'u1', creatorUsername: 'alice', topic: 'T', startedAt: 1000,
});

test('a second open meeting in a channel is refused by a unique index, even bypassing the store', async () => {
    const path = join(dir, 'a.sqlite');
    const store = openSqliteStore(path);
    assert.deepEqual(await store.reserveMeeting(meeting('r1')), {ok: true});
    const second = await store.reserveMeeting(meeting('r2'));
    assert.equal(second.ok, false);
    assert.equal(!second.ok && second.existing.roomId, 'r1');
    assert.deepEqual(await store.reserveMeeting(meeting('r3', 'chan2')), {ok: true}, 'other channels are free');

    const raw = new Database(path);
    assert.throws(() => raw.prepare(`INSERT INTO meetings (room_id, channel_id, creator_id, creator_username, topic, status, started_at, updated_at)
        VALUES ('r9', 'chan1', 'u', 'x', 't', 'live', 1, 1)`).run(), /UNIQUE/);
    raw.close();

    await store.activateMeeting('r1', 'post1');
    assert.equal((await store.endMeeting('r1', 5000))?.status, 'ended');
    assert.equal(await store.endMeeting('r1', 6000), undefined, 'ending twice reports nothing the second time');
    assert.deepEqual(await store.reserveMeeting(meeting('r4')), {ok: true}, 'an ended meeting frees the channel');
    await store.close();
});

test('participants: the card shows the count while live and the peak once ended', async () => {
    const store = openSqliteStore(join(dir, 'b.sqlite'));
    await store.reserveMeeting(meeting('p1'));
    await store.activateMeeting('p1', 'post');
    await store.setParticipants('p1', 4);
    assert.equal((await store.setParticipants('p1', 2))?.participants, 2);
    const ended = await store.endMeeting('p1', 9000);
    assert.equal(ended?.participants, 4);
    assert.equal(ended?.endedAt, 9000);
    await store.close();
});

test('a reservation left by a crashed start is taken over once stale, and migrations run once', async () => {
    const path = join(dir, 'c.sqlite');
    let now = 1_000_000;
    const store = openSqliteStore(path, () => now);
    await store.reserveMeeting(meeting('s1'));
    assert.equal((await store.reserveMeeting(meeting('s2'))).ok, false);
    now += STALE_RESERVATION_MS + 1;
    assert.deepEqual(await store.reserveMeeting(meeting('s3')), {ok: true});
    assert.equal(await store.getMeeting('s1'), undefined);
    await store.close();

    const reopened = openSqliteStore(path);
    assert.equal((await reopened.getMeeting('s3'))?.status, 'starting');
    await reopened.close();
    const raw = new Database(path);
    assert.deepEqual(raw.prepare('SELECT version FROM schema_migrations').all(), [{version: 1}, {version: 2}]);
    raw.close();
});
