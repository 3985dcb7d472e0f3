// A start posts its card beside the starter's token: when the token fails after the card is up,
// the start fails as before and nothing is left live (no live card, no open meeting, no room).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {useHarness, type Harness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

test('the token refused after the card was posted: a clear answer, the card shows the meeting ended, the channel is free', async () => {
    // plugNmeet refuses join tokens for user ids in its reserved pattern (pkg/models/user_join.go):
    // the one way to fail the token alone, after the room was created.
    const odd = {...h.users.carol, id: `user_${'q'.repeat(21)}`, username: 'odd'};
    h.mm.users.set(odd.id, odd);
    const channel = h.mm.addChannel({type: 'O', name: 'token-fails', members: [h.users.carol.id]});
    const res = await h.command(odd, channel, 'start Unlucky');
    assert.equal(res.status, 200);
    assert.equal(res.body.goto_location, undefined);
    assert.match(res.body.text, /Could not start the meeting: the meeting server \(plugNmeet\)/);
    assert.equal(await h.app.store.openMeetingInChannel(channel.id), undefined);
    const roomId = h.pnm.calls.filter((c) => c.path === '/auth/room/create').at(-1)!.body.room_id;
    assert.equal(h.pnm.rooms.get(roomId)?.is_running, false, 'the room is ended again');
    const cards = h.cards().filter((p) => p.channel_id === channel.id);
    assert.equal(cards.length, 1, 'the card was posted beside the token');
    assert.equal(cards[0].props.meeting_status, 'ended', 'no card says live');

    const again = await h.command(h.users.carol, channel, 'start Lucky');
    assert.ok(again.body.goto_location, 'the next start works');
});
