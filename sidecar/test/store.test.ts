// The store contract (store.ts), run against SQLite and against a real PostgreSQL server
// started for this file; then what only PostgreSQL meets: two replicas racing on one database.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, before, describe, test} from 'node:test';
import {NO_OPTIONS} from '@plugnmeet/contracts';
import Database from 'better-sqlite3';
import pg from 'pg';
import {openPostgresStore} from '../src/store/postgres.js';
import {openSqliteStore} from '../src/store/sqlite.js';
import {LATEST_VERSION, MIGRATIONS, POSTGRES, SQLITE, versionTable, type Dialect} from '../src/store/migrations.js';
import {STALE_RESERVATION_MS, type NewMeeting, type Store} from '../src/store/store.js';
import {startPgServer, type PgServer} from './pg-server.js';

type Row = Record<string, unknown>;

/** One empty database: stores on it (several at once, like replicas) and raw SQL that bypasses them. */
interface Db {
    open(now?: () => number): Promise<Store>;
    sql(query: string): Promise<Row[]>;
    /** Several statements, no parameters (an old schema built by hand). */
    script(statements: string): Promise<void>;
    dialect: Dialect;
}

interface Backend {
    name: string;
    fresh(): Promise<Db>;
}

const dir = mkdtempSync(join(tmpdir(), 'pnm-store-'));
let server: PgServer | undefined;
let dbCount = 0;

// Every store a test opens is closed after it, passed or failed.
let opened: Store[] = [];
afterEach(async () => {
    await Promise.all(opened.map((s) => s.close()));
    opened = [];
});
after(async () => {
    await server?.stop();
    rmSync(dir, {recursive: true, force: true});
});

/** close() may be called by the test and again after it. */
function tracked(s: Store): Store {
    let closing: Promise<void> | undefined;
    const t = {...s, close: () => (closing ??= s.close())};
    opened.push(t);
    return t;
}

const sqlite: Backend = {
    name: 'SQLite',
    async fresh() {
        const path = join(dir, `${++dbCount}.sqlite`);
        return {
            async open(now) {
                return tracked(openSqliteStore(path, now));
            },
            async sql(query) {
                const raw = new Database(path);
                try {
                    const stmt = raw.prepare(query);
                    return stmt.reader ? stmt.all() as Row[] : (stmt.run(), []);
                } finally {
                    raw.close();
                }
            },
            async script(statements) {
                const raw = new Database(path);
                try {
                    raw.exec(statements);
                } finally {
                    raw.close();
                }
            },
            dialect: SQLITE,
        };
    },
};

const postgres: Backend = {
    name: 'PostgreSQL',
    async fresh() {
        server ??= await startPgServer();
        const url = await server.createDatabase(`contract${++dbCount}`);
        const sql = async (query: string): Promise<Row[]> => {
            const client = new pg.Client({connectionString: url});
            await client.connect();
            try {
                return (await client.query(query)).rows;
            } finally {
                await client.end();
            }
        };
        return {
            async open(now) {
                return tracked(await openPostgresStore(url, now));
            },
            sql,
            async script(statements) {
                await sql(statements);
            },
            dialect: POSTGRES,
        };
    },
};

const meeting = (roomId: string, channelId = 'chan1', startedAt = 1000): NewMeeting => ({
    roomId, channelId, teamId: 'team1', rootId: '', creatorId: 'u1', creatorUsername: 'alice', creatorName: 'Alice Liddell', creatorLocale: 'de', topic: 'T', startedAt,
});

/** A live meeting with a posted card that is up to date. */
async function live(store: Store, roomId: string, channelId = `chan-${roomId}`, startedAt = 1000) {
    assert.deepEqual(await store.reserveMeeting(meeting(roomId, channelId, startedAt)), {ok: true});
    return store.activateMeeting(roomId, `post-${roomId}`, 'shown');
}

const T = 1_000_000; // a "now" for the card queue
const SHOWN = {key: 'shown', edited: true};

