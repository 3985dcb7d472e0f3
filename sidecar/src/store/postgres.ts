// PostgreSQL store for several replicas: the same schema (migrations.ts) and guarantees as the
// SQLite store (sqlite.ts holds the reference semantics), with every race settled by the
// database: unique indexes, row locks and leases, never process memory.
import pg from 'pg';
import {LATEST_VERSION, MIGRATIONS, POSTGRES, versionTable} from './migrations.js';
import {STALE_RESERVATION_MS, type NewMeeting, type Reservation, type Store, type StoreOptions} from './store.js';
import {meetingPeopleQuery, presenceUpsert, toPresentPerson} from './meeting-people.js';
import {scheduleColumns, toCardJob, toGuest, toGuestInvite, toMeeting, toSchedule, toSetting, writeOptions, type Row} from './rows.js';

/** Serialises migrations of replicas that start at the same moment (any constant unique to this app). */
const MIGRATION_LOCK = 0x706e6d; // "pnm"

// pg returns int8 (BIGINT, COUNT) as strings to be exact; ms timestamps and counts fit a double.
const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

export async function openPostgresStore(url: string, now: () => number = Date.now, opts: StoreOptions = {migrate: true}): Promise<Store> {
    const pool = new pg.Pool({connectionString: url, types, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000});
    // An idle connection dropped by the server is not fatal: the next query opens a new one and
    // reports its own error. Without a listener the pool's 'error' event would end the process.
    pool.on('error', () => undefined);
    try {
        if (opts.migrate) {
            await migrate(pool);
        }
    } catch (err) {
        await pool.end();
        throw err;
    }

    const rows = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as Row[];
    const changed = async (sql: string, params: unknown[]) => ((await pool.query(sql, params)).rowCount ?? 0) > 0;
    const get = async (roomId: string) => {
        const [r] = await rows('SELECT * FROM meetings WHERE room_id = $1', [roomId]);
        return r && toMeeting(r);
    };
    const openIn = async (db: pg.Pool | pg.PoolClient, channelId: string) => {
        const {rows: [r]} = await db.query(`SELECT * FROM meetings WHERE channel_id = $1 AND status <> 'ended'`, [channelId]);
        return r && toMeeting(r);
    };

    async function reserve(m: NewMeeting): Promise<Reservation> {
        // A clash with a meeting that ends or is discarded before we can read it: just try again.
        for (let attempt = 0; attempt < 5; attempt++) {
            const result = await inTransaction(pool, async (client): Promise<Reservation | undefined> => {
                await client.query(`DELETE FROM meetings WHERE channel_id = $1 AND status = 'starting' AND updated_at < $2`,
                    [m.channelId, now() - STALE_RESERVATION_MS]);
                // Inferring the partial index: a clash on room_id itself still raises, as it should. A
                // concurrent insert into the same channel makes this wait until that one commits or not.
                const inserted = await client.query(`INSERT INTO meetings
                        (room_id, channel_id, team_id, root_id, creator_id, creator_username, creator_name, creator_locale, topic, options, status, started_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'starting', $11, $12)
                    ON CONFLICT (channel_id) WHERE status <> 'ended' DO NOTHING`,
                [m.roomId, m.channelId, m.teamId, m.rootId, m.creatorId, m.creatorUsername, m.creatorName, m.creatorLocale, m.topic, writeOptions(m.options), m.startedAt, now()]);
                if (inserted.rowCount) {
                    return {ok: true};
                }
                // A new statement: under READ COMMITTED it sees the row that won the clash.
                const existing = await openIn(client, m.channelId);
                return existing && {ok: false, existing};
            });
            if (result) {
                return result;
            }
        }
        throw new Error(`could not reserve channel ${m.channelId}: its meeting keeps changing`);
    }

    return {
        reserveMeeting: reserve,
        async activateMeeting(roomId, postId, cardShown) {
            // The card is posted with the meeting's state as it is now: card_version catches up.
            await pool.query(`UPDATE meetings SET status = 'live', post_id = $1, card_shown = $4, updated_at = $2, card_version = version
                WHERE room_id = $3 AND status = 'starting'`, [postId, now(), roomId, cardShown]);
            const m = await get(roomId);
            if (!m) {
                throw new Error(`meeting ${roomId} vanished while starting`);
            }
            return m;
        },
        async discardMeeting(roomId) {
            await pool.query(`DELETE FROM meetings WHERE room_id = $1 AND status = 'starting'`, [roomId]);
        },
        getMeeting: get,
        openMeetingInChannel: (channelId) => openIn(pool, channelId),
        async liveMeetings() {
            return (await rows(`SELECT * FROM meetings WHERE status = 'live' ORDER BY started_at`)).map(toMeeting);
        },
        async staleReservations(before) {
            return (await rows(`SELECT * FROM meetings WHERE status = 'starting' AND updated_at < $1`, [before])).map(toMeeting);
        },
        async roomIdsInChannel(channelId, limit) {
            const rs = await rows(`SELECT room_id FROM meetings WHERE channel_id = $1 AND status <> 'starting' ORDER BY started_at DESC LIMIT $2`,
                [channelId, limit]);
            return rs.map((r) => r.room_id);
        },
        async setParticipants(roomId, participants, cardDueAt) {
            const [r] = await rows(`UPDATE meetings SET participants = $2, peak_participants = GREATEST(peak_participants, $2), updated_at = $3,
                    version = version + 1, card_due_at = LEAST(COALESCE(card_due_at, $4), $4)
                WHERE room_id = $1 AND status = 'live' AND participants <> $2
                RETURNING *`, [roomId, participants, now(), cardDueAt]);
            return r ? toMeeting(r) : get(roomId);
        },
        async endMeeting(roomId, endedAt, endedBy = '') {
            // The row lock makes concurrent ends wait; the loser re-checks the status and changes nothing.
            const [r] = await rows(`UPDATE meetings SET status = 'ended', ended_at = $2, ended_by = $3, participants = peak_participants,
                    updated_at = $4, version = version + 1, card_due_at = $4
                WHERE room_id = $1 AND status <> 'ended'
                RETURNING *`, [roomId, endedAt, endedBy, now()]);
            return r && toMeeting(r);
        },
        async markEndNoticePosted(roomId) {
            await pool.query('UPDATE meetings SET end_notice_posted = TRUE WHERE room_id = $1', [roomId]);
        },
        async claimCardEdits(c) {
            // SKIP LOCKED: two replicas claiming at once take disjoint cards instead of waiting on each
            // other; a row another claim just leased is re-checked on its new version and left out.
            // Claiming clears the due time: a change made during the edit sets a fresh one (coalesced again).
            const rs = await rows(`UPDATE meetings SET card_lease_owner = $1, card_lease_until = $2, card_due_at = NULL
                WHERE room_id IN (SELECT room_id FROM meetings
                    WHERE card_version < version AND post_id <> '' AND ($6::text IS NULL OR room_id = $6)
                        AND ($5::boolean OR COALESCE(card_due_at, 0) <= $3)
                        AND (card_lease_until IS NULL OR card_lease_until < $3)
                    ORDER BY card_due_at NULLS FIRST LIMIT $4
                    FOR UPDATE SKIP LOCKED)
                RETURNING *`, [c.owner, c.now + c.leaseMs, c.now, c.limit, Boolean(c.force), c.roomId ?? null]);
            return rs.map(toCardJob);
        },
        async cardEditDone(roomId, owner, version, nextDueAt, shown) {
            await pool.query(`UPDATE meetings SET card_version = GREATEST(card_version, $3), card_attempts = 0,
                    card_shown = $5, card_edits = card_edits + $6,
                    card_due_at = CASE WHEN version > $3 THEN COALESCE(card_due_at, $4) ELSE NULL END,
                    card_lease_owner = NULL, card_lease_until = NULL
                WHERE room_id = $1 AND card_lease_owner = $2`, [roomId, owner, version, nextDueAt, shown.key, shown.edited ? 1 : 0]);
        },
        async cardEditFailed(roomId, owner, retryAt) {
            const [r] = await rows(`UPDATE meetings SET card_attempts = card_attempts + 1, card_due_at = $3,
                    card_lease_owner = NULL, card_lease_until = NULL
                WHERE room_id = $1 AND card_lease_owner = $2 RETURNING card_attempts`, [roomId, owner, retryAt]);
            return r?.card_attempts ?? 0;
        },
        async cardShownByClick(roomId, key) {
            await pool.query('UPDATE meetings SET card_shown = $1, card_edits = card_edits + 1 WHERE room_id = $2', [key, roomId]);
        },
        async pendingCardEdits() {
            const [r] = await rows(`SELECT COUNT(*) AS n FROM meetings WHERE card_version < version AND post_id <> ''`);
            return r.n;
        },
        claimRecording: (recordId, roomId) => changed(
            'INSERT INTO posted_recordings (record_id, room_id, posted_at) VALUES ($1, $2, $3) ON CONFLICT (record_id) DO NOTHING',
            [recordId, roomId, now()]),
        async releaseRecording(recordId) {
            await pool.query('DELETE FROM posted_recordings WHERE record_id = $1', [recordId]);
        },
        async setRecordingPost(recordId, postId) {
            await pool.query('UPDATE posted_recordings SET post_id = $1 WHERE record_id = $2', [postId, recordId]);
        },
        markSummaryPosted: (roomId) => changed(`UPDATE meetings SET summary_posted = TRUE, version = version + 1, card_due_at = $2
            WHERE room_id = $1 AND NOT summary_posted`, [roomId, now()]),
        participantEvent: (e) => inTransaction(pool, async (client) => {
            // The id is claimed only for a meeting of ours; the meeting's row lock makes the room's
            // events, from any replica, apply one after another (a newcomer's place and the cap exact).
            const {rows: [m]} = await client.query(`WITH claim AS (
                    INSERT INTO webhook_events (event_id, received_at) SELECT $2::text, $3::bigint
                    WHERE $2 <> '' AND EXISTS (SELECT 1 FROM meetings WHERE room_id = $1)
                    ON CONFLICT (event_id) DO NOTHING RETURNING 1)
                SELECT ($2 = '' OR EXISTS (SELECT 1 FROM claim)) AS claimed FROM meetings WHERE room_id = $1 FOR UPDATE`,
            [e.roomId, e.eventId, e.receivedAt]);
            if (!m) {
                return 'ignored';
            }
            if (!m.claimed) {
                return 'duplicate';
            }
            // A statement after the lock: its snapshot sees every event applied before this one.
            const count = `UPDATE meetings SET participants = $2, peak_participants = GREATEST(peak_participants, $2), updated_at = $3,
                    version = version + 1, card_due_at = LEAST(COALESCE(card_due_at, $4), $4)
                WHERE room_id = $1 AND status = 'live' AND participants <> $2`;
            const params = [e.roomId, e.participants, now(), e.cardDueAt];
            const p = e.presence;
            await (p ?
                client.query(`WITH presence AS (${presenceUpsert('$1::text', '$5::text', '$6::text', '$7::boolean', '$8::integer')}) ${count}`,
                    [...params, p.identity, p.name, p.online, p.cap]) :
                client.query(count, params));
            return 'applied';
        }),
        async meetingPeople(roomId, o) {
            const rs = await rows(meetingPeopleQuery('$1', '$2', '$3'), [roomId, o.everyone, o.limit]);
            return {people: rs.map(toPresentPerson), total: rs[0]?.total ?? 0};
        },
        claimArtifact: (artifactId, roomId, kind) => changed(
            'INSERT INTO posted_artifacts (artifact_id, room_id, kind, posted_at) VALUES ($1, $2, $3, $4) ON CONFLICT (artifact_id) DO NOTHING',
            [artifactId, roomId, kind, now()]),
        async releaseArtifact(artifactId) {
            await pool.query('DELETE FROM posted_artifacts WHERE artifact_id = $1', [artifactId]);
        },
        async setArtifactPost(artifactId, postId) {
            await pool.query('UPDATE posted_artifacts SET post_id = $1 WHERE artifact_id = $2', [postId, artifactId]);
        },
        async artifactKinds(roomId) {
            return (await rows('SELECT DISTINCT kind FROM posted_artifacts WHERE room_id = $1 ORDER BY kind', [roomId])).map((r) => r.kind);
        },
        async endedSince(since) {
            return (await rows(`SELECT * FROM meetings WHERE status = 'ended' AND ended_at >= $1 ORDER BY ended_at DESC`, [since])).map(toMeeting);
        },
        async recordingPost(recordId) {
            const [r] = await rows(`SELECT room_id, post_id FROM posted_recordings WHERE record_id = $1 AND post_id <> ''`, [recordId]);
            return r && {roomId: r.room_id, postId: r.post_id};
        },
        // A concurrent insert of the same id waits for the first to commit, then does nothing.
        claimEvent: (eventId, at) => changed('INSERT INTO webhook_events (event_id, received_at) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING',
            [eventId, at]),
        async releaseEvent(eventId) {
            await pool.query('DELETE FROM webhook_events WHERE event_id = $1', [eventId]);
        },
        async pruneEvents(before) {
            await pool.query('DELETE FROM webhook_events WHERE received_at < $1', [before]);
        },
        tryLease: (name, owner, at, ttlMs) => changed(`INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
            WHERE leases.owner = EXCLUDED.owner OR leases.expires_at < $4`, [name, owner, at + ttlMs, at]),
        async schemaVersion() {
            // A database never migrated has no schema_migrations yet: version 0.
            const [t] = await rows(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
            const [r] = t.present ? await rows('SELECT MAX(version) AS v FROM schema_migrations') : [{v: 0}];
            return {applied: r.v ?? 0, latest: LATEST_VERSION};
        },
        async commandTokens() {
            return (await rows('SELECT token, team_id FROM command_tokens')).map((r) => ({token: r.token, teamId: r.team_id}));
        },
        async addCommandToken(t) {
            await pool.query('INSERT INTO command_tokens (token, team_id) VALUES ($1, $2) ON CONFLICT (token) DO UPDATE SET team_id = EXCLUDED.team_id',
                [t.token, t.teamId]);
        },
        async bindCommandToken(t) {
            await pool.query('INSERT INTO command_tokens (token, team_id) VALUES ($1, $2) ON CONFLICT (token) DO NOTHING', [t.token, t.teamId]);
            const [r] = await rows('SELECT team_id FROM command_tokens WHERE token = $1', [t.token]);
            return {token: t.token, teamId: r.team_id};
        },
        async addSchedule(n) {
            const [r] = await rows(`INSERT INTO schedules (id, channel_id, team_id, root_id, creator_id, creator_username, creator_name, creator_locale,
                    topic, options, zone, recurrence, at, room_id, status, created_at, updated_at, channel_type)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'scheduled', $15, $15, $16) RETURNING *`,
            [n.id, n.channelId, n.teamId, n.rootId, n.creatorId, n.creatorUsername, n.creatorName, n.creatorLocale,
                n.topic, writeOptions(n.options), n.zone, n.recurrence, n.at, n.roomId, now(), n.channelType]);
            return toSchedule(r);
        },
        async getSchedule(id) {
            const [r] = await rows('SELECT * FROM schedules WHERE id = $1', [id]);
            return r && toSchedule(r);
        },
        async scheduleByRoom(roomId) {
            const [r] = await rows('SELECT * FROM schedules WHERE room_id = $1', [roomId]);
            return r && toSchedule(r);
        },
        async schedulesInChannel(channelId) {
            return (await rows(`SELECT * FROM schedules WHERE channel_id = $1 AND status IN ('scheduled', 'live') ORDER BY at`, [channelId])).map(toSchedule);
        },
        async dueSchedules(until) {
            return (await rows(`SELECT * FROM schedules WHERE (status = 'scheduled' AND at <= $1) OR status = 'live' ORDER BY at`, [until])).map(toSchedule);
        },
        async countUpcomingSchedules(by) {
            const [r] = 'creatorId' in by ?
                await rows(`SELECT COUNT(*) AS n FROM schedules WHERE creator_id = $1 AND status = 'scheduled'`, [by.creatorId]) :
                await rows(`SELECT COUNT(*) AS n FROM schedules WHERE channel_id = $1 AND status = 'scheduled'`, [by.channelId]);
            return Number(r.n);
        },
        async moveSchedule(id, from, change) {
            const set = scheduleColumns(change);
            const assignments = set.map(([c], i) => `${c} = $${i + 1}`).join(', ');
            const n = set.length;
            const reminded = from.reminded === undefined ? '' : ` AND reminded = $${n + 5}`;
            const result = await pool.query(`UPDATE schedules SET ${assignments}, updated_at = $${n + 1} WHERE id = $${n + 2} AND status = $${n + 3} AND at = $${n + 4}${reminded}`,
                [...set.map(([, v]) => v), now(), id, from.status, from.at, ...(from.reminded === undefined ? [] : [from.reminded])]);
            return result.rowCount === 1;
        },
        async toggleWatcher(scheduleId, userId, username) {
            return inTransaction(pool, async (client) => {
                const added = await client.query('INSERT INTO schedule_watchers (schedule_id, user_id, username) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
                    [scheduleId, userId, username]);
                if (added.rowCount === 1) {
                    return true;
                }
                await client.query('DELETE FROM schedule_watchers WHERE schedule_id = $1 AND user_id = $2', [scheduleId, userId]);
                return false;
            });
        },
        async watchers(scheduleId) {
            return (await rows('SELECT user_id, username FROM schedule_watchers WHERE schedule_id = $1 ORDER BY username', [scheduleId]))
                .map((r) => ({userId: r.user_id, username: r.username}));
        },
        async addGuestInvite(i) {
            await pool.query(`INSERT INTO guest_invites (id, token_hash, room_id, inviter_id, inviter_name, created_at, expires_at, max_uses)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [i.id, i.tokenHash, i.roomId, i.inviterId, i.inviterName, i.createdAt, i.expiresAt, i.maxUses]);
        },
        async guestInviteByHash(tokenHash) {
            const [r] = await rows('SELECT * FROM guest_invites WHERE token_hash = $1', [tokenHash]);
            return r && toGuestInvite(r);
        },
        async guestInvitesOfRoom(roomId) {
            return (await rows('SELECT * FROM guest_invites WHERE room_id = $1 ORDER BY created_at, id', [roomId])).map(toGuestInvite);
        },
        revokeGuestInvite: (roomId, id) => changed('UPDATE guest_invites SET revoked = TRUE WHERE room_id = $1 AND id = $2 AND NOT revoked', [roomId, id]),
        // One statement: the row lock settles two replicas racing for the last use.
        takeGuestInviteUse: (id, at) => changed(`UPDATE guest_invites SET uses = uses + 1
            WHERE id = $1 AND NOT revoked AND expires_at > $2 AND (max_uses = 0 OR uses < max_uses)`, [id, at]),
        async addGuest(g) {
            await pool.query('INSERT INTO guests (guest_id, invite_id, room_id, name, joined_at) VALUES ($1, $2, $3, $4, $5)', [g.guestId, g.inviteId, g.roomId, g.name, g.joinedAt]);
        },
        async guestCount(roomId) {
            return (await rows('SELECT COUNT(*) AS n FROM guests WHERE room_id = $1 AND announced', [roomId]))[0].n as number;
        },
        async claimGuestArrival(guestId) {
            const [r] = await rows(`UPDATE guests SET announced = TRUE WHERE guest_id = $1 AND NOT announced
                RETURNING *, (SELECT inviter_name FROM guest_invites i WHERE i.id = guests.invite_id) AS inviter_name`, [guestId]);
            return r && toGuest(r);
        },
        async settings() {
            return (await rows('SELECT name, value, updated_by, updated_at FROM settings ORDER BY name')).map(toSetting);
        },
        async putSetting(setting) {
            if (setting.value === null) {
                await pool.query('DELETE FROM settings WHERE name = $1', [setting.name]);
            } else {
                await pool.query(`INSERT INTO settings (name, value, updated_by, updated_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
                [setting.name, setting.value, setting.updatedBy, setting.updatedAt]);
            }
        },
        async close() {
            await pool.end();
        },
    };
}

async function inTransaction<T>(pool: pg.Pool, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
        await client.query('BEGIN');
        const result = await run(client);
        await client.query('COMMIT');
        client.release();
        return result;
    } catch (err) {
        // A connection that cannot even roll back is dropped, not handed to the next query.
        const broken = await client.query('ROLLBACK').then(() => false, () => true);
        client.release(broken);
        throw err;
    }
}

/** Applies what is missing in one transaction; a second replica waits on the lock, then finds nothing to do. */
function migrate(pool: pg.Pool): Promise<void> {
    return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(versionTable(POSTGRES));
        const {rows: [{v}]} = await client.query('SELECT MAX(version) AS v FROM schema_migrations');
        const current: number = v ?? 0;
        for (const [i, sql] of MIGRATIONS.slice(current).entries()) {
            await client.query(sql(POSTGRES));
            await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [current + i + 1, Date.now()]);
        }
    });
}
