// Runs the sidecar as a real HTTP server against fake Mattermost and plugNmeet servers,
// with a throwaway SQLite file (or the database it is given), and knows the users and channels the tests talk about.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {after, before} from 'node:test';
import {buildApp} from '../src/http/app.js';
import {loadConfig, type Config} from '../src/config/config.js';
import {createMattermost} from '../src/mattermost/bot.js';
import {createPlugnmeetClient} from '../src/plugnmeet/client.js';
import {openStore} from '../src/store/open.js';
import {openSqliteStore} from '../src/store/sqlite.js';
import {startFakeMattermost, type FakeOptions, type MmChannel, type MmUser} from './fakes/mattermost.js';
import {startFakePlugnmeet} from './fakes/plugnmeet.js';

export const COMMAND_TOKEN = 'cmdtoken' + randomBytes(9).toString('hex');

export interface HarnessOptions {
    env?: Record<string, string>;
    logLevel?: string;
    databaseUrl?: string;
    /** Card-edit timing; by default so long that edits happen only when a test flushes them. */
    cardUpdateWindowMs?: number;
    cardSweepMs?: number;
    /** How the fake Mattermost behaves: its version and the rules that come with it. */
    mattermost?: FakeOptions;
    /** The sidecar's clock (every replica's), for scheduled meetings; the real one by default. */
    now?: () => number;
}

