// Two sidecars on one PostgreSQL database, behind the same fake Mattermost and plugNmeet:
// what one replica does, the other sees, and a race between them still gives one result.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {startHarness, type Harness} from './harness.js';
import {startPgServer, type PgServer} from './pg-server.js';

let server: PgServer;
let h: Harness;
let b: Awaited<ReturnType<Harness['startReplica']>>;
/** Both replicas' clock: the real one, moved ahead by the scheduling test. */
const clock = {ahead: 0};

before(async () => {
    server = await startPgServer();
    h = await startHarness({databaseUrl: server.url, now: () => Date.now() + clock.ahead});
    b = await h.startReplica();
});

after(async () => {
    const leaked = h?.leakedSecrets() ?? [];
    await h?.close();
    await server?.stop();
    assert.deepEqual(leaked, [], 'a secret was written to the log');
});

const both = () => [h.app, b.app];
const hookUrls = () => [`${h.url}/plugnmeet/webhook`, `${b.url}/plugnmeet/webhook`];
const patches = (postId: string) => h.mm.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v4/posts/${postId}/patch`).length;
const creates = () => h.pnm.calls.filter((c) => c.path === '/auth/room/create').length;
const flushBoth = () => Promise.all(both().map((app) => app.cardUpdates.flushAll()));

test('concurrent starts in one channel on both replicas: one room, one card, everyone else told to join', async () => {
    const channel = h.channels.town;
    const users = [h.users.alice, h.users.bob, h.users.carol, h.users.admin];
    const before = creates();
    const results = await Promise.all(Array.from({length: 12}, (_, i) => {
        const user = users[i % users.length];
        return i % 2 ? b.command(user, channel, `start Race ${i}`) : h.command(user, channel, `start Race ${i}`);
    }));
    for (const r of results) {
        assert.equal(r.status, 200);
    }
    const started = results.filter((r) => r.body.goto_location);
    assert.equal(started.length, 1, JSON.stringify(results.map((r) => r.body.text)));
    for (const r of results.filter((x) => !x.body.goto_location)) {
        assert.match(r.body.text, /already live|is starting/);
    }
    assert.equal(creates() - before, 1, 'one plugNmeet room');
    const cards = h.cards().filter((p) => p.channel_id === channel.id);
    assert.equal(cards.length, 1, 'one card');
    const roomId = started[0].body.props.plugnmeet_room_id;
    assert.equal(cards[0].props.plugnmeet_room_id, roomId);

    // Either replica serves the meeting the other started.
    const join = await b.command(h.users.bob, channel, 'join');
    assert.match(join.body.goto_location, /access_token=/);
    assert.equal((await b.app.store.openMeetingInChannel(channel.id))?.roomId, roomId);
});

test('the same webhook delivered to both replicas at once is applied once; a recording is posted once', async () => {
    const {body} = await h.command(h.users.alice, h.channels.secret, 'start Recorded');
    const roomId: string = body.props.plugnmeet_room_id;
    const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
    const {record_id: recordId} = h.pnm.addRecording(roomId, {file_size: 7});
    const event = h.pnm.buildEvent('recording_proceeded', roomId, {recordId});
    // Redeliveries (same id) and a second event about the same recording (another id), all at once.
    const sends = [...hookUrls(), ...hookUrls()].map((url) => h.pnm.sendWebhook(url, event));
    sends.push(...hookUrls().map((url) => h.pnm.sendWebhook(url, {...event, id: 'another-event-id'})));
    const results = await Promise.all(sends);
    for (const r of results) {
        assert.equal(r.status, 200, r.body);
    }
    const statuses = results.slice(0, 4).map((r) => JSON.parse(r.body).status).sort();
    assert.deepEqual(statuses, ['duplicate', 'duplicate', 'duplicate', 'ok']);
    const recs = [...h.mm.posts.values()].filter((p) => p.type === 'custom_plugnmeet_recording' && p.props.plugnmeet_record_id === recordId);
    assert.equal(recs.length, 1);
    assert.equal(recs[0].root_id, card.id);
});

test('participant events split across both replicas: the exact count, in one card edit', async () => {
    const {body} = await b.command(h.users.alice, h.channels.other, 'start Busy');
    const roomId: string = body.props.plugnmeet_room_id;
    const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
    const before = patches(card.id);
    // plugNmeet sends one room's events in order; a load balancer spreads them over the replicas.
    for (let i = 0; i < 60; i++) {
        const leaving = i >= 40;
        const identity = `user${leaving ? i - 40 : i}`;
        if (leaving) {
            h.pnm.leaveParticipant(roomId, identity);
        } else {
            h.pnm.joinParticipant(roomId, identity, identity);
        }
        const event = h.pnm.buildEvent(leaving ? 'participant_left' : 'participant_joined', roomId, {participant: {identity}});
        assert.equal((await h.pnm.sendWebhook(hookUrls()[i % 2], event)).status, 200);
    }
    assert.equal(patches(card.id), before, 'nothing edited inside the window');
    assert.equal(await h.app.cardUpdates.pending(), 1);
    assert.equal(await b.app.cardUpdates.pending(), 1, 'both replicas see the same queue');
    await flushBoth(); // both sweep at once: the lease gives the card to one of them
    assert.equal(patches(card.id), before + 1);
    assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 20);
    assert.equal((await h.app.store.getMeeting(roomId))?.peakParticipants, 40);
    await flushBoth();
    assert.equal(patches(card.id), before + 1, 'nothing left to edit');
});

test('40 people joining one room at once, their events spread over both replicas: every one of them on the card', async () => {
    const {body} = await h.command(h.users.carol, h.channels.town, 'start Crowd');
    const roomId: string = body.props.plugnmeet_room_id;
    const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
    const events = Array.from({length: 40}, (_, i) => {
        h.pnm.joinParticipant(roomId, `crowd${i}`, `Crowd ${i}`);
        return h.pnm.buildEvent('participant_joined', roomId, {participant: {identity: `crowd${i}`, name: `Crowd ${i}`}});
    });
    // Not in order this time (a redelivery storm after a network split): all at once.
    const results = await Promise.all(events.map((e, i) => h.pnm.sendWebhook(hookUrls()[i % 2], e)));
    assert.deepEqual(results.filter((r) => r.status !== 200), []);
    await flushBoth();
    const props = h.mm.posts.get(card.id).props;
    assert.equal(props.meeting_participants, 40);
    assert.equal(props.meeting_people.length + props.meeting_people_more, 40, 'no replica lost another\'s arrival');
    await h.command(h.users.carol, h.channels.town, 'end');
});

test('room_finished on both replicas: the card ends once, with one "ended" reply in its thread', async () => {
    const roomId = h.cards().find((p) => p.props.meeting_topic === 'Busy').props.plugnmeet_room_id;
    const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
    h.pnm.endRoomExternally(roomId);
    const results = await Promise.all([
        h.pnm.sendWebhook(hookUrls()[0], h.pnm.buildEvent('room_finished', roomId)),
        h.pnm.sendWebhook(hookUrls()[1], h.pnm.buildEvent('session_ended', roomId)),
    ]);
    for (const r of results) {
        assert.equal(r.status, 200, r.body);
    }
    await flushBoth();
    const ended = h.mm.posts.get(card.id);
    assert.equal(ended.props.meeting_status, 'ended');
    assert.equal(ended.props.meeting_participants, 40, 'the peak');
    const replies = [...h.mm.posts.values()].filter((p) => p.root_id === card.id && /ended after/.test(p.message));
    assert.equal(replies.length, 1, 'exactly one "ended" reply');
    assert.equal(await b.app.store.openMeetingInChannel(h.channels.other.id), undefined);
    assert.equal(await h.app.cardUpdates.pending(), 0);
});

test('a scheduled meeting on two replicas: the reminder once, the start once, the next occurrence once', async () => {
    await h.command(h.users.alice, h.channels.other, 'schedule in 20m --every day Daily standup');
    const card = h.cards().at(-1)!;
    assert.equal(card.props.meeting_status, 'scheduled');
    await b.app.meetings.schedules.tick(); // nothing due yet
    await h.mm.clickButton(card.id, 'notify', h.users.bob);
    const ticks = () => Promise.all(both().flatMap((app) => [app.meetings.schedules.tick(), app.meetings.schedules.tick()]));
    const replies = () => [...h.mm.posts.values()].filter((p) => p.root_id === card.id);

    clock.ahead = 11 * 60_000;
    await ticks();
    assert.equal(replies().filter((p) => /^Reminder:/.test(p.message)).length, 1, 'one reminder');

    clock.ahead = 21 * 60_000;
    const before = creates();
    await ticks();
    assert.equal(creates() - before, 1, 'one room');
    assert.equal(h.mm.posts.get(card.id).props.meeting_status, 'live');

    await h.command(h.users.alice, h.channels.other, 'end');
    await ticks();
    const next = h.cards().filter((p) => p.root_id === card.id && p.props.meeting_status === 'scheduled');
    assert.equal(next.length, 1, 'the next occurrence is planned once');
    assert.equal(next[0].props.meeting_scheduled_at - card.props.meeting_scheduled_at, 24 * 3_600_000, 'a day later (UTC has no daylight saving)');
    clock.ahead = 0;
});
