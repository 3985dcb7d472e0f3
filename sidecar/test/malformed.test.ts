// Bad input to the slash command endpoint: a clear answer, never a 5xx or a crash, nothing changed.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {COMMAND_TOKEN, type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

const FORM = 'application/x-www-form-urlencoded';

function form(fields: Record<string, string>): string {
    return new URLSearchParams(fields).toString();
}

test('25+ malformed command requests: no 5xx, no crash, nothing created', async () => {
    const base = {token: COMMAND_TOKEN, team_id: h.mm.teamId, channel_id: h.channels.town.id, user_id: h.users.alice.id, user_name: 'alice', command: '/plugnmeet'};
    // The fourth field marks requests that are, despite looks, a valid `/plugnmeet [start ...]`.
    const cases: Array<[string, string | Buffer, Record<string, string>, 'may start'?]> = [
        ['empty body', '', {'content-type': FORM}],
        ['no content type', form({...base, text: 'start'}), {}],
        ['JSON instead of form', JSON.stringify({...base, text: 'start'}), {'content-type': 'application/json'}],
        ['JSON with a form content type', JSON.stringify({...base, text: 'start'}), {'content-type': FORM}],
        ['text/plain', form({...base, text: 'start'}), {'content-type': 'text/plain'}],
        ['multipart', '--x\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc\r\n--x--', {'content-type': 'multipart/form-data; boundary=x'}],
        ['token only', form({token: COMMAND_TOKEN}), {'content-type': FORM}],
        ['missing user_id', form({...base, user_id: '', text: 'start'}), {'content-type': FORM}],
        ['missing channel_id', form({...base, channel_id: '', text: 'start'}), {'content-type': FORM}],
        ['missing text', form(base), {'content-type': FORM}, 'may start'],
        ['repeated token', `${form(base)}&token=other&text=start`, {'content-type': FORM}],
        ['repeated text', `${form(base)}&text=start&text=end`, {'content-type': FORM}],
        ['200 KB text', form({...base, text: 'start ' + 'y'.repeat(200 * 1024)}), {'content-type': FORM}],
        ['2 MB body', form({...base, text: 'z'.repeat(2 * 1024 * 1024)}), {'content-type': FORM}],
        ['invalid UTF-8 bytes', Buffer.concat([Buffer.from(form(base) + '&text=start%20'), Buffer.from([0xff, 0xfe, 0xc3])]), {'content-type': FORM}, 'may start'],
        ['invalid percent escapes', `${form(base)}&text=start%E0%A4%A`, {'content-type': FORM}, 'may start'],
        ['overlong UTF-8 escape', `${form(base)}&text=start%C0%AF`, {'content-type': FORM}, 'may start'],
        ['NUL bytes in topic', form({...base, text: 'start a\u0000b'}), {'content-type': FORM}, 'may start'],
        ['join with a 5000-char id', form({...base, text: 'join ' + 'a'.repeat(5000)}), {'content-type': FORM}],
        ['join with path characters', form({...base, text: 'join ../../x'}), {'content-type': FORM}],
        ['a first word that is no subcommand (a topic)', form({...base, text: '🎥🎥 now'}), {'content-type': FORM}, 'may start'],
        ['only whitespace text', form({...base, text: ' \t\n '}), {'content-type': FORM}, 'may start'],
        ['end with nothing live', form({...base, text: 'end'}), {'content-type': FORM}],
        ['user id of a user Mattermost does not know, end', form({...base, user_id: 'nosuchuser000000000000000', text: 'end'}), {'content-type': FORM}],
        ['garbage bytes', Buffer.from([0x00, 0x01, 0x02, 0x80, 0xff]), {'content-type': FORM}],
        ['bare equals signs', '===&&&=', {'content-type': FORM}],
        ['--root with a bad id', form({...base, text: 'start --root nope Topic'}), {'content-type': FORM}],
        ['content type with charset', form({...base, text: 'help'}), {'content-type': `${FORM}; charset=utf-8`}],
    ];
    assert.ok(cases.length >= 25);
    const posts = h.mm.posts.size;
    let starts = 0;
    for (const [name, body, headers, mayStart] of cases) {
        const res = await h.post('/mattermost/command', body, headers);
        assert.ok(res.status < 500, `${name}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
        if (res.status === 200) {
            const json = JSON.parse(res.text);
            assert.equal(typeof json.text, 'string', name);
            assert.equal(res.contentType, 'application/json', name);
            if (!mayStart) {
                assert.equal(json.goto_location, undefined, `${name} must not start or join anything`);
            }
        }
        const open = await h.app.store.openMeetingInChannel(h.channels.town.id);
        if (open) {
            assert.ok(mayStart, `${name} started a meeting`);
            starts++;
            const end = await h.command(h.users.alice, h.channels.town, 'end');
            assert.match(end.body.text, /You ended/);
        }
    }
    // Each legal start made exactly one card (plus its "ended" reply), nothing else was posted.
    assert.equal(h.cards().length, starts);
    assert.equal(h.mm.posts.size, posts + 2 * starts);
    const topics = h.cards().map((c) => c.props.meeting_topic);
    assert.ok(!topics.includes('--root nope Topic'), 'a bad --root is refused, not made part of the topic');
    assert.ok(topics.every((t: string) => [...t].length <= 200));
    const health = await fetch(`${h.url}/healthz`);
    assert.equal(health.status, 200);
});

test('a user without a user name still gets a sensible answer', async () => {
    const res = await h.post('/mattermost/command', form({token: COMMAND_TOKEN, team_id: h.mm.teamId, channel_id: h.channels.other.id, user_id: h.users.bob.id, text: 'help'}), {'content-type': FORM});
    assert.equal(res.status, 200);
});
