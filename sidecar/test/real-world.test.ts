// The sidecar against the rules the real Mattermost applies (docs/admin.md, "Compatibility"), read in its source and
// modelled by the fake (see fakes/mattermost.ts for each rule's file): PostEditTimeLimit, the
// thread in the command form of newer servers, read-only channels, and the row each edit writes.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {type Harness, startHarness} from './harness.js';

/** A harness per Mattermost version, closed (and checked for secrets) after the file. */
function harnessFor(serverVersion: string, settings: {PostEditTimeLimit?: number} = {}) {
    const box: {h?: Harness} = {};
    before(async () => {
        box.h = await startHarness({mattermost: {serverVersion}});
        Object.assign(box.h.mm.settings, settings);
    });
    after(async () => {
        const leaked = box.h!.leakedSecrets();
        await box.h!.close();
        assert.deepEqual(leaked, [], 'a secret was written to the log');
    });
    return () => box.h!;
}

async function startIn(h: Harness, channel: Harness['channels']['town'], topic: string, user = h.users.alice) {
    const res = await h.command(user, channel, `start ${topic}`);
    const roomId: string = res.body.props?.plugnmeet_room_id;
    assert.ok(roomId, JSON.stringify(res.body));
    return {roomId, card: h.cards().find((p) => p.props.plugnmeet_room_id === roomId), answer: res.body};
}

