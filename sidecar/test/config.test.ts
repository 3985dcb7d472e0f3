// Configuration: one clear line per problem, defaults, and a real start-up that exits 2.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {loadConfig} from '../src/config.js';

const valid = {
    MATTERMOST_URL: 'https://chat.example.com/',
    MATTERMOST_BOT_TOKEN: 'bot-token-value',
    PLUGNMEET_URL: 'https://meet.example.com//',
    PLUGNMEET_API_KEY: 'key',
    PLUGNMEET_API_SECRET: 'api-secret-value',
    SIDECAR_PUBLIC_URL: 'https://sidecar.example.com/',
    SIDECAR_SECRET: 'x'.repeat(32),
};

test('valid settings: trailing slashes stripped, defaults applied', () => {
    const r = loadConfig({...valid, MATTERMOST_COMMAND_TOKENS: ' a , b,,'});
    assert.ok(r.ok);
    assert.equal(r.config.mattermostUrl, 'https://chat.example.com');
    assert.equal(r.config.plugnmeetUrl, 'https://meet.example.com');
    assert.equal(r.config.publicUrl, 'https://sidecar.example.com');
    assert.deepEqual(r.config.commandTokens, ['a', 'b']);
    assert.equal(r.config.host, '127.0.0.1');
    assert.equal(r.config.port, 8787);
    assert.equal(r.config.databaseUrl, 'sqlite:./data/plugnmeet.sqlite');
    assert.equal(r.config.reconcileIntervalSeconds, 60);
    assert.equal(r.config.logLevel, 'info');
});

test('every problem gets its own line and no secret is echoed', () => {
    const r = loadConfig({
        ...valid, MATTERMOST_URL: 'chat.example.com', PLUGNMEET_API_KEY: '', SIDECAR_SECRET: 'short-secret-value',
        SIDECAR_PORT: '99999', RECONCILE_INTERVAL_SECONDS: 'soon', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x',
    });
    assert.equal(r.ok, false);
    const errors = r.ok ? [] : r.errors;
    assert.equal(errors.length, 7, errors.join('\n'));
    for (const name of ['MATTERMOST_URL', 'PLUGNMEET_API_KEY', 'SIDECAR_SECRET', 'SIDECAR_PORT', 'RECONCILE_INTERVAL_SECONDS', 'LOG_LEVEL', 'DATABASE_URL']) {
        assert.ok(errors.some((e) => e.startsWith(name)), `a line for ${name}`);
    }
    assert.ok(!errors.join('\n').includes('short-secret-value'));
});

test('starting with settings missing prints them and exits 2, without a stack trace', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pnm-config-'));
    try {
        const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
        const env = {PATH: process.env.PATH, PLUGNMEET_API_SECRET: 'super-secret-value-123'};
        const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), main], {cwd, env, encoding: 'utf8', timeout: 60_000});
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /MATTERMOST_URL is missing/);
        assert.match(r.stderr, /SIDECAR_SECRET is missing/);
        assert.doesNotMatch(r.stderr, /PLUGNMEET_API_SECRET is missing/);
        assert.doesNotMatch(r.stderr + r.stdout, /super-secret-value-123|\n\s+at /);
    } finally {
        rmSync(cwd, {recursive: true, force: true});
    }
});
