// The meeting_people table (migration v11), in the SQL both backends share: only the placeholders
// differ (SQLite's @name, PostgreSQL's $n), so each store passes its own.
import type {PresentPerson} from './store.js';
import type {Row} from './rows.js';

/**
 * Who came or went, in one statement: a known person's state changes (their name and place in the
 * order stay); a newcomer who joins is added after everyone before them while the meeting has
 * fewer than `cap` people; someone unknown who leaves adds nothing. Atomic in SQL: two replicas
 * recording the same room at once both keep their change. Places are 1, 2, 3... (a room's events
 * are written one at a time: SQLite has one writer, PostgreSQL's store holds the meeting's row
 * lock), so the next place says how many came, read from the index without counting them.
 */
export const presenceUpsert = (roomId: string, identity: string, name: string, online: string, cap: string) => `
    INSERT INTO meeting_people (room_id, identity, name, online, seq)
    SELECT ${roomId}, ${identity}, ${name}, ${online}, next_seq
    FROM (SELECT COALESCE(MAX(seq), 0) + 1 AS next_seq FROM meeting_people WHERE room_id = ${roomId}) AS here
    WHERE EXISTS (SELECT 1 FROM meeting_people WHERE room_id = ${roomId} AND identity = ${identity}) OR (${online} AND next_seq <= ${cap})
    ON CONFLICT (room_id, identity) DO UPDATE SET online = excluded.online WHERE meeting_people.online <> excluded.online`;

/** The first `limit` (>= 1) people in order of first arrival, those online only unless `everyone`; each row also counts them all. */
export const meetingPeopleQuery = (roomId: string, everyone: string, limit: string) => `
    SELECT identity, name, online, COUNT(*) OVER () AS total FROM meeting_people
    WHERE room_id = ${roomId} AND (${everyone} OR online)
    ORDER BY seq, identity LIMIT ${limit}`;

/** SQLite stores online as 0/1, PostgreSQL as a boolean. */
export const toPresentPerson = (r: Row): PresentPerson => ({identity: r.identity, name: r.name, online: Boolean(r.online)});
