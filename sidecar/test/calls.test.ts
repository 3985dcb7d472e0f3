// Calling (issue 13), the sidecar's part: a card in a DM or GM reads as a call (the mobile push
// notification shows its message), the end reply tells clients the call is over, Decline tells the
// caller in the thread, and `/plugnmeet live` lists only what the asker can read.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {LIVE_SHEET_PROP, type LiveSheet} from '@plugnmeet/contracts';
import {type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

async function start(channel: Harness['channels']['town'], topic: string, user = h.users.alice) {
    const res = await h.command(user, channel, topic);
    const roomId: string = res.body.props?.plugnmeet_room_id;
    assert.ok(roomId, JSON.stringify(res.body));
    return {roomId, card: h.cards().find((p) => p.props.plugnmeet_room_id === roomId)!};
}

const repliesTo = (postId: string) => [...h.mm.posts.values()].filter((p) => p.root_id === postId);

describe('calls in DMs and GMs', () => {
    test('the card reads as a call there (the push notification\'s text), and as a meeting in channels', async () => {
        const call = await start(h.channels.dm, 'Quick call');
        assert.equal(call.card.message, 'alice is calling you: Quick call. Tap Join to answer.');
        const meeting = await start(h.channels.town, 'Standup');
        assert.equal(meeting.card.message, 'alice started a meeting: Standup');
        await h.command(h.users.alice, h.channels.town, 'end');
        await h.command(h.users.alice, h.channels.dm, 'end');
    });

    test('the end reply carries the room and "ended": how clients learn a call is over where the card cannot be edited', async () => {
        const {roomId, card} = await start(h.channels.group, 'Group call');
        await h.command(h.users.alice, h.channels.group, 'end');
        await h.app.meetings.cards.flushAll();
        const notice = repliesTo(card.id).find((p) => p.props?.meeting_status === 'ended');
        assert.ok(notice, 'an end reply with props');
        assert.deepEqual({room: notice.props.plugnmeet_room_id, status: notice.props.meeting_status}, {room: roomId, status: 'ended'});
    });

    test('Decline tells the caller in the thread, once; the caller\'s own decline and ended calls say nothing', async () => {
        const {roomId, card} = await start(h.channels.dm, 'Pairing');
        const first = await h.command(h.users.bob, h.channels.dm, `decline ${roomId}`);
        assert.equal(first.body.text, 'You declined the call; the caller was told.');
        await h.command(h.users.bob, h.channels.dm, `decline ${roomId}`);
        await h.command(h.users.alice, h.channels.dm, `decline ${roomId}`);
        const declined = repliesTo(card.id).filter((p) => /declined the call/.test(p.message));
        assert.equal(declined.length, 1);
        assert.equal(declined[0].message, 'bob declined the call **Pairing**.');
        assert.equal(declined[0].user_id, h.mm.bot.id);
        // Another channel's meeting id, or none at all: nothing is posted.
        assert.match((await h.command(h.users.carol, h.channels.town, `decline ${roomId}`)).body.text, /no meeting with that id in this channel/);
        assert.match((await h.command(h.users.bob, h.channels.dm, 'decline ../x')).body.text, /no meeting with that id/);
        await h.command(h.users.alice, h.channels.dm, 'end');
    });
});

describe('a finished call reads as finished (issue 25)', () => {
    const dmOf = (a: typeof h.users.alice, b: typeof h.users.alice) => h.mm.addChannel({type: 'D', members: [a.id, b.id]});

    test('nobody answered: a missed call, in the thread reply, the card\'s attachment and props', async () => {
        const dm = dmOf(h.users.alice, h.users.carol);
        const {roomId, card} = await start(dm, 'Quick question');
        h.pnm.joinParticipant(roomId, h.users.alice.id, 'alice');
        await h.app.meetings.sync((await h.app.store.getMeeting(roomId))!);
        await h.command(h.users.alice, dm, 'end');
        await h.app.meetings.cards.flushAll();
        const reply = repliesTo(card.id).find((p) => p.props?.meeting_status === 'ended')!;
        assert.equal(reply.message, 'Missed call from alice: **Quick question**. Nobody answered.');
        assert.equal(reply.props.meeting_missed, true);
        assert.ok(reply.props.meeting_ended_at >= reply.props.meeting_started_at);
        // The bot cannot edit a DM: the first click (the web card's refresh) brings the card up to date for everyone.
        const click = await h.mm.clickButton(card.id, 'refresh', h.users.carol);
        assert.equal(click.status, 200);
        const shown = h.mm.posts.get(card.id);
        assert.equal(shown.props.meeting_status, 'ended');
        assert.equal(shown.props.meeting_missed, true);
        assert.equal(shown.props.attachments[0].text, 'Missed call from alice');
        assert.deepEqual(shown.props.attachments[0].actions.map((a: {id: string}) => a.id), ['start']);
    });

    test('answered: "call ended" with how long it lasted; the live card has Decline for mobile', async () => {
        const dm = dmOf(h.users.alice, h.users.bob);
        const {roomId, card} = await start(dm, 'Pair up');
        assert.deepEqual(card.props.attachments[0].actions.map((a: {id: string}) => a.id), ['join', 'decline', 'refresh']);
        h.pnm.joinParticipant(roomId, h.users.alice.id, 'alice');
        h.pnm.joinParticipant(roomId, h.users.bob.id, 'bob');
        await h.app.meetings.sync((await h.app.store.getMeeting(roomId))!);
        await h.command(h.users.alice, dm, 'end');
        await h.app.meetings.cards.flushAll();
        const reply = repliesTo(card.id).find((p) => p.props?.meeting_status === 'ended')!;
        assert.match(reply.message, /^The call \*\*Pair up\*\* ended after (less than a minute|\d+ min)/);
        assert.equal(reply.props.meeting_missed, undefined);
        await h.mm.clickButton(card.id, 'join', h.users.bob);
        const shown = h.mm.posts.get(card.id);
        assert.match(shown.props.attachments[0].text, /^Call ended · lasted /);
        assert.equal(shown.props.meeting_missed, undefined);
    });

    test('Decline on the mobile card tells the caller, once; on an ended call it says so', async () => {
        const dm = dmOf(h.users.bob, h.users.carol);
        const {card} = await start(dm, 'Ring ring', h.users.bob);
        const first = await h.mm.clickButton(card.id, 'decline', h.users.carol);
        assert.equal(first.ephemeralText, 'You declined the call; the caller was told.');
        await h.mm.clickButton(card.id, 'decline', h.users.carol);
        assert.match((await h.mm.clickButton(card.id, 'decline', h.users.bob)).ephemeralText ?? '', /^This is your own call/);
        assert.deepEqual(repliesTo(card.id).filter((p) => /declined/.test(p.message)).map((p) => p.message), ['carol declined the call **Ring ring**.']);
        await h.command(h.users.bob, dm, 'end');
        const late = await h.mm.clickButton(card.id, 'decline', h.users.carol);
        assert.match(late.ephemeralText ?? '', /ended/);
    });

    test('a channel\'s meeting keeps its words and has no Decline', async () => {
        const {card} = await start(h.channels.other, 'Weekly');
        assert.deepEqual(card.props.attachments[0].actions.map((a: {id: string}) => a.id), ['join', 'refresh']);
        await h.command(h.users.alice, h.channels.other, 'end');
        await h.app.meetings.cards.flushAll();
        assert.match(repliesTo(card.id).find((p) => p.props?.meeting_status === 'ended')!.message, /^alice ended the meeting \*\*Weekly\*\*/);
        assert.match(h.mm.posts.get(card.id).props.attachments[0].text, /^Meeting ended after/);
    });
});

describe('ringing again (issue 21, LOW)', () => {
    test('a second call in the same DM or GM within a minute is posted marked not to ring', async () => {
        const group = h.mm.addChannel({type: 'G', members: [h.users.alice.id, h.users.bob.id, h.users.carol.id]});
        const first = await start(group, 'First ring');
        assert.equal(first.card.props.meeting_no_ring, undefined, 'the first call rings');
        await h.command(h.users.alice, group, 'end');
        const second = await start(group, 'Ring again', h.users.bob);
        assert.equal(second.card.props.meeting_no_ring, true);
        await h.command(h.users.bob, group, 'end');
        const fresh = h.mm.addChannel({type: 'D', members: [h.users.alice.id, h.users.carol.id]});
        const dm = await start(fresh, 'Another channel rings');
        assert.equal(dm.card.props.meeting_no_ring, undefined);
        await h.command(h.users.alice, fresh, 'end');
    });
});

describe('/plugnmeet live', () => {
    test('lists the team\'s live meetings the asker can read, and this channel\'s recordings; shows nothing', async () => {
        const town = await start(h.channels.town, 'Town hall');
        const secret = await start(h.channels.secret, 'Secret plans');
        const dm = await start(h.channels.dm, 'DM call');
        h.pnm.joinParticipant(town.roomId, h.users.bob.id);
        await h.app.meetings.sync((await h.app.store.getMeeting(town.roomId))!);
        h.pnm.addRecording(town.roomId);

        await h.command(h.users.alice, h.channels.town, 'schedule in 2h --every week Planning');
        const res = await h.command(h.users.carol, h.channels.town, 'live --quiet'); // as the webapp's panel asks
        assert.equal(res.body.text, '');
        const sheet: LiveSheet = res.body.props[LIVE_SHEET_PROP];
        const rooms = sheet.meetings.map((m) => m.room_id);
        assert.ok(rooms.includes(town.roomId), 'a public channel of carol\'s team');
        assert.ok(!rooms.includes(secret.roomId), 'a private channel carol is not in');
        assert.ok(!rooms.includes(dm.roomId), 'DMs belong to no team');
        const listed = sheet.meetings.find((m) => m.room_id === town.roomId)!;
        assert.deepEqual({channel: listed.channel_id, topic: listed.topic, participants: listed.participants, by: listed.creator_display_name},
            {channel: h.channels.town.id, topic: 'Town hall', participants: 1, by: 'alice'});
        assert.equal(sheet.recordings.length, 1);
        assert.deepEqual(sheet.upcoming?.map((u) => [u.topic, u.recurrence]), [['Planning', 'week']], 'this channel\'s scheduled meetings');
        assert.equal(sheet.recordings[0].room_id, town.roomId);

        // Join and Download from the panel are the commands of the meeting's own channel.
        assert.ok((await h.command(h.users.carol, h.channels.town, `join ${listed.room_id}`)).body.goto_location);
        assert.ok((await h.command(h.users.carol, h.channels.town, `recordings ${sheet.recordings[0].record_id}`)).body.goto_location);
        for (const [channel, user] of [[h.channels.town, h.users.alice], [h.channels.secret, h.users.alice], [h.channels.dm, h.users.alice]] as const) {
            await h.command(user, channel, 'end');
        }
    });
});

describe('/plugnmeet live: who sees what, and what it costs (issue 21)', () => {
    test('a guest sees only the channels they are a member of, public ones included (item 6)', async () => {
        const guest = h.mm.addUser({username: 'gast', roles: 'system_guest'});
        h.mm.addMember(h.channels.town.id, guest.id);
        const town = await start(h.channels.town, 'Guests welcome');
        const other = await start(h.channels.other, 'Members only');
        try {
            const rooms = (user: typeof guest) => h.command(user, h.channels.town, 'live').then((r) => (r.body.props[LIVE_SHEET_PROP] as LiveSheet).meetings.map((m) => m.room_id));
            const seen = await rooms(guest);
            assert.ok(seen.includes(town.roomId), 'a public channel the guest is in');
            assert.ok(!seen.includes(other.roomId), 'a public channel the guest is not in');
            assert.ok((await rooms(h.users.carol)).includes(other.roomId), 'a member of the team sees every public channel');
        } finally {
            await h.command(h.users.alice, h.channels.town, 'end');
            await h.command(h.users.alice, h.channels.other, 'end');
        }
    });

    test('channels come from the cache, and the listing stops at its limit (LOW)', async () => {
        const started: string[] = [];
        // More live meetings than the panel lists (50), each in a public channel of its own.
        for (let i = 0; i < 55; i++) {
            const channel = h.mm.addChannel({type: 'O', name: `busy-${i}`, members: [h.users.alice.id, h.users.bob.id]});
            started.push((await start(channel, `Busy ${i}`)).roomId);
        }
        const channelReads = () => h.mm.requests.filter((r) => r.method === 'GET' && /^\/api\/v4\/channels\/[a-z0-9]{26}$/.test(r.path)).length;
        const before = channelReads();
        const first = (await h.command(h.users.bob, h.channels.town, 'live')).body.props[LIVE_SHEET_PROP] as LiveSheet;
        assert.equal(first.meetings.length, 50);
        assert.equal(first.meetings[0].room_id, started.at(-1), 'newest first');
        assert.ok(channelReads() - before <= 51, `at most one read per listed meeting (and the asker's channel): ${channelReads() - before}`);
        const again = channelReads();
        await h.command(h.users.bob, h.channels.town, 'live');
        assert.equal(channelReads() - again, 0, 'an open panel asking again reads no channel');
        for (const roomId of started) {
            await h.app.meetings.abandonStart((await h.app.store.getMeeting(roomId))!);
        }
    });
});
