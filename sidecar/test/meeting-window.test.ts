// The meeting inside Mattermost (issue 26), the sidecar's part: the admin's MEETINGS_OPEN_IN and
// MEETINGS_DESKTOP_EMBED travel in the props of the start, join and options answers (the webapp
// cannot read plugin settings as a normal user); plugNmeet's logout_url is the sidecar's end page;
// the end page tells only Mattermost's origin that the meeting ended, runs only its own script,
// and reads nothing from the request that could reach the page.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {describe, test} from 'node:test';
import {DESKTOP_EMBED_PROP, END_PAGE_ORIGIN_PROP, FRAME_REFUSED_PROP, MEETING_ENDED_PATH, OPEN_IN_PROP} from '@plugnmeet/contracts';
import {readPolicy} from '../src/config/policy.js';
import {refusesFraming} from '../src/meetings/framing.js';
import {END_PAGE_PER_ADDRESS_PER_MINUTE} from '../src/http/routes/meeting-ended.js';
import {harnessWith, type Harness} from './harness.js';

const whereProps = (props: Record<string, unknown>) => ({open_in: props[OPEN_IN_PROP], desktop_embed: props[DESKTOP_EMBED_PROP], end_origin: props[END_PAGE_ORIGIN_PROP]});

async function startJoinOptions(h: Harness) {
    const start = await h.command(h.users.alice, h.channels.other, 'start Planning');
    const join = await h.command(h.users.bob, h.channels.other, 'join');
    const options = await h.command(h.users.carol, h.channels.other, 'options --quiet');
    await h.command(h.users.alice, h.channels.other, 'end');
    return {start: start.body, join: join.body, options: options.body};
}

describe('unset: meetings open in the browser, as before', () => {
    const h = harnessWith();

    test('start, join and options say open_in browser, no Desktop embedding, and the end page\'s origin', async () => {
        const answers = await startJoinOptions(h());
        const expected = {open_in: 'browser', desktop_embed: false, end_origin: new URL(h().url).origin};
        for (const [name, body] of Object.entries(answers)) {
            assert.deepEqual(whereProps(body.props), expected, name);
        }
        // The topic names the window's bar.
        assert.equal(answers.start.props.meeting_topic, 'Planning');
        assert.equal(answers.join.props.meeting_topic, 'Planning');
    });

    test('plugNmeet\'s logout_url is the end page', async () => {
        const res = await h().command(h().users.alice, h().channels.town, 'start Logout');
        const room = h().pnm.rooms.get(res.body.props.plugnmeet_room_id)!;
        assert.equal(room.metadata.logout_url, `${h().config.publicUrl}${MEETING_ENDED_PATH}`);
        await h().command(h().users.alice, h().channels.town, 'end');
    });

    test('a system admin switches the default at runtime; the next answers carry it', async () => {
        const set = await h().command(h().users.admin, h().channels.town, 'admin set MEETINGS_OPEN_IN mattermost');
        assert.match(set.body.text, /MEETINGS_OPEN_IN/);
        const wrong = await h().command(h().users.admin, h().channels.town, 'admin set MEETINGS_DESKTOP_EMBED maybe');
        assert.match(wrong.body.text, /true or false/);
        await new Promise((resolve) => setTimeout(resolve, 10));
        const options = await h().command(h().users.carol, h().channels.town, 'options --quiet');
        assert.equal(options.body.props[OPEN_IN_PROP], 'mattermost');
        assert.equal(options.body.props[DESKTOP_EMBED_PROP], false);
        await h().command(h().users.admin, h().channels.town, 'admin unset MEETINGS_OPEN_IN');
    });
});

describe('MEETINGS_OPEN_IN=mattermost, MEETINGS_DESKTOP_EMBED=true', () => {
    const h = harnessWith({MEETINGS_OPEN_IN: 'Mattermost', MEETINGS_DESKTOP_EMBED: 'true'});

    test('start, join and options carry them', async () => {
        const answers = await startJoinOptions(h());
        for (const [name, body] of Object.entries(answers)) {
            assert.deepEqual(whereProps(body.props), {open_in: 'mattermost', desktop_embed: true, end_origin: new URL(h().url).origin}, name);
        }
    });
});

test('a mistaken value is refused with what the setting takes, and counts as unset', () => {
    const {policy, errors} = readPolicy({MEETINGS_OPEN_IN: 'tab', MEETINGS_DESKTOP_EMBED: 'yes please'});
    assert.equal(policy.openIn, 'browser');
    assert.equal(policy.desktopEmbed, false);
    assert.deepEqual(errors, [
        'MEETINGS_OPEN_IN takes browser or mattermost (got "tab").',
        'MEETINGS_DESKTOP_EMBED takes true or false (got "yes please").',
    ]);
});

