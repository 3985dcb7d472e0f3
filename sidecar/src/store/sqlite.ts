// Embedded default store: one SQLite file via better-sqlite3, migrated on open.
import Database from 'better-sqlite3';
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import {STALE_RESERVATION_MS, type Meeting, type Store} from './store.js';

// Append only: each entry runs once, in order, inside a transaction.
const MIGRATIONS = [
    `CREATE TABLE meetings (
        room_id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        team_id TEXT NOT NULL DEFAULT '',
        root_id TEXT NOT NULL DEFAULT '',
        post_id TEXT NOT NULL DEFAULT '',
        creator_id TEXT NOT NULL,
        creator_username TEXT NOT NULL,
        topic TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('starting', 'live', 'ended')),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        participants INTEGER NOT NULL DEFAULT 0,
        peak_participants INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
    );
    -- The rule "one meeting at a time per channel" lives here, not only in code.
    CREATE UNIQUE INDEX meetings_one_open_per_channel ON meetings (channel_id) WHERE status <> 'ended';
    CREATE INDEX meetings_status ON meetings (status);
    CREATE INDEX meetings_channel ON meetings (channel_id, started_at);
    CREATE TABLE command_tokens (
        token TEXT PRIMARY KEY,
        team_id TEXT NOT NULL
    );`,
    `CREATE TABLE posted_recordings (
        record_id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL,
        posted_at INTEGER NOT NULL
    );`,
];

type Row = Record<string, any>;

const toMeeting = (r: Row): Meeting => ({
    roomId: r.room_id,
    channelId: r.channel_id,
    teamId: r.team_id,
    rootId: r.root_id,
    postId: r.post_id,
    creatorId: r.creator_id,
    creatorUsername: r.creator_username,
    topic: r.topic,
    status: r.status,
    startedAt: r.started_at,
    endedAt: r.ended_at ?? null,
    participants: r.participants,
    peakParticipants: r.peak_participants,
    updatedAt: r.updated_at,
});

export function openSqliteStore(path: string, now: () => number = Date.now): Store {
    if (path !== ':memory:') {
        mkdirSync(dirname(path), {recursive: true});
    }
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);

    const q = {
        insert: db.prepare(`INSERT INTO meetings (room_id, channel_id, team_id, root_id, creator_id, creator_username, topic, status, started_at, updated_at)
            VALUES (@roomId, @channelId, @teamId, @rootId, @creatorId, @creatorUsername, @topic, 'starting', @startedAt, @now)`),
        open: db.prepare(`SELECT * FROM meetings WHERE channel_id = ? AND status <> 'ended'`),
        get: db.prepare('SELECT * FROM meetings WHERE room_id = ?'),
        dropStale: db.prepare(`DELETE FROM meetings WHERE channel_id = ? AND status = 'starting' AND updated_at < ?`),
        activate: db.prepare(`UPDATE meetings SET status = 'live', post_id = ?, updated_at = ? WHERE room_id = ? AND status = 'starting'`),
        discard: db.prepare(`DELETE FROM meetings WHERE room_id = ? AND status = 'starting'`),
        channelRooms: db.prepare(`SELECT room_id FROM meetings WHERE channel_id = ? AND status <> 'starting' ORDER BY started_at DESC LIMIT ?`),
        live: db.prepare(`SELECT * FROM meetings WHERE status = 'live' ORDER BY started_at`),
        participants: db.prepare(`UPDATE meetings SET participants = ?, peak_participants = MAX(peak_participants, ?), updated_at = ?
            WHERE room_id = ? AND status = 'live'`),
        end: db.prepare(`UPDATE meetings SET status = 'ended', ended_at = ?, participants = peak_participants, updated_at = ?
            WHERE room_id = ? AND status <> 'ended'`),
        claimRecording: db.prepare('INSERT INTO posted_recordings (record_id, room_id, posted_at) VALUES (?, ?, ?) ON CONFLICT (record_id) DO NOTHING'),
        tokens: db.prepare('SELECT token, team_id FROM command_tokens'),
        addToken: db.prepare('INSERT INTO command_tokens (token, team_id) VALUES (?, ?) ON CONFLICT (token) DO UPDATE SET team_id = excluded.team_id'),
    };

    const get = (roomId: string) => {
        const r = q.get.get(roomId) as Row | undefined;
        return r && toMeeting(r);
    };

    const reserve = db.transaction((m: Parameters<Store['reserveMeeting']>[0]) => {
        q.dropStale.run(m.channelId, now() - STALE_RESERVATION_MS);
        try {
            q.insert.run({...m, now: now()});
            return {ok: true} as const;
        } catch (err) {
            if ((err as {code?: string}).code !== 'SQLITE_CONSTRAINT_UNIQUE') {
                throw err;
            }
            const existing = q.open.get(m.channelId) as Row | undefined;
            if (!existing) {
                throw err; // the clash was on room_id itself
            }
            return {ok: false, existing: toMeeting(existing)} as const;
        }
    });

    return {
        async reserveMeeting(m) {
            return reserve(m);
        },
        async activateMeeting(roomId, postId) {
            q.activate.run(postId, now(), roomId);
            const m = get(roomId);
            if (!m) {
                throw new Error(`meeting ${roomId} vanished while starting`);
            }
            return m;
        },
        async discardMeeting(roomId) {
            q.discard.run(roomId);
        },
        async getMeeting(roomId) {
            return get(roomId);
        },
        async openMeetingInChannel(channelId) {
            const r = q.open.get(channelId) as Row | undefined;
            return r && toMeeting(r);
        },
        async liveMeetings() {
            return (q.live.all() as Row[]).map(toMeeting);
        },
        async roomIdsInChannel(channelId, limit) {
            return (q.channelRooms.all(channelId, limit) as Row[]).map((r) => r.room_id);
        },
        async setParticipants(roomId, participants) {
            q.participants.run(participants, participants, now(), roomId);
            return get(roomId);
        },
        async endMeeting(roomId, endedAt) {
            const changed = q.end.run(endedAt, now(), roomId).changes > 0;
            return changed ? get(roomId) : undefined;
        },
        async claimRecording(recordId, roomId) {
            return q.claimRecording.run(recordId, roomId, now()).changes > 0;
        },
        async commandTokens() {
            return (q.tokens.all() as Row[]).map((r) => ({token: r.token, teamId: r.team_id}));
        },
        async addCommandToken(t) {
            q.addToken.run(t.token, t.teamId);
        },
        async close() {
            db.close();
        },
    };
}

function migrate(db: Database.Database): void {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {v: number | null};
    const current = row.v ?? 0;
    MIGRATIONS.slice(current).forEach((sql, i) => {
        db.transaction(() => {
            db.exec(sql);
            db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(current + i + 1, Date.now());
        })();
    });
}
