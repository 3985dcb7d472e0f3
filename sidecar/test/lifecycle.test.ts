// The card stays true through faults: Mattermost down or rate-limiting while a card is edited,
// a restart with edits pending, lost webhooks, a start that crashed midway, and channels where
// the bot may not edit (the refresh action and the thread reply carry the truth there).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {reconcileOnce} from '../src/meetings/reconciler.js';
import {STALE_RESERVATION_MS} from '../src/store/store.js';
import {type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

const hookUrl = () => `${h.url}/plugnmeet/webhook`;
const patches = (postId: string) => h.mm.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v4/posts/${postId}/patch`).length;
const endReplies = (postId: string) => [...h.mm.posts.values()].filter((p) => p.root_id === postId && /ended/.test(p.message));

async function startIn(channel: Harness['channels']['town'], topic: string) {
    const res = await h.command(h.users.alice, channel, `start ${topic}`);
    const roomId: string = res.body.props.plugnmeet_room_id;
    assert.ok(roomId, JSON.stringify(res.body));
    return {roomId, card: h.cards().find((p) => p.props.plugnmeet_room_id === roomId)};
}

async function joinMany(roomId: string, n: number, prefix: string) {
    for (let i = 0; i < n; i++) {
        h.pnm.joinParticipant(roomId, `${prefix}${i}`, `${prefix}${i}`);
        const res = await h.pnm.sendWebhook(hookUrl(), h.pnm.buildEvent('participant_joined', roomId, {participant: {identity: `${prefix}${i}`}}));
        assert.equal(res.status, 200, res.body);
    }
}

/** Every card prop (contracts/src/index.ts), with the fallback attachment that mobile needs. */
function assertFullProps(props: Record<string, any>, roomId: string, status: 'live' | 'ended') {
    assert.equal(props.plugnmeet_room_id, roomId);
    assert.equal(props.meeting_status, status);
    for (const key of ['meeting_topic', 'meeting_creator_id', 'meeting_creator_username']) {
        assert.equal(typeof props[key], 'string', key);
    }
    assert.equal(typeof props.meeting_started_at, 'number');
    assert.equal(typeof props.meeting_participants, 'number');
    if (status === 'ended') {
        assert.equal(typeof props.meeting_ended_at, 'number');
    } else {
        assert.equal(props.meeting_ended_at, undefined);
    }
    assert.equal(props.from_bot, 'true');
    assert.equal(props.attachments.length, 1);
    assert.ok(props.attachments[0].fallback);
}

describe('Mattermost failing while a card is edited', () => {
    for (const [label, fault] of [
        ['down (connection reset)', {drop: true}],
        ['answering 500', {status: 500}],
        ['rate-limiting (429)', {status: 429}],
        // Well past the harness's 3 s timeout: undici checks its timeouts on a coarse (about 1 s) tick.
        ['too slow (beyond the client timeout)', {slowMs: 5000}],
    ] as const) {
        test(`${label}: the edit stays queued and is applied once it recovers`, async () => {
            const {roomId, card} = await startIn(h.channels.town, `Flaky ${label}`);
            await joinMany(roomId, 4, 'f');
            const before = patches(card.id);
            const remove = h.mm.fault({method: 'PUT', path: /\/patch$/, ...fault});
            await h.app.cardUpdates.flushAll();
            assert.equal(await h.app.cardUpdates.pending(), 1, 'still pending after the failed attempt');
            assert.equal(h.mm.posts.get(card.id).props.meeting_participants, undefined, 'the card still shows no count');
            remove();
            await h.app.cardUpdates.flushAll();
            assert.equal(await h.app.cardUpdates.pending(), 0);
            assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 4);
            assert.ok(patches(card.id) > before);
            assert.ok(h.logs.some((l) => l.includes('will retry')), 'the failure is logged as a warning to retry');
            const metrics = await (await fetch(`${h.url}/metrics`)).text();
            assert.match(metrics, /plugnmeet_sidecar_card_edits_total\{outcome="failed"\} [1-9]/);
            assert.match(metrics, /plugnmeet_sidecar_card_edits_total\{outcome="edited"\} [1-9]/);
            await h.command(h.users.alice, h.channels.town, 'end');
        });
    }

    test('the meeting ends while Mattermost is down: webhook accepted, card and thread told once it is back', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Ends during outage');
        await joinMany(roomId, 2, 'e');
        const remove = h.mm.fault({path: /^\/api\/v4\/posts/, drop: true});
        h.pnm.endRoomExternally(roomId);
        const res = await h.pnm.sendWebhook(hookUrl(), h.pnm.buildEvent('room_finished', roomId));
        assert.equal(res.status, 200, 'the event is stored; the card edit is the queue\'s business');
        assert.equal((await h.app.store.getMeeting(roomId))?.status, 'ended');
        assert.equal(h.mm.posts.get(card.id).props.meeting_status, 'live');
        remove();
        await h.app.cardUpdates.flushAll();
        const ended = h.mm.posts.get(card.id);
        assertFullProps(ended.props, roomId, 'ended');
        assert.equal(ended.props.meeting_participants, 2, 'the peak');
        assert.equal(endReplies(card.id).length, 1);
        await h.app.cardUpdates.flushAll();
        assert.equal(endReplies(card.id).length, 1, 'never twice');
    });

    test('a restart with an edit pending: the new process applies it from the store', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Across restarts');
        await joinMany(roomId, 3, 'r');
        // The edit fails on the way down (Mattermost unreachable), so only the store knows it is owed.
        const remove = h.mm.fault({method: 'PUT', path: /\/patch$/, drop: true});
        await h.restart();
        remove();
        assert.equal(h.mm.posts.get(card.id).props.meeting_participants, undefined, 'the card still shows no count');
        assert.equal(await h.app.cardUpdates.pending(), 1);
        await h.app.cardUpdates.flushAll();
        assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 3);
        await h.command(h.users.alice, h.channels.town, 'end');
    });

    test('a recording post that fails is not lost: plugNmeet\'s redelivery posts it, once', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Recorded while flaky');
        const {record_id: recordId} = h.pnm.addRecording(roomId);
        const event = h.pnm.buildEvent('recording_proceeded', roomId, {recordId});
        const remove = h.mm.fault({method: 'POST', path: /^\/api\/v4\/posts$/, status: 500, times: 1});
        const first = await h.pnm.sendWebhook(hookUrl(), event);
        assert.equal(first.status, 500, 'plugNmeet retries a failed delivery');
        remove();
        assert.equal((await h.pnm.sendWebhook(hookUrl(), event)).status, 200);
        assert.equal((await h.pnm.sendWebhook(hookUrl(), event)).status, 200);
        const recs = [...h.mm.posts.values()].filter((p) => p.type === 'custom_plugnmeet_recording' && p.root_id === card.id);
        assert.equal(recs.length, 1);
        await h.command(h.users.alice, h.channels.town, 'end');
    });
});

describe('reconciler', () => {
    test('a lost room_finished: the next round ends the card and tells the thread', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Lost webhook');
        h.pnm.endRoomExternally(roomId); // and no webhook arrives
        await reconcileOnce(h.app.store, h.app.meetings, h.app.log);
        assertFullProps(h.mm.posts.get(card.id).props, roomId, 'ended');
        assert.equal(endReplies(card.id).length, 1);
        assert.equal(await h.app.store.openMeetingInChannel(h.channels.town.id), undefined);
    });

    test('a live meeting\'s count is refreshed from plugNmeet when webhooks were missed', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Quiet webhooks');
        h.pnm.joinParticipant(roomId, 'x', 'X');
        h.pnm.joinParticipant(roomId, 'y', 'Y');
        await reconcileOnce(h.app.store, h.app.meetings, h.app.log);
        await h.app.cardUpdates.flushAll();
        assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 2);
        await h.command(h.users.alice, h.channels.town, 'end');
    });

    test('a start that crashed before its card was posted: the room is ended and the channel freed', async () => {
        const roomId = 'c'.repeat(32);
        const old = Date.now() - STALE_RESERVATION_MS - 1000;
        await h.app.store.reserveMeeting({
            roomId, channelId: h.channels.other.id, teamId: h.mm.teamId, rootId: '', creatorId: h.users.alice.id,
            creatorUsername: 'alice', creatorName: 'Alice', creatorLocale: 'en', topic: 'Crashed', startedAt: old,
        });
        await h.app.plugnmeet.createRoom({roomId, title: 'Crashed', webhookUrl: hookUrl(), logoutUrl: h.mm.url, extraData: {}});
        const fresh = await h.app.store.openMeetingInChannel(h.channels.other.id);
        assert.equal(fresh?.status, 'starting');
        // Not stale yet by its own clock: make it so, as if the process had died two minutes ago.
        const {default: Database} = await import('better-sqlite3');
        const raw = new Database(h.dbPath);
        raw.prepare('UPDATE meetings SET updated_at = ? WHERE room_id = ?').run(old, roomId);
        raw.close();

        await reconcileOnce(h.app.store, h.app.meetings, h.app.log);
        assert.equal(h.pnm.rooms.get(roomId)?.ended, true, 'the orphaned room is ended');
        assert.equal(await h.app.store.openMeetingInChannel(h.channels.other.id), undefined);
        const res = await h.command(h.users.alice, h.channels.other, 'start Next');
        assert.ok(res.body.goto_location, 'the channel can start again');
        await h.command(h.users.alice, h.channels.other, 'end');
    });
});

describe('who may edit the card', () => {
    test('public channel: the bot joined before posting, and re-joins once if it was removed', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Bot removed');
        assert.ok(h.mm.isMember(h.channels.town.id, h.mm.bot.id));
        h.mm.members.get(h.channels.town.id)!.delete(h.mm.bot.id);
        await joinMany(roomId, 2, 'p');
        await h.app.cardUpdates.flushAll();
        assert.ok(h.mm.isMember(h.channels.town.id, h.mm.bot.id), 'joined again');
        assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 2);
        await h.command(h.users.alice, h.channels.town, 'end');
    });

    for (const kind of ['secret', 'dm'] as const) {
        test(`${kind === 'dm' ? 'a DM' : 'a private channel'}: the end reaches the thread; refresh brings the card up to date with all props`, async () => {
            const {roomId, card} = await startIn(h.channels[kind], `Edit-less ${kind}`);
            assert.equal(h.mm.isMember(h.channels[kind].id, h.mm.bot.id), false);
            await joinMany(roomId, 2, 'q');
            await h.app.cardUpdates.flushAll();
            assert.equal(await h.app.cardUpdates.pending(), 0, 'a refused edit is not retried forever');
            h.pnm.endRoomExternally(roomId);
            await h.pnm.sendWebhook(hookUrl(), h.pnm.buildEvent('room_finished', roomId));
            assert.equal(h.mm.posts.get(card.id).props.meeting_status, 'live', 'the bot could not edit it');
            assert.equal(endReplies(card.id).length, 1, 'but the thread knows');
            assert.equal(h.logs.filter((l) => l.includes(roomId) && /"level":(40|50)/.test(l)).length, 0, 'no warnings or errors for a refusal');

            const click = await h.mm.clickButton(card.id, 'refresh', h.users.bob);
            assert.equal(click.status, 200);
            const refreshed = h.mm.posts.get(card.id);
            assertFullProps(refreshed.props, roomId, 'ended');
            assert.equal(refreshed.props.meeting_participants, 2);
        });
    }

    test('a tampered refresh context changes nothing', async () => {
        const {roomId, card} = await startIn(h.channels.secret, 'Tamper');
        const other = await startIn(h.channels.group, 'Elsewhere');
        h.mm.posts.get(card.id).props.attachments[0].actions[1].integration.context.room_id = other.roomId;
        const before = JSON.stringify(h.mm.posts.get(card.id).props);
        const click = await h.mm.clickButton(card.id, 'refresh', h.users.bob);
        assert.notEqual(click.status, 200);
        assert.equal(JSON.stringify(h.mm.posts.get(card.id).props), before);
        assert.equal((await h.app.store.getMeeting(roomId))?.status, 'live');
        await h.command(h.users.alice, h.channels.secret, 'end');
        await h.command(h.users.alice, h.channels.group, 'end');
    });
});

test('recording queries are always filtered by this channel\'s rooms', async () => {
    const {roomId} = await startIn(h.channels.town, 'Filtered');
    h.pnm.addRecording(roomId);
    await h.command(h.users.bob, h.channels.town, 'recordings');
    await h.command(h.users.bob, h.channels.other, 'recordings');
    const fetches = h.pnm.calls.filter((c) => c.path === '/auth/recording/fetch');
    assert.ok(fetches.length > 0);
    for (const c of fetches) {
        assert.ok(Array.isArray(c.body.room_ids) && c.body.room_ids.length > 0, JSON.stringify(c.body));
    }
    await h.command(h.users.alice, h.channels.town, 'end');
});
