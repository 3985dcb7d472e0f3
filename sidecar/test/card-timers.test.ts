// The card-edit queue on its own timers, as in production (no test flushes): a burst becomes
// one edit after the window, and a failed edit is retried after its back-off by the sweeper.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {backoffMs} from '../src/meetings/cards/updater.js';
import {startHarness, type Harness} from './harness.js';

let h: Harness;
before(async () => {
    h = await startHarness({cardUpdateWindowMs: 300, cardSweepMs: 200});
});
after(async () => {
    const leaked = h.leakedSecrets();
    await h.close();
    assert.deepEqual(leaked, []);
});

const patches = (postId: string) => h.mm.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v4/posts/${postId}/patch`).length;

async function eventually(what: string, check: () => boolean, ms = 15_000) {
    const until = Date.now() + ms;
    while (!check()) {
        assert.ok(Date.now() < until, `never happened: ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

test('back-off doubles from 2 s and stops growing at 5 minutes', () => {
    assert.deepEqual([1, 2, 3].map(backoffMs), [2000, 4000, 8000]);
    assert.equal(backoffMs(50), 5 * 60_000);
});

test('a burst is edited once its window has passed, without anyone flushing', async () => {
    const start = await h.command(h.users.alice, h.channels.town, 'start Timed');
    const roomId = start.body.props.plugnmeet_room_id;
    const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
    const before = patches(card.id);
    for (let i = 0; i < 20; i++) {
        h.pnm.joinParticipant(roomId, `t${i}`, `T${i}`);
        await h.pnm.sendWebhook(`${h.url}/plugnmeet/webhook`, h.pnm.buildEvent('participant_joined', roomId, {participant: {identity: `t${i}`}}));
    }
    await eventually('the card shows 20', () => h.mm.posts.get(card.id).props.meeting_participants === 20);
    // However slow this machine is, 20 events arrive in at most a few windows: a few edits, not 20.
    assert.ok(patches(card.id) - before <= 5, `${patches(card.id) - before} edits`);
});

test('a failed edit is retried by the sweeper after its back-off', async () => {
    const roomId = h.cards().find((p) => p.props.meeting_topic === 'Timed').props.plugnmeet_room_id;
    const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
    const remove = h.mm.fault({method: 'PUT', path: /\/patch$/, status: 503, times: 1});
    h.pnm.leaveParticipant(roomId, 't0');
    await h.pnm.sendWebhook(`${h.url}/plugnmeet/webhook`, h.pnm.buildEvent('participant_left', roomId, {participant: {identity: 't0'}}));
    await eventually('the first attempt failed', () => h.logs.some((l) => l.includes(roomId) && l.includes('will retry')));
    const failedAt = Date.now();
    await eventually('the retry applied it', () => h.mm.posts.get(card.id).props.meeting_participants === 19);
    assert.ok(Date.now() - failedAt >= backoffMs(1) - 500, 'not before the back-off');
    remove();
});
