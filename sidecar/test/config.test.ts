// Configuration: one clear line per problem, defaults, and a real start-up that exits 2.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {NO_OPTIONS} from '@plugnmeet/contracts';
import {loadConfig} from '../src/config/config.js';

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
    assert.equal(r.config.rateLimitPerAddress, 6000);
    assert.equal(r.config.rateLimitPerUser, 20);
    assert.deepEqual(r.config.trustProxy, []);
});

test('TRUST_PROXY: addresses and CIDR ranges; anything else is named', () => {
    const r = loadConfig({...valid, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/64'});
    assert.ok(r.ok);
    assert.deepEqual(r.config.trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/64']);
    for (const bad of ['proxy.local', '10.0.0.0/33', '1.2.3.4/8/1', '10.0.0.0/x', 'true']) {
        const res = loadConfig({...valid, TRUST_PROXY: bad});
        assert.equal(res.ok, false, bad);
        assert.match(res.ok ? '' : res.errors[0], /^TRUST_PROXY must list/);
    }
});

test('rate limits: whole numbers, 0 turns a limit off, anything else is named', () => {
    const r = loadConfig({...valid, RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_USER: ' 5 '});
    assert.ok(r.ok);
    assert.equal(r.config.rateLimitPerAddress, 0);
    assert.equal(r.config.rateLimitPerUser, 5);
    const bad = loadConfig({...valid, RATE_LIMIT_PER_ADDRESS: 'lots', RATE_LIMIT_PER_USER: '-1'});
    assert.deepEqual(bad.ok ? [] : bad.errors.map((e) => e.split(' ')[0]), ['RATE_LIMIT_PER_ADDRESS', 'RATE_LIMIT_PER_USER']);
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

test('DATABASE_URL: SQLite paths and PostgreSQL URLs; a bad one is named without echoing it', () => {
    for (const url of ['sqlite:/var/lib/pnm.sqlite', 'postgres://pnm:pw@db.example.com:5432/pnm', 'postgresql://db/pnm?sslmode=require',
        'postgres:///pnm?host=/var/run/postgresql']) {
        const r = loadConfig({...valid, DATABASE_URL: url});
        assert.ok(r.ok, url);
        assert.equal(r.config.databaseUrl, url);
    }
    for (const url of ['postgres://pnm:hunter2-secret@[bad/pnm', 'postgres:pnm', 'sqlite:', 'mysql://x']) {
        const r = loadConfig({...valid, DATABASE_URL: url});
        assert.equal(r.ok, false, url);
        const errors = r.ok ? [] : r.errors;
        assert.equal(errors.length, 1);
        assert.match(errors[0], /^DATABASE_URL /);
        assert.doesNotMatch(errors[0], /hunter2/);
    }
});

test('an unreachable PostgreSQL stops start-up with exit 2 and one line, the password hidden', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pnm-config-'));
    try {
        const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
        const env = {
            PATH: process.env.PATH, ...valid, DATABASE_URL: 'postgres://pnm:hunter2-secret@127.0.0.1:1/pnm', MATTERMOST_COMMAND_TOKENS: 'x',
            // example.com is refused as a placeholder before the database is opened.
            MATTERMOST_URL: 'https://chat.corp.test/', PLUGNMEET_URL: 'https://meet.corp.test/', SIDECAR_PUBLIC_URL: 'https://sidecar.corp.test/',
        };
        const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), main], {cwd, env, encoding: 'utf8', timeout: 60_000});
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /cannot open the database postgres:\/\/pnm:\*\*\*@127\.0\.0\.1:1\/pnm: .*ECONNREFUSED/);
        assert.doesNotMatch(r.stderr + r.stdout, /hunter2-secret|\n\s+at /);
    } finally {
        rmSync(cwd, {recursive: true, force: true});
    }
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

test('the meeting policy: unset is unrestricted; each setting read as documented', () => {
    const open = loadConfig(valid);
    assert.ok(open.ok);
    assert.deepEqual(open.config.policy, {
        allowedTeams: [], allowedChannelTypes: ['public', 'private', 'dm', 'gm'], allowedChannels: [], deniedChannels: [],
        whoCanStart: 'everyone', moderators: ['starter'], defaults: {...NO_OPTIONS}, fixed: [], maxDuration: 0, maxSchedulesPerPlanner: 25, maxSchedulesPerChannel: 50,
        guestLinks: 'off', guestLocks: ['screen-sharing'], openIn: 'browser', desktopEmbed: false,
    });
    const r = loadConfig({
        ...valid, MEETINGS_ALLOWED_TEAMS: 'eng, sales', MEETINGS_ALLOWED_CHANNEL_TYPES: 'Public,dm', MEETINGS_WHO_CAN_START: 'team_admins',
        MEETINGS_MODERATORS: 'starter,channel_admins', MEETINGS_DEFAULT_OPTIONS: '--waiting-room --duration 45', MEETINGS_FIXED_OPTIONS: '--record, lock-chat',
        MEETINGS_MAX_DURATION: '60', MEETINGS_DENIED_CHANNELS: 'abcdefghijklmnopqrstuvwxyz',
    });
    assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
    assert.deepEqual(r.config.policy.allowedTeams, ['eng', 'sales']);
    assert.deepEqual(r.config.policy.allowedChannelTypes, ['public', 'dm']);
    assert.equal(r.config.policy.whoCanStart, 'team_admins');
    assert.deepEqual(r.config.policy.moderators, ['starter', 'channel_admins']);
    assert.deepEqual(r.config.policy.defaults, {...NO_OPTIONS, waitingRoom: true, duration: 45});
    assert.deepEqual(r.config.policy.fixed, ['record', 'lockChat']);
    assert.equal(r.config.policy.maxDuration, 60);
    assert.deepEqual(r.config.policy.deniedChannels, ['abcdefghijklmnopqrstuvwxyz']);
});

test('the meeting policy: one line per mistake, naming the setting and what it takes', () => {
    const r = loadConfig({
        ...valid, MEETINGS_ALLOWED_CHANNEL_TYPES: 'public,channels', MEETINGS_WHO_CAN_START: 'admins', MEETINGS_MODERATORS: 'starter,owners',
        MEETINGS_DEFAULT_OPTIONS: '--waiting-rom', MEETINGS_FIXED_OPTIONS: 'record,camera', MEETINGS_MAX_DURATION: '0', MEETINGS_ALLOWED_CHANNELS: 'town-square',
    });
    assert.equal(r.ok, false);
    const errors = r.ok ? [] : r.errors;
    assert.deepEqual(errors.map((e) => e.split(' ')[0]), [
        'MEETINGS_ALLOWED_CHANNEL_TYPES', 'MEETINGS_WHO_CAN_START', 'MEETINGS_MODERATORS', 'MEETINGS_ALLOWED_CHANNELS',
        'MEETINGS_DEFAULT_OPTIONS', 'MEETINGS_FIXED_OPTIONS', 'MEETINGS_MAX_DURATION',
    ]);
    assert.match(errors[1], /takes one of everyone, channel_admins, team_admins, system_admins \(got "admins"\)/);
    const limit = loadConfig({...valid, MEETINGS_MAX_DURATION: '30'});
    assert.match(limit.ok ? '' : limit.errors.join(), /MEETINGS_DEFAULT_OPTIONS must set a --duration of at most MEETINGS_MAX_DURATION \(30 minutes\)/);
});
