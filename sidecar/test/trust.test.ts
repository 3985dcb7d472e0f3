// Trust boundaries (docs/security.md): each attack of the security review, reproduced against the real
// sidecar and the fakes, now does no harm. Only Mattermost's addresses may call; a command token
// is its team's; a meeting is its team's; a button context works only for its own action, post
// and channel, and only until it expires.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import http from 'node:http';
import {signContext} from '../src/meetings/cards/button-context.js';
import {bareBindingKey} from '../src/meetings/command-tokens.js';
import {COMMAND_TOKEN, type Harness, startHarness, useHarness} from './harness.js';

// The harness sets MATTERMOST_SOURCE_ADDRESSES=127.0.0.1: the fake Mattermost calls from there, and
// anybody else on 127.0.0.0/8 plays someone else.
let h: Harness;
useHarness((started) => (h = started));

const FORM = 'application/x-www-form-urlencoded';
/** A POST from 127.0.0.2: a host that can reach the sidecar but is not Mattermost. */
function postFromElsewhere(path: string, body: string, contentType: string): Promise<{status: number; text: string}> {
    return new Promise((resolve, reject) => {
        const req = http.request(`${h.url}${path}`, {method: 'POST', localAddress: '127.0.0.2', headers: {'content-type': contentType}}, (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({status: res.statusCode ?? 0, text}));
        });
        req.on('error', reject).end(body);
    });
}

/** How much the fakes have done: nothing may change after a refused attack. */
const activity = () => ({posts: h.mm.posts.size, rooms: h.pnm.calls.filter((c) => c.path === '/auth/room/create').length, tokens: h.pnm.tokens.length});

describe('only Mattermost may call', () => {
    test('a command with a good token and a forged user_id from another address: 403, nothing done', async () => {
        const before = activity();
        const {body} = h.mm.commandRequest({token: COMMAND_TOKEN, user: h.users.alice, channel: h.channels.town, text: 'start Forged'});
        const res = await postFromElsewhere('/mattermost/command', body, FORM);
        assert.equal(res.status, 403);
        assert.doesNotMatch(res.text, /access_token/);
        assert.deepEqual(activity(), before);
        // The same request from Mattermost's address works.
        const real = await h.command(h.users.alice, h.channels.town, 'start Real');
        assert.ok(real.body.goto_location);
    });

    test('a button click with a genuine context from another address: 403, no link', async () => {
        const card = h.cards().find((p) => p.channel_id === h.channels.town.id && p.props.meeting_status === 'live')!;
        const context = card.props.attachments[0].actions[0].integration.context;
        const before = activity();
        const res = await postFromElsewhere('/mattermost/action?action=join', JSON.stringify({
            user_id: h.users.alice.id, user_name: 'alice', channel_id: h.channels.town.id, post_id: card.id, context,
        }), 'application/json');
        assert.equal(res.status, 403);
        assert.doesNotMatch(res.text, /access_token/);
        assert.deepEqual(activity(), before);
        await h.command(h.users.alice, h.channels.town, 'end');
    });
});