export async function startHarness(opts: HarnessOptions = {}) {
    const timing = {cardUpdateWindowMs: opts.cardUpdateWindowMs ?? 600_000, cardSweepMs: opts.cardSweepMs ?? 600_000, now: opts.now};
    const mm = await startFakeMattermost(opts.mattermost);
    const pnm = await startFakePlugnmeet();
    const dir = mkdtempSync(join(tmpdir(), 'pnm-sidecar-'));
    const dbPath = join(dir, 'store.sqlite');
    const logs: string[] = [];

    const alice = mm.addUser({username: 'alice'});
    const bob = mm.addUser({username: 'bob'});
    const carol = mm.addUser({username: 'carol'});
    const admin = mm.addUser({username: 'root', roles: 'system_user system_admin'});
    const town = mm.addChannel({type: 'O', name: 'town-square', display_name: 'Town Square', members: [alice.id, bob.id, carol.id, admin.id]});
    const other = mm.addChannel({type: 'O', name: 'off-topic', display_name: 'Off-Topic', members: [alice.id, bob.id, carol.id]});
    const secret = mm.addChannel({type: 'P', name: 'secret', display_name: 'Secret', members: [alice.id, bob.id]});
    const dm = mm.addChannel({type: 'D', name: `${alice.id}__${bob.id}`, display_name: '', members: [alice.id, bob.id]});
    const group = mm.addChannel({type: 'G', name: randomBytes(20).toString('hex'), display_name: 'alice, bob, carol', members: [alice.id, bob.id, carol.id]});

    const env = {
        MATTERMOST_URL: mm.url + '/',
        MATTERMOST_BOT_TOKEN: mm.botToken,
        MATTERMOST_COMMAND_TOKENS: `unused-token,${COMMAND_TOKEN}`,
        PLUGNMEET_URL: pnm.url,
        PLUGNMEET_API_KEY: pnm.apiKey,
        PLUGNMEET_API_SECRET: pnm.apiSecret,
        SIDECAR_PUBLIC_URL: 'http://127.0.0.1:1', // replaced once the port is known
        SIDECAR_SECRET: 's'.repeat(8) + randomBytes(16).toString('hex'),
        DATABASE_URL: opts.databaseUrl ?? `sqlite:${dbPath}`,
        LOG_LEVEL: 'debug',
        // As in production: only Mattermost's address (the fake calls from 127.0.0.1) may call.
        MATTERMOST_SOURCE_ADDRESSES: '127.0.0.1',
        // Tests send many commands per user in a second; hostile.test.ts checks the real limits.
        RATE_LIMIT_PER_USER: '1000',
        ...opts.env,
    };

    let app: Awaited<ReturnType<typeof buildApp>>;
    let url = '';
    let config: Config;

    async function boot(port = 0) {
        const first = loadConfig(env);
        if (!first.ok) {
            throw new Error(first.errors.join('\n'));
        }
        const stream = new Writable({write(chunk, _enc, cb) {
            logs.push(String(chunk));
            cb();
        }});
        config = {...first.config, port};
        const store = opts.databaseUrl ? await openStore(opts.databaseUrl, {migrate: true}) : openSqliteStore(dbPath);
        const plugnmeet = createPlugnmeetClient({url: config.plugnmeetUrl, apiKey: config.plugnmeetApiKey, apiSecret: config.plugnmeetApiSecret, timeoutMs: 3000});
        const mattermost = createMattermost({url: config.mattermostUrl, botToken: config.mattermostBotToken, timeoutMs: 3000, now: opts.now});
        // The public URL must name this very server, so listen first on a fixed port, then build the real app.
        app = await buildApp({config, store, plugnmeet, mattermost, ...timing}, {logger: {level: opts.logLevel ?? 'debug', stream}});
        await app.listen({host: '127.0.0.1', port});
        const address = app.server.address() as {port: number};
        url = `http://127.0.0.1:${address.port}`;
        if (config.publicUrl !== url) {
            await app.close();
            await plugnmeet.close();
            await store.close();
            env.SIDECAR_PUBLIC_URL = url;
            return boot(address.port);
        }
    }
    await boot();

    type App = typeof app;
    const replicas: App[] = [];
    /** Another sidecar on the same fakes, settings and database, behind the same public URL (a second replica). */
    async function startReplica() {
        const stream = new Writable({write(chunk, _enc, cb) {
            logs.push(String(chunk));
            cb();
        }});
        const store = await openStore(config.databaseUrl, {migrate: true});
        const plugnmeet = createPlugnmeetClient({url: config.plugnmeetUrl, apiKey: config.plugnmeetApiKey, apiSecret: config.plugnmeetApiSecret, timeoutMs: 3000});
        const mattermost = createMattermost({url: config.mattermostUrl, botToken: config.mattermostBotToken, timeoutMs: 3000, now: opts.now});
        const replica: App = await buildApp({config, store, plugnmeet, mattermost, ...timing},
            {logger: {level: opts.logLevel ?? 'debug', stream}});
        await replica.listen({host: '127.0.0.1', port: 0});
        replicas.push(replica);
        const replicaUrl = `http://127.0.0.1:${(replica.server.address() as {port: number}).port}`;
        return {
            app: replica,
            url: replicaUrl,
            command(user: MmUser, channel: MmChannel, text: string, o: {rootId?: string} = {}) {
                return mm.sendCommand(`${replicaUrl}/mattermost/command`, {token: COMMAND_TOKEN, user, channel, text, rootId: o.rootId});
            },
            close: () => stopReplica(replica),
        };
    }
    async function stopReplica(r: App) {
        if (replicas.includes(r)) {
            replicas.splice(replicas.indexOf(r), 1);
            await r.close();
            await r.plugnmeet.close();
            await r.store.close();
        }
    }
    const closeReplicas = () => Promise.all([...replicas].map(stopReplica));

    const h = {
        mm, pnm, dbPath, logs, env,
        users: {alice, bob, carol, admin},
        channels: {town, other, secret, dm, group},
        get app() {
            return app;
        },
        get url() {
            return url;
        },
        get config() {
            return config;
        },
        startReplica,
        command(user: MmUser, channel: MmChannel, text: string, o: {rootId?: string; token?: string} = {}) {
            return mm.sendCommand(`${url}/mattermost/command`, {token: o.token ?? COMMAND_TOKEN, user, channel, text, rootId: o.rootId});
        },
        /** Raw POST to the sidecar, for malformed requests Mattermost would never send. */
        async post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
            const res = await fetch(url + path, {method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers});
            return {status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? ''};
        },
        /** The card posts the bot created, newest last, as stored (integrations included). */
        cards() {
            return [...mm.posts.values()].filter((p) => p.type === 'custom_plugnmeet');
        },
        async restart() {
            await app.close();
            await app.plugnmeet.close();
            await app.store.close();
            await boot(Number(new URL(url).port));
        },
        async close() {
            await closeReplicas();
            await app.close();
            await app.plugnmeet.close();
            await app.store.close();
            await mm.close();
            await pnm.close();
            rmSync(dir, {recursive: true, force: true});
        },
        /** Secrets must never reach the logs. */
        leakedSecrets(): string[] {
            const all = logs.join('');
            return [env.MATTERMOST_BOT_TOKEN, env.PLUGNMEET_API_SECRET, env.SIDECAR_SECRET, COMMAND_TOKEN].filter((s) => all.includes(s));
        },
    };
    return h;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Claims of a JWT, unverified (the fake plugNmeet signed it). */
export function jwtClaims(token: string): Record<string, any> {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

export function tokenFromJoinUrl(joinUrl: string): string {
    return new URL(joinUrl).searchParams.get('access_token') ?? '';
}

/**
 * One harness per test file: started before the first test, closed after the last, and
 * checked for secrets in its log on the way out. `set` receives it once started.
 */
export function useHarness(set: (h: Harness) => void, opts: HarnessOptions = {}): void {
    let h: Harness;
    before(async () => {
        h = await startHarness(opts);
        set(h);
    });
    after(async () => {
        const leaked = h.leakedSecrets();
        await h.close();
        assert.deepEqual(leaked, [], 'a secret was written to the log');
    });
}

/** The same, for a describe block with its own settings: returns the getter of its harness. */
export function harnessWith(env: Record<string, string> = {}): () => Harness {
    let h: Harness | undefined;
    useHarness((started) => (h = started), {env});
    return () => h!;
}