describe(`GET ${MEETING_ENDED_PATH}`, () => {
    const h = harnessWith();
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

    test('tells exactly Mattermost\'s origin, runs only its own script, and is framed only by Mattermost', async () => {
        const res = await fetch(`${h().url}${MEETING_ENDED_PATH}`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('x-plugnmeet-sidecar'), 'meeting-ended');
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
        const html = await res.text();
        const mmOrigin = new URL(h().mm.url).origin;
        const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
        assert.equal(scripts.length, 1);
        assert.equal(scripts[0], `if(window.parent!==window){window.parent.postMessage({"type":"plugnmeet-meeting-ended","version":1},${JSON.stringify(mmOrigin)});}`);
        const csp = res.headers.get('content-security-policy')!;
        assert.match(csp, /default-src 'none'/);
        assert.ok(csp.includes(`script-src ${sha(scripts[0])};`), csp);
        assert.ok(csp.endsWith(`frame-ancestors ${mmOrigin}`), csp);
        assert.match(html, /The meeting has ended/);
        assert.ok(html.includes(`href="${h().config.mattermostUrl}"`));
    });

    test('nothing from the request reaches the page: query, path and headers', async () => {
        const plain = await (await fetch(`${h().url}${MEETING_ENDED_PATH}`)).text();
        const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
        const res = await fetch(`${h().url}${MEETING_ENDED_PATH}?origin=${encodeURIComponent('https://evil.example')}&x=${encodeURIComponent(evil)}`, {
            headers: {'accept-language': `${evil},en`, referer: 'https://evil.example/', 'x-forwarded-host': 'evil.example'},
        });
        assert.equal(res.status, 200);
        assert.equal(await res.text(), plain);
        assert.equal((await fetch(`${h().url}${MEETING_ENDED_PATH}/${encodeURIComponent(evil)}`)).status, 404);
    });

    test('in the reader\'s language', async () => {
        const res = await fetch(`${h().url}${MEETING_ENDED_PATH}`, {headers: {'accept-language': 'de-DE,de;q=0.9,en;q=0.5'}});
        const html = await res.text();
        assert.match(html, /<html lang="de">/);
        assert.match(html, /Die Besprechung ist beendet/);
        assert.match(res.headers.get('content-security-policy')!, /script-src 'sha256-/);
    });

    test('has its own per-address limit', async () => {
        let limited = 0;
        for (let i = 0; i <= END_PAGE_PER_ADDRESS_PER_MINUTE; i++) {
            const res = await fetch(`${h().url}${MEETING_ENDED_PATH}`);
            if (res.status === 429) {
                limited++;
                assert.ok(Number(res.headers.get('retry-after')) > 0);
            }
            await res.arrayBuffer();
        }
        // Earlier tests in this block fetched it too.
        assert.ok(limited >= 1);
    });
});

describe('a proxy in front of plugNmeet that refuses framing', () => {
    const h = harnessWith({MEETINGS_OPEN_IN: 'mattermost'});

    test('the answers say so once the sidecar has looked (in the background, not on the join\'s path)', async () => {
        h().pnm.proxyHeaders = {'x-frame-options': 'SAMEORIGIN'};
        const ask = async () => (await h().command(h().users.carol, h().channels.town, 'options --quiet')).body.props;
        const first = await ask();
        assert.equal(first[OPEN_IN_PROP], 'mattermost');
        let props = first;
        for (let i = 0; i < 50 && props[FRAME_REFUSED_PROP] !== true; i++) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            props = await ask();
        }
        assert.equal(props[FRAME_REFUSED_PROP], true);
        const start = await h().command(h().users.alice, h().channels.town, 'start Framed');
        assert.equal(start.body.props[FRAME_REFUSED_PROP], true);
        assert.ok(start.body.goto_location, 'the meeting still starts: the window offers a new tab');
        await h().command(h().users.alice, h().channels.town, 'end');
    });
});

test('which headers refuse framing by Mattermost', () => {
    const mm = 'https://chat.example.com';
    const pnm = 'https://meet.example.com';
    const refuses = (xFrameOptions: string, contentSecurityPolicy = '', own = pnm) => refusesFraming({xFrameOptions, contentSecurityPolicy}, mm, own);
    assert.equal(refuses(''), false, 'plugNmeet itself sends none');
    assert.equal(refuses('DENY'), true);
    assert.equal(refuses('SAMEORIGIN'), true);
    assert.equal(refuses('SAMEORIGIN', '', mm), false, 'behind the same origin');
    assert.equal(refuses('', "default-src 'self'; frame-ancestors 'self'"), true);
    assert.equal(refuses('', "frame-ancestors 'none'"), true);
    assert.equal(refuses('', `frame-ancestors 'self' ${mm}`), false);
    assert.equal(refuses('', 'frame-ancestors https://*.example.com'), false);
    assert.equal(refuses('', 'frame-ancestors https:'), false);
    assert.equal(refuses('', 'frame-ancestors *'), false);
    assert.equal(refuses('DENY', `frame-ancestors ${mm}`), false, 'frame-ancestors wins over X-Frame-Options');
});
