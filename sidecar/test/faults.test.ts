// When plugNmeet or Mattermost fail (down, slow beyond the timeout, garbage, 429/500), the user
// still gets a clear answer and nothing is left half-created: a room whose card could not be
// posted is ended again, and no meeting stays claimed in the channel.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

const liveRooms = () => [...h.pnm.rooms.values()].filter((r) => !r.ended).length;

/** A slow server finishes requests we gave up on: wait (bounded) for it to settle. */
async function noLiveRoomsSoon() {
    for (let i = 0; i < 100 && liveRooms() > 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(liveRooms(), 0, 'a room was left running at plugNmeet');
}

/** Nothing claimed in the channel, no live room at plugNmeet, no card posted. */
async function assertNothingLeft(channelId: string, cardsBefore: number) {
    assert.equal(await h.app.store.openMeetingInChannel(channelId), undefined);
    await noLiveRoomsSoon();
    assert.equal(h.cards().length, cardsBefore);
}

describe('plugNmeet failing', () => {
    for (const [label, set] of [
        ['answering an HTML page with HTTP 200', () => h.pnm.setMode('garbage')],
        ['slower than the client timeout', () => {
            // Well past the harness's 3 s: undici checks its timeouts on a coarse (about 1 s) tick,
            // so a 3.5 s answer could still arrive in time on a loaded machine.
            h.pnm.delayMs = 5000;
        }],
    ] as const) {
        test(`${label}: start and join get a clear answer, nothing is left`, async () => {
            const cards = h.cards().length;
            set();
            try {
                const res = await h.command(h.users.alice, h.channels.town, 'start Doomed');
                assert.equal(res.status, 200);
                assert.equal(res.body.response_type, 'ephemeral');
                assert.match(res.body.text, /Could not start the meeting: the meeting server \(plugNmeet\)/);
                assert.equal(res.body.goto_location, undefined);
            } finally {
                h.pnm.setMode('ok');
                h.pnm.delayMs = 0;
            }
            await assertNothingLeft(h.channels.town.id, cards);

            await h.command(h.users.alice, h.channels.town, 'start Fine');
            set();
            try {
                const join = await h.command(h.users.bob, h.channels.town, 'join');
                assert.equal(join.status, 200);
                assert.match(join.body.text, /Could not join the meeting/);
                assert.equal(join.body.goto_location, undefined);
            } finally {
                h.pnm.setMode('ok');
                h.pnm.delayMs = 0;
            }
            await h.command(h.users.alice, h.channels.town, 'end');
        });
    }
});

describe('Mattermost failing while the card is created', () => {
    for (const [label, fault] of [
        ['down (connection reset)', {drop: true}],
        ['answering 500', {status: 500}],
        ['rate-limiting (429)', {status: 429}],
        // Well past the harness's 3 s timeout: undici checks its timeouts on a coarse (about 1 s) tick.
        ['slower than the client timeout', {slowMs: 5000}],
    ] as const) {
        test(`${label}: a clear answer, the room is ended again, the channel stays free`, async () => {
            const cards = h.cards().length;
            const remove = h.mm.fault({method: 'POST', path: /^\/api\/v4\/posts$/, ...fault});
            let res;
            try {
                res = await h.command(h.users.alice, h.channels.other, 'start Unlucky');
            } finally {
                remove();
            }
            assert.equal(res.status, 200);
            assert.match(res.body.text, /Could not start the meeting: posting the meeting card in Mattermost failed/);
            assert.equal(res.body.goto_location, undefined);
            // A slow Mattermost may still create the post after we gave up: that orphan is the
            // only trace, and its refresh button would show it ended. Otherwise nothing is left.
            if (!('slowMs' in fault)) {
                await assertNothingLeft(h.channels.other.id, cards);
            } else {
                assert.equal(await h.app.store.openMeetingInChannel(h.channels.other.id), undefined);
                await noLiveRoomsSoon();
            }
            const again = await h.command(h.users.alice, h.channels.other, 'start Lucky');
            assert.ok(again.body.goto_location, 'the next start works');
            await h.command(h.users.alice, h.channels.other, 'end');
        });
    }
});
