// The one migration list, for both backends. Append only: each entry runs once, in order, inside
// a transaction, and schema_migrations records the newest applied, so a schema version means
// the same on SQLite and PostgreSQL. Where the two differ only in a column's type, the dialect
// names it. Run by an explicit step (openStore's `migrate`, `plugnmeet-sidecar migrate`, the
// sidecar's start); `doctor` only reads the version.

export interface Dialect {
    /** ms timestamps: SQLite's INTEGER holds 64 bits, PostgreSQL needs BIGINT. */
    bigint: string;
    boolean: string;
    true: string;
    false: string;
    /**
     * v11: the v9 people column (JSON of {identity, name, online}[]) as rows (room_id, identity,
     * name, online, seq), seq its place in the list from 1; columns that hold no such list give none.
     */
    peopleFromJson: string;
    /** After a CREATE TABLE whose primary key is its only lookup: SQLite then keeps one b-tree, not a table and an index. */
    keyedTable: string;
}

export const SQLITE: Dialect = {
    bigint: 'INTEGER', boolean: 'INTEGER', true: '1', false: '0', keyedTable: ' WITHOUT ROWID',
    peopleFromJson: `SELECT m.room_id, json_extract(p.value, '$.identity'), COALESCE(json_extract(p.value, '$.name'), json_extract(p.value, '$.identity')),
            CASE WHEN json_extract(p.value, '$.online') THEN 1 ELSE 0 END, p.key + 1
        FROM meetings m, json_each(m.people) p
        WHERE json_valid(m.people) AND json_type(m.people) = 'array' AND json_type(p.value, '$.identity') = 'text'`,
};
export const POSTGRES: Dialect = {
    bigint: 'BIGINT', boolean: 'BOOLEAN', true: 'TRUE', false: 'FALSE', keyedTable: '',
    // Written only by JSON.stringify (rows.ts before v11): '' or an array.
    peopleFromJson: `SELECT m.room_id, p.value->>'identity', COALESCE(p.value->>'name', p.value->>'identity'),
            COALESCE(p.value->>'online' = 'true', FALSE), p.seq
        FROM meetings m, jsonb_array_elements(CASE WHEN m.people LIKE '[%' THEN m.people::jsonb ELSE '[]'::jsonb END) WITH ORDINALITY AS p(value, seq)
        WHERE jsonb_typeof(p.value->'identity') = 'string'`,
};

