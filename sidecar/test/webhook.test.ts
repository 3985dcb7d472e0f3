// plugNmeet webhooks: verified JWT + body hash, coalesced card edits, ended cards, recordings.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {describe, test} from 'node:test';
import {type Harness, useHarness} from './harness.js';
import {signHs256} from './fakes/jwt.js';

let h: Harness;
useHarness((started) => (h = started));

const hookUrl = () => `${h.url}/plugnmeet/webhook`;
const patches = (postId: string) => h.mm.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v4/posts/${postId}/patch`).length;

async function startIn(channel: Harness['channels']['town'], topic: string) {
    const res = await h.command(h.users.alice, channel, `start ${topic}`);
    const roomId: string = res.body.props.plugnmeet_room_id;
    return {roomId, card: h.cards().find((p) => p.props.plugnmeet_room_id === roomId)};
}

describe('authentication', () => {
    test('wrong secret, wrong issuer, tampered body, no token, expired token: 401 and nothing changes', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Guarded hooks');
        const event = h.pnm.buildEvent('room_finished', roomId);
        const cases = [
            await h.pnm.sendWebhook(hookUrl(), event, {secret: 'not-the-secret'}),
            await h.pnm.sendWebhook(hookUrl(), event, {apiKey: 'someone-else'}),
            await h.pnm.sendWebhook(hookUrl(), event, {tamperBody: true}),
            await h.pnm.sendWebhook(hookUrl(), event, {omitAuth: true}),
        ];
        const old = Math.floor(Date.now() / 1000) - 3600;
        const body = JSON.stringify(event);
        const expired = signHs256({iss: h.pnm.apiKey, nbf: old, exp: old + 300, sha256: createHash('sha256').update(body).digest('base64')}, h.pnm.apiSecret);
        const res = await fetch(hookUrl(), {method: 'POST', body, headers: {'content-type': 'application/json', 'hash-token': expired}});
        cases.push({status: res.status, body: await res.text()});
        for (const c of cases) {
            assert.equal(c.status, 401, c.body);
        }
        assert.equal((await h.app.store.getMeeting(roomId))?.status, 'live');
        assert.equal(h.mm.posts.get(card.id).props.meeting_status, 'live');
        await h.command(h.users.alice, h.channels.town, 'end');
    });

    test('malformed bodies with a valid signature get a 4xx or are ignored, never a 5xx', async () => {
        for (const body of [{}, {event: 'room_finished'}, {event: 'room_finished', room: {room_id: 'not-ours'}}, {event: 42, room: 'x'}]) {
            const res = await h.pnm.sendWebhook(hookUrl(), body);
            assert.equal(res.status, 200, res.body);
        }
        const raw = await fetch(hookUrl(), {method: 'POST', body: 'x'.repeat(10), headers: {'content-type': 'text/plain', authorization: 'garbage'}});
        assert.equal(raw.status, 401);
    });
});

describe('events', () => {
    test('1,000 joins and leaves become one card edit with the exact live count and peak', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Busy');
        const before = patches(card.id);
        const send = (name: string, identity: string) => h.pnm.sendWebhook(hookUrl(), h.pnm.buildEvent(name, roomId, {participant: {identity}}));
        // 600 join, 400 of them leave again, in the order plugNmeet sends them (one worker per room).
        for (let i = 0; i < 1000; i++) {
            const name = i < 600 ? 'participant_joined' : 'participant_left';
            const identity = `user${i < 600 ? i : i - 600}`;
            if (name === 'participant_joined') {
                h.pnm.joinParticipant(roomId, identity, identity);
            } else {
                h.pnm.leaveParticipant(roomId, identity);
            }
            assert.equal((await send(name, identity)).status, 200);
        }
        assert.equal(patches(card.id), before, 'nothing edited inside the window');
        assert.equal(await h.app.cardUpdates.pending(), 1);
        await h.app.cardUpdates.flushAll();
        assert.equal(patches(card.id), before + 1);
        assert.equal(await h.app.cardUpdates.pending(), 0);
        const props = h.mm.posts.get(card.id).props;
        assert.equal(props.meeting_participants, 200);
        assert.equal(props.meeting_status, 'live');
        assert.equal((await h.app.store.getMeeting(roomId))?.peakParticipants, 600);
    });

    test('the last one leaving: protojson omits the zero count, the card drops the stale count', async () => {
        const {roomId, card} = await startIn(h.channels.other, 'Emptying');
        h.pnm.joinParticipant(roomId, 'solo', 'Solo');
        await h.pnm.sendWebhook(hookUrl(), h.pnm.buildEvent('participant_joined', roomId, {participant: {identity: 'solo'}}));
        h.pnm.leaveParticipant(roomId, 'solo');
        const left = h.pnm.buildEvent('participant_left', roomId, {participant: {identity: 'solo'}});
        assert.equal((left.room as Record<string, unknown>).num_participants, undefined);
        await h.pnm.sendWebhook(hookUrl(), left);
        await h.app.cardUpdates.flushAll();
        const props = h.mm.posts.get(card.id).props;
        assert.equal(props.meeting_participants, undefined, 'no count rather than "1" or "0 participants"');
        assert.match(props.attachments[0].text, /^Live now · started by alice\./);
        await h.command(h.users.alice, h.channels.other, 'end');
    });

    test('events retried out of order: the edit asks plugNmeet, so the card ends up exact', async () => {
        const {roomId, card} = await startIn(h.channels.other, 'Out of order');
        const events = ['a', 'b', 'c', 'd'].map((who) => {
            h.pnm.joinParticipant(roomId, who, who);
            return h.pnm.buildEvent('participant_joined', roomId, {participant: {identity: who}});
        });
        for (const e of events.reverse()) {
            await h.pnm.sendWebhook(hookUrl(), e); // the last one says 1
        }
        assert.equal((await h.app.store.getMeeting(roomId))?.participants, 1);
        await h.app.cardUpdates.flushAll();
        assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 4);
        assert.equal((await h.app.store.getMeeting(roomId))?.peakParticipants, 4);
        await h.command(h.users.alice, h.channels.other, 'end');
    });

    test('a redelivered event (same id) is applied once', async () => {
        const {roomId, card} = await startIn(h.channels.other, 'Replays');
        const events = ['a', 'b', 'c'].map((who) => {
            h.pnm.joinParticipant(roomId, who, who);
            return h.pnm.buildEvent('participant_joined', roomId, {participant: {identity: who}});
        });
        for (const e of events) {
            await h.pnm.sendWebhook(hookUrl(), e);
        }
        // The first delivery again, after the count moved on: applying it would say 1.
        const replay = await h.pnm.sendWebhook(hookUrl(), events[0]);
        assert.equal(replay.status, 200);
        assert.match(replay.body, /duplicate/);
        assert.equal((await h.app.store.getMeeting(roomId))?.participants, 3);
        await h.app.cardUpdates.flushAll();
        assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 3);
        await h.command(h.users.alice, h.channels.other, 'end');
    });

    test('200 people in a meeting: a join and a participant event read none of them; the card shows the first 8 and how many more', async () => {
        const {roomId, card} = await startIn(h.channels.other, 'Crowded');
        const join = (i: number) => {
            const identity = `person${String(i).padStart(20, '0')}`;
            h.pnm.joinParticipant(roomId, identity, identity);
            return h.pnm.sendWebhook(hookUrl(), h.pnm.buildEvent('participant_joined', roomId, {participant: {identity, name: `Person number ${i} of the crowd`}}));
        };
        for (let i = 0; i < 200; i++) {
            assert.equal((await join(i)).status, 200);
        }
        // Whatever the sidecar parses as JSON while it handles a join and an event (in this process).
        const parsed: number[] = [];
        const parse = JSON.parse;
        JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => {
            parsed.push(String(text).length);
            return parse(text, reviver);
        }) as typeof JSON.parse;
        try {
            const res = await h.command(h.users.bob, h.channels.other, 'join');
            assert.match(res.body.goto_location, /access_token=/);
            assert.equal((await join(200)).status, 200);
        } finally {
            JSON.parse = parse;
        }
        // Before, every read of the meeting parsed its people (here about 18 KB of JSON), twice an event.
        assert.deepEqual(parsed.filter((n) => n > 4096), [], 'no list of people parsed');
        assert.ok(parsed.length > 0, 'the spy saw the requests\' own JSON');
        await h.app.cardUpdates.flushAll();
        const props = h.mm.posts.get(card.id).props;
        assert.equal(props.meeting_people.length, 8);
        assert.equal(props.meeting_people[0].name, 'Person number 0 of the crowd');
        assert.equal(props.meeting_people_more, 192, '201 came, 200 are remembered, 8 of them shown');
        await h.command(h.users.alice, h.channels.other, 'end');
    });

    test('room_finished ends the card once, with the duration, and replies in its thread', async () => {
        const roomId = h.cards().find((p) => p.props.meeting_topic === 'Busy').props.plugnmeet_room_id;
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
        h.pnm.endRoomExternally(roomId);
        const event = h.pnm.buildEvent('room_finished', roomId);
        assert.equal((await h.pnm.sendWebhook(hookUrl(), event)).status, 200);
        assert.equal((await h.pnm.sendWebhook(hookUrl(), event)).status, 200, 'a redelivery is fine');
        await h.pnm.sendWebhook(hookUrl(), h.pnm.buildEvent('session_ended', roomId));

        const ended = h.mm.posts.get(card.id);
        assert.equal(ended.props.meeting_status, 'ended');
        assert.equal(ended.props.meeting_participants, 600, 'the peak');
        assert.ok(ended.props.meeting_ended_at >= ended.props.meeting_started_at);
        const replies = [...h.mm.posts.values()].filter((p) => p.root_id === card.id && /ended after/.test(p.message));
        assert.equal(replies.length, 1, 'exactly one "ended" reply');
        assert.match(replies[0].message, /^The meeting \*\*Busy\*\*, started by alice, ended after \d+ min|^The meeting \*\*Busy\*\*, started by alice, ended after less than a minute/);
        assert.equal(await h.app.store.openMeetingInChannel(h.channels.town.id), undefined);
    });

    test('recording_proceeded posts one recording card in the thread; its Download button gives a personal link', async () => {
        const {roomId, card} = await startIn(h.channels.secret, 'Recorded call');
        const {record_id: recordId} = h.pnm.addRecording(roomId, {file_size: 42.4});
        const event = h.pnm.buildEvent('recording_proceeded', roomId, {recordId});
        assert.equal((await h.pnm.sendWebhook(hookUrl(), event)).status, 200);
        await h.pnm.sendWebhook(hookUrl(), {...event, id: 'another-delivery-id'});

        const recs = [...h.mm.posts.values()].filter((p) => p.type === 'custom_plugnmeet_recording');
        assert.equal(recs.length, 1);
        const rec = recs[0];
        assert.equal(rec.root_id, card.id);
        assert.equal(rec.props.plugnmeet_room_id, roomId);
        assert.equal(rec.props.plugnmeet_record_id, recordId);
        assert.equal(rec.props.recording_size_mb, 42.4);
        assert.equal(typeof rec.props.recording_created_at, 'number');

        const click = await h.mm.clickButton(rec.id, 'download', h.users.bob);
        assert.equal(click.status, 200);
        assert.match(click.ephemeralText ?? '', /\/download\/recording\/ey/);

        // A recording of another room, smuggled into this post's context, gets no link.
        const other = await startIn(h.channels.town, 'Other room');
        const {record_id: foreign} = h.pnm.addRecording(other.roomId);
        h.mm.posts.get(rec.id).props.attachments[0].actions[0].integration.context.record_id = foreign;
        const sneaky = await h.mm.clickButton(rec.id, 'download', h.users.bob);
        assert.doesNotMatch(sneaky.ephemeralText ?? '', /download\/recording/);
        await h.command(h.users.alice, h.channels.town, 'end');
    });
});
