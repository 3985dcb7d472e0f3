// Data survives a restart: the same SQLite file keeps a live meeting joinable.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {jwtClaims, tokenFromJoinUrl, type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

test('a restart with the same SQLite file keeps the meeting joinable and the channel claimed', async () => {
    const start = await h.command(h.users.alice, h.channels.town, 'start Survives');
    const roomId = start.body.props.plugnmeet_room_id;

    await h.restart();

    const join = await h.command(h.users.bob, h.channels.town, 'join');
    assert.equal(join.status, 200);
    const claims = jwtClaims(tokenFromJoinUrl(join.body.goto_location));
    assert.equal(claims.room_id, roomId);
    assert.equal(claims.is_admin, false);

    const again = await h.command(h.users.bob, h.channels.town, 'start Another');
    assert.match(again.body.text, /already live/);

    const end = await h.command(h.users.alice, h.channels.town, 'end');
    assert.match(end.body.text, /You ended \*\*Survives\*\*/, 'the starter is still known after the restart');
});
