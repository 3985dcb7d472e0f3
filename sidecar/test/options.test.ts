// Meeting options (issue 14): each flag reaches plugNmeet's create request with the field names
// and nesting plugNmeet 2.4 reads (the fake parses it as protojson with DiscardUnknown, validates it
// and merges it over its defaults, so a misplaced key would simply be lost here too); the card
// shows what a joiner meets; a joiner gets the waiting room and the locks; mistakes start nothing.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {formatFlags, NO_OPTIONS, OPTIONS_SHEET_PROP} from '@plugnmeet/contracts';
import {shownInMeeting} from './fakes/plugnmeet.js';
import {harnessWith, type Harness, tokenFromJoinUrl} from './harness.js';

/** Starts with `text`, returns the room as the fake plugNmeet stored it, and the card. */
async function startWith(h: Harness, text: string, channel = h.channels.town, user = h.users.alice) {
    const res = await h.command(user, channel, text);
    const roomId: string = res.body.props?.plugnmeet_room_id;
    assert.ok(roomId, JSON.stringify(res.body));
    const room = h.pnm.rooms.get(roomId)!;
    const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId)!;
    return {roomId, room, card, res};
}

async function endIn(h: Harness, channel = h.channels.town, user = h.users.alice) {
    assert.match((await h.command(user, channel, 'end')).body.text, /ended/);
}

describe('options reach plugNmeet as it reads them', () => {
    const h = harnessWith();

    test('every flag, in any order before the topic', async () => {
        const {room, card} = await startWith(h(),
            'start --lock-chat --waiting-room --mute --record --lock-webcams --lock-mics --lock-screen --e2ee --duration 45 --welcome "Welcome to the review" Sprint review');
        const md = room.metadata;
        assert.equal(room.room_title, 'Sprint review');
        assert.equal(md.welcome_message, 'Welcome to the review');
        assert.equal(md.room_features.waiting_room_features.is_active, true);
        assert.equal(md.room_features.mute_on_start, true);
        assert.equal(md.room_features.recording_features.enable_auto_cloud_recording, true);
        assert.equal(md.room_features.recording_features.is_allow, true, 'merged over the defaults: recording stays allowed');
        assert.equal(md.room_features.end_to_end_encryption_features.is_enabled, true);
        assert.equal(Number(md.room_features.room_duration), 45);
        assert.deepEqual(
            {lock_webcam: md.default_lock_settings.lock_webcam, lock_microphone: md.default_lock_settings.lock_microphone,
                lock_screen_sharing: md.default_lock_settings.lock_screen_sharing, lock_chat: md.default_lock_settings.lock_chat},
            {lock_webcam: true, lock_microphone: true, lock_screen_sharing: true, lock_chat: true});
        // The card shows what a joiner meets, in its props (webapp) and its attachment (mobile).
        assert.equal(card.props.meeting_waiting_room, true);
        assert.equal(card.props.meeting_recorded, true);
        assert.equal(card.props.meeting_e2ee, true);
        assert.equal(card.props.meeting_duration_minutes, 45);
        assert.match(card.props.attachments[0].text, /Waiting room · Recorded · End-to-end encrypted · Up to 45 min/);
        await endIn(h());
    });

    test('no flags: plugNmeet\'s defaults, and a card that names no option', async () => {
        const {room, card} = await startWith(h(), 'Plain');
        const md = room.metadata;
        assert.equal(md.room_features.waiting_room_features.is_active, false);
        assert.equal(md.room_features.mute_on_start, false);
        assert.equal(md.room_features.recording_features.enable_auto_cloud_recording, false);
        assert.equal(md.welcome_message, undefined);
        assert.equal(md.room_features.room_duration, undefined);
        assert.equal(md.default_lock_settings.lock_screen_sharing, false, 'attendees may share their screen unless the admin locks it');
        assert.equal(card.props.meeting_waiting_room, false);
        assert.equal(card.props.meeting_duration_minutes, 0);
        assert.doesNotMatch(card.props.attachments[0].text, /Waiting room|Recorded|Up to/);
        await endIn(h());
    });

    test('a joiner under a waiting room and locks gets them; the starter, as moderator, does not', async () => {
        const {roomId} = await startWith(h(), '--waiting-room --lock-webcams --lock-chat Locked');
        const starter = h().pnm.tokens.filter((t) => t.room_id === roomId).at(-1)!;
        assert.equal(starter.is_admin, true);
        const join = await h().command(h().users.bob, h().channels.town, 'join');
        assert.ok(join.body.goto_location);
        const bob = h().pnm.tokens.find((t) => t.room_id === roomId && t.user_id === h().users.bob.id)!;
        assert.equal(bob.token, tokenFromJoinUrl(join.body.goto_location));
        assert.equal(bob.is_admin, false);
        assert.equal(bob.user_metadata?.wait_for_approval, true);
        assert.equal(bob.user_metadata?.lock_settings?.lock_webcam, true);
        assert.equal(bob.user_metadata?.lock_settings?.lock_chat, true);
        assert.notEqual(bob.user_metadata?.lock_settings?.lock_microphone, true);
        assert.equal(starter.user_metadata?.wait_for_approval, false);
        assert.notEqual(starter.user_metadata?.lock_settings?.lock_webcam, true);
        await endIn(h());
    });

    test('the flags the webapp\'s dialog writes are read back the same (one grammar)', async () => {
        const chosen = {...NO_OPTIONS, waitingRoom: true, duration: 30, welcome: 'Say "hi" \\ and «bye»'};
        const {room} = await startWith(h(), `start ${formatFlags(chosen)} --leading dashes in a topic`);
        assert.equal(room.room_title, '--leading dashes in a topic');
        assert.equal(shownInMeeting(room).welcome?.text, 'Say "hi" \\ and «bye»', 'what participants read');
        assert.equal(Number(room.metadata.room_features.room_duration), 30);
        await endIn(h());
    });

    test('dashes a phone made of `--` and curly quotes still read as flags', async () => {
        const {room} = await startWith(h(), 'start \u2014waiting-room \u2014welcome \u201CHello team\u201D Standup');
        assert.equal(room.room_title, 'Standup');
        assert.equal(room.metadata.welcome_message, 'Hello team');
        assert.equal(room.metadata.room_features.waiting_room_features.is_active, true);
        await endIn(h());
    });

    test('mistakes get a clear answer and start nothing', async () => {
        const cases: Array<[string, RegExp]> = [
            ['start --waiting-rom Review', /`--waiting-rom` is not an option .*did you mean `--waiting-room`\?/],
            ['start --bogus Review', /`--bogus` is not an option .*--waiting-room, --mute/],
            ['start --duration Review', /`--duration` takes whole minutes from 1 to 10080 \(got “Review”\)/],
            ['start --duration 0 Review', /`--duration` takes whole minutes/],
            ['start --duration', /`--duration` needs a value/],
            ['start --welcome', /`--welcome` needs a value/],
            ['start --mute=maybe Review', /`--mute=` takes yes or no/],
            ['start --no-mute=yes Review', /`--no-mute=` is not an option/],
            [`start --welcome "${'x'.repeat(501)}" Review`, /501 characters long; keep it to 500/],
        ];
        const rooms = h().pnm.rooms.size;
        for (const [text, answer] of cases) {
            const res = await h().command(h().users.alice, h().channels.town, text);
            assert.equal(res.status, 200);
            assert.match(res.body.text, answer, text);
            assert.equal(res.body.goto_location, undefined);
        }
        assert.equal(h().pnm.rooms.size, rooms, 'no room was created');
        assert.equal(await h().app.store.openMeetingInChannel(h().channels.town.id), undefined);
    });

    test('"Start a new meeting" on the ended card keeps the options', async () => {
        const {card} = await startWith(h(), '--waiting-room --duration 20 Weekly');
        await endIn(h());
        const click = await h().mm.clickButton(card.id, 'start', h().users.bob);
        assert.equal(click.status, 200);
        const again = (await h().app.store.openMeetingInChannel(h().channels.town.id))!;
        const room = h().pnm.rooms.get(again.roomId)!;
        assert.equal(room.metadata.room_features.waiting_room_features.is_active, true);
        assert.equal(Number(room.metadata.room_features.room_duration), 20);
        await endIn(h(), h().channels.town, h().users.bob);
    });

    test('help lists the options', async () => {
        const text: string = (await h().command(h().users.alice, h().channels.town, 'help options')).body.text;
        for (const flag of ['--waiting-room', '--mute', '--record', '--lock-webcams', '--lock-mics', '--lock-screen', '--lock-chat', '--e2ee', '--duration', '--welcome']) {
            assert.ok(text.includes(flag), flag);
        }
    });

    test('`/plugnmeet options --quiet` (the webapp) answers the dialog\'s sheet in its props and shows nothing', async () => {
        const res = await h().command(h().users.alice, h().channels.town, 'options --quiet');
        assert.equal(res.body.text, '');
        assert.deepEqual(res.body.props[OPTIONS_SHEET_PROP], {defaults: {...NO_OPTIONS}, fixed: [], maxDuration: 0});
    });
});

