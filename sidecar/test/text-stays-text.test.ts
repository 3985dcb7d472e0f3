// People's text stays text in plugNmeet (issue 21, finding 1): a welcome message or a topic holding
// markup reaches plugNmeet's create request so that participants read it as written, by every path
// a start takes: `/plugnmeet start`, the options dialog's command, a scheduled start, and the
// ended card's "Start a new meeting". What participants see is the fake's model of plugNmeet-client
// (test/fakes/plugnmeet/participant-view.ts): the welcome as HTML, the title as text.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {formatFlags, NO_OPTIONS} from '@plugnmeet/contracts';
import fc from 'fast-check';
import {textAsHtml} from '../src/plugnmeet/room-options.js';
import {shownInMeeting, type FakeRoom} from './fakes/plugnmeet.js';
import {harnessWith, type Harness, startHarness} from './harness.js';

const WELCOME = '<img src=x onerror="alert(document.cookie)"> & <a href="javascript:alert(1)">hi</a> \'q\'';
const TOPIC = '<img src=y onerror=alert(2)> Q&A';

function roomOf(h: Harness, roomId: string) {
    const room = h.pnm.rooms.get(roomId);
    assert.ok(room, `room ${roomId} was created`);
    return room;
}

/** Participants read the welcome and the topic exactly as written, and the HTML makes no element. */
function assertLiteral(h: Harness, roomId: string, welcome = WELCOME, topic = TOPIC) {
    const shown = shownInMeeting(roomOf(h, roomId));
    assert.deepEqual(shown.welcome?.elements, [], `no element in ${JSON.stringify(roomOf(h, roomId).metadata.welcome_message)}`);
    assert.equal(shown.welcome?.text, welcome);
    assert.equal(shown.title, topic, 'the title is shown as text by every plugNmeet-client: sent as written');
}

test('any text, escaped, reads as written and makes no element but line breaks (10,000 inputs)', () => {
    // C0 controls other than line breaks are left out: the HTML parser drops NUL, and no browser shows the others.
    const text = fc.string({unit: 'binary', maxLength: 80}).map((t) => [...t].filter((c) => c >= ' ' || c === '\n' || c === '\r').join(''));
    const markup = fc.array(fc.constantFrom('<', '>', '&', '"', '\'', '<img src=x onerror=alert(1)>', '<script>', '&lt;', '&#60;', '<!--', ']]>', '\n', '\r\n'), {maxLength: 6}).map((a) => a.join(''));
    fc.assert(fc.property(fc.array(fc.oneof(text, markup), {maxLength: 4}).map((a) => a.join('')), (welcome) => {
        const room = {room_title: '', metadata: {welcome_message: textAsHtml(welcome)}} as unknown as FakeRoom;
        const shown = shownInMeeting(room).welcome ?? {text: '', elements: []};
        assert.ok(shown.elements.every((e) => e === 'br'), JSON.stringify(shown.elements));
        assert.equal(shown.text, welcome.replace(/\r\n|[\r\u2028\u2029]/g, '\n'));
    }), {numRuns: 10_000});
});

describe('a person\'s welcome and topic reach plugNmeet inert', () => {
    const h = harnessWith();

    test('/plugnmeet start --welcome', async () => {
        const res = await h().command(h().users.alice, h().channels.town, `start --welcome "${WELCOME.replace(/"/g, '\\"')}" ${TOPIC}`);
        assertLiteral(h(), res.body.props.plugnmeet_room_id);
        assert.match((await h().command(h().users.alice, h().channels.town, 'end')).body.text, /ended/);
    });

    test('the options dialog\'s command (formatFlags), and a welcome on several lines', async () => {
        const welcome = `${WELCOME}\nsecond line`;
        const res = await h().command(h().users.alice, h().channels.other, `start ${formatFlags({...NO_OPTIONS, welcome, mute: true})} ${TOPIC}`);
        const roomId = res.body.props.plugnmeet_room_id;
        const shown = shownInMeeting(roomOf(h(), roomId));
        assert.deepEqual(shown.welcome?.elements, ['br'], 'our own line break, nothing else');
        assert.equal(shown.welcome?.text, welcome);
        assert.equal(shown.title, TOPIC);
        assert.match((await h().command(h().users.alice, h().channels.other, 'end')).body.text, /ended/);
    });

    test('the ended card\'s "Start a new meeting" carries the same text, cleaned', async () => {
        const res = await h().command(h().users.alice, h().channels.town, `start --welcome "${WELCOME.replace(/"/g, '\\"')}" ${TOPIC}`);
        const first = res.body.props.plugnmeet_room_id;
        assert.match((await h().command(h().users.alice, h().channels.town, 'end')).body.text, /ended/);
        const card = h().cards().find((p) => p.props.plugnmeet_room_id === first)!;
        const click = await h().mm.clickButton(card.id, 'start', h().users.bob);
        assert.ok(click.status === 200, JSON.stringify(click));
        const again = [...h().pnm.rooms.values()].find((r) => r.room_id !== first && !r.ended);
        assert.ok(again, 'a new meeting started');
        assertLiteral(h(), again.room_id);
        assert.match((await h().command(h().users.bob, h().channels.town, 'end')).body.text, /ended/);
    });
});

describe('the admin\'s MEETINGS_DEFAULT_OPTIONS welcome is sent as the admin wrote it', () => {
    const h = harnessWith({MEETINGS_DEFAULT_OPTIONS: '--welcome "<b>Welcome</b> to <i>our</i> meetings"'});

    test('the admin\'s formatting stays; a person\'s own welcome is text', async () => {
        const plain = await h().command(h().users.alice, h().channels.town, 'Standup');
        const shown = shownInMeeting(roomOf(h(), plain.body.props.plugnmeet_room_id));
        assert.deepEqual(shown.welcome?.elements, ['b', 'i']);
        assert.equal(shown.welcome?.text, 'Welcome to our meetings');
        await h().command(h().users.alice, h().channels.town, 'end');

        const own = await h().command(h().users.alice, h().channels.town, 'start --welcome "<b>mine</b>" Standup');
        assertLiteral(h(), own.body.props.plugnmeet_room_id, '<b>mine</b>', 'Standup');
        await h().command(h().users.alice, h().channels.town, 'end');
    });
});

describe('a scheduled meeting starts with the text cleaned', () => {
    const clock = {now: Date.UTC(2027, 2, 22, 8, 0)};
    let h: Harness;
    before(async () => {
        h = await startHarness({now: () => clock.now});
    });
    after(async () => {
        assert.deepEqual(h.leakedSecrets(), []);
        await h.close();
    });

    // The schedule is stored as planned (as every schedule stored before this change was): the
    // text is cleaned where it leaves for plugNmeet.
    test('schedule ... --welcome, then the start', async () => {
        const res = await h.command(h.users.alice, h.channels.town, `schedule in 30m --welcome "${WELCOME.replace(/"/g, '\\"')}" ${TOPIC}`);
        assert.match(res.body.text, /scheduled/, res.body.text);
        const card = h.cards().at(-1)!;
        const roomId = card.props.plugnmeet_room_id;
        assert.equal(h.pnm.rooms.has(roomId), false);
        clock.now += 31 * 60_000;
        await h.app.meetings.schedules.tick();
        assertLiteral(h, roomId);
    });
});
