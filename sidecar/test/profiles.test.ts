// People are named without a look-up when they join: the channel's members are read when a
// meeting starts (GET /users?in_channel), people who came later in one shared POST /users/ids, and a
// changed name, language or role is seen within the stated bound (a minute), on the sidecar's clock.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {profileCache, type UserFields} from '../src/mattermost/profiles.js';
import {startFakeMattermost, type FakeMattermost} from './fakes/mattermost.js';
import {startHarness, type Harness} from './harness.js';

const isUserLookup = (r: {method: string; path: string}) => r.path === '/api/v4/users/ids' || /^\/api\/v4\/users\/[a-z0-9]{26}$/.test(r.path);
const tokenName = (h: Harness, userId: string) => h.pnm.tokens.filter((t) => t.user_id === userId).at(-1)?.name;

async function until(what: string, check: () => boolean) {
    for (let i = 0; i < 200 && !check(); i++) {
        await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(check(), `never happened: ${what}`);
}

describe('the fake Mattermost reads users as the real one', () => {
    let mm: FakeMattermost;
    before(async () => {
        mm = await startFakeMattermost();
    });
    after(() => mm.close());
    const call = async (method: string, path: string, body?: unknown, token = mm.botToken) => {
        const res = await fetch(mm.url + path, {method, headers: {authorization: `Bearer ${token}`}, body: body === undefined ? undefined : JSON.stringify(body)});
        return {status: res.status, json: await res.json() as any};
    };

    test('GET /users?in_channel: read_channel first, then the members by username, 200 a page at most', async () => {
        const people = Array.from({length: 205}, (_, i) => mm.addUser({username: `m${String(i).padStart(3, '0')}`}));
        const ch = mm.addChannel({type: 'O', members: people.map((u) => u.id).reverse()});
        assert.equal((await call('GET', `/api/v4/users?in_channel=${ch.id}`)).json.id, 'api.context.permissions.app_error', 'the bot is not a member');
        mm.addMember(ch.id, mm.bot.id);
        const first = await call('GET', `/api/v4/users?in_channel=${ch.id}&page=0&per_page=500`);
        assert.equal(first.status, 200);
        assert.equal(first.json.length, 200, 'per_page is capped at 200');
        assert.deepEqual(first.json.slice(0, 2).map((u: UserFields) => u.username), ['m000', 'm001']);
        const second = await call('GET', `/api/v4/users?in_channel=${ch.id}&page=1&per_page=200`);
        assert.deepEqual(second.json.map((u: UserFields) => u.username), ['m200', 'm201', 'm202', 'm203', 'm204', 'plugnmeet']);
        assert.equal((await call('GET', `/api/v4/users?in_channel=${'x'.repeat(26)}`)).status, 403, 'an unknown channel is a 403');
    });

    test('POST /users/ids: an array of ids, duplicates once, unknown ones left out; a guest sees only channel-mates', async () => {
        const a = mm.addUser({username: 'ids-a'});
        const b = mm.addUser({username: 'ids-b'});
        assert.equal((await call('POST', '/api/v4/users/ids', [])).json.id, 'api.context.invalid_param.app_error');
        assert.equal((await call('POST', '/api/v4/users/ids', {ids: [a.id]})).status, 400);
        const both = await call('POST', '/api/v4/users/ids', [a.id, b.id, a.id, 'z'.repeat(26)]);
        assert.deepEqual(both.json.map((u: UserFields) => u.username).sort(), ['ids-a', 'ids-b']);
        const guest = mm.addBot({username: 'guestbot', roles: 'system_guest'});
        mm.addChannel({type: 'O', members: [guest.user.id, a.id]});
        const seen = await call('POST', '/api/v4/users/ids', [a.id, b.id], guest.token);
        assert.deepEqual(seen.json.map((u: UserFields) => u.username), ['ids-a']);
    });
});

describe('joins are named without a look-up', () => {
    let h: Harness;
    let clock = Date.now();
    before(async () => {
        h = await startHarness({now: () => clock});
        h.mm.settings.TeammateNameDisplay = 'full_name';
    });
    after(() => h.close());

    test('members read when the meeting starts join in one round trip; someone added later is named and answered in their language', async () => {
        const {alice, bob, carol} = h.users;
        const host = h.mm.users.get(alice.id)!;
        host.first_name = 'Alice';
        const b = h.mm.users.get(bob.id)!;
        b.first_name = 'Bob';
        b.last_name = 'Builder';
        const start = await h.command(alice, h.channels.town, 'start Standup');
        assert.ok(start.body.goto_location, JSON.stringify(start.body));
        await until('the channel\'s members are read', () => h.mm.requests.some((r) => r.path === '/api/v4/users' && r.query.includes(`in_channel=${h.channels.town.id}`)));
        await new Promise((r) => setTimeout(r, 50));

        const before = h.mm.requests.length;
        const joins = await Promise.all([h.command(bob, h.channels.town, 'join'), h.command(carol, h.channels.town, 'join')]);
        assert.ok(joins.every((j) => j.body.goto_location));
        assert.deepEqual(h.mm.requests.slice(before).filter(isUserLookup), [], 'no user look-up on a member\'s join');
        assert.equal(tokenName(h, bob.id), 'Bob Builder');

        const dora = h.mm.addUser({username: 'dora', first_name: 'Dora', last_name: 'Dietrich', locale: 'de'});
        h.mm.addMember(h.channels.town.id, dora.id);
        const late = await h.command(dora, h.channels.town, 'join');
        assert.match(late.body.text, /^Du trittst/, 'answered in German');
        assert.equal(tokenName(h, dora.id), 'Dora Dietrich');
        const lookups = h.mm.requests.slice(before).filter(isUserLookup);
        assert.deepEqual(lookups.map((r) => [r.method, r.path, r.body]), [['POST', '/api/v4/users/ids', [dora.id]]], 'one batch look-up, no per-user GET');
    });

    test('in a public channel the bot joins with the start, its members are read after it joined: their joins look nobody up', async () => {
        const {alice, bob} = h.users;
        const fresh = h.mm.addChannel({type: 'O', name: 'bot-not-yet', members: [alice.id, bob.id]});
        const start = await h.command(alice, fresh, 'start Retro');
        assert.ok(start.body.goto_location, JSON.stringify(start.body));
        await until('the channel\'s members are read', () => h.mm.requests.some((r) => r.path === '/api/v4/users' && r.query.includes(`in_channel=${fresh.id}`)));
        await new Promise((r) => setTimeout(r, 50));
        const before = h.mm.requests.length;
        const join = await h.command(bob, fresh, 'join');
        assert.ok(join.body.goto_location, JSON.stringify(join.body));
        assert.deepEqual(h.mm.requests.slice(before).filter(isUserLookup), [], 'no user look-up on a member\'s join');
    });

    test('a changed name and language are seen within a minute; before half of it, the cache answers', async () => {
        const {bob} = h.users;
        const b = h.mm.users.get(bob.id)!;
        const before = h.mm.requests.length;
        b.first_name = 'Robert';
        b.locale = 'fr';
        clock += 29_000;
        await h.command(bob, h.channels.town, 'join');
        assert.equal(tokenName(h, bob.id), 'Bob Builder', 'within half the bound: the cached name');
        assert.deepEqual(h.mm.requests.slice(before).filter(isUserLookup), []);

        clock += 32_000; // 61 s after the profile was read: past the bound
        const late = await h.command(bob, h.channels.town, 'join');
        assert.equal(tokenName(h, bob.id), 'Robert Builder', 'past the bound: never the old name');
        assert.match(late.body.text, /^Vous rejoignez /, 'answered in French');
    });

    test('used after half the bound, a profile is read again in the background: the join does not wait, the next one has the change', async () => {
        const {carol} = h.users;
        const c = h.mm.users.get(carol.id)!;
        c.first_name = 'Caroline';
        clock += 61_000;
        await h.command(carol, h.channels.town, 'join'); // read now (past the bound)
        assert.equal(tokenName(h, carol.id), 'Caroline');
        c.first_name = 'Caro';
        clock += 31_000;
        const before = h.mm.requests.length;
        await h.command(carol, h.channels.town, 'join');
        assert.equal(tokenName(h, carol.id), 'Caroline', 'this join used the cache');
        await until('the background read', () => h.mm.requests.slice(before).some(isUserLookup));
        await new Promise((r) => setTimeout(r, 50));
        await h.command(carol, h.channels.town, 'join');
        assert.equal(tokenName(h, carol.id), 'Caro');
    });
});

test('misses at the same moment share one POST /users/ids; one person is asked for once', async () => {
    const asked: string[][] = [];
    const cache = profileCache({
        reader: {
            byIds: async (ids) => {
                asked.push(ids);
                return ids.filter((id) => id !== 'ghost').map((id) => ({id, username: id}));
            },
            inChannel: async () => [],
        },
        nameFormat: async () => undefined,
        toProfile: (u: UserFields) => ({id: u.id, username: u.username}),
        ttlMs: 60_000, max: 100, now: Date.now,
    });
    const got = await Promise.all(['a', 'b', 'a', 'c'].map((id) => cache.get(id)));
    assert.deepEqual(got.map((p) => p.id), ['a', 'b', 'a', 'c']);
    assert.deepEqual(asked, [['a', 'b', 'c']]);
    await assert.rejects(cache.get('ghost'), /no such user/);
    await cache.get('a');
    assert.equal(asked.length, 2, 'a kept profile is not asked for again');
});
