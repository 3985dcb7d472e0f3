// The /plugnmeet slash command end to end: sidecar over real HTTP, fake Mattermost and plugNmeet.
import assert from 'node:assert/strict';
import {beforeEach, describe, test} from 'node:test';
import {newId} from './fakes/mattermost.js';
import {jwtClaims, tokenFromJoinUrl, type Harness, useHarness} from './harness.js';

let h: Harness;
useHarness((started) => (h = started));

// Each test starts from a channel without an open meeting.
beforeEach(async () => {
    h.pnm.setMode('ok');
    for (const c of Object.values(h.channels)) {
        const open = await h.app.store.openMeetingInChannel(c.id);
        if (open) {
            await h.app.store.endMeeting(open.roomId, Date.now());
        }
    }
});

const createCalls = () => h.pnm.calls.filter((c) => c.path === '/auth/room/create').length;

describe('token check', () => {
    test('a wrong token is refused with 401 and nothing happens', async () => {
        const before = {posts: h.mm.posts.size, calls: h.pnm.calls.length};
        const res = await h.command(h.users.alice, h.channels.town, 'start', {token: 'wrong-token'});
        assert.equal(res.status, 401);
        const empty = await h.command(h.users.alice, h.channels.town, 'start', {token: ''});
        assert.equal(empty.status, 401);
        assert.equal(h.mm.posts.size, before.posts);
        assert.equal(h.pnm.calls.length, before.calls);
        assert.equal(await h.app.store.openMeetingInChannel(h.channels.town.id), undefined);
    });

    test('the token is also accepted from the Authorization header alone', async () => {
        const body = new URLSearchParams({team_id: h.mm.teamId, channel_id: h.channels.town.id, user_id: h.users.alice.id, user_name: 'alice', command: '/plugnmeet', text: 'help'});
        const ok = await h.post('/mattermost/command', body.toString(), {'content-type': 'application/x-www-form-urlencoded', authorization: `Token ${h.env.MATTERMOST_COMMAND_TOKENS.split(',')[1]}`});
        assert.equal(ok.status, 200);
        assert.match(JSON.parse(ok.text).text, /plugNmeet video meetings/);
        const bad = await h.post('/mattermost/command', body.toString(), {'content-type': 'application/x-www-form-urlencoded', authorization: 'Token nope'});
        assert.equal(bad.status, 401);
    });

    test('a token the store knows works for its own team only', async () => {
        await h.app.store.addCommandToken({teamId: h.mm.teamId, token: 'team-token-1234567890abcdef'});
        await h.app.store.addCommandToken({teamId: 'someotherteam', token: 'other-team-token-0987654321'});
        const mine = await h.command(h.users.alice, h.channels.town, 'help', {token: 'team-token-1234567890abcdef'});
        assert.equal(mine.status, 200);
        const theirs = await h.command(h.users.alice, h.channels.town, 'help', {token: 'other-team-token-0987654321'});
        assert.equal(theirs.status, 401);
    });
});

