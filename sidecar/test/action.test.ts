// Message-attachment buttons (the mobile card): signed contexts, personal links, card updates.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {signContext} from '../src/meetings/cards/button-context.js';
import {jwtClaims, tokenFromJoinUrl, type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

async function startIn(channel: Harness['channels']['town'], topic: string) {
    const res = await h.command(h.users.alice, channel, `start ${topic}`);
    const roomId: string = res.body.props.plugnmeet_room_id;
    const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
    return {roomId, card};
}

const actionBody = (o: {channelId: string; userId: string; context: Record<string, unknown>}) => JSON.stringify({
    user_id: o.userId, user_name: 'mallory', channel_id: o.channelId, channel_name: 'x', team_id: h.mm.teamId,
    team_domain: 'team', post_id: 'p', trigger_id: 't', type: 'button', context: o.context,
});

describe('join button', () => {
    test('answers the clicker with a personal attendee link and refreshes the card', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Mobile sync');
        h.pnm.joinParticipant(roomId, h.users.alice.id, 'alice');
        const tokens = h.pnm.tokens.length;

        const click = await h.mm.clickButton(card.id, 'join', h.users.bob);
        assert.equal(click.status, 200);
        const link = /(http\S+access_token=\S+)/.exec(click.ephemeralText ?? '')?.[1];
        assert.ok(link, click.ephemeralText);
        const claims = jwtClaims(tokenFromJoinUrl(link));
        assert.equal(claims.sub, h.users.bob.id);
        assert.equal(claims.is_admin, false);
        assert.equal(h.pnm.tokens.length, tokens + 1);

        const updated = h.mm.posts.get(card.id);
        assert.equal(updated.props.meeting_participants, 1, 'the card shows who is online now');
        assert.match(updated.message, /Mobile sync/);
        // The buttons keep working after the update (integrations re-sent in full).
        assert.equal(updated.props.attachments[0].actions[0].integration.url, `${h.url}/mattermost/action?action=join`);
        const second = await h.mm.clickButton(card.id, 'join', h.users.carol);
        assert.equal(jwtClaims(tokenFromJoinUrl(/(http\S+)/.exec(second.ephemeralText!)![1])).sub, h.users.carol.id);
        await h.command(h.users.alice, h.channels.town, 'end');
    });

    test('works in a private channel where the bot cannot edit the card', async () => {
        const {card} = await startIn(h.channels.secret, 'Secret sync');
        const click = await h.mm.clickButton(card.id, 'join', h.users.bob);
        assert.equal(click.status, 200);
        assert.match(click.ephemeralText ?? '', /access_token=/);
    });

    test('the starter clicking Join is moderator', async () => {
        const {card} = await startIn(h.channels.other, 'Own');
        const click = await h.mm.clickButton(card.id, 'join', h.users.alice);
        assert.equal(jwtClaims(tokenFromJoinUrl(/(http\S+)/.exec(click.ephemeralText!)![1])).is_admin, true);
        await h.command(h.users.alice, h.channels.other, 'end');
    });

    test('an ended meeting: a clear message, no token, and the card turns ended', async () => {
        const {roomId, card} = await startIn(h.channels.dm, 'Over soon');
        h.pnm.endRoomExternally(roomId);
        const tokens = h.pnm.tokens.length;
        const click = await h.mm.clickButton(card.id, 'join', h.users.bob);
        assert.equal(click.status, 200);
        assert.match(click.ephemeralText ?? '', /has ended/);
        assert.equal(h.pnm.tokens.length, tokens);
        const updated = h.mm.posts.get(card.id);
        assert.equal(updated.props.meeting_status, 'ended');
        assert.equal(typeof updated.props.meeting_ended_at, 'number');
    });
});

describe('refresh button', () => {
    test('brings the participant count up to date', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Counting');
        h.pnm.joinParticipant(roomId, 'u1', 'one');
        h.pnm.joinParticipant(roomId, 'u2', 'two');
        h.pnm.joinParticipant(roomId, 'u3', 'three');
        const tokens = h.pnm.tokens.length;
        const click = await h.mm.clickButton(card.id, 'refresh', h.users.carol);
        assert.equal(click.status, 200);
        assert.equal(click.ephemeralText, undefined);
        assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 3);
        assert.equal(h.pnm.tokens.length, tokens, 'refresh issues no token');
        await h.command(h.users.alice, h.channels.town, 'end');
    });
});