describe('a command token is its team\'s', () => {
    test('another team\'s token is refused for this team, and this team\'s token for a channel of another team', async () => {
        const teamB = h.mm.addTeam({name: 'team-b'});
        h.mm.addTeamMember(teamB.id, h.users.bob.id);
        h.mm.addTeamMember(teamB.id, h.mm.bot.id);
        const tokenB = 'token-of-team-b-' + 'x'.repeat(10);
        await h.app.store.addCommandToken({teamId: teamB.id, token: tokenB});
        const before = activity();

        // Team B's token, naming team A (where its admin wants to act): 401.
        const foreign = await h.command(h.users.alice, h.channels.town, 'start Hijack', {token: tokenB});
        assert.equal(foreign.status, 401);

        // Team B's token and team B's id, but a channel of team A that the bot can read: refused.
        const form = new URLSearchParams(h.mm.commandRequest({token: tokenB, user: h.users.bob, channel: h.channels.town, text: 'start Hijack'}).body);
        form.set('team_id', teamB.id);
        const res = await h.post('/mattermost/command', form.toString(), {'content-type': FORM});
        assert.equal(res.status, 200);
        assert.match(JSON.parse(res.text).text, /belongs to a different team/);
        assert.deepEqual(activity(), before);
    });

    test('a hand-made token is bound to the first team that uses it', async () => {
        const teamC = h.mm.addTeam({name: 'team-c'});
        // COMMAND_TOKEN (bare, in MATTERMOST_COMMAND_TOKENS) was first used by the default team.
        const form = new URLSearchParams(h.mm.commandRequest({token: COMMAND_TOKEN, user: h.users.bob, channel: h.channels.town, text: 'help'}).body);
        form.set('team_id', teamC.id);
        const res = await h.post('/mattermost/command', form.toString(), {'content-type': FORM});
        assert.equal(res.status, 401);
        assert.deepEqual(await h.app.store.commandTokens().then((ts) => ts.filter((t) => t.token === bareBindingKey(COMMAND_TOKEN)).map((t) => t.teamId)), [h.mm.teamId]);
        assert.ok(!(await h.app.store.commandTokens()).some((t) => t.token === COMMAND_TOKEN), 'the token itself is never stored');
    });

    test('a bare token binds only to a team Mattermost knows; taking it out of MATTERMOST_COMMAND_TOKENS clears the binding', async () => {
        const bare = 'bare-token-' + 'q'.repeat(20);
        const p = await startHarness({env: {MATTERMOST_COMMAND_TOKENS: bare}, logLevel: 'warn'});
        try {
            const inTeam = (teamId: string) => {
                const form = new URLSearchParams(p.mm.commandRequest({token: bare, user: p.users.alice, channel: p.channels.town, text: 'help'}).body);
                form.set('team_id', teamId);
                // inject, from 127.0.0.1: a fetch's kept-alive socket would not survive the restarts.
                return p.app.inject({method: 'POST', url: '/mattermost/command', payload: form.toString(), headers: {'content-type': FORM}}).then((r) => r.statusCode);
            };
            assert.equal(await inTeam('n'.repeat(26)), 401, 'a team id Mattermost does not know');
            assert.deepEqual(await p.app.store.commandTokens(), [], 'nothing bound');
            assert.ok(p.logs.some((l) => /used for a team Mattermost does not know/.test(l)));
            assert.equal(await inTeam(p.mm.teamId), 200, 'the real team binds it');
            const other = p.mm.addTeam({name: 'other-team'});
            p.mm.addTeamMember(other.id, p.mm.bot.id);
            assert.equal(await inTeam(other.id), 401, 'bound to the first real team');

            p.env.MATTERMOST_COMMAND_TOKENS = '';
            await p.restart();
            assert.equal(await inTeam(p.mm.teamId), 401, 'taken out: the binding no longer counts');
            p.env.MATTERMOST_COMMAND_TOKENS = `${other.id}:${bare}`;
            await p.restart();
            assert.equal(await inTeam(other.id), 200, 'written with its team: that team only');
            assert.equal(await inTeam(p.mm.teamId), 401);
        } finally {
            await p.close();
        }
    });

    /** How many times the store's command tokens are read while `run` runs. */
    async function tokenReadsDuring(run: () => Promise<void>): Promise<number> {
        const store = h.app.store;
        const original = store.commandTokens.bind(store);
        let reads = 0;
        store.commandTokens = () => {
            reads++;
            return original();
        };
        try {
            await run();
        } finally {
            store.commandTokens = original;
        }
        return reads;
    }

    test('wrong tokens are remembered briefly: guessing costs no database read each', async () => {
        const reads = await tokenReadsDuring(async () => {
            for (let i = 0; i < 20; i++) {
                const res = await h.command(h.users.alice, h.channels.town, 'help', {token: 'guess-the-token'});
                assert.equal(res.status, 401);
            }
        });
        assert.ok(reads <= 2, `${reads} reads for 20 guesses`);
    });

    test('right tokens, bare or stored, cost no database read per command either', async () => {
        const teamE = h.mm.addTeam({name: 'team-e'});
        h.mm.addTeamMember(teamE.id, h.users.alice.id);
        const townE = h.mm.addChannel({type: 'O', name: 'town-e', team_id: teamE.id, members: [h.users.alice.id]});
        const tokenE = 'token-of-team-e-' + 'z'.repeat(10);
        await h.app.store.addCommandToken({teamId: teamE.id, token: tokenE});
        const reads = await tokenReadsDuring(async () => {
            for (let i = 0; i < 20; i++) {
                assert.equal((await h.command(h.users.alice, h.channels.town, 'help')).status, 200, 'the bare token of the default team');
                assert.equal((await h.command(h.users.alice, townE, 'help', {token: tokenE})).status, 200, 'a stored token');
            }
        });
        // 40 commands within a few seconds: the list is read again at most once a second.
        assert.ok(reads <= 10, `${reads} reads for 40 commands`);
    });
});

describe('a meeting is its team\'s', () => {
    test('join, end and recordings of another team\'s meeting, by a channel id the bot cannot read, are refused', async () => {
        const teamD = h.mm.addTeam({name: 'team-d'});
        h.mm.addTeamMember(teamD.id, h.users.carol.id);
        const privateD = h.mm.addChannel({type: 'P', name: 'd-private', team_id: teamD.id, members: [h.users.carol.id]});
        const tokenD = 'token-of-team-d-' + 'y'.repeat(10);
        await h.app.store.addCommandToken({teamId: teamD.id, token: tokenD});
        const started = await h.command(h.users.carol, privateD, 'start Board meeting', {token: tokenD});
        assert.ok(started.body.goto_location, JSON.stringify(started.body));
        const before = activity();

        // Team A's token and team A's id, naming team D's private channel (the bot is not in it).
        for (const text of ['join', `join ${started.body.props.plugnmeet_room_id}`, 'end', 'recordings']) {
            const form = new URLSearchParams(h.mm.commandRequest({token: COMMAND_TOKEN, user: h.users.alice, channel: privateD, text}).body);
            form.set('team_id', h.mm.teamId);
            const res = await h.post('/mattermost/command', form.toString(), {'content-type': FORM});
            assert.equal(res.status, 200);
            const body = JSON.parse(res.text);
            assert.equal(body.goto_location, undefined, text);
            assert.match(body.text, /belongs to a different team/, text);
        }
        assert.deepEqual(activity(), before);
        assert.equal((await h.app.store.openMeetingInChannel(privateD.id))?.status, 'live', 'still live');
        await h.command(h.users.carol, privateD, 'end', {token: tokenD});
    });
});

