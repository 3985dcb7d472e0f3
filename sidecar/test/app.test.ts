// The app factory alone, through Fastify's app.inject: no sockets, no fakes, nothing called.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {buildApp} from '../src/http/app.js';
import {loadConfig} from '../src/config/config.js';
import type {Mattermost} from '../src/mattermost/bot.js';
import type {PlugnmeetClient} from '../src/plugnmeet/client.js';
import {openSqliteStore} from '../src/store/sqlite.js';

// Any call to an external system fails the test: these requests must be answered locally.
const untouchable = <T extends object>(name: string) => new Proxy({}, {
    get: (_t, prop) => () => assert.fail(`${name}.${String(prop)} must not be called`),
}) as T;

// A token written with its team: a bare one would ask Mattermost whether the team exists on first use.
const TEAM = 't'.repeat(26);

let app: Awaited<ReturnType<typeof buildApp>>;
before(async () => {
    const result = loadConfig({
        MATTERMOST_URL: 'http://127.0.0.1:9', MATTERMOST_BOT_TOKEN: 'bot', MATTERMOST_COMMAND_TOKENS: `${TEAM}:the-command-token`,
        PLUGNMEET_URL: 'http://127.0.0.1:9', PLUGNMEET_API_KEY: 'k', PLUGNMEET_API_SECRET: 's',
        SIDECAR_PUBLIC_URL: 'http://127.0.0.1:8787', SIDECAR_SECRET: 'z'.repeat(32), LOG_LEVEL: 'silent',
    });
    assert.ok(result.ok);
    app = await buildApp({
        config: result.config,
        store: openSqliteStore(':memory:'),
        plugnmeet: untouchable<PlugnmeetClient>('plugnmeet'),
        mattermost: untouchable<Mattermost>('mattermost'),
    });
});
after(() => app.close());

test('healthz', async () => {
    const res = await app.inject({method: 'GET', url: '/healthz'});
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {status: 'ok'});
});

test('commands without the right token are refused before anything else', async () => {
    const res = await app.inject({method: 'POST', url: '/mattermost/command', payload: 'token=nope&text=start&user_id=u&channel_id=c', headers: {'content-type': 'application/x-www-form-urlencoded'}});
    assert.equal(res.statusCode, 401);
});

test('help is answered locally with exactly application/json', async () => {
    const res = await app.inject({method: 'POST', url: '/mattermost/command', payload: `token=the-command-token&team_id=${TEAM}&text=help&user_id=u&channel_id=c`, headers: {'content-type': 'application/x-www-form-urlencoded'}});
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.match(res.json().text, /`start \[options\] \[topic\]`/);
});

test('unknown routes are 404 and JSON to the command route is 415', async () => {
    assert.equal((await app.inject({method: 'GET', url: '/nope'})).statusCode, 404);
    const json = await app.inject({method: 'POST', url: '/mattermost/command', payload: {token: 'the-command-token', text: 'start'}});
    assert.equal(json.statusCode, 415);
});