for (const backend of [sqlite, postgres]) {
    describe(`store contract: ${backend.name}`, () => {
        let db: Db;
        let store: Store;
        before(async () => {
            // The PostgreSQL server starts once, here, so its time is not charged to the first case.
            await backend.fresh();
        });
        const fresh = async (now?: () => number) => {
            db = await backend.fresh();
            store = await db.open(now);
        };

        test('one open meeting per channel: a unique index, even for SQL that bypasses the store', async () => {
            await fresh();
            assert.deepEqual(await store.reserveMeeting(meeting('r1')), {ok: true});
            const second = await store.reserveMeeting(meeting('r2'));
            assert.equal(second.ok, false);
            assert.equal(!second.ok && second.existing.roomId, 'r1');
            assert.equal(!second.ok && second.existing.status, 'starting');
            assert.deepEqual(await store.reserveMeeting(meeting('r3', 'chan2')), {ok: true}, 'other channels are free');
            await assert.rejects(store.reserveMeeting(meeting('r3', 'chan3')), 'a clash on the room id itself is an error, not "busy"');

            await assert.rejects(db.sql(`INSERT INTO meetings (room_id, channel_id, creator_id, creator_username, topic, status, started_at, updated_at)
                VALUES ('r9', 'chan1', 'u', 'x', 't', 'live', 1, 1)`), /unique/i);

            const activated = await store.activateMeeting('r1', 'post1', 'shown');
            assert.equal(activated.status, 'live');
            assert.equal(activated.postId, 'post1');
            assert.equal((await store.openMeetingInChannel('chan1'))?.roomId, 'r1');
            const ended = await store.endMeeting('r1', 5000, 'bob');
            assert.equal(ended?.status, 'ended');
            assert.equal(ended?.endedBy, 'bob');
            assert.equal(await store.endMeeting('r1', 6000), undefined, 'ending twice reports nothing the second time');
            assert.equal(await store.openMeetingInChannel('chan1'), undefined);
            assert.deepEqual(await store.reserveMeeting(meeting('r4')), {ok: true}, 'an ended meeting frees the channel');
        });

        test('a failed start is discarded; a live meeting is not', async () => {
            await fresh();
            await store.reserveMeeting(meeting('d1'));
            await store.discardMeeting('d1');
            assert.equal(await store.getMeeting('d1'), undefined);
            assert.equal(await store.openMeetingInChannel('chan1'), undefined);
            await live(store, 'd2', 'chan1');
            await store.discardMeeting('d2');
            assert.equal((await store.getMeeting('d2'))?.status, 'live');
            await assert.rejects(store.activateMeeting('nope', 'post', 'shown'), /vanished/);
        });

        test('a reservation left by a crashed start is listed, taken over once stale, and survives a reopen', async () => {
            let now = 10_000_000;
            await fresh(() => now);
            await store.reserveMeeting(meeting('s1'));
            assert.equal((await store.reserveMeeting(meeting('s2'))).ok, false);
            assert.deepEqual(await store.staleReservations(now - STALE_RESERVATION_MS), []);
            now += STALE_RESERVATION_MS + 1;
            assert.deepEqual((await store.staleReservations(now - STALE_RESERVATION_MS)).map((m) => m.roomId), ['s1']);
            assert.deepEqual(await store.reserveMeeting(meeting('s3')), {ok: true});
            assert.equal(await store.getMeeting('s1'), undefined);
            await store.close();

            const reopened = await db.open();
            assert.equal((await reopened.getMeeting('s3'))?.status, 'starting');
        });

        test('migrations run once; schemaVersion says which', async () => {
            await fresh();
            const v = await store.schemaVersion();
            assert.equal(v.applied, v.latest);
            assert.equal(v.latest, LATEST_VERSION);
            await store.close();
            const again = await db.open();
            assert.deepEqual(await again.schemaVersion(), v);
            const rows = await db.sql('SELECT version FROM schema_migrations ORDER BY version');
            assert.deepEqual(rows.map((r) => Number(r.version)), Array.from({length: LATEST_VERSION}, (_, i) => i + 1));
        });

        test('v11 moves each meeting\'s people (the v9 JSON column) into their own table, in order, online or not; event ids kept', async () => {
            db = await backend.fresh();
            const d = db.dialect;
            // A store as a sidecar of schema version 10 left it: people were a JSON list in the meeting's row.
            await db.script([versionTable(d), ...MIGRATIONS.slice(0, 10).map((m, i) => `${m(d)};\nINSERT INTO schema_migrations (version, applied_at) VALUES (${i + 1}, 0)`)].join(';\n'));
            const people = JSON.stringify([
                {identity: 'a'.repeat(26), name: 'Ann «Team»', online: true},
                {identity: 'guest-1', name: 'Zoë', online: false},
                {identity: 'bob', name: 'Bob', online: true},
            ]);
            const row = (roomId: string, status: string, list: string) => `INSERT INTO meetings (room_id, channel_id, creator_id, creator_username, topic, status, started_at, updated_at, people)
                VALUES ('${roomId}', 'chan-${roomId}', 'u1', 'alice', 'Old', '${status}', 1, 1, '${list.replace(/'/g, "''")}')`;
            await db.sql(row('old1', 'live', people));
            await db.sql(row('old2', 'ended', ''));
            await db.sql(`INSERT INTO webhook_events (event_id, received_at) VALUES ('seen-before', ${T})`);
            store = await db.open(() => T);
            assert.equal(await store.claimEvent('seen-before', T), false, 'event ids claimed before v11 stay claimed');
            assert.deepEqual(await store.schemaVersion(), {applied: LATEST_VERSION, latest: LATEST_VERSION});
            assert.deepEqual(await store.meetingPeople('old1', {everyone: true, limit: 8}), {people: JSON.parse(people), total: 3});
            assert.deepEqual((await store.meetingPeople('old1', {everyone: false, limit: 8})).people.map((p) => p.name), ['Ann «Team»', 'Bob']);
            assert.deepEqual(await store.meetingPeople('old2', {everyone: true, limit: 8}), {people: [], total: 0});
            assert.equal((await store.getMeeting('old1'))?.topic, 'Old');
            assert.ok(!('people' in (await db.sql(`SELECT * FROM meetings WHERE room_id = 'old1'`))[0]), 'a meeting\'s row no longer carries its people');
            // A newcomer comes after those moved over.
            await store.participantEvent({roomId: 'old1', eventId: 'e1', receivedAt: T, presence: {identity: 'cy', name: 'Cy', online: true, cap: 200}, participants: 3, cardDueAt: T});
            assert.deepEqual((await store.meetingPeople('old1', {everyone: true, limit: 8})).people.map((p) => p.identity), ['a'.repeat(26), 'guest-1', 'bob', 'cy']);
        });

        test('a meeting reads back with every field, numbers as numbers', async () => {
            let now = 5_000_000_000_000; // beyond 32 bits, as ms timestamps are
            await fresh(() => now);
            const options = {...NO_OPTIONS, waitingRoom: true, lockChat: true, duration: 45, welcome: 'Hallo «Team»'};
            await store.reserveMeeting({...meeting('f1', 'chanF', now - 10), teamId: 'tF', rootId: 'rootF', topic: 'Fields', options});
            now += 1;
            await store.activateMeeting('f1', 'postF', 'shown');
            assert.deepEqual(await store.getMeeting('f1'), {
                roomId: 'f1', channelId: 'chanF', teamId: 'tF', rootId: 'rootF', postId: 'postF', creatorId: 'u1', creatorUsername: 'alice',
                creatorName: 'Alice Liddell', creatorLocale: 'de',
                topic: 'Fields', status: 'live', startedAt: now - 11, endedAt: null, participants: 0, peakParticipants: 0, updatedAt: now,
                endedBy: '', version: 0, endNoticePosted: false, cardShown: 'shown', cardEdits: 0, options, summaryPosted: false,
            });
            await store.reserveMeeting({...meeting('f2', 'chanG', now)});
            assert.equal((await store.getMeeting('f2'))!.options, undefined, 'no options: a meeting from before v6');
        });

        test('runtime settings: set, replaced, listed by name, removed', async () => {
            await fresh();
            assert.deepEqual(await store.settings(), []);
            await store.putSetting({name: 'MEETINGS_WHO_CAN_START', value: 'team_admins', updatedBy: 'root', updatedAt: 5_000_000_000_001});
            await store.putSetting({name: 'MEETINGS_ALLOWED_CHANNEL_TYPES', value: 'public', updatedBy: 'root', updatedAt: 2});
            await store.putSetting({name: 'MEETINGS_WHO_CAN_START', value: 'system_admins', updatedBy: 'boss', updatedAt: 3});
            assert.deepEqual(await store.settings(), [
                {name: 'MEETINGS_ALLOWED_CHANNEL_TYPES', value: 'public', updatedBy: 'root', updatedAt: 2},
                {name: 'MEETINGS_WHO_CAN_START', value: 'system_admins', updatedBy: 'boss', updatedAt: 3},
            ]);
            await store.putSetting({name: 'MEETINGS_ALLOWED_CHANNEL_TYPES', value: null});
            assert.deepEqual((await store.settings()).map((x) => x.name), ['MEETINGS_WHO_CAN_START']);
        });

        test('live meetings oldest first; a channel\'s room ids newest first, never a reservation', async () => {
            await fresh();
            await live(store, 'l2', 'chanL', 2000);
            await store.endMeeting('l2', 2500);
            await live(store, 'l3', 'chanL', 3000);
            await live(store, 'l1', 'chanM', 1000);
            await store.reserveMeeting(meeting('l4', 'chanN', 4000));
            assert.deepEqual((await store.liveMeetings()).map((m) => m.roomId), ['l1', 'l3']);
            assert.deepEqual(await store.roomIdsInChannel('chanL', 10), ['l3', 'l2']);
            assert.deepEqual(await store.roomIdsInChannel('chanL', 1), ['l3']);
            assert.deepEqual(await store.roomIdsInChannel('chanN', 10), []);
        });

        test('participants: version bumps only on a change; the peak follows; ended shows the peak', async () => {
            await fresh();
            const m0 = await live(store, 'p1');
            const m1 = await store.setParticipants('p1', 4, T);
            assert.equal(m1?.participants, 4);
            assert.equal(m1?.version, m0.version + 1);
            assert.equal((await store.setParticipants('p1', 4, T))?.version, m1?.version, 'the same count changes nothing');
            const m2 = await store.setParticipants('p1', 2, T);
            assert.equal(m2?.participants, 2);
            assert.equal(m2?.peakParticipants, 4);
            assert.equal(await store.setParticipants('unknown', 3, T), undefined);

            const ended = await store.endMeeting('p1', 9000);
            assert.equal(ended?.participants, 4);
            assert.equal(ended?.endedAt, 9000);
            assert.equal(ended?.endedBy, '');
            assert.equal(ended?.version, (m2?.version ?? 0) + 1);
            assert.equal(ended?.endNoticePosted, false);
            assert.equal((await store.setParticipants('p1', 7, T))?.participants, 4, 'an ended meeting keeps its peak');
            await store.markEndNoticePosted('p1');
            assert.equal((await store.getMeeting('p1'))?.endNoticePosted, true);
        });

        test('card edits: due times coalesce, force and roomId, reservations never claimed', async () => {
            await fresh();
            await live(store, 'c1');
            await live(store, 'c2');
            await store.reserveMeeting(meeting('c3', 'chan-c3'));
            assert.equal(await store.pendingCardEdits(), 0, 'a card posted with the current state is not behind');
            assert.deepEqual(await store.claimCardEdits({owner: 'A', now: T, leaseMs: 30_000, limit: 10, force: true}), []);

            await store.setParticipants('c1', 1, T + 2000);
            await store.setParticipants('c1', 2, T + 5000); // later: the earlier due time stays
            await store.setParticipants('c2', 1, T + 1000);
            assert.equal(await store.pendingCardEdits(), 2);
            assert.deepEqual(await store.claimCardEdits({owner: 'A', now: T + 999, leaseMs: 30_000, limit: 10}), []);

            const first = await store.claimCardEdits({owner: 'A', now: T + 1000, leaseMs: 30_000, limit: 10});
            assert.deepEqual(first.map((j) => [j.roomId, j.participants, j.cardAttempts]), [['c2', 1, 0]]);
            const second = await store.claimCardEdits({owner: 'A', now: T + 2000, leaseMs: 30_000, limit: 10});
            assert.deepEqual(second.map((j) => [j.roomId, j.participants, j.version]), [['c1', 2, 2]]);
            assert.equal(await store.pendingCardEdits(), 2, 'leased is still behind');

            await store.cardEditDone('c1', 'A', 2, T + 9999, SHOWN);
            await store.cardEditDone('c2', 'A', first[0].version, T + 9999, SHOWN);
            assert.equal(await store.pendingCardEdits(), 0);

            await store.setParticipants('c1', 3, T + 60_000);
            await store.setParticipants('c2', 3, T + 60_000);
            assert.deepEqual((await store.claimCardEdits({owner: 'A', now: T, leaseMs: 30_000, limit: 10, roomId: 'c2', force: true})).map((j) => j.roomId),
                ['c2'], 'force ignores the due time; roomId picks one');
            const rest = await store.claimCardEdits({owner: 'A', now: T, leaseMs: 30_000, limit: 10, force: true});
            assert.deepEqual(rest.map((j) => j.roomId), ['c1']);
        });

        test('card edits: the earliest due first, up to the limit', async () => {
            await fresh();
            for (const [i, due] of [[1, 300], [2, 100], [3, 200]]) {
                await live(store, `o${i}`);
                await store.setParticipants(`o${i}`, 1, T + due);
            }
            const claimed = await store.claimCardEdits({owner: 'A', now: T + 1000, leaseMs: 30_000, limit: 2});
            assert.deepEqual(claimed.map((j) => j.roomId).sort(), ['o2', 'o3']);
        });

        test('card edits: a lease keeps other owners out until it expires; the stale owner then changes nothing', async () => {
            await fresh();
            await live(store, 'e1');
            await store.setParticipants('e1', 1, T);
            assert.equal((await store.claimCardEdits({owner: 'A', now: T, leaseMs: 1000, limit: 10})).length, 1);
            assert.deepEqual(await store.claimCardEdits({owner: 'B', now: T + 500, leaseMs: 1000, limit: 10, force: true}), []);
            assert.deepEqual(await store.claimCardEdits({owner: 'A', now: T + 500, leaseMs: 1000, limit: 10, force: true}), [],
                'not even its own owner claims a leased card twice');

            const taken = await store.claimCardEdits({owner: 'B', now: T + 1001, leaseMs: 1000, limit: 10, force: true});
            assert.deepEqual(taken.map((j) => j.roomId), ['e1'], 'A crashed: B takes the card over');
            await store.cardEditDone('e1', 'A', taken[0].version, T + 5000, SHOWN);
            assert.equal(await store.cardEditFailed('e1', 'A', T + 5000), 0, 'A no longer holds it');
            assert.equal(await store.pendingCardEdits(), 1);
            await store.cardEditDone('e1', 'B', taken[0].version, T + 5000, SHOWN);
            assert.equal(await store.pendingCardEdits(), 0);
        });

        test('card edits: a change during the edit keeps the card pending, due when that change said', async () => {
            await fresh(() => T);
            await live(store, 'm1');
            await store.setParticipants('m1', 1, T);
            const [job] = await store.claimCardEdits({owner: 'A', now: T, leaseMs: 30_000, limit: 10});
            await store.setParticipants('m1', 2, T + 3000); // arrives while A edits
            await store.cardEditDone('m1', 'A', job.version, T + 2000, SHOWN);
            assert.equal(await store.pendingCardEdits(), 1);
            assert.deepEqual(await store.claimCardEdits({owner: 'A', now: T + 2999, leaseMs: 30_000, limit: 10}), []);
            const [next] = await store.claimCardEdits({owner: 'A', now: T + 3000, leaseMs: 30_000, limit: 10});
            assert.equal(next.participants, 2);

            // Ending during an edit makes the card due at once (now() is T).
            await store.endMeeting('m1', T + 3500);
            await store.cardEditDone('m1', 'A', next.version, T + 4000, SHOWN);
            const [ended] = await store.claimCardEdits({owner: 'B', now: T + 4000, leaseMs: 30_000, limit: 10});
            assert.equal(ended?.status, 'ended');
            await store.cardEditDone('m1', 'B', ended.version - 1, T + 9000, SHOWN); // an older version done: still behind
            assert.equal(await store.pendingCardEdits(), 1);
            await store.claimCardEdits({owner: 'B', now: T + 9000, leaseMs: 30_000, limit: 10});
            await store.cardEditDone('m1', 'B', ended.version, T + 9000, SHOWN);
            assert.equal(await store.pendingCardEdits(), 0);
        });

        test('card edits: failures count up, wait for their retry time, and reset once an edit succeeds', async () => {
            await fresh();
            await live(store, 'x1');
            await store.setParticipants('x1', 1, T);
            await store.claimCardEdits({owner: 'A', now: T, leaseMs: 30_000, limit: 10});
            assert.equal(await store.cardEditFailed('x1', 'A', T + 2000), 1);
            assert.equal(await store.cardEditFailed('x1', 'A', T + 2000), 0, 'the lease is gone after the first report');
            assert.deepEqual(await store.claimCardEdits({owner: 'A', now: T + 1999, leaseMs: 30_000, limit: 10}), []);
            const [retry] = await store.claimCardEdits({owner: 'A', now: T + 2000, leaseMs: 30_000, limit: 10});
            assert.equal(retry.cardAttempts, 1);
            assert.equal(await store.cardEditFailed('x1', 'A', T + 6000), 2);
            const [forced] = await store.claimCardEdits({owner: 'A', now: T + 2001, leaseMs: 30_000, limit: 10, force: true});
            assert.equal(forced.cardAttempts, 2, 'force ignores the back-off');
            await store.cardEditDone('x1', 'A', forced.version, T + 9000, SHOWN);
            await store.setParticipants('x1', 5, T);
            const [fresh1] = await store.claimCardEdits({owner: 'A', now: T, leaseMs: 30_000, limit: 10});
            assert.equal(fresh1.cardAttempts, 0);
        });

        test('a click\'s update: what the card shows and its edit count, without a lease', async () => {
            await fresh();
            await live(store, 'k1');
            await store.cardShownByClick('k1', 'after-click');
            const m = await store.getMeeting('k1');
            assert.deepEqual({shown: m?.cardShown, edits: m?.cardEdits}, {shown: 'after-click', edits: 1});
        });

        test('recordings and webhook events are claimed once; a release or prune frees them', async () => {
            await fresh();
            assert.equal(await store.claimRecording('rec1', 'room1'), true);
            assert.equal(await store.claimRecording('rec1', 'room1'), false);
            await store.releaseRecording('rec1');
            assert.equal(await store.claimRecording('rec1', 'room1'), true);

            assert.equal(await store.claimEvent('ev1', 1000), true);
            assert.equal(await store.claimEvent('ev1', 1001), false);
            await store.releaseEvent('ev1');
            assert.equal(await store.claimEvent('ev1', 1002), true);
            assert.equal(await store.claimEvent('ev2', 5000), true);
            await store.pruneEvents(5000);
            assert.equal(await store.claimEvent('ev1', 6000), true, 'pruned');
            assert.equal(await store.claimEvent('ev2', 6000), false, 'not older than the cut');
        });

        test('the recap: artifacts claimed once, given back, kinds per room; the summary marked once; meetings ended since', async () => {
            await fresh(() => T);
            await live(store, 'rc1');
            assert.equal(await store.claimArtifact('art1', 'rc1', 'attendance'), true);
            assert.equal(await store.claimArtifact('art1', 'rc1', 'attendance'), false);
            await store.releaseArtifact('art1');
            assert.equal(await store.claimArtifact('art1', 'rc1', 'attendance'), true);
            assert.equal(await store.claimArtifact('art2', 'rc1', 'summary'), true);
            await store.setArtifactPost('art2', 'postS');
            assert.deepEqual(await store.artifactKinds('rc1'), ['attendance', 'summary']);

            const before = (await store.getMeeting('rc1'))!.version;
            assert.equal(await store.markSummaryPosted('rc1'), true);
            assert.equal(await store.markSummaryPosted('rc1'), false);
            const after = (await store.getMeeting('rc1'))!;
            assert.equal(after.summaryPosted, true);
            assert.equal(after.version, before + 1, 'the card is due for an edit');

            await live(store, 'rc2');
            await store.endMeeting('rc1', 5000);
            await store.endMeeting('rc2', 9000);
            assert.deepEqual((await store.endedSince(6000)).map((m) => m.roomId), ['rc2']);
            assert.deepEqual((await store.endedSince(0)).map((m) => m.roomId), ['rc2', 'rc1']);
        });

        test('a participant event: one write for a meeting of ours, its id claimed once, who came in order of first arrival, capped', async () => {
            let now = T;
            await fresh(() => now);
            await live(store, 'pe1');
            const event = (eventId: string, presence?: {identity: string; name: string; online: boolean}, participants = 1, cap = 3) =>
                store.participantEvent({roomId: 'pe1', eventId, receivedAt: now, presence: presence && {...presence, cap}, participants, cardDueAt: T + 10_000});
            const page = (everyone: boolean, limit = 8) => store.meetingPeople('pe1', {everyone, limit});
            const ann = {identity: 'ann', name: 'Ann', online: true};

            assert.equal(await store.participantEvent({roomId: 'nope', eventId: 'evX', receivedAt: now, presence: {...ann, cap: 3}, participants: 1, cardDueAt: T}), 'ignored');
            assert.equal(await store.claimEvent('evX', now), true, 'an event of no meeting of ours claims nothing');
            assert.deepEqual(await store.meetingPeople('nope', {everyone: true, limit: 8}), {people: [], total: 0});

            assert.equal(await event('ev1', ann, 1), 'applied');
            assert.equal(await event('ev1', {...ann, online: false}, 0), 'duplicate');
            let m = (await store.getMeeting('pe1'))!;
            assert.equal(m.participants, 1, 'a duplicate changes nothing');
            assert.equal(m.version, 1);
            assert.deepEqual(await page(false), {people: [ann], total: 1});
            assert.equal(await store.claimEvent('ev1', now), false, 'claimed with the change');

            now += 1;
            await event('ev2', {identity: 'bob', name: 'Bob', online: true}, 2);
            await event('ev3', {identity: 'cat', name: 'Cat', online: true}, 3);
            await event('ev4', {...ann, online: false}, 2);
            await event('ev5', {identity: 'dan', name: 'Dan', online: true}, 3); // the cap (3) is reached: not remembered
            await event('ev6', {identity: 'eve', name: 'Eve', online: false}, 3); // unknown and leaving: nothing
            await event('ev7', {...ann, name: 'Ann renamed'}, 4); // back: her place and name stay
            await event('', {identity: 'cat', name: 'Cat', online: false}, 3); // no id: nothing claimed, still applied
            const bob = {identity: 'bob', name: 'Bob', online: true};
            assert.deepEqual(await page(true), {people: [ann, bob, {identity: 'cat', name: 'Cat', online: false}], total: 3});
            assert.deepEqual(await page(false), {people: [ann, bob], total: 2});
            assert.deepEqual(await page(true, 1), {people: [ann], total: 3}, 'the first of them, and how many in all');
            m = (await store.getMeeting('pe1'))!;
            assert.equal(m.participants, 3);
            assert.equal(m.peakParticipants, 4);
            assert.equal(await store.pendingCardEdits(), 1, 'the card is due');

            // Once ended: who leaves is still recorded; the count (now the peak) stays.
            await store.endMeeting('pe1', now);
            assert.equal(await event('ev8', {...bob, online: false}, 0), 'applied');
            assert.equal((await store.getMeeting('pe1'))!.participants, 4);
            assert.deepEqual((await page(false)).people, [ann]);
        });

        test('named leases: one owner at a time, renewable, free once expired', async () => {
            await fresh();
            assert.equal(await store.tryLease('reconciler', 'A', T, 1000), true);
            assert.equal(await store.tryLease('reconciler', 'B', T + 500, 1000), false);
            assert.equal(await store.tryLease('reconciler', 'A', T + 900, 1000), true, 'renewed until T + 1900');
            assert.equal(await store.tryLease('reconciler', 'B', T + 1500, 1000), false);
            assert.equal(await store.tryLease('other-work', 'B', T + 1500, 1000), true, 'names are independent');
            assert.equal(await store.tryLease('reconciler', 'B', T + 1901, 1000), true);
            assert.equal(await store.tryLease('reconciler', 'A', T + 1902, 1000), false);
        });

        test('command tokens: added once, the team follows the latest', async () => {
            await fresh();
            assert.deepEqual(await store.commandTokens(), []);
            await store.addCommandToken({teamId: 't1', token: 'tok1'});
            await store.addCommandToken({teamId: 't2', token: 'tok2'});
            await store.addCommandToken({teamId: 't3', token: 'tok1'});
            const tokens = (await store.commandTokens()).sort((a, b) => a.token.localeCompare(b.token));
            assert.deepEqual(tokens, [{token: 'tok1', teamId: 't3'}, {token: 'tok2', teamId: 't2'}]);
        });

        test('guest links: found by hash, listed per meeting, revoked once, each use counted once up to the last; arrivals claimed once', async () => {
            await fresh();
            const invite = {id: 'a1b2c3d4e5', tokenHash: 'h'.repeat(64), roomId: 'room1', inviterId: 'u1', inviterName: 'Alice', createdAt: T, expiresAt: T + 1000, maxUses: 2};
            await store.addGuestInvite(invite);
            await store.addGuestInvite({...invite, id: 'ffffffffff', tokenHash: 'g'.repeat(64), createdAt: T + 1, maxUses: 0});
            assert.deepEqual(await store.guestInviteByHash('h'.repeat(64)), {...invite, uses: 0, revoked: false});
            assert.equal(await store.guestInviteByHash('x'), undefined);
            assert.deepEqual((await store.guestInvitesOfRoom('room1')).map((i) => i.id), ['a1b2c3d4e5', 'ffffffffff']);
            assert.deepEqual(await store.guestInvitesOfRoom('room2'), []);
            // Two uses, raced: both counted; the third refused; an expired link refused.
            assert.deepEqual(await Promise.all([store.takeGuestInviteUse(invite.id, T), store.takeGuestInviteUse(invite.id, T)]), [true, true]);
            assert.equal(await store.takeGuestInviteUse(invite.id, T), false, 'used up');
            assert.equal((await store.guestInviteByHash('h'.repeat(64)))!.uses, 2);
            assert.equal(await store.takeGuestInviteUse('ffffffffff', T + 1000), false, 'expired at expiresAt');
            assert.equal(await store.revokeGuestInvite('room2', 'ffffffffff'), false, 'another meeting\'s link');
            assert.equal(await store.revokeGuestInvite('room1', 'ffffffffff'), true);
            assert.equal(await store.revokeGuestInvite('room1', 'ffffffffff'), false, 'once');
            assert.equal(await store.takeGuestInviteUse('ffffffffff', T), false, 'revoked');

            await store.addGuest({guestId: 'guest-1', inviteId: invite.id, roomId: 'room1', name: 'Zoë', joinedAt: T});
            await store.addGuest({guestId: 'guest-2', inviteId: invite.id, roomId: 'room1', name: 'Sam', joinedAt: T});
            assert.equal(await store.guestCount('room1'), 0, 'none arrived yet');
            const claims = await Promise.all([store.claimGuestArrival('guest-1'), store.claimGuestArrival('guest-1')]);
            assert.deepEqual(claims.filter(Boolean), [{guestId: 'guest-1', inviteId: invite.id, roomId: 'room1', name: 'Zoë', joinedAt: T, inviterName: 'Alice'}]);
            assert.equal(await store.claimGuestArrival('guest-1'), undefined, 'a reconnect');
            assert.equal(await store.claimGuestArrival('guest-9'), undefined);
            assert.equal(await store.guestCount('room1'), 1);
        });
    });
}

