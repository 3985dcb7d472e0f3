// Embedded default store: one SQLite file via better-sqlite3. Its schema comes from
// migrations.ts, applied on open only when asked (see StoreOptions).
import {chmodSync, closeSync, mkdirSync, openSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import {LATEST_VERSION, MIGRATIONS, SQLITE, versionTable} from './migrations.js';
import {STALE_RESERVATION_MS, type ParticipantEvent, type ParticipantOutcome, type Store, type StoreOptions} from './store.js';
import {meetingPeopleQuery, presenceUpsert, toPresentPerson} from './meeting-people.js';
import {scheduleColumns, toCardJob, toGuest, toGuestInvite, toMeeting, toSchedule, toSetting, writeOptions, type Row} from './rows.js';

export function openSqliteStore(path: string, now: () => number = Date.now, opts: StoreOptions = {migrate: true}): Store {
    if (path !== ':memory:') {
        keepPrivate(path);
    }
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // Set, not inherited: with WAL, NORMAL survives a killed process (only power loss may drop the last commits).
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    if (opts.migrate) {
        migrate(db);
    }
    const versionRead = appliedVersion(db);
    if (versionRead() !== LATEST_VERSION) {
        // Its statements would not even prepare: only the version can be asked (what doctor does).
        return behindStore(versionRead(), () => db.close());
    }

    const q = {
        insert: db.prepare(`INSERT INTO meetings (room_id, channel_id, team_id, root_id, creator_id, creator_username, creator_name, creator_locale, topic, options, status, started_at, updated_at)
            VALUES (@roomId, @channelId, @teamId, @rootId, @creatorId, @creatorUsername, @creatorName, @creatorLocale, @topic, @options, 'starting', @startedAt, @now)`),
        open: db.prepare(`SELECT * FROM meetings WHERE channel_id = ? AND status <> 'ended'`),
        get: db.prepare('SELECT * FROM meetings WHERE room_id = ?'),
        dropStale: db.prepare(`DELETE FROM meetings WHERE channel_id = ? AND status = 'starting' AND updated_at < ?`),
        // The card is posted with the meeting's state as it is now: card_version catches up.
        activate: db.prepare(`UPDATE meetings SET status = 'live', post_id = ?, card_shown = ?, updated_at = ?, card_version = version
            WHERE room_id = ? AND status = 'starting'`),
        discard: db.prepare(`DELETE FROM meetings WHERE room_id = ? AND status = 'starting'`),
        channelRooms: db.prepare(`SELECT room_id FROM meetings WHERE channel_id = ? AND status <> 'starting' ORDER BY started_at DESC LIMIT ?`),
        live: db.prepare(`SELECT * FROM meetings WHERE status = 'live' ORDER BY started_at`),
        stale: db.prepare(`SELECT * FROM meetings WHERE status = 'starting' AND updated_at < ?`),
        participants: db.prepare(`UPDATE meetings SET participants = @n, peak_participants = MAX(peak_participants, @n), updated_at = @now,
                version = version + 1, card_due_at = MIN(COALESCE(card_due_at, @dueAt), @dueAt)
            WHERE room_id = @roomId AND status = 'live' AND participants <> @n`),
        end: db.prepare(`UPDATE meetings SET status = 'ended', ended_at = @endedAt, ended_by = @endedBy, participants = peak_participants,
                updated_at = @now, version = version + 1, card_due_at = @now
            WHERE room_id = @roomId AND status <> 'ended'`),
        endNotice: db.prepare('UPDATE meetings SET end_notice_posted = 1 WHERE room_id = ?'),
        // Claiming clears the due time: a change made during the edit sets a fresh one (coalesced again).
        claimCards: db.prepare(`UPDATE meetings SET card_lease_owner = @owner, card_lease_until = @until, card_due_at = NULL
            WHERE room_id IN (SELECT room_id FROM meetings
                WHERE card_version < version AND post_id <> '' AND (@roomId IS NULL OR room_id = @roomId)
                    AND (@force = 1 OR COALESCE(card_due_at, 0) <= @now)
                    AND (card_lease_until IS NULL OR card_lease_until < @now)
                ORDER BY card_due_at LIMIT @limit)
            RETURNING *`),
        cardDone: db.prepare(`UPDATE meetings SET card_version = MAX(card_version, @version), card_attempts = 0,
                card_shown = @shown, card_edits = card_edits + @edited,
                card_due_at = CASE WHEN version > @version THEN COALESCE(card_due_at, @nextDueAt) ELSE NULL END,
                card_lease_owner = NULL, card_lease_until = NULL
            WHERE room_id = @roomId AND card_lease_owner = @owner`),
        cardShownByClick: db.prepare('UPDATE meetings SET card_shown = ?, card_edits = card_edits + 1 WHERE room_id = ?'),
        cardFailed: db.prepare(`UPDATE meetings SET card_attempts = card_attempts + 1, card_due_at = @retryAt,
                card_lease_owner = NULL, card_lease_until = NULL
            WHERE room_id = @roomId AND card_lease_owner = @owner RETURNING card_attempts`),
        pendingCards: db.prepare(`SELECT COUNT(*) AS n FROM meetings WHERE card_version < version AND post_id <> ''`),
        claimRecording: db.prepare('INSERT INTO posted_recordings (record_id, room_id, posted_at) VALUES (?, ?, ?) ON CONFLICT (record_id) DO NOTHING'),
        releaseRecording: db.prepare('DELETE FROM posted_recordings WHERE record_id = ?'),
        setRecordingPost: db.prepare('UPDATE posted_recordings SET post_id = ? WHERE record_id = ?'),
        recordingPost: db.prepare(`SELECT room_id, post_id FROM posted_recordings WHERE record_id = ? AND post_id <> ''`),
        summaryPosted: db.prepare(`UPDATE meetings SET summary_posted = 1, version = version + 1, card_due_at = @now
            WHERE room_id = @roomId AND summary_posted = 0`),
        ours: db.prepare('SELECT 1 FROM meetings WHERE room_id = ?'),
        presence: db.prepare(presenceUpsert('@roomId', '@identity', '@name', '@online', '@cap')),
        people: db.prepare(meetingPeopleQuery('@roomId', '@everyone', '@limit')),
        claimArtifact: db.prepare('INSERT INTO posted_artifacts (artifact_id, room_id, kind, posted_at) VALUES (?, ?, ?, ?) ON CONFLICT (artifact_id) DO NOTHING'),
        releaseArtifact: db.prepare('DELETE FROM posted_artifacts WHERE artifact_id = ?'),
        setArtifactPost: db.prepare('UPDATE posted_artifacts SET post_id = ? WHERE artifact_id = ?'),
        artifactKinds: db.prepare('SELECT DISTINCT kind FROM posted_artifacts WHERE room_id = ? ORDER BY kind'),
        endedSince: db.prepare(`SELECT * FROM meetings WHERE status = 'ended' AND ended_at >= ? ORDER BY ended_at DESC`),
        claimEvent: db.prepare('INSERT INTO webhook_events (event_id, received_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING'),
        releaseEvent: db.prepare('DELETE FROM webhook_events WHERE event_id = ?'),
        pruneEvents: db.prepare('DELETE FROM webhook_events WHERE received_at < ?'),
        lease: db.prepare(`INSERT INTO leases (name, owner, expires_at) VALUES (@name, @owner, @until)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE leases.owner = excluded.owner OR leases.expires_at < @now`),
        tokens: db.prepare('SELECT token, team_id FROM command_tokens'),
        bindToken: db.prepare('INSERT INTO command_tokens (token, team_id) VALUES (?, ?) ON CONFLICT (token) DO NOTHING'),
        tokenTeam: db.prepare('SELECT team_id FROM command_tokens WHERE token = ?'),
        addSchedule: db.prepare(`INSERT INTO schedules (id, channel_id, team_id, channel_type, root_id, creator_id, creator_username, creator_name, creator_locale,
                topic, options, zone, recurrence, at, room_id, status, created_at, updated_at)
            VALUES (@id, @channelId, @teamId, @channelType, @rootId, @creatorId, @creatorUsername, @creatorName, @creatorLocale,
                @topic, @options, @zone, @recurrence, @at, @roomId, 'scheduled', @now, @now)`),
        schedule: db.prepare('SELECT * FROM schedules WHERE id = ?'),
        scheduleByRoom: db.prepare('SELECT * FROM schedules WHERE room_id = ?'),
        schedulesIn: db.prepare(`SELECT * FROM schedules WHERE channel_id = ? AND status IN ('scheduled', 'live') ORDER BY at`),
        dueSchedules: db.prepare(`SELECT * FROM schedules WHERE (status = 'scheduled' AND at <= ?) OR status = 'live' ORDER BY at`),
        upcomingBy: db.prepare(`SELECT COUNT(*) AS n FROM schedules WHERE creator_id = ? AND status = 'scheduled'`),
        upcomingIn: db.prepare(`SELECT COUNT(*) AS n FROM schedules WHERE channel_id = ? AND status = 'scheduled'`),
        addWatcher: db.prepare('INSERT INTO schedule_watchers (schedule_id, user_id, username) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
        dropWatcher: db.prepare('DELETE FROM schedule_watchers WHERE schedule_id = ? AND user_id = ?'),
        watchers: db.prepare('SELECT user_id, username FROM schedule_watchers WHERE schedule_id = ? ORDER BY username'),
        settings: db.prepare('SELECT name, value, updated_by, updated_at FROM settings ORDER BY name'),
        putSetting: db.prepare(`INSERT INTO settings (name, value, updated_by, updated_at) VALUES (@name, @value, @updatedBy, @updatedAt)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`),
        dropSetting: db.prepare('DELETE FROM settings WHERE name = ?'),
        addInvite: db.prepare(`INSERT INTO guest_invites (id, token_hash, room_id, inviter_id, inviter_name, created_at, expires_at, max_uses)
            VALUES (@id, @tokenHash, @roomId, @inviterId, @inviterName, @createdAt, @expiresAt, @maxUses)`),
        inviteByHash: db.prepare('SELECT * FROM guest_invites WHERE token_hash = ?'),
        roomInvites: db.prepare('SELECT * FROM guest_invites WHERE room_id = ? ORDER BY created_at, id'),
        revokeInvite: db.prepare('UPDATE guest_invites SET revoked = 1 WHERE room_id = ? AND id = ? AND revoked = 0'),
        useInvite: db.prepare(`UPDATE guest_invites SET uses = uses + 1
            WHERE id = @id AND revoked = 0 AND expires_at > @now AND (max_uses = 0 OR uses < max_uses)`),
        guestCount: db.prepare('SELECT COUNT(*) AS n FROM guests WHERE room_id = ? AND announced = 1'),
        addGuest: db.prepare(`INSERT INTO guests (guest_id, invite_id, room_id, name, joined_at) VALUES (@guestId, @inviteId, @roomId, @name, @joinedAt)`),
        claimGuest: db.prepare(`UPDATE guests SET announced = 1 WHERE guest_id = ? AND announced = 0
            RETURNING *, (SELECT inviter_name FROM guest_invites i WHERE i.id = guests.invite_id) AS inviter_name`),
        addToken: db.prepare('INSERT INTO command_tokens (token, team_id) VALUES (?, ?) ON CONFLICT (token) DO UPDATE SET team_id = excluded.team_id'),
    };

    const get = (roomId: string) => {
        const r = q.get.get(roomId) as Row | undefined;
        return r && toMeeting(r);
    };

    const reserve = db.transaction((m: Parameters<Store['reserveMeeting']>[0]) => {
        q.dropStale.run(m.channelId, now() - STALE_RESERVATION_MS);
        try {
            q.insert.run({...m, options: writeOptions(m.options), now: now()});
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

    // Immediate: the write lock is taken first, so no other process's commit can come between the read and the writes.
    const participantEvent = db.transaction((e: ParticipantEvent): ParticipantOutcome => {
        if (!q.ours.get(e.roomId)) {
            return 'ignored';
        }
        if (e.eventId && q.claimEvent.run(e.eventId, e.receivedAt).changes === 0) {
            return 'duplicate';
        }
        if (e.presence) {
            const {identity, name, online, cap} = e.presence;
            q.presence.run({roomId: e.roomId, identity, name, online: online ? 1 : 0, cap});
        }
        q.participants.run({roomId: e.roomId, n: e.participants, now: now(), dueAt: e.cardDueAt});
        return 'applied';
    });

    return {
        async reserveMeeting(m) {
            return reserve(m);
        },
        async activateMeeting(roomId, postId, cardShown) {
            q.activate.run(postId, cardShown, now(), roomId);
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
        async staleReservations(before) {
            return (q.stale.all(before) as Row[]).map(toMeeting);
        },
        async roomIdsInChannel(channelId, limit) {
            return (q.channelRooms.all(channelId, limit) as Row[]).map((r) => r.room_id);
        },
        async setParticipants(roomId, participants, cardDueAt) {
            q.participants.run({roomId, n: participants, now: now(), dueAt: cardDueAt});
            return get(roomId);
        },
        async endMeeting(roomId, endedAt, endedBy = '') {
            const changed = q.end.run({roomId, endedAt, endedBy, now: now()}).changes > 0;
            return changed ? get(roomId) : undefined;
        },
        async markEndNoticePosted(roomId) {
            q.endNotice.run(roomId);
        },
        async claimCardEdits(c) {
            const rows = q.claimCards.all({
                owner: c.owner, until: c.now + c.leaseMs, now: c.now, limit: c.limit, force: c.force ? 1 : 0, roomId: c.roomId ?? null,
            }) as Row[];
            return rows.map(toCardJob);
        },
        async cardEditDone(roomId, owner, version, nextDueAt, shown) {
            q.cardDone.run({roomId, owner, version, nextDueAt, shown: shown.key, edited: shown.edited ? 1 : 0});
        },
        async cardEditFailed(roomId, owner, retryAt) {
            const row = q.cardFailed.get({roomId, owner, retryAt}) as Row | undefined;
            return row?.card_attempts ?? 0;
        },
        async cardShownByClick(roomId, key) {
            q.cardShownByClick.run(key, roomId);
        },
        async pendingCardEdits() {
            return (q.pendingCards.get() as Row).n;
        },
        async claimRecording(recordId, roomId) {
            return q.claimRecording.run(recordId, roomId, now()).changes > 0;
        },
        async releaseRecording(recordId) {
            q.releaseRecording.run(recordId);
        },
        async setRecordingPost(recordId, postId) {
            q.setRecordingPost.run(postId, recordId);
        },
        async markSummaryPosted(roomId) {
            return q.summaryPosted.run({roomId, now: now()}).changes > 0;
        },
        async participantEvent(e) {
            return participantEvent.immediate(e);
        },
        async meetingPeople(roomId, o) {
            const rows = q.people.all({roomId, everyone: o.everyone ? 1 : 0, limit: o.limit}) as Row[];
            return {people: rows.map(toPresentPerson), total: rows[0]?.total ?? 0};
        },
        async claimArtifact(artifactId, roomId, kind) {
            return q.claimArtifact.run(artifactId, roomId, kind, now()).changes > 0;
        },
        async releaseArtifact(artifactId) {
            q.releaseArtifact.run(artifactId);
        },
        async setArtifactPost(artifactId, postId) {
            q.setArtifactPost.run(postId, artifactId);
        },
        async artifactKinds(roomId) {
            return (q.artifactKinds.all(roomId) as Row[]).map((r) => r.kind as string);
        },
        async endedSince(since) {
            return (q.endedSince.all(since) as Row[]).map(toMeeting);
        },
        async recordingPost(recordId) {
            const r = q.recordingPost.get(recordId) as Row | undefined;
            return r && {roomId: r.room_id, postId: r.post_id};
        },
        async claimEvent(eventId, at) {
            return q.claimEvent.run(eventId, at).changes > 0;
        },
        async releaseEvent(eventId) {
            q.releaseEvent.run(eventId);
        },
        async pruneEvents(before) {
            q.pruneEvents.run(before);
        },
        async tryLease(name, owner, at, ttlMs) {
            return q.lease.run({name, owner, until: at + ttlMs, now: at}).changes > 0;
        },
        async schemaVersion() {
            return {applied: versionRead(), latest: LATEST_VERSION};
        },
        async commandTokens() {
            return (q.tokens.all() as Row[]).map((r) => ({token: r.token, teamId: r.team_id}));
        },
        async addCommandToken(t) {
            q.addToken.run(t.token, t.teamId);
        },
        async bindCommandToken(t) {
            q.bindToken.run(t.token, t.teamId);
            return {token: t.token, teamId: (q.tokenTeam.get(t.token) as Row).team_id};
        },
        async addSchedule(n) {
            q.addSchedule.run({...n, options: writeOptions(n.options), now: now()});
            return toSchedule(q.schedule.get(n.id) as Row);
        },
        async getSchedule(id) {
            const r = q.schedule.get(id) as Row | undefined;
            return r && toSchedule(r);
        },
        async scheduleByRoom(roomId) {
            const r = q.scheduleByRoom.get(roomId) as Row | undefined;
            return r && toSchedule(r);
        },
        async schedulesInChannel(channelId) {
            return (q.schedulesIn.all(channelId) as Row[]).map(toSchedule);
        },
        async dueSchedules(until) {
            return (q.dueSchedules.all(until) as Row[]).map(toSchedule);
        },
        async countUpcomingSchedules(by) {
            const r = ('creatorId' in by ? q.upcomingBy.get(by.creatorId) : q.upcomingIn.get(by.channelId)) as Row;
            return Number(r.n);
        },
        async moveSchedule(id, from, change) {
            const set = scheduleColumns(change);
            const values = set.map(([, v]) => (typeof v === 'boolean' ? Number(v) : v));
            const reminded = from.reminded === undefined ? '' : ' AND reminded = ?';
            const sql = `UPDATE schedules SET ${set.map(([c]) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ? AND status = ? AND at = ?${reminded}`;
            const condition = from.reminded === undefined ? [] : [Number(from.reminded)];
            return db.prepare(sql).run(...values, now(), id, from.status, from.at, ...condition).changes === 1;
        },
        async toggleWatcher(scheduleId, userId, username) {
            return db.transaction(() => {
                if (q.addWatcher.run(scheduleId, userId, username).changes === 1) {
                    return true;
                }
                q.dropWatcher.run(scheduleId, userId);
                return false;
            })();
        },
        async watchers(scheduleId) {
            return (q.watchers.all(scheduleId) as Row[]).map((r) => ({userId: r.user_id, username: r.username}));
        },
        async settings() {
            return (q.settings.all() as Row[]).map(toSetting);
        },
        async putSetting(setting) {
            if (setting.value === null) {
                q.dropSetting.run(setting.name);
            } else {
                q.putSetting.run(setting);
            }
        },
        async addGuestInvite(i) {
            q.addInvite.run(i);
        },
        async guestInviteByHash(tokenHash) {
            const r = q.inviteByHash.get(tokenHash) as Row | undefined;
            return r && toGuestInvite(r);
        },
        async guestInvitesOfRoom(roomId) {
            return (q.roomInvites.all(roomId) as Row[]).map(toGuestInvite);
        },
        async revokeGuestInvite(roomId, id) {
            return q.revokeInvite.run(roomId, id).changes > 0;
        },
        async takeGuestInviteUse(id, at) {
            return q.useInvite.run({id, now: at}).changes > 0;
        },
        async addGuest(g) {
            q.addGuest.run(g);
        },
        async guestCount(roomId) {
            return (q.guestCount.get(roomId) as {n: number}).n;
        },
        async claimGuestArrival(guestId) {
            const r = q.claimGuest.get(guestId) as Row | undefined;
            return r && toGuest(r);
        },
        async close() {
            db.close();
        },
    };
}

/**
 * The file holds command tokens: readable by the sidecar's user only. A directory made here is
 * 0700; the file is 0600 (SQLite gives its -wal and -shm files the database file's mode).
 */
function keepPrivate(path: string): void {
    mkdirSync(dirname(path), {recursive: true, mode: 0o700});
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
}

function migrate(db: Database.Database): void {
    db.exec(versionTable(SQLITE));
    const current = appliedVersion(db)();
    MIGRATIONS.slice(current).forEach((sql, i) => {
        db.transaction(() => {
            db.exec(sql(SQLITE));
            db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(current + i + 1, Date.now());
        })();
    });
}

/** The newest applied migration; 0 for a database never migrated (no schema_migrations yet). */
function appliedVersion(db: Database.Database): () => number {
    return () => {
        const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
        return table ? ((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {v: number | null}).v ?? 0) : 0;
    };
}

/** A store whose schema is not this code's: it tells its version and closes; everything else refuses. */
function behindStore(applied: number, close: () => void): Store {
    const refuse = async () => {
        throw new Error(`the store is at schema version ${applied}, this sidecar needs ${LATEST_VERSION}: run \`plugnmeet-sidecar migrate\` or start the sidecar`);
    };
    return new Proxy({} as Store, {
        // `then` stays undefined: the store is awaited as a value, not as a promise.
        get: (_target, name) => {
            if (name === 'schemaVersion') {
                return async () => ({applied, latest: LATEST_VERSION});
            }
            if (name === 'close') {
                return async () => close();
            }
            return name === 'then' || typeof name === 'symbol' ? undefined : refuse;
        },
    });
}