describe('start', () => {
    test('creates a room, posts the card as the bot and opens the starter as moderator', async () => {
        const res = await h.command(h.users.alice, h.channels.town, 'start Sprint review');
        assert.equal(res.status, 200);
        assert.equal(res.contentType, 'application/json');
        assert.equal(res.body.response_type, 'ephemeral');
        // Always a line for the starter (a blocked popup must not leave them with nothing), the link
        // in an attachment as a markdown link (no link preview, see card.ts personalLink).
        assert.equal(res.body.text, 'You started **Sprint review**; it opens in a new window.');
        assert.doesNotMatch(res.body.text, /access_token/);
        assert.match(res.body.attachments[0].text, /^\[Open the meeting\]\(http:\S+access_token=\S+\) \(your personal link/);

        const joinUrl: string = res.body.goto_location;
        assert.ok(joinUrl.startsWith(`${h.pnm.url}/?access_token=`), joinUrl);
        assert.equal(res.body.props.join_url, joinUrl);
        const claims = jwtClaims(tokenFromJoinUrl(joinUrl));
        assert.equal(claims.sub, h.users.alice.id);
        assert.equal(claims.is_admin, true);

        const roomId = res.body.props.plugnmeet_room_id;
        assert.match(roomId, /^[0-9a-f]{32}$/);
        const room = h.pnm.rooms.get(roomId)!;
        assert.equal(room.room_title, 'Sprint review');
        assert.equal(room.webhook_url, `${h.url}/plugnmeet/webhook`);
        assert.equal(room.metadata.extra_data.mattermost_channel_id, h.channels.town.id);

        const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
        assert.ok(card, 'card posted');
        assert.equal(card.user_id, h.mm.bot.id);
        assert.equal(card.channel_id, h.channels.town.id);
        assert.equal(card.props.meeting_topic, 'Sprint review');
        assert.equal(card.props.meeting_status, 'live');
        assert.equal(card.props.meeting_creator_id, h.users.alice.id);
        assert.equal(card.props.meeting_creator_username, 'alice');
        assert.equal(typeof card.props.meeting_started_at, 'number');
        assert.equal(card.props.meeting_participants, undefined, 'no "0 participants" while the starter joins');
        assert.match(card.props.attachments[0].text, /^Live now · started by alice\./);
        assert.equal(card.props.meeting_ended_at, undefined);
        assert.match(card.message, /alice started a meeting: Sprint review/);
        const actions = card.props.attachments[0].actions;
        assert.deepEqual(actions.map((a: any) => a.id), ['join', 'refresh']);
        assert.equal(actions[0].integration.url, `${h.url}/mattermost/action?action=join`);
        assert.equal(actions[0].integration.context.room_id, roomId);
        assert.ok(!JSON.stringify(res.body).includes(actions[0].integration.context.signature), 'signature is not sent to the user');
        // The bot joined the public channel so it can edit the card later.
        assert.ok(h.mm.isMember(h.channels.town.id, h.mm.bot.id));
        assert.equal((await h.app.store.getMeeting(roomId))?.postId, card.id);
    });

    test('no topic gives a default one', async () => {
        const res = await h.command(h.users.bob, h.channels.other, '');
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === res.body.props.plugnmeet_room_id);
        assert.equal(card.props.meeting_topic, 'Off-Topic', 'the channel\'s display name, in no one language');
    });

    test('a second start in the same channel creates no second room and offers to join', async () => {
        const first = await h.command(h.users.alice, h.channels.town, 'start One');
        const calls = createCalls();
        const posts = h.mm.posts.size;
        const second = await h.command(h.users.bob, h.channels.town, 'start Two');
        assert.equal(second.status, 200);
        assert.equal(second.body.goto_location, undefined);
        assert.match(second.body.text, /already live.*One.*started by alice\..*\/plugnmeet join/s);
        assert.equal(second.body.props.plugnmeet_room_id, first.body.props.plugnmeet_room_id);
        assert.equal(createCalls(), calls);
        assert.equal(h.mm.posts.size, posts);
    });

    test('20 concurrent starts in one channel create exactly one meeting', async () => {
        const calls = createCalls();
        const cards = h.cards().length;
        const results = await Promise.all(Array.from({length: 20}, (_, i) =>
            h.command(i % 2 ? h.users.alice : h.users.bob, h.channels.town, `start Rush ${i}`)));
        assert.ok(results.every((r) => r.status === 200));
        const started = results.filter((r) => r.body.goto_location);
        assert.equal(started.length, 1);
        assert.equal(createCalls(), calls + 1);
        assert.equal(h.cards().length, cards + 1);
        const roomIds = new Set(results.map((r) => r.body.props.plugnmeet_room_id));
        assert.equal(roomIds.size, 1);
    });

    test('a start in a thread (root named by the webapp, as Mattermost does not forward it) posts the card there', async () => {
        const root = await h.command(h.users.alice, h.channels.other, 'start Root');
        await h.command(h.users.alice, h.channels.other, 'end');
        const rootPostId = h.cards().find((p) => p.props.plugnmeet_room_id === root.body.props.plugnmeet_room_id).id;
        const res = await h.command(h.users.bob, h.channels.other, `start --root ${rootPostId} In thread`, {rootId: rootPostId});
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === res.body.props.plugnmeet_room_id);
        assert.equal(card.root_id, rootPostId);
        assert.equal(card.props.meeting_topic, 'In thread');
        await h.command(h.users.bob, h.channels.other, 'end');

        // A root from another channel is refused by Mattermost: a clear error, nothing left live.
        const foreign = h.cards().find((p) => p.channel_id === h.channels.town.id).id;
        const bad = await h.command(h.users.bob, h.channels.other, `start --root ${foreign} Sneaky`);
        assert.equal(bad.body.goto_location, undefined);
        assert.equal(await h.app.store.openMeetingInChannel(h.channels.other.id), undefined);
    });

    test('works in a private channel, a DM and a group message, where the bot is not a member', async () => {
        for (const channel of [h.channels.secret, h.channels.dm, h.channels.group]) {
            const res = await h.command(h.users.alice, channel, 'start Private talk');
            assert.ok(res.body.goto_location, `started in ${channel.type}`);
            const card = h.cards().find((p) => p.props.plugnmeet_room_id === res.body.props.plugnmeet_room_id);
            assert.equal(card.channel_id, channel.id);
            assert.equal(h.mm.isMember(channel.id, h.mm.bot.id), false);
        }
        const groupCard = h.cards().at(-1);
        assert.equal(groupCard.props.meeting_topic, 'Private talk');
        const dmDefault = await h.command(h.users.bob, h.channels.dm, 'end');
        assert.match(dmDefault.body.text, /Only alice,/);
        await h.command(h.users.alice, h.channels.dm, 'end');
        const unnamed = await h.command(h.users.bob, h.channels.dm, '');
        const dmCard = h.cards().find((p) => p.props.plugnmeet_room_id === unnamed.body.props.plugnmeet_room_id);
        assert.equal(dmCard.props.meeting_topic, 'bob · plugNmeet', 'DM channel names are ids; the topic names the starter (no mention)');
    });

    test('a 5000-character topic is refused with a clear message and nothing is created', async () => {
        const calls = h.pnm.calls.length;
        const res = await h.command(h.users.alice, h.channels.town, 'start ' + 'x'.repeat(5000));
        assert.equal(res.status, 200);
        assert.match(res.body.text, /5000 characters.*200/);
        assert.equal(h.pnm.calls.length, calls);
        assert.equal(await h.app.store.openMeetingInChannel(h.channels.town.id), undefined);
    });
});