describe('forged clicks', () => {
    test('a tampered context is refused and no token is issued', async () => {
        const {roomId, card} = await startIn(h.channels.town, 'Guarded');
        const tokens = h.pnm.tokens.length;
        const ctx = h.mm.posts.get(card.id).props.attachments[0].actions[0].integration.context;

        const cases: Array<[string, Record<string, unknown>, string]> = [
            ['no signature', {action: 'join', room_id: roomId, channel_id: h.channels.town.id}, h.channels.town.id],
            ['empty signature', {...ctx, signature: ''}, h.channels.town.id],
            ['wrong signature', {...ctx, signature: 'ab'.repeat(32)}, h.channels.town.id],
            ['other room', {...ctx, room_id: 'a'.repeat(32)}, h.channels.town.id],
            ['other channel in the context', {...ctx, channel_id: h.channels.other.id}, h.channels.town.id],
            ['signed with another secret', signContext('x'.repeat(40), {...ctx}), h.channels.town.id],
            ['longer-lived than signed', {...ctx, expires_at: ctx.expires_at + 365 * 86_400_000}, h.channels.town.id],
            ['unknown action', {...ctx, action: 'end'}, h.channels.town.id],
        ];
        for (const [name, context, channelId] of cases) {
            const res = await h.post('/mattermost/action', actionBody({channelId, userId: h.users.carol.id, context}), {'content-type': 'application/json'});
            assert.ok(res.status >= 400 && res.status < 500, `${name}: ${res.status}`);
            assert.ok(!res.text.includes('access_token'), name);
        }
        assert.equal(h.pnm.tokens.length, tokens);

        // A forged post through Mattermost itself: the stored context altered after signing.
        h.mm.posts.get(card.id).props.attachments[0].actions[0].integration.context = {...ctx, room_id: 'b'.repeat(32)};
        const click = await h.mm.clickButton(card.id, 'join', h.users.carol);
        assert.equal(click.status, 400, 'Mattermost turns a non-200 into an error for the clicker');
        assert.equal(h.pnm.tokens.length, tokens);
        await h.command(h.users.alice, h.channels.town, 'end');
    });

    test('malformed action bodies get a 4xx, never a 5xx', async () => {
        const bodies = ['', '{', 'null', '[]', '"x"', '{}', JSON.stringify({context: {}}), JSON.stringify({user_id: 1, channel_id: 2, context: 3}),
            JSON.stringify({user_id: 'u', channel_id: 'c', context: {action: 'join', room_id: 'r'.repeat(500), channel_id: 'c', signature: 's'}})];
        for (const body of bodies) {
            const res = await h.post('/mattermost/action', body, {'content-type': 'application/json'});
            assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(body)} -> ${res.status}`);
        }
        const form = await h.post('/mattermost/action', 'a=b', {'content-type': 'application/x-www-form-urlencoded'});
        assert.ok(form.status >= 400 && form.status < 500);
        const health = await fetch(`${h.url}/healthz`);
        assert.deepEqual(await health.json(), {status: 'ok'});
    });
});

describe('a click rewrites the card only when what people see changed (issue 21, LOW)', () => {
    for (const where of ['town', 'secret'] as const) {
        test(`Refresh and Join with nothing new make no edit (${where === 'town' ? 'the bot edits the card' : 'the bot cannot edit it'})`, async () => {
            const {roomId, card} = await startIn(h.channels[where], `Quiet ${where}`);
            const rows = () => h.mm.rowsWritten(card.id);
            h.pnm.joinParticipant(roomId, h.users.alice.id, 'alice');
            const first = await h.mm.clickButton(card.id, 'refresh', h.users.bob);
            assert.ok(first.integrationResponse?.update, 'a new count is shown');
            await h.app.meetings.cards.flushAll();
            const before = rows();
            for (const action of ['refresh', 'join', 'refresh']) {
                const click = await h.mm.clickButton(card.id, action, h.users.bob);
                assert.equal(click.status, 200);
                assert.equal(click.integrationResponse?.update, undefined, `${action}: nothing changed, no update`);
            }
            await h.app.meetings.cards.flushAll();
            assert.equal(rows(), before, 'no edit row');
            h.pnm.joinParticipant(roomId, h.users.bob.id, 'bob');
            assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 1);
            const changed = await h.mm.clickButton(card.id, 'refresh', h.users.bob);
            assert.ok(changed.integrationResponse?.update, 'a change is shown');
            assert.equal(h.mm.posts.get(card.id).props.meeting_participants, 2);
            await h.command(h.users.alice, h.channels[where], 'end');
        });
    }

    test('a button whose context is near its expiry renews the card even with nothing new', async () => {
        const {roomId, card} = await startIn(h.channels.secret, 'Old card');
        const stored = h.mm.posts.get(card.id);
        const action = stored.props.attachments[0].actions.find((a: {id: string}) => a.id === 'refresh');
        // As the card would carry it 13.5 days after its last render.
        action.integration.context = signContext(h.config.secret, {action: 'refresh', room_id: roomId, channel_id: h.channels.secret.id, post_id: card.id, expires_at: Date.now() + 12 * 60 * 60_000});
        const click = await h.mm.clickButton(card.id, 'refresh', h.users.bob);
        const renewed = click.integrationResponse?.update?.props?.attachments?.[0]?.actions?.find((a: {id: string}) => a.id === 'refresh');
        assert.ok(renewed, 'the card is rendered again');
        assert.ok(renewed.integration.context.expires_at > Date.now() + 13 * 24 * 60 * 60_000, 'with fresh contexts');
        await h.command(h.users.alice, h.channels.secret, 'end');
    });
});