export const MIGRATIONS: Array<(d: Dialect) => string> = [
    // v1: meetings and the slash-command tokens.
    (d) => `CREATE TABLE meetings (
        room_id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        team_id TEXT NOT NULL DEFAULT '',
        root_id TEXT NOT NULL DEFAULT '',
        post_id TEXT NOT NULL DEFAULT '',
        creator_id TEXT NOT NULL,
        creator_username TEXT NOT NULL,
        topic TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('starting', 'live', 'ended')),
        started_at ${d.bigint} NOT NULL,
        ended_at ${d.bigint},
        participants INTEGER NOT NULL DEFAULT 0,
        peak_participants INTEGER NOT NULL DEFAULT 0,
        updated_at ${d.bigint} NOT NULL
    );
    -- The rule "one meeting at a time per channel" lives here, not only in code.
    CREATE UNIQUE INDEX meetings_one_open_per_channel ON meetings (channel_id) WHERE status <> 'ended';
    CREATE INDEX meetings_status ON meetings (status);
    CREATE INDEX meetings_channel ON meetings (channel_id, started_at);
    CREATE TABLE command_tokens (
        token TEXT PRIMARY KEY,
        team_id TEXT NOT NULL
    );`,
    // v2: recordings posted once.
    (d) => `CREATE TABLE posted_recordings (
        record_id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL,
        posted_at ${d.bigint} NOT NULL
    );`,
    // v3: card edits as a durable queue (version vs card_version, due time, lease), the ended
    // notice, webhook event ids and named leases, so replicas and restarts lose nothing.
    (d) => `ALTER TABLE meetings ADD COLUMN ended_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE meetings ADD COLUMN card_version INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE meetings ADD COLUMN card_due_at ${d.bigint};
    ALTER TABLE meetings ADD COLUMN card_attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE meetings ADD COLUMN card_lease_owner TEXT;
    ALTER TABLE meetings ADD COLUMN card_lease_until ${d.bigint};
    ALTER TABLE meetings ADD COLUMN end_notice_posted ${d.boolean} NOT NULL DEFAULT ${d.false};
    UPDATE meetings SET end_notice_posted = ${d.true} WHERE status = 'ended';
    CREATE INDEX meetings_card_pending ON meetings (card_due_at) WHERE card_version < version;
    CREATE TABLE webhook_events (
        event_id TEXT PRIMARY KEY,
        received_at ${d.bigint} NOT NULL
    );
    CREATE INDEX webhook_events_received ON webhook_events (received_at);
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at ${d.bigint} NOT NULL
    );`,
    // v4: what the card shows (edits that change nothing visible are skipped) and how many edits it
    // cost; the post of each recording (its Download button works only there).
    () => `ALTER TABLE meetings ADD COLUMN card_shown TEXT NOT NULL DEFAULT '';
    ALTER TABLE meetings ADD COLUMN card_edits INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE posted_recordings ADD COLUMN post_id TEXT NOT NULL DEFAULT '';`,
    // v5: the starter's name and language as they were at the start: the card's message is written
    // once and must read the same in every later render (a button's update carries it again).
    () => `ALTER TABLE meetings ADD COLUMN creator_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE meetings ADD COLUMN creator_locale TEXT NOT NULL DEFAULT '';`,
    // v6: each meeting's options (JSON; '' before options existed), and the settings a system admin
    // changed with `/plugnmeet admin set`: in the store, so every replica applies the same policy.
    (d) => `ALTER TABLE meetings ADD COLUMN options TEXT NOT NULL DEFAULT '';
    CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at ${d.bigint} NOT NULL
    );`,
    // v7: scheduled meetings, one row a series (its current occurrence), and who asked to be reminded.
    (d) => `CREATE TABLE schedules (
        id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        root_id TEXT NOT NULL,
        post_id TEXT NOT NULL DEFAULT '',
        creator_id TEXT NOT NULL,
        creator_username TEXT NOT NULL,
        creator_name TEXT NOT NULL,
        creator_locale TEXT NOT NULL,
        topic TEXT NOT NULL,
        options TEXT NOT NULL,
        zone TEXT NOT NULL,
        recurrence TEXT NOT NULL DEFAULT '',
        at ${d.bigint} NOT NULL,
        room_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('scheduled', 'live', 'cancelled', 'done')),
        reminded ${d.boolean} NOT NULL DEFAULT ${d.false},
        created_at ${d.bigint} NOT NULL,
        updated_at ${d.bigint} NOT NULL
    );
    CREATE INDEX schedules_due ON schedules (status, at);
    CREATE UNIQUE INDEX schedules_room ON schedules (room_id);
    CREATE INDEX schedules_channel ON schedules (channel_id, status);
    CREATE TABLE schedule_watchers (
        schedule_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        username TEXT NOT NULL,
        PRIMARY KEY (schedule_id, user_id)
    );`,
    // v8: the channel's type when a meeting was planned (its start is checked against today's
    // policy; a channel the bot cannot read keeps the type it had; '' before v8), and each
    // planner's upcoming ones counted for the cap.
    () => `ALTER TABLE schedules ADD COLUMN channel_type TEXT NOT NULL DEFAULT '';
    CREATE INDEX schedules_creator ON schedules (creator_id, status);`,
    // v9: the recap's artifacts (attendance, transcript, summary) posted once each, across retries,
    // restarts and replicas; what each was posted as (its post, or the notice that it failed). Who is
    // (or was) in each meeting, for its card's faces (JSON of PresentPerson[]).
    (d) => `CREATE TABLE posted_artifacts (
        artifact_id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        posted_at ${d.bigint} NOT NULL,
        post_id TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX posted_artifacts_room ON posted_artifacts (room_id);
    CREATE INDEX meetings_ended ON meetings (ended_at) WHERE status = 'ended';
    ALTER TABLE meetings ADD COLUMN people TEXT NOT NULL DEFAULT '';
    ALTER TABLE meetings ADD COLUMN summary_posted ${d.boolean} NOT NULL DEFAULT ${d.false};`,
    // v10: guest links (meetings/guests/): the link's token is kept only as its sha256; and each
    // guest who joined, so their arrival is told once in the thread.
    (d) => `CREATE TABLE guest_invites (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        room_id TEXT NOT NULL,
        inviter_id TEXT NOT NULL,
        inviter_name TEXT NOT NULL,
        created_at ${d.bigint} NOT NULL,
        expires_at ${d.bigint} NOT NULL,
        max_uses INTEGER NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0,
        revoked ${d.boolean} NOT NULL DEFAULT ${d.false}
    );
    CREATE INDEX guest_invites_room ON guest_invites (room_id);
    CREATE TABLE guests (
        guest_id TEXT PRIMARY KEY,
        invite_id TEXT NOT NULL,
        room_id TEXT NOT NULL,
        name TEXT NOT NULL,
        joined_at ${d.bigint} NOT NULL,
        announced ${d.boolean} NOT NULL DEFAULT ${d.false}
    );
    CREATE INDEX guests_room ON guests (room_id);`,
    // v11: who is (or was) in each meeting, one row a person (was the meetings.people JSON, read
    // and rewritten whole on every event): a participant event is one upsert, atomic in SQL, and
    // reading a meeting no longer reads its people. seq: the order of first arrival. Webhook event
    // ids in a table that is its key alone (SQLite): each event's commit writes a page fewer.
    (d) => `CREATE TABLE webhook_events_by_id (
        event_id TEXT PRIMARY KEY,
        received_at ${d.bigint} NOT NULL
    )${d.keyedTable};
    INSERT INTO webhook_events_by_id (event_id, received_at) SELECT event_id, received_at FROM webhook_events;
    DROP TABLE webhook_events;
    ALTER TABLE webhook_events_by_id RENAME TO webhook_events;
    CREATE INDEX webhook_events_received ON webhook_events (received_at);
    CREATE TABLE meeting_people (
        room_id TEXT NOT NULL,
        identity TEXT NOT NULL,
        name TEXT NOT NULL,
        online ${d.boolean} NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (room_id, identity)
    );
    CREATE INDEX meeting_people_order ON meeting_people (room_id, seq);
    INSERT INTO meeting_people (room_id, identity, name, online, seq) ${d.peopleFromJson}
        ON CONFLICT (room_id, identity) DO NOTHING;
    ALTER TABLE meetings DROP COLUMN people;`,
];

export const LATEST_VERSION = MIGRATIONS.length;

/** Records applied versions; created by the first migration run. */
export const versionTable = (d: Dialect) =>
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at ${d.bigint} NOT NULL)`;