describe('admin defaults and limits', () => {
    const h = harnessWith({
        MEETINGS_DEFAULT_OPTIONS: '--waiting-room --mute --duration 60',
        MEETINGS_FIXED_OPTIONS: 'record,waiting-room',
        MEETINGS_MAX_DURATION: '90',
    });

    test('a meeting gets the defaults; a person may change what is not fixed', async () => {
        const {room, card} = await startWith(h(), '--no-mute --duration 30 Defaults');
        const f = room.metadata.room_features;
        assert.equal(f.waiting_room_features.is_active, true);
        assert.equal(f.mute_on_start, false);
        assert.equal(Number(f.room_duration), 30);
        assert.equal(card.props.meeting_waiting_room, true);
        await endIn(h());
    });

    test('changing a fixed option, or asking for more than the limit, is refused and starts nothing', async () => {
        const rooms = h().pnm.rooms.size;
        const fixed = await h().command(h().users.alice, h().channels.town, '--no-waiting-room Open door');
        assert.match(fixed.body.text, /Your system admin turned on the waiting room for every meeting on this server.*without `--no-waiting-room`/);
        const record = await h().command(h().users.alice, h().channels.town, '--record Taped');
        assert.match(record.body.text, /turned off automatic recording/, 'recording is fixed off: the refusal says so');
        const long = await h().command(h().users.alice, h().channels.town, '--duration 120 Marathon');
        assert.match(long.body.text, /at most 90 minutes/);
        const unlimited = await h().command(h().users.alice, h().channels.town, '--no-duration Forever');
        assert.match(unlimited.body.text, /at most 90 minutes/);
        assert.equal(h().pnm.rooms.size, rooms);
        // Asking for what is fixed, as it is fixed, is fine.
        const same = await startWith(h(), '--waiting-room Same');
        assert.equal(same.room.metadata.room_features.waiting_room_features.is_active, true);
        await endIn(h());
    });

    test('the dialog\'s sheet carries the defaults, the fixed options and the limit', async () => {
        const res = await h().command(h().users.alice, h().channels.town, 'options');
        assert.deepEqual(res.body.props[OPTIONS_SHEET_PROP], {
            defaults: {...NO_OPTIONS, waitingRoom: true, mute: true, duration: 60}, fixed: ['record', 'waitingRoom'], maxDuration: 90,
        });
    });
});