describe('plugNmeet failures', () => {
    for (const mode of ['drop', 'error500'] as const) {
        test(`plugNmeet ${mode === 'drop' ? 'down' : 'answering 500'}: clear error, no card, nothing left live`, async () => {
            h.pnm.setMode(mode);
            const posts = h.mm.posts.size;
            const res = await h.command(h.users.alice, h.channels.town, 'start Doomed');
            assert.equal(res.status, 200);
            assert.equal(res.body.goto_location, undefined);
            assert.match(res.body.text, /Could not start the meeting: the meeting server \(plugNmeet\)/);
            assert.equal(h.mm.posts.size, posts);
            assert.equal(await h.app.store.openMeetingInChannel(h.channels.town.id), undefined);

            h.pnm.setMode('ok');
            const retry = await h.command(h.users.alice, h.channels.town, 'start Doomed');
            assert.ok(retry.body.goto_location, 'a later start works');
        });
    }

    test('plugNmeet refusing our credentials says so to nobody but the log, and the user gets a clear error', async () => {
        const {createPlugnmeetClient} = await import('../src/plugnmeet/client.js');
        const wrong = createPlugnmeetClient({url: h.pnm.url, apiKey: h.pnm.apiKey, apiSecret: 'not-the-secret'});
        await assert.rejects(wrong.createRoom({roomId: 'abc', title: 't', webhookUrl: 'http://x'}), /refused the API credentials/);
        await wrong.close();
    });

    test('Mattermost refusing the card: the room is ended again and nothing stays live', async () => {
        // A channel Mattermost does not know: the bot's post is refused (403).
        const ghost = {...h.channels.town, id: newId(), name: 'ghost'};
        const res = await h.command(h.users.alice, ghost, 'start Card fails');
        assert.match(res.body.text, /Could not start the meeting: posting the meeting card/);
        assert.equal(res.body.goto_location, undefined);
        assert.equal(await h.app.store.openMeetingInChannel(ghost.id), undefined);
        const created = h.pnm.calls.filter((c) => c.path === '/auth/room/create').at(-1)!.body.room_id;
        assert.equal(h.pnm.rooms.get(created)?.is_running, false);
    });
});