const patchBodies = (h: Harness, postId: string) => h.mm.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v4/posts/${postId}/patch`).map((r) => r.body as Record<string, unknown>);

async function participants(h: Harness, roomId: string, ids: string[]) {
    for (const id of ids) {
        h.pnm.joinParticipant(roomId, id, id);
    }
    await h.app.meetings.sync((await h.app.store.getMeeting(roomId))!);
    await h.app.cardUpdates.flushAll();
}

const metric = async (h: Harness, name: string) => {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    return text.split('\n').filter((l) => l.startsWith(name)).join('\n');
};

describe('Mattermost 10.11 with PostEditTimeLimit = 5 min', () => {
    const h = harnessFor('10.11.0', {PostEditTimeLimit: 300});

    test('an hour-old card still follows its meeting: edits carry props only, the message stays as written', async () => {
        const {roomId, card} = await startIn(h(), h().channels.town, 'Long meeting');
        const message = card.message;
        h().mm.agePost(card.id, 60 * 60_000);
        await participants(h(), roomId, ['p1', 'p2']);
        let stored = h().mm.posts.get(card.id);
        assert.equal(stored.props.meeting_participants, 2);
        assert.equal(await h().app.cardUpdates.pending(), 0, 'nothing left to retry');

        await h().command(h().users.alice, h().channels.town, 'end');
        stored = h().mm.posts.get(card.id);
        assert.equal(stored.props.meeting_status, 'ended');
        assert.equal(stored.message, message, 'the message is never edited');
        const bodies = patchBodies(h(), card.id);
        assert.ok(bodies.length >= 2);
        assert.ok(bodies.every((b) => !('message' in b)), 'no patch carries a message (api4/post.go refuses it past the limit)');
    });

    test('the Refresh button\'s update keeps the message too, so it is never refused', async () => {
        const {roomId, card} = await startIn(h(), h().channels.secret, 'Private and old');
        h().mm.agePost(card.id, 60 * 60_000);
        h().pnm.joinParticipant(roomId, 'p1', 'p1');
        const click = await h().mm.clickButton(card.id, 'refresh', h().users.bob);
        assert.equal(click.status, 200);
        assert.equal(click.integrationResponse.update.message, card.message);
        assert.equal(h().mm.posts.get(card.id).props.meeting_participants, 1);
    });

    test('each edit is counted; one that would show nothing new is not made', async () => {
        const {roomId, card} = await startIn(h(), h().channels.other, 'Counted');
        const rows = h().mm.rowsWritten(card.id);
        await participants(h(), roomId, ['a']);
        assert.equal(h().mm.rowsWritten(card.id), rows + 1, 'one edit, one row in Mattermost\'s Posts table');

        // Someone joins and leaves again before the card is due: the count it would show is the one it shows.
        h().pnm.joinParticipant(roomId, 'b', 'b');
        await h().app.meetings.sync((await h().app.store.getMeeting(roomId))!);
        h().pnm.leaveParticipant(roomId, 'b');
        await h().app.meetings.sync((await h().app.store.getMeeting(roomId))!);
        await h().app.cardUpdates.flushAll();
        assert.equal(h().mm.rowsWritten(card.id), rows + 1, 'no edit for a card that would look the same');
        assert.match(await metric(h(), 'plugnmeet_sidecar_card_edits_total'), /outcome="unchanged"\} [1-9]/);

        await h().command(h().users.alice, h().channels.other, 'end');
        const stored = (await h().app.store.getMeeting(roomId))!;
        assert.equal(stored.cardEdits, 2, 'the count and the end');
        assert.equal(h().mm.rowsWritten(card.id), rows + 2);
        assert.match(await metric(h(), 'plugnmeet_sidecar_card_edits_per_meeting_count'), / [1-9]\d*$/m);
    });

    test('the ended card offers "Start a new meeting": same channel and thread, the clicker as moderator', async () => {
        const first = await startIn(h(), h().channels.town, 'Standup');
        await h().command(h().users.alice, h().channels.town, 'end');
        const ended = h().mm.posts.get(first.card.id);
        assert.deepEqual(ended.props.attachments[0].actions.map((a: {id: string}) => a.id), ['start']);
        const click = await h().mm.clickButton(first.card.id, 'start', h().users.bob);
        assert.equal(click.status, 200);
        assert.match(click.ephemeralText ?? '', /\[Join the meeting\]\(http\S+access_token=/);
        const again = await h().app.store.openMeetingInChannel(h().channels.town.id);
        assert.equal(again?.status, 'live');
        assert.equal(again?.topic, 'Standup');
        assert.equal(again?.creatorId, h().users.bob.id, 'whoever starts it again is its moderator');
        assert.equal(again?.rootId, first.card.root_id, 'the same thread (none here)');
        await h().command(h().users.bob, h().channels.town, 'end');
    });

    test('a DM, past the limit: start, join, live count, end and a recording in the thread', async () => {
        const {roomId, card} = await startIn(h(), h().channels.dm, 'Quick call');
        h().mm.agePost(card.id, 60 * 60_000);
        const joined = await h().command(h().users.bob, h().channels.dm, 'join');
        assert.match(joined.body.attachments[0].text, /access_token=/);
        // The bot is not in the DM: the count reaches the card through its Refresh button.
        h().pnm.joinParticipant(roomId, h().users.bob.id, 'bob');
        await h().mm.clickButton(card.id, 'refresh', h().users.bob);
        assert.equal(h().mm.posts.get(card.id).props.meeting_participants, 1);

        const {record_id: recordId} = h().pnm.addRecording(roomId, {file_size: 12.5});
        const event = h().pnm.buildEvent('recording_proceeded', roomId, {recordId});
        assert.equal((await h().pnm.sendWebhook(`${h().url}/plugnmeet/webhook`, event)).status, 200);
        const recording = [...h().mm.posts.values()].find((p) => p.props?.plugnmeet_record_id === recordId);
        assert.equal(recording?.root_id, card.id, 'the recording is posted in the card\'s thread');
        const download = await h().mm.clickButton(recording.id, 'download', h().users.bob);
        assert.match(download.ephemeralText ?? '', /\[Download\]\(http\S+\/download\/recording\//);

        await h().command(h().users.alice, h().channels.dm, 'end');
        // Only bob was ever in the room: nobody met, so the call reads as missed (issue 25).
        assert.ok([...h().mm.posts.values()].some((p) => p.root_id === card.id && p.message === 'Missed call from alice: **Quick call**. Nobody answered.'), 'the end is told in the thread');
        const refreshed = await h().mm.clickButton(card.id, 'refresh', h().users.bob);
        assert.equal(refreshed.status, 200);
        assert.equal(h().mm.posts.get(card.id).props.meeting_status, 'ended');
        assert.equal(h().mm.posts.get(card.id).message, card.message);
    });

    test('the card\'s message stays as written when the starter is renamed or changes language', async () => {
        h().mm.settings.TeammateNameDisplay = 'full_name';
        const dora = h().mm.addUser({username: 'dora', first_name: 'Dora', last_name: 'Explorer', locale: 'en'});
        h().mm.addMember(h().channels.town.id, dora.id);
        await h().restart(); // the name format is cached: read it again
        try {
            const {card} = await startIn(h(), h().channels.town, 'Renamed', dora);
            assert.equal(card.message, 'Dora Explorer started a meeting: Renamed');
            Object.assign(h().mm.users.get(dora.id)!, {last_name: 'Married', locale: 'de'});
            await h().restart(); // no cached profile left
            h().pnm.joinParticipant(card.props.plugnmeet_room_id, h().users.bob.id, 'bob'); // a change, so the click answers with an update
            const click = await h().mm.clickButton(card.id, 'refresh', h().users.bob);
            assert.equal(click.integrationResponse.update.message, card.message, 'a button\'s update carries the message as written');
            assert.equal(h().mm.posts.get(card.id).message, card.message);
            await h().command(dora, h().channels.town, 'end');
        } finally {
            h().mm.settings.TeammateNameDisplay = 'username';
            await h().restart();
        }
    });

    test('a read-only channel: members cannot run the command, the card\'s Join button answers with their link', async () => {
        const news = h().mm.addChannel({type: 'O', name: 'announcements', members: [h().users.admin.id, h().users.bob.id], readOnly: true});
        const {card} = await startIn(h(), news, 'All hands', h().users.admin);
        const typed = await h().command(h().users.bob, news, 'join');
        assert.equal(typed.status, 0, 'Mattermost refuses the command itself (api4/command.go: create_post)');
        assert.equal(typed.mmError?.status_code, 403);
        const click = await h().mm.clickButton(card.id, 'join', h().users.bob);
        assert.equal(click.status, 200);
        assert.match(click.ephemeralText ?? '', /\[Join the meeting\]\(http\S+access_token=/);
        assert.doesNotMatch(click.ephemeralText ?? '', /(^|[^(])https?:\/\//, 'no bare link for the link-preview service to fetch');
        await h().command(h().users.admin, news, 'end');
    });
});

describe('Mattermost 11.7 (root_id in the command form, stricter edits)', () => {
    const h = harnessFor('11.7.0', {PostEditTimeLimit: 300});

    test('a command typed in a thread posts its card in that thread', async () => {
        const root = await startIn(h(), h().channels.town, 'Root');
        await h().command(h().users.alice, h().channels.town, 'end');
        const res = await h().command(h().users.bob, h().channels.town, 'start In the thread', {rootId: root.card.id});
        const card = h().cards().find((p) => p.props.plugnmeet_room_id === res.body.props.plugnmeet_room_id);
        assert.equal(card.root_id, root.card.id);
        await h().command(h().users.bob, h().channels.town, 'end');
    });

    test('past the limit no edit is allowed at all: nothing is retried, the thread hears the end, Refresh shows it', async () => {
        const {card} = await startIn(h(), h().channels.other, 'Frozen');
        h().mm.agePost(card.id, 60 * 60_000);
        const before = patchBodies(h(), card.id).length;
        await h().command(h().users.alice, h().channels.other, 'end');
        await h().app.cardUpdates.flushAll();
        assert.equal(patchBodies(h(), card.id).length, before + 1, 'one refused attempt, not retried');
        assert.equal(await h().app.cardUpdates.pending(), 0);
        assert.ok([...h().mm.posts.values()].some((p) => p.root_id === card.id && /ended/.test(p.message)), 'the end is told in the thread');
        const click = await h().mm.clickButton(card.id, 'refresh', h().users.bob);
        assert.equal(click.status, 200);
        assert.equal(h().mm.posts.get(card.id).props.meeting_status, 'ended', 'an action update is not a patch: it still applies');
    });
});
