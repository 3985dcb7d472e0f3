// Guests (issue 24): people without a Mattermost account join a live meeting through a link from
// `/plugnmeet invite`. Real sidecar, fake Mattermost and plugNmeet (whose join-token rules are
// pkg/models/user_join.go's). Guests' requests come through a trusted proxy from addresses that
// are not Mattermost's, as they would.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import fc from 'fast-check';
import {parse} from 'parse5';
import {reportPolicy} from '../src/admin/doctor-policy.js';
import {GUEST_JOINS_PER_LINK_PER_MINUTE} from '../src/http/routes/guest.js';
import {renderGuestPage} from '../src/http/guest-page.js';
import {cleanGuestName, hashLinkToken, MAX_GUEST_NAME} from '../src/meetings/guests/links.js';
import {type Harness, harnessWith, jwtClaims, startHarness, tokenFromJoinUrl} from './harness.js';

const FORM = 'application/x-www-form-urlencoded';
/** Mattermost calls from 127.0.0.1; the proxy (also 127.0.0.1, trusted) names each guest's address. */
const GUEST_ENV = {TRUST_PROXY: '127.0.0.1', MEETINGS_GUEST_LINKS: 'moderators'};
const OUTSIDE = '198.51.100.7';

async function start(h: Harness, topic: string, channel = h.channels.town) {
    const res = await h.command(h.users.alice, channel, `start ${topic}`);
    const roomId: string = res.body.props?.plugnmeet_room_id;
    assert.ok(roomId, JSON.stringify(res.body));
    return roomId;
}

async function invite(h: Harness, args = '', user = h.users.alice, channel = h.channels.town) {
    const res = await h.command(user, channel, `invite ${args}`);
    assert.equal(res.status, 200);
    return {text: String(res.body.text), url: res.body.props?.plugnmeet_guest_url as string | undefined};
}

async function link(h: Harness, args = '') {
    const made = await invite(h, args);
    assert.ok(made.url, made.text);
    return {...made, url: made.url, id: /\(id `([0-9a-f]{10})`\)/.exec(made.text)![1]};
}

function guestPath(url: string) {
    return new URL(url).pathname;
}