describe('join', () => {
    test('another member joins as attendee, by channel or by room id', async () => {
        const start = await h.command(h.users.alice, h.channels.town, 'start Standup');
        const roomId = start.body.props.plugnmeet_room_id;
        for (const text of ['join', `join ${roomId}`]) {
            const res = await h.command(h.users.bob, h.channels.town, text);
            assert.equal(res.status, 200);
            const claims = jwtClaims(tokenFromJoinUrl(res.body.goto_location));
            assert.equal(claims.sub, h.users.bob.id);
            assert.equal(claims.is_admin, false);
            assert.equal(res.body.props.join_url, res.body.goto_location);
        }
        const again = await h.command(h.users.alice, h.channels.town, 'join');
        assert.equal(jwtClaims(tokenFromJoinUrl(again.body.goto_location)).is_admin, true, 'the starter stays moderator');
    });

    test('a room of another channel is refused and no token is issued', async () => {
        const start = await h.command(h.users.alice, h.channels.secret, 'start Hidden');
        const roomId = start.body.props.plugnmeet_room_id;
        const tokens = h.pnm.tokens.length;
        const res = await h.command(h.users.carol, h.channels.town, `join ${roomId}`);
        assert.equal(res.status, 200);
        assert.equal(res.body.goto_location, undefined);
        assert.match(res.body.text, /no meeting with that id in this channel/);
        assert.equal(h.pnm.tokens.length, tokens);
    });

    test('no live meeting, a bad id, an ended meeting: each gets a clear message', async () => {
        const none = await h.command(h.users.bob, h.channels.town, 'join');
        assert.match(none.body.text, /no live meeting in this channel.*\/plugnmeet \[topic\]/);
        const bad = await h.command(h.users.bob, h.channels.town, 'join ../../etc');
        assert.match(bad.body.text, /not a meeting id/);

        const start = await h.command(h.users.alice, h.channels.town, 'start Short');
        const roomId = start.body.props.plugnmeet_room_id;
        h.pnm.endRoomExternally(roomId);
        const late = await h.command(h.users.bob, h.channels.town, `join ${roomId}`);
        assert.equal(late.body.goto_location, undefined);
        assert.match(late.body.text, /has ended/);
        const m = await h.app.store.getMeeting(roomId);
        assert.equal(m?.status, 'ended', 'the meeting found ended is marked ended');
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
        assert.equal(card.props.meeting_status, 'ended');
    });
});

describe('end', () => {
    test('a stranger cannot end it; the starter can, and the card says ended', async () => {
        const start = await h.command(h.users.alice, h.channels.town, 'start Planning');
        const roomId = start.body.props.plugnmeet_room_id;
        h.pnm.joinParticipant(roomId, h.users.bob.id, 'bob');
        h.pnm.joinParticipant(roomId, h.users.carol.id, 'carol');
        const {reconcileOnce} = await import('../src/meetings/reconciler.js');
        await reconcileOnce(h.app.store, h.app.meetings, h.app.log);

        const refused = await h.command(h.users.bob, h.channels.town, 'end');
        assert.match(refused.body.text, /Only alice, who started this meeting, a moderator of it or a system admin/);
        assert.equal(h.pnm.rooms.get(roomId)?.is_running, true);

        const res = await h.command(h.users.alice, h.channels.town, 'end');
        assert.match(res.body.text, /You ended \*\*Planning\*\*/);
        assert.equal(h.pnm.rooms.get(roomId)?.is_running, false);
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
        assert.equal(card.props.meeting_status, 'ended');
        assert.equal(typeof card.props.meeting_ended_at, 'number');
        assert.equal(card.props.meeting_participants, 2, 'the peak once ended');
        assert.deepEqual(card.props.attachments[0].actions.map((a: {id: string}) => a.id), ['start'], 'an ended card only offers a new meeting');
        const reply = [...h.mm.posts.values()].find((p) => p.root_id === card.id && /ended the meeting/.test(p.message));
        assert.ok(reply, 'a reply in the card thread says it ended');

        const again = await h.command(h.users.alice, h.channels.town, 'end');
        assert.match(again.body.text, /no live meeting/);
    });

    test('a system admin can end someone else\'s meeting', async () => {
        const start = await h.command(h.users.alice, h.channels.town, 'start Admin ends');
        const res = await h.command(h.users.admin, h.channels.town, 'end');
        assert.match(res.body.text, /You ended/);
        assert.equal(h.pnm.rooms.get(start.body.props.plugnmeet_room_id)?.is_running, false);
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === start.body.props.plugnmeet_room_id);
        const reply = [...h.mm.posts.values()].find((p) => p.root_id === card.id);
        assert.match(reply.message, /^root ended the meeting \*\*Admin ends\*\*, started by alice, after /);
    });

    test('in a private channel the card cannot be edited, but the thread still hears it ended', async () => {
        const start = await h.command(h.users.alice, h.channels.secret, 'start Quiet');
        const roomId = start.body.props.plugnmeet_room_id;
        await h.command(h.users.alice, h.channels.secret, 'end');
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
        assert.equal(card.props.meeting_status, 'live', 'the bot may not edit here; the refresh button fixes it');
        assert.ok([...h.mm.posts.values()].some((p) => p.root_id === card.id && /ended the meeting/.test(p.message)));
        const click = await h.mm.clickButton(card.id, 'refresh', h.users.bob);
        assert.equal(click.status, 200);
        assert.equal(h.mm.posts.get(card.id).props.meeting_status, 'ended');
    });
});