describe('button contexts say what they are for and expire', () => {
    async function liveCard(topic: string) {
        const res = await h.command(h.users.alice, h.channels.other, `start ${topic}`);
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === res.body.props.plugnmeet_room_id)!;
        const [join, refresh] = card.props.attachments[0].actions;
        return {card, join, refresh};
    }

    test('a genuine context past its expiry: "out of date", no link, the card unchanged', async () => {
        const {card, join} = await liveCard('Expiring');
        const old = join.integration.context;
        join.integration.context = signContext(h.config.secret, {...old, expires_at: Date.now() - 1000});
        const before = {...activity(), props: JSON.stringify(h.mm.posts.get(card.id).props)};
        const click = await h.mm.clickButton(card.id, 'join', h.users.bob);
        assert.equal(click.status, 200);
        assert.match(click.ephemeralText ?? '', /out of date.*\/plugnmeet join/);
        assert.equal(click.integrationResponse.update, undefined);
        assert.deepEqual({...activity(), props: JSON.stringify(h.mm.posts.get(card.id).props)}, before);
        join.integration.context = old;
        await h.command(h.users.alice, h.channels.other, 'end');
    });

    test('a context copied onto another post, or onto a button for another action: "out of date", no link', async () => {
        const {card, join, refresh} = await liveCard('Copied');
        // A user's post in the same channel carrying the card's join button (contexts stay in Mattermost's database and backups).
        const copy = {...structuredClone(h.mm.posts.get(card.id)), id: 'copiedpost' + 'x'.repeat(16), user_id: h.users.carol.id};
        h.mm.posts.set(copy.id, copy);
        // And the refresh context on a button that says join.
        const swapped = structuredClone(h.mm.posts.get(card.id));
        swapped.id = 'swappedpost' + 'y'.repeat(15);
        swapped.props.attachments[0].actions[0].integration = {url: join.integration.url, context: refresh.integration.context};
        h.mm.posts.set(swapped.id, swapped);
        const before = activity();
        for (const postId of [copy.id, swapped.id]) {
            const click = await h.mm.clickButton(postId, 'join', h.users.bob);
            assert.equal(click.status, 200, postId);
            assert.match(click.ephemeralText ?? '', /out of date/, postId);
            assert.doesNotMatch(click.ephemeralText ?? '', /access_token/);
        }
        assert.deepEqual(activity(), before);
        // The card's own button still works.
        const own = await h.mm.clickButton(card.id, 'join', h.users.bob);
        assert.match(own.ephemeralText ?? '', /access_token=/);
        await h.command(h.users.alice, h.channels.other, 'end');
    });

    test('every render renews the contexts: a refreshed card carries a later expiry', async () => {
        const {card, join} = await liveCard('Renewed');
        const first = join.integration.context.expires_at;
        await new Promise((r) => setTimeout(r, 5));
        h.pnm.joinParticipant(card.props.plugnmeet_room_id, h.users.bob.id, 'bob'); // a change: a click with none answers no update
        await h.mm.clickButton(card.id, 'refresh', h.users.bob);
        const renewed = h.mm.posts.get(card.id).props.attachments[0].actions[0].integration.context;
        assert.ok(renewed.expires_at > first);
        assert.equal(renewed.post_id, card.id, 'a re-rendered context names its post');
        await h.command(h.users.alice, h.channels.other, 'end');
    });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
    test('the address checked is the client the trusted proxy names, not the proxy', async () => {
        const p = await startHarness({env: {TRUST_PROXY: '127.0.0.1', MATTERMOST_SOURCE_ADDRESSES: '10.0.0.5'}});
        try {
            const via = (client: string) => {
                const {body} = p.mm.commandRequest({token: COMMAND_TOKEN, user: p.users.alice, channel: p.channels.town, text: 'help'});
                return p.post('/mattermost/command', body, {'content-type': FORM, 'x-forwarded-for': client});
            };
            assert.equal((await via('10.0.0.5')).status, 200, 'Mattermost, through the proxy');
            assert.equal((await via('198.51.100.9')).status, 403, 'anyone else, through the same proxy');
            // The fake Mattermost itself calls from 127.0.0.1, the proxy's own address, with no header: not Mattermost.
            assert.equal((await p.command(p.users.alice, p.channels.town, 'help')).status, 403);
        } finally {
            await p.close();
        }
    });
});