async function open(h: Harness, url: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${h.url}${guestPath(url)}`, {headers: {'x-forwarded-for': OUTSIDE, ...headers}, redirect: 'manual'});
    return {status: res.status, headers: res.headers, html: await res.text()};
}

const formOf = (html: string) => /name="form" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Opens the page and presses Join with `name`, as a browser would. */
async function join(h: Harness, url: string, name: string, o: {from?: string; form?: string; headers?: Record<string, string>} = {}) {
    const form = o.form ?? formOf((await open(h, url, {'x-forwarded-for': o.from ?? OUTSIDE})).html);
    const res = await fetch(`${h.url}${guestPath(url)}`, {
        method: 'POST', redirect: 'manual',
        headers: {'content-type': FORM, 'x-forwarded-for': o.from ?? OUTSIDE, ...o.headers},
        body: new URLSearchParams({name, form}).toString(),
    });
    return {status: res.status, location: res.headers.get('location') ?? '', html: await res.text(), headers: res.headers};
}

const guestTokens = (h: Harness) => h.pnm.tokens.filter((t) => t.user_id.startsWith('guest-'));

describe('who may invite', () => {
    const h = harnessWith({TRUST_PROXY: '127.0.0.1'});

    test('off by default: the refusal says why and how to turn it on, nothing is made', async () => {
        await start(h(), 'Off');
        const made = await invite(h());
        assert.match(made.text, /Guest links are turned off.*MEETINGS_GUEST_LINKS/);
        assert.equal(made.url, undefined);
        assert.deepEqual(await h().app.store.guestInvitesOfRoom((await h().app.store.openMeetingInChannel(h().channels.town.id))!.roomId), []);
    });

    test('under moderators, an attendee is refused and the moderator (the starter) gets a link; under members, anyone in the channel', async () => {
        const set = (value: string) => h().command(h().users.admin, h().channels.town, `admin set MEETINGS_GUEST_LINKS ${value}`);
        await set('moderators');
        await new Promise((r) => setTimeout(r, 5100)); // the policy is read again after POLICY_TTL_MS
        const refused = await invite(h(), '', h().users.bob);
        assert.match(refused.text, /Only this meeting's moderators may invite guests/);
        assert.equal(refused.url, undefined);
        const made = await invite(h());
        assert.ok(made.url?.startsWith(`${h().url}/guest/`), made.text);
        assert.equal(h().mm.ephemerals.at(-1)?.user_id, h().users.alice.id, 'answered to the asker only');
        await set('members');
        await new Promise((r) => setTimeout(r, 5100));
        assert.ok((await invite(h(), '', h().users.bob)).url);
        // The admin's show and doctor name the setting.
        const show = await h().command(h().users.admin, h().channels.town, 'admin show');
        assert.match(show.body.text, /MEETINGS_GUEST_LINKS` = `members`/);
        const lines: string[] = [];
        await reportPolicy(h().config, h().app.store, (_v, line) => lines.push(line));
        assert.match(lines.join('\n'), /MEETINGS_GUEST_LINKS=members \(set by @root/);
        assert.match(lines.join('\n'), /MEETINGS_GUEST_LOCKS=unset/);
        // Locks: names or none; a wrong one is refused with what it takes, and nothing changes.
        const locks = async (value: string) => (await h().command(h().users.admin, h().channels.town, `admin set MEETINGS_GUEST_LOCKS ${value}`)).body.text as string;
        assert.match(await locks('screen-sharing,chat'), /MEETINGS_GUEST_LOCKS/);
        assert.match(await locks('none'), /MEETINGS_GUEST_LOCKS/);
        assert.match(await locks('telepathy'), /MEETINGS_GUEST_LOCKS takes any of microphone, webcam, screen-sharing/);
        assert.match((await h().command(h().users.admin, h().channels.town, 'admin show')).body.text, /MEETINGS_GUEST_LOCKS` = `none`/);
    });

    test('a Mattermost guest account never makes a guest link', async () => {
        const gus = h().mm.addUser({username: 'gus', roles: 'system_guest'});
        h().mm.addMember(h().channels.town.id, gus.id);
        const made = await invite(h(), '', gus);
        assert.match(made.text, /Guest accounts cannot invite guests/);
        assert.equal(made.url, undefined);
    });

    test('no live meeting, and bad flags: told what to do, nothing made', async () => {
        assert.match((await invite(h(), '', h().users.alice, h().channels.other)).text, /no live meeting in this channel to invite guests to/);
        for (const bad of ['--expires 3d', '--expires 10s', '--uses 0', '--uses many', '--whatever', 'revoke']) {
            const made = await invite(h(), bad);
            assert.equal(made.url, undefined, bad);
            assert.match(made.text, bad === 'revoke' ? /no open guest link/ : /Use `\/plugnmeet invite/, bad);
        }
    });
});