describe('help', () => {
    test('help is written for people: what to type, no "thread" promise, the ids only in an advanced line', async () => {
        const help = await h.command(h.users.alice, h.channels.town, 'help');
        const text: string = help.body.text;
        assert.match(text, /^- `\[topic\]` or `start \[options\] \[topic\]`: start a meeting in this channel\n/m);
        assert.doesNotMatch(text, /thread/);
        assert.doesNotMatch(text, /\bid\b/, 'no ids in the short list');
        assert.equal(await h.app.store.openMeetingInChannel(h.channels.town.id), undefined);
    });

    test('a first word that is not a subcommand is the topic of a start; `start help` names a meeting "help"', async () => {
        const sprint = await h.command(h.users.alice, h.channels.town, 'Sprint review');
        assert.ok(sprint.body.goto_location, 'the meeting opens');
        assert.match(sprint.body.text, /^You started \*\*Sprint review\*\*/);
        assert.equal((await h.app.store.openMeetingInChannel(h.channels.town.id))?.topic, 'Sprint review');
        await h.command(h.users.alice, h.channels.town, 'end');

        const named = await h.command(h.users.alice, h.channels.town, 'start help');
        assert.ok(named.body.goto_location);
        assert.equal((await h.app.store.openMeetingInChannel(h.channels.town.id))?.topic, 'help');
        await h.command(h.users.alice, h.channels.town, 'end');

        const help = await h.command(h.users.alice, h.channels.town, 'HELP');
        assert.equal(help.body.goto_location, undefined, 'the subcommand words stay reserved');
        assert.match(help.body.text, /plugNmeet video meetings/);
    });
});

describe('recordings', () => {
    test('lists this channel\'s recordings with personal links, and opens one by id', async () => {
        const start = await h.command(h.users.alice, h.channels.other, 'start Recorded');
        const roomId = start.body.props.plugnmeet_room_id;
        await h.command(h.users.alice, h.channels.other, 'end');
        const {record_id: recordId} = h.pnm.addRecording(roomId, {file_size: 12.3});

        const list = await h.command(h.users.bob, h.channels.other, 'recordings');
        assert.match(list.body.text, /\*\*Recorded\*\* · .* · 12\.3 MB · id `[^`]+`: \[download\]\(http:\/\/127\.0\.0\.1:\d+\/download\/recording\/ey/);
        const one = await h.command(h.users.bob, h.channels.other, `recordings ${recordId}`);
        assert.match(one.body.goto_location, /\/download\/recording\/ey/);
        const fetches = h.pnm.calls.filter((c) => c.path === '/auth/recording/fetch');
        assert.ok(fetches.every((c) => c.body.room_ids.length > 0), 'never asks for every recording on the server');
    });

    test('a recording of another channel is refused, and a channel without any says so', async () => {
        const start = await h.command(h.users.alice, h.channels.secret, 'start Private recorded');
        await h.command(h.users.alice, h.channels.secret, 'end');
        const {record_id: recordId} = h.pnm.addRecording(start.body.props.plugnmeet_room_id);
        const calls = h.pnm.calls.filter((c) => c.path === '/auth/recording/getDownloadToken').length;
        const res = await h.command(h.users.carol, h.channels.town, `recordings ${recordId}`);
        assert.equal(res.body.goto_location, undefined);
        assert.match(res.body.text, /no recording with that id in this channel/);
        assert.equal(h.pnm.calls.filter((c) => c.path === '/auth/recording/getDownloadToken').length, calls);
        const none = await h.command(h.users.alice, h.channels.group, 'recordings');
        assert.match(none.body.text, /no recordings yet/);
    });
});