describe('PostgreSQL: two replicas on one database', () => {
    let a: Store;
    let b: Store;
    let shared: Db;
    let now = 50_000_000;
    before(async () => {
        shared = await postgres.fresh();
        const db = shared;
        // Two stores (two pools) migrating the same empty database at the same moment.
        [a, b] = await Promise.all([db.open(() => now), db.open(() => now)]);
        assert.deepEqual(await a.schemaVersion(), {applied: LATEST_VERSION, latest: LATEST_VERSION});
        opened = []; // these live for the whole describe
    });
    after(async () => {
        await Promise.all([a.close(), b.close()]);
    });

    test('20 concurrent starts in one channel from two replicas: exactly one reservation', async () => {
        const results = await Promise.all(Array.from({length: 20}, (_, i) => (i % 2 ? a : b).reserveMeeting(meeting(`race${i}`, 'chanRace'))));
        const won = results.flatMap((r, i) => (r.ok ? [`race${i}`] : []));
        assert.equal(won.length, 1, JSON.stringify(results));
        for (const r of results) {
            assert.ok(r.ok || r.existing.roomId === won[0], 'every loser is told about the winner');
        }
    });

    test('concurrent starts over a stale reservation: it is taken over exactly once', async () => {
        await a.reserveMeeting(meeting('crashed', 'chanStale'));
        now += STALE_RESERVATION_MS + 1;
        const results = await Promise.all(Array.from({length: 20}, (_, i) => (i % 2 ? a : b).reserveMeeting(meeting(`stale${i}`, 'chanStale'))));
        assert.equal(results.filter((r) => r.ok).length, 1);
        assert.equal(await b.getMeeting('crashed'), undefined);
    });

    test('the same webhook event claimed on both replicas at once: exactly one wins, for every id', async () => {
        const ids = Array.from({length: 10}, (_, i) => `event${i}`);
        const results = await Promise.all(ids.flatMap((id) => [a.claimEvent(id, now), b.claimEvent(id, now), a.claimEvent(id, now), b.claimEvent(id, now)]));
        for (let i = 0; i < ids.length; i++) {
            assert.equal(results.slice(i * 4, i * 4 + 4).filter(Boolean).length, 1, ids[i]);
        }
        const recs = await Promise.all([a.claimRecording('recX', 'r'), b.claimRecording('recX', 'r')]);
        assert.equal(recs.filter(Boolean).length, 1);
    });

    test('concurrent card claims from two owners: disjoint sets that cover every due card', async () => {
        const rooms = Array.from({length: 30}, (_, i) => `card${i}`);
        for (const r of rooms) {
            await live(a, r);
            await a.setParticipants(r, 1, T);
        }
        const claimAll = async (s: Store, owner: string) => {
            const got: string[] = [];
            for (;;) {
                const jobs = await s.claimCardEdits({owner, now: T, leaseMs: 30_000, limit: 4});
                if (jobs.length === 0) {
                    return got;
                }
                got.push(...jobs.map((j) => j.roomId));
            }
        };
        const [byA, byB, byA2, byB2] = await Promise.all([claimAll(a, 'A'), claimAll(b, 'B'), claimAll(a, 'A2'), claimAll(b, 'B2')]);
        const all = [...byA, ...byB, ...byA2, ...byB2];
        assert.equal(new Set(all).size, all.length, 'no card claimed twice');
        assert.deepEqual(all.sort(), [...rooms].sort());
    });

    test('participant events of one room on both replicas at once: nobody lost, each in a place of their own, the cap exact', async () => {
        await live(a, 'crowd');
        const join = (s: Store, i: number, cap: number) => s.participantEvent({
            roomId: 'crowd', eventId: `crowd-${cap}-${i}`, receivedAt: now, presence: {identity: `p${cap}-${i}`, name: `P${i}`, online: true, cap}, participants: i + 1, cardDueAt: T,
        });
        const joined = await Promise.all(Array.from({length: 40}, (_, i) => join(i % 2 ? a : b, i, 200)));
        assert.deepEqual(new Set(joined), new Set(['applied']));
        const page = await a.meetingPeople('crowd', {everyone: true, limit: 1000});
        assert.equal(page.total, 40, 'no change lost');
        assert.deepEqual(page.people.map((p) => p.identity).sort(), Array.from({length: 40}, (_, i) => `p200-${i}`).sort());
        // Twenty more, at once, for the last ten places of a cap of 50.
        await Promise.all(Array.from({length: 20}, (_, i) => join(i % 2 ? a : b, i, 50)));
        assert.equal((await b.meetingPeople('crowd', {everyone: true, limit: 1000})).total, 50, 'the cap holds under the race');
        const seqs = (await shared.sql(`SELECT seq FROM meeting_people WHERE room_id = 'crowd'`)).map((r) => r.seq);
        assert.equal(new Set(seqs).size, 50, 'each newcomer has a place of their own in the order');
    });

    test('the reconciler lease and ending a meeting: one replica wins', async () => {
        const leases = await Promise.all(Array.from({length: 10}, (_, i) => (i % 2 ? a : b).tryLease('reconciler', `owner${i}`, now, 60_000)));
        assert.equal(leases.filter(Boolean).length, 1);
        await live(a, 'endRace');
        const ends = await Promise.all([a.endMeeting('endRace', now), b.endMeeting('endRace', now), a.endMeeting('endRace', now), b.endMeeting('endRace', now)]);
        assert.equal(ends.filter(Boolean).length, 1, 'side effects of an end run once');
    });
});

describe('SQLite file', () => {
    test('the database (it holds command tokens) is readable by its owner only, in a directory made private', () => {
        const base = mkdtempSync(join(tmpdir(), 'pnm-perms-'));
        const previous = process.umask(0o022); // a normal umask: 0644 files, 0755 directories
        try {
            const path = join(base, 'data', 'plugnmeet.sqlite');
            const store = openSqliteStore(path);
            void store.addCommandToken({teamId: 't', token: 'secret-token'});
            assert.equal(statSync(join(base, 'data')).mode & 0o777, 0o700);
            assert.equal(statSync(path).mode & 0o777, 0o600);
            for (const side of ['-wal', '-shm']) {
                assert.equal(statSync(path + side).mode & 0o777, 0o600, `${side} follows the database file`);
            }
            void store.close();
        } finally {
            process.umask(previous);
            rmSync(base, {recursive: true, force: true});
        }
    });
});