describe('the guest page and Join', () => {
    const h = harnessWith({...GUEST_ENV, MEETINGS_GUEST_LOCKS: 'screen-sharing,private-chat'});
    let url = '';
    let roomId = '';

    test('a GET from an address that is not Mattermost\'s shows topic, inviter and the form, mints nothing; /mattermost/ stays closed to it', async () => {
        roomId = await start(h(), 'Parents <evening> & "talk"');
        ({url} = await link(h()));
        const before = h().pnm.tokens.length;
        for (let i = 0; i < 3; i++) {
            const page = await open(h(), url);
            assert.equal(page.status, 200);
            assert.match(page.html, /<h1>Parents &lt;evening&gt; &amp; &quot;talk&quot;<\/h1>/);
            assert.match(page.html, /alice invited you to/);
            assert.match(page.html, /<form method="post">/);
        }
        assert.equal(h().pnm.tokens.length, before, 'a GET mints nothing');
        const mm = await fetch(`${h().url}/mattermost/command`, {method: 'POST', headers: {'content-type': FORM, 'x-forwarded-for': OUTSIDE}, body: 'token=x'});
        assert.equal(mm.status, 403, 'the guest path is public, /mattermost/ is not');
    });

    test('the page\'s headers: no-store, no referrer, a strict CSP that forbids framing, the sidecar\'s mark', async () => {
        for (const res of [await open(h(), url), await open(h(), `${h().url}/guest/${'A'.repeat(22)}`), await join(h(), url, '')]) {
            assert.equal(res.headers.get('cache-control'), 'no-store');
            assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
            const csp = res.headers.get('content-security-policy') ?? '';
            assert.match(csp, /default-src 'none'/);
            assert.match(csp, /frame-ancestors 'none'/);
            assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
            assert.doesNotMatch(csp, /unsafe-inline|script-src/);
            assert.match(csp, new RegExp(`form-action 'self' ${h().pnm.url.replace(/[.]/g, '\\.')}`));
            assert.equal(res.headers.get('x-frame-options'), 'DENY');
            assert.equal(res.headers.get('x-plugnmeet-sidecar'), 'guest');
            assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
        }
    });

    test('Join mints a token that is never admin, with a guest id of its own, the name marked, the guest locks; then redirects to the meeting', async () => {
        const res = await join(h(), url, '  Zoë  ');
        assert.equal(res.status, 303);
        assert.ok(res.location.startsWith(h().pnm.url), res.location);
        const claims = jwtClaims(tokenFromJoinUrl(res.location));
        assert.equal(claims.is_admin, false);
        assert.match(claims.user_id, /^guest-[0-9a-f]{32}$/);
        assert.equal(claims.name, 'Zoë (guest)');
        const issued = h().pnm.tokens.at(-1)!;
        assert.equal(issued.user_metadata.is_admin, false);
        assert.equal(issued.user_metadata.lock_settings.lock_screen_sharing, true);
        assert.equal(issued.user_metadata.lock_settings.lock_private_chat, true);
        const sent = h().pnm.calls.filter((c) => c.path === '/auth/room/getJoinToken').at(-1)!.body;
        assert.deepEqual(sent.user_info.user_metadata, {lock_settings: {lock_screen_sharing: true, lock_private_chat: true}});
        // The link is the credential and the token a way in: neither reaches the log.
        const log = h().logs.join('');
        assert.ok(!log.includes(url.split('/').at(-1)!), 'the guest link is not logged');
        assert.ok(!log.includes(tokenFromJoinUrl(res.location)), 'the guest\'s token is not logged');
        assert.match(log, /"url":"\/guest\/…"/);
    });

    test('two guests with the same name both stay in: distinct ids, nobody kicked', async () => {
        const first = jwtClaims(tokenFromJoinUrl((await join(h(), url, 'Sam')).location));
        h().pnm.joinParticipant(roomId, first.user_id);
        const second = jwtClaims(tokenFromJoinUrl((await join(h(), url, 'Sam', {from: '198.51.100.8'})).location));
        h().pnm.joinParticipant(roomId, second.user_id);
        assert.notEqual(first.user_id, second.user_id);
        assert.deepEqual(h().pnm.kicked, []);
        assert.ok(h().pnm.rooms.get(roomId)!.participants.has(first.user_id));
        assert.ok(h().pnm.rooms.get(roomId)!.participants.has(second.user_id));
    });

    test('a name is trimmed, cut to 64, stripped of control and bidi characters; an empty one asks again and mints nothing', async () => {
        const before = guestTokens(h()).length;
        for (const empty of ['', '   ', '\u202E\u0000\u200B']) {
            const res = await join(h(), url, empty);
            assert.equal(res.status, 200);
            assert.match(res.html, /Please type your name/);
        }
        assert.equal(guestTokens(h()).length, before);
        const odd = jwtClaims(tokenFromJoinUrl((await join(h(), url, `\u202EZo\u0007ë\u2066 ${'x'.repeat(100)}`)).location));
        assert.equal(odd.name, `Zo ë ${'x'.repeat(59)} (guest)`);
    });

    test('Accept-Language picks the page\'s language among en, de, fr, es', async () => {
        for (const [lang, words] of [['de-DE,de;q=0.9', 'Dein Name'], ['en;q=0.2, fr-CA', 'Votre nom'], ['es', 'Tu nombre'], ['pt-BR', 'Your name'], ['', 'Your name']] as const) {
            const page = await open(h(), url, {'accept-language': lang});
            assert.match(page.html, new RegExp(words), lang);
        }
    });

    test('a POST without the page\'s form token (another site\'s form) mints nothing and shows the form again', async () => {
        const before = h().pnm.tokens.length;
        for (const form of ['', '1.abc', `${Date.now()}.${'A'.repeat(43)}`]) {
            const res = await join(h(), url, '"><script>alert(1)</script>', {form});
            assert.equal(res.status, 200);
            assert.match(res.html, /press Join again/);
            assert.doesNotMatch(res.html, /<script>/);
            assert.match(res.html, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
        }
        assert.equal(h().pnm.tokens.length, before);
    });
});

describe('links that no longer work mint nothing and start nothing, in the same words as one that never existed', () => {
    let clock = Date.now();
    let h: Harness;
    test('changed, expired, revoked, used up, after the end', async () => {
        h = await startHarness({env: GUEST_ENV, now: () => clock});
        try {
            const roomId = await start(h, 'Closing');
            const unknown = (await open(h, `${h.url}/guest/${'Q'.repeat(22)}`)).html;
            assert.match(unknown, /This invitation is no longer valid/);
            const never = async (url: string, what: string) => {
                const rooms = h.pnm.rooms.size;
                const tokens = h.pnm.tokens.length;
                const page = await open(h, url);
                assert.equal(page.status, 404, what);
                assert.equal(page.html, unknown, `${what}: the same page as a link that never existed`);
                const res = await join(h, url, 'Mallory', {form: formOf((await open(h, okUrl)).html)});
                assert.equal(res.status, 404, what);
                assert.equal(res.html, unknown, what);
                assert.equal(h.pnm.tokens.length, tokens, `${what}: nothing minted`);
                assert.equal(h.pnm.rooms.size, rooms, `${what}: nothing started`);
            };
            const okUrl = (await link(h)).url;
            const token = okUrl.split('/').at(-1)!;
            await never(okUrl.replace(token, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')), 'a changed link');
            await never(`${okUrl}x`, 'a longer link');

            const short = await link(h, '--expires 30m');
            assert.match(short.text, /valid until/);
            assert.equal((await join(h, short.url, 'Early')).status, 303);
            clock += 31 * 60_000;
            await never(short.url, 'an expired link');

            const revoked = await link(h);
            const list = await invite(h, 'list');
            assert.match(list.text, new RegExp(`\`${revoked.id}\` by alice: used 0 times, until .* UTC; open`));
            assert.match((await invite(h, `revoke ${revoked.id}`)).text, /no longer works/);
            assert.match((await invite(h, 'list')).text, new RegExp(`\`${revoked.id}\` .*; no longer valid`));
            await never(revoked.url, 'a revoked link');
            assert.match((await invite(h, `revoke ${revoked.id}`)).text, /no open guest link/, 'revoked once');

            const once = await link(h, '--uses 1');
            assert.equal((await join(h, once.url, 'First')).status, 303);
            await never(once.url, 'a used-up link');

            // Ten Joins at once on a link for one: one gets in (the store counts each use atomically).
            const single = await link(h, '--uses 1');
            const form = formOf((await open(h, single.url)).html);
            const raced = await Promise.all(Array.from({length: 10}, (_, i) => join(h, single.url, `Racer ${i}`, {form, from: `198.51.100.${i + 20}`})));
            assert.deepEqual(raced.map((r) => r.status).sort(), [303, ...Array(9).fill(404)]);

            // A form served before the link ran out is no key either.
            const racing = await link(h, '--uses 1');
            const servedForm = formOf((await open(h, racing.url)).html);
            assert.equal((await join(h, racing.url, 'Winner')).status, 303);
            assert.equal((await join(h, racing.url, 'Late', {form: servedForm})).status, 404);

            // A form token older than 2 hours asks to press Join again; the link itself still works.
            const slow = await link(h);
            const oldForm = formOf((await open(h, slow.url)).html);
            clock += 2 * 60 * 60_000 + 1000;
            const stale = await join(h, slow.url, 'Slow', {form: oldForm});
            assert.match(stale.html, /press Join again/);
            assert.equal((await join(h, slow.url, 'Slow')).status, 303);

            const live = await link(h);
            await h.command(h.users.alice, h.channels.town, 'end');
            assert.equal(h.pnm.rooms.get(roomId)!.ended, true);
            await never(live.url, 'a link after the meeting ended');
            await never(slow.url, 'every link of the meeting after its end');
        } finally {
            await h.close();
        }
    });
});

describe('a meeting that is not live yet', () => {
    const h = harnessWith(GUEST_ENV);
    test('its page says so and reloads itself; a Join mints nothing', async () => {
        const store = h().app.store;
        const now = Date.now();
        await store.reserveMeeting({
            roomId: 'r'.repeat(32), channelId: h().channels.other.id, teamId: h().mm.teamId, rootId: '', creatorId: h().users.alice.id,
            creatorUsername: 'alice', creatorName: 'alice', creatorLocale: 'en', topic: 'Soon', startedAt: now,
        });
        const token = 'W'.repeat(22);
        await store.addGuestInvite({id: '0123456789', tokenHash: hashLinkToken(token), roomId: 'r'.repeat(32), inviterId: h().users.alice.id, inviterName: 'alice', createdAt: now, expiresAt: now + 3600_000, maxUses: 0});
        const page = await open(h(), `${h().url}/guest/${token}`);
        assert.equal(page.status, 200);
        assert.match(page.html, /has not started yet/);
        assert.match(page.html, /<meta http-equiv="refresh" content="10">/);
        assert.doesNotMatch(page.html, /<form/);
        const res = await join(h(), `${h().url}/guest/${token}`, 'Eager', {form: `${now}.${'A'.repeat(43)}`});
        assert.equal(res.status, 200);
        assert.equal(h().pnm.tokens.length, 0);
    });
});

describe('a scheduled meeting\'s link', () => {
    test('says when it starts, waits by itself, mints nothing before; opens when the meeting starts', async () => {
        let clock = Date.UTC(2027, 2, 1, 8, 0);
        const h = await startHarness({env: GUEST_ENV, now: () => clock});
        try {
            const planned = await h.command(h.users.alice, h.channels.town, 'schedule 2027-03-01 10:00 Parents evening');
            assert.match(planned.body.text, /You scheduled/);
            const made = await link(h, '--expires 2h');
            assert.match(made.text, /valid until 2027-03-01 12:00 UTC/, 'counted from the planned start');
            const page = await open(h, made.url, {'accept-language': 'de'});
            assert.equal(page.status, 200);
            assert.match(page.html, /Geplanter Beginn: 1\. März 2027(, | um )10:00 UTC/);
            assert.match(page.html, /<meta http-equiv="refresh" content="10">/);
            assert.doesNotMatch(page.html, /<form/);
            assert.equal((await join(h, made.url, 'Early', {form: `${clock}.${'A'.repeat(43)}`})).status, 200);
            assert.equal(h.pnm.tokens.length, 0, 'nothing minted, nothing started');
            assert.equal(h.pnm.rooms.size, 0);

            clock = Date.UTC(2027, 2, 1, 10, 0, 5);
            await h.app.meetings.schedules.tick();
            assert.equal(h.pnm.rooms.size, 1, 'the scheduler started it');
            const res = await join(h, made.url, 'On time');
            assert.equal(res.status, 303);
            assert.equal(jwtClaims(tokenFromJoinUrl(res.location)).name, 'On time (guest)');
            clock = Date.UTC(2027, 2, 1, 12, 0, 1);
            assert.equal((await open(h, made.url)).status, 404, 'expired two hours after the planned start');
        } finally {
            await h.close();
        }
    });
});

describe('in Mattermost', () => {
    const h = harnessWith(GUEST_ENV);
    test('the thread says "<name> (guest) joined, invited by alice" once per guest, reconnects included, with the name as text', async () => {
        const roomId = await start(h(), 'Thread');
        const card = h().cards().find((p) => p.props.plugnmeet_room_id === roomId)!;
        const {url} = await link(h());
        const ids: string[] = [];
        for (const name of ['<b>Zoë</b> @all', 'Ann']) {
            ids.push(jwtClaims(tokenFromJoinUrl((await join(h(), url, name)).location)).user_id);
        }
        const hook = `${h().url}/plugnmeet/webhook`;
        for (const id of [ids[0], ids[1], ids[0], 'alice-not-a-guest']) { // ids[0] reconnects
            h().pnm.joinParticipant(roomId, id);
            const res = await h().pnm.sendWebhook(hook, h().pnm.buildEvent('participant_joined', roomId, {participant: {identity: id}}));
            assert.equal(res.status, 200, res.body);
        }
        const replies = [...h().mm.posts.values()].filter((p) => p.root_id === card.id && /invited by/.test(p.message));
        assert.equal(replies.length, 2, replies.map((p) => p.message).join('\n'));
        assert.equal(replies[0].message, '&lt;b>Zoë&lt;/b> @\u200Ball (guest) joined, invited by alice');
        assert.equal(replies[1].message, 'Ann (guest) joined, invited by alice');
        // plugNmeet got the name as text, marked
        assert.equal(h().pnm.tokens.find((t) => t.user_id === ids[0])!.name, '<b>Zoë</b> @all (guest)');
        // The card counts them, once each.
        await h().app.cardUpdates.flushAll();
        const props = h().mm.posts.get(card.id)!.props;
        assert.equal(props.meeting_guests, 2);
        assert.match(props.attachments[0].text, / · 2 guests by a guest link/);
    });
});

describe('two replicas on one store', () => {
    const h = harnessWith(GUEST_ENV);
    test('a link made on one works on the other; revoked on one, refused on the other', async () => {
        await start(h(), 'Replicas');
        const other = await h().startReplica();
        const made = await link(h());
        const there = made.url.replace(h().url, other.url);
        const page = await fetch(there, {headers: {'x-forwarded-for': OUTSIDE}});
        const form = formOf(await page.text());
        const post = (to: string) => fetch(to, {method: 'POST', redirect: 'manual', headers: {'content-type': FORM, 'x-forwarded-for': OUTSIDE},
            body: new URLSearchParams({name: 'Elsewhere', form}).toString()});
        assert.equal((await post(there)).status, 303, 'the other replica mints: the link is in the store, the form signed with the shared secret');
        await other.command(h().users.alice, h().channels.town, `invite revoke ${made.id}`);
        assert.equal((await post(made.url)).status, 404, 'revoked there, refused here');
        await other.close();
    });
});

describe('hostile requests to /guest/', () => {
    const h = harnessWith(GUEST_ENV);
    test('answered 4xx, never 5xx, and nothing minted', async () => {
        await start(h(), 'Hostile');
        const {url} = await link(h());
        const path = guestPath(url);
        const post = (body: string, headers: Record<string, string>, to = path) =>
            fetch(`${h().url}${to}`, {method: 'POST', body, headers: {'x-forwarded-for': OUTSIDE, ...headers}, redirect: 'manual'}).then((r) => r.status);
        assert.equal(await post('name=x&form=' + 'y'.repeat(5000), {'content-type': FORM}), 413, 'a body over 4 KiB');
        assert.equal(await post(JSON.stringify({name: 'x'}), {'content-type': 'application/json'}), 415);
        assert.equal(await post('name=%E0%A4%A&form=%', {'content-type': FORM}), 200, 'broken percent-encoding is text');
        assert.equal(await post('name=a&name=b&__proto__=x&form=1', {'content-type': FORM}), 200);
        for (const to of [`/guest/${'A'.repeat(99)}`, '/guest/..%2F..%2Fmattermost', '/guest/%00', `/guest/${encodeURIComponent('<script>')}`]) {
            const get = await fetch(`${h().url}${to}`, {headers: {'x-forwarded-for': OUTSIDE}});
            assert.ok(get.status === 404, `${to}: ${get.status}`);
            assert.ok(await post('name=x&form=1', {'content-type': FORM}, to) < 500, to);
        }
        assert.equal(guestTokens(h()).length, 0);
    });
});

describe('rate limits', () => {
    const h = harnessWith(GUEST_ENV);
    test('a class of 60 behind one address joins within a minute; the per-link and per-address limits then hold', async () => {
        await start(h(), 'Class');
        const a = (await link(h())).url;
        const b = (await link(h())).url;
        const school = '203.0.113.10';
        const statuses = [];
        for (let i = 0; i < 60; i++) {
            statuses.push((await join(h(), a, `Pupil ${i}`, {from: school})).status);
        }
        assert.deepEqual(new Set(statuses), new Set([303]), 'all 60 in');
        for (let i = 0; i < GUEST_JOINS_PER_LINK_PER_MINUTE - 60; i++) {
            assert.equal((await join(h(), a, `More ${i}`, {from: school})).status, 303);
        }
        const overLink = await join(h(), a, 'One too many', {from: '203.0.113.99'});
        assert.equal(overLink.status, 429, 'the link\'s limit, from any address');
        assert.match(overLink.html, /Many people are joining right now/);
        assert.ok(Number(overLink.headers.get('retry-after')) > 0);
        assert.equal((await join(h(), b, 'Other link', {from: school})).status, 429, 'the school address\'s join limit');
        assert.equal((await join(h(), b, 'Elsewhere', {from: '203.0.113.99'})).status, 303, 'another link from another address still works');
        const metrics = await (await fetch(`${h().url}/metrics`)).text();
        assert.match(metrics, new RegExp(`plugnmeet_sidecar_guest_joins_total\\{outcome="joined"\\} ${GUEST_JOINS_PER_LINK_PER_MINUTE + 1}`));
        assert.match(metrics, /plugnmeet_sidecar_guest_joins_total\{outcome="limited"\} 2/);
    });
});

describe('names and page text, 2,000 generated inputs each (fast-check, fixed seed)', () => {
    const PIECES = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</h1>', '&amp;', '&lt;', '\'', '"', '@all', '\u202E', '\u2066',
        '\u200B', '\uFEFF', '\u0000', '\u0085', '\u2028', '\n', '\r', '\t', ' ', 'Zoë', '🎥', 'é'];
    const text = fc.oneof(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({unit: 'binary', maxLength: 5})), {maxLength: 20}).map((p) => p.join('')),
        fc.string({unit: 'binary', maxLength: 120}));
    const options = {seed: 20261207, numRuns: 2000};

    test('a cleaned name: no control, format or line characters, trimmed, at most 64 characters, stable', () => {
        fc.assert(fc.property(text, (raw) => {
            const name = cleanGuestName(raw);
            assert.doesNotMatch(name, /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
            assert.equal(name, name.trim());
            assert.ok([...name].length <= MAX_GUEST_NAME);
            assert.equal(cleanGuestName(name), name);
        }), options);
    });

    /** Every text node and attribute value of the parsed page, as a browser reads them. */
    function read(html: string) {
        const texts: Record<string, string> = {};
        const values: string[] = [];
        const walk = (node: any) => {
            if (node.nodeName === 'h1' || node.nodeName === 'p' || node.nodeName === 'title') {
                texts[node.nodeName === 'p' ? `p${Object.keys(texts).length}` : node.nodeName] = node.childNodes.map((c: any) => c.value ?? '').join('');
            }
            if (node.nodeName === 'input' && node.attrs.some((a: any) => a.name === 'name' && a.value === 'name')) {
                values.push(node.attrs.find((a: any) => a.name === 'value')?.value ?? '');
            }
            if (['script', 'img', 'iframe', 'a'].includes(node.nodeName)) {
                throw new Error(`an element came from text: <${node.nodeName}>`);
            }
            (node.childNodes ?? []).forEach(walk);
        };
        walk(parse(html));
        return {texts, values};
    }

    test('topic, inviter and typed name read in the parsed page exactly as written, never as markup', () => {
        // NUL never reaches the page (topics are one line without controls; names are cleaned) and HTML has no way to write it.
        const noNul = text.map((s) => s.split(String.fromCharCode(0)).join(''));
        fc.assert(fc.property(noNul, noNul, noNul, (topic, inviter, name) => {
            const html = renderGuestPage('en', {state: 'open', topic, inviter, form: '1.x'}, {problem: 'name', name});
            const {texts, values} = read(html);
            // The HTML parser reads CR and CR LF as LF: that is the browser's reading, not ours.
            const asParsed = (s: string) => s.replace(/\r\n?/g, '\n');
            assert.equal(texts.h1, asParsed(topic));
            assert.equal(texts.title, asParsed(topic));
            assert.ok(Object.values(texts).includes(asParsed(`${inviter} invited you to`)));
            assert.deepEqual(values, [asParsed(name)]);
        }), options);
    });
});
