// The store's schema changes only in the explicit migrate step (the sidecar's start, or
// `plugnmeet-sidecar migrate`): doctor only reads it, and an older database migrates forward
// with its rows kept.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {runDoctor} from '../src/admin/doctor.js';
import {LATEST_VERSION, MIGRATIONS, SQLITE} from '../src/store/migrations.js';
import {openStore} from '../src/store/open.js';
import {type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

let dir: string;
before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pnm-migrate-'));
});
after(() => rmSync(dir, {recursive: true, force: true}));

/** An SQLite file as a sidecar of schema version `version` left it, with one ended meeting. */
function databaseAt(version: number): string {
    const path = join(dir, `v${version}-${Math.random().toString(36).slice(2)}.sqlite`);
    const db = new Database(path);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    MIGRATIONS.slice(0, version).forEach((sql, i) => {
        db.exec(sql(SQLITE));
        db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(i + 1);
    });
    db.prepare(`INSERT INTO meetings (room_id, channel_id, creator_id, creator_username, topic, status, started_at, ended_at, updated_at)
        VALUES ('room1', 'chan1', 'u1', 'alice', 'Old one', 'ended', 1, 2, 2)`).run();
    db.close();
    return path;
}

const applied = (path: string) => (new Database(path, {readonly: true}).prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {v: number}).v;

describe('migrations', () => {
    test('doctor reports a schema that is behind, and leaves it as it is', async () => {
        const path = databaseAt(2);
        const lines: string[] = [];
        const ok = await runDoctor({env: {...h.env, DATABASE_URL: `sqlite:${path}`}, out: (l) => lines.push(l), timeoutMs: 3000});
        assert.equal(ok, false);
        assert.match(lines.join('\n'), new RegExp(`^FAIL {2}the store sqlite:.* is at schema version 2, this sidecar needs ${LATEST_VERSION}\\. Fix: run \`npx plugnmeet-sidecar migrate\``, 'm'));
        assert.equal(applied(path), 2, 'doctor did not migrate');
    });

    test('a store opened without migrating tells its version and refuses the rest', async () => {
        const path = databaseAt(3);
        const store = await openStore(`sqlite:${path}`, {migrate: false});
        try {
            assert.deepEqual(await store.schemaVersion(), {applied: 3, latest: LATEST_VERSION});
            await assert.rejects(store.getMeeting('room1'), /schema version 3.*migrate/);
        } finally {
            await store.close();
        }
        assert.equal(applied(path), 3);
    });

    test('opening with migrate brings an old store forward and keeps its rows', async () => {
        for (const version of [0, 1, 2, 3]) {
            const path = version === 0 ? join(dir, 'fresh.sqlite') : databaseAt(version);
            const store = await openStore(`sqlite:${path}`, {migrate: true});
            try {
                assert.deepEqual(await store.schemaVersion(), {applied: LATEST_VERSION, latest: LATEST_VERSION});
                if (version > 0) {
                    const m = await store.getMeeting('room1');
                    assert.equal(m?.topic, 'Old one');
                    assert.equal(m?.endNoticePosted, version >= 3 ? false : true, 'v3 marks meetings ended before it as told');
                }
            } finally {
                await store.close();
            }
        }
    });

    test('`plugnmeet-sidecar migrate` migrates the store DATABASE_URL names', async () => {
        const path = databaseAt(1);
        const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
        const result = await new Promise<{status: number | null; stdout: string}>((resolve) => {
            const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), cli, 'migrate'],
                {env: {PATH: process.env.PATH, DATABASE_URL: `sqlite:${path}`}, cwd: dir});
            let stdout = '';
            child.stdout.on('data', (d) => (stdout += d));
            child.on('exit', (status) => resolve({status, stdout}));
        });
        assert.equal(result.status, 0, result.stdout);
        assert.match(result.stdout, new RegExp(`schema version ${LATEST_VERSION}`));
        assert.equal(applied(path), LATEST_VERSION);
    });
});
