// The admin's policy (issue 14), enforced by the sidecar for every way in: the typed command, the
// call button (the webapp sends `start --root <id>` or plain `start`), the options dialog (`start
// <flags> -- <topic>`) and the card's "Start a new meeting" button (mobile and web). Roles are read
// from the fake Mattermost as the real REST API answers them (team and channel members, guests).
import assert from 'node:assert/strict';
import {afterEach, before, describe, test} from 'node:test';
import {OPTIONS_SHEET_PROP} from '@plugnmeet/contracts';
import type {MmChannel, MmUser} from './fakes/mattermost.js';
import {harnessWith, type Harness} from './harness.js';

/** Every way in to a start, as the sidecar receives it. */
const WAYS: Array<[string, string]> = [
    ['typed command', 'Policy check'],
    ['call button', 'start'],
    ['options dialog', 'start --mute -- Policy check'],
];

async function admin(h: Harness, text: string) {
    return (await h.command(h.users.admin, h.channels.town, `admin ${text}`)).body.text as string;
}

/** Ends whatever is open in the channel, as a system admin. */
async function endAll(h: Harness, channels: MmChannel[]) {
    for (const channel of channels) {
        const open = await h.app.store.openMeetingInChannel(channel.id);
        if (open) {
            await h.app.meetings.abandonStart(open).catch(() => undefined);
        }
    }
}

/** A card of an ended meeting in `channel`, to click "Start a new meeting" on. */
async function endedCard(h: Harness, channel: MmChannel, user: MmUser) {
    const res = await h.command(user, channel, 'start Before the policy');
    const roomId = res.body.props?.plugnmeet_room_id;
    assert.ok(roomId, JSON.stringify(res.body));
    assert.match((await h.command(user, channel, 'end')).body.text, /ended/);
    return h.cards().find((p) => p.props.plugnmeet_room_id === roomId)!;
}

/** Every way in is refused with `answer`; `endedCard`: an ended card there, whose "Start a new meeting" (mobile's way) is tried too. */
async function assertRefusedEverywhere(h: Harness, user: MmUser, channel: MmChannel, answer: RegExp, endedCardId?: string) {
    const rooms = h.pnm.rooms.size;
    for (const [way, text] of WAYS) {
        const res = await h.command(user, channel, text);
        assert.match(res.body.text, answer, way);
        assert.equal(res.body.goto_location, undefined, way);
    }
    const sheet = (await h.command(user, channel, 'options')).body.props[OPTIONS_SHEET_PROP];
    assert.match(sheet.refusal, answer, 'the dialog shows the refusal instead of the form');
    if (endedCardId) {
        const click = await h.mm.clickButton(endedCardId, 'start', user);
        assert.equal(click.status, 200);
        assert.match(click.ephemeralText ?? '', answer, 'the card\'s Start a new meeting');
    }
    assert.equal(h.pnm.rooms.size, rooms, 'no room was created');
    assert.equal(await h.app.store.openMeetingInChannel(channel.id), undefined);
}

describe('where meetings may start', () => {
    const h = harnessWith({MEETINGS_ALLOWED_CHANNEL_TYPES: 'public,private,gm'});
    afterEach(() => endAll(h(), Object.values(h().channels)));

    test('a channel type that is not allowed: refused for every way in, and the dialog says why', async () => {
        await assertRefusedEverywhere(h(), h().users.alice, h().channels.dm, /^Meetings can't be started in direct messages on this server\. Ask your system admin\./);
        assert.ok((await h().command(h().users.alice, h().channels.group, 'Group call')).body.goto_location, 'group messages are allowed');
    });

    test('the card\'s "Start a new meeting" (the mobile button) is held to the policy as it is now', async () => {
        const card = await endedCard(h(), h().channels.town, h().users.alice);
        assert.match(await admin(h(), 'set MEETINGS_ALLOWED_CHANNEL_TYPES private,gm'), /now `private,gm`/);
        try {
            const rooms = h().pnm.rooms.size;
            const click = await h().mm.clickButton(card.id, 'start', h().users.bob);
            assert.equal(click.status, 200);
            assert.match(click.ephemeralText ?? '', /^Meetings can't be started in public channels on this server/);
            assert.equal(h().pnm.rooms.size, rooms);
        } finally {
            assert.match(await admin(h(), 'unset MEETINGS_ALLOWED_CHANNEL_TYPES'), /back to the value of the sidecar's environment/);
        }
        assert.match((await h().command(h().users.alice, h().channels.dm, 'DM')).body.text, /in direct messages/, 'the environment\'s value again');
    });

    test('channel deny and allow lists', async () => {
        const card = await endedCard(h(), h().channels.other, h().users.alice);
        await admin(h(), `set MEETINGS_DENIED_CHANNELS ${h().channels.other.id}`);
        await assertRefusedEverywhere(h(), h().users.alice, h().channels.other, /can't be started in this channel/, card.id);
        await admin(h(), 'unset MEETINGS_DENIED_CHANNELS');
        await admin(h(), `set MEETINGS_ALLOWED_CHANNELS ${h().channels.town.id}`);
        await assertRefusedEverywhere(h(), h().users.alice, h().channels.other, /can't be started in this channel/, card.id);
        assert.ok((await h().command(h().users.alice, h().channels.town, 'Allowed')).body.goto_location);
        await admin(h(), 'unset MEETINGS_ALLOWED_CHANNELS');
    });

    test('allowed teams, by name or id; DMs and GMs belong to no team', async () => {
        h().mm.addTeam({name: 'elsewhere'});
        const card = await endedCard(h(), h().channels.town, h().users.alice);
        await admin(h(), 'set MEETINGS_ALLOWED_TEAMS elsewhere');
        await assertRefusedEverywhere(h(), h().users.alice, h().channels.town, /can't be started in this team/, card.id);
        // The bot cannot read a group message: it may be a private channel with a GM's name (see below).
        assert.match((await h().command(h().users.alice, h().channels.group, 'GM call')).body.text, /can't be started in this team/);
        await admin(h(), 'set MEETINGS_ALLOWED_TEAMS elsewhere,FAKE-TEAM');
        assert.ok((await h().command(h().users.alice, h().channels.town, 'By name')).body.goto_location);
        await endAll(h(), [h().channels.town]);
        await admin(h(), `set MEETINGS_ALLOWED_TEAMS ${h().mm.teamId}`);
        assert.ok((await h().command(h().users.alice, h().channels.town, 'By id')).body.goto_location);
        await admin(h(), 'unset MEETINGS_ALLOWED_TEAMS');
    });
});

describe('a channel the bot cannot read is never taken for a DM or GM on a guess (issue 21, item 5)', () => {
    // Group messages are not allowed and a team list is set: a private channel named like a GM
    // (40 hex characters, a name any member can give it) must pass the private and gm rules and the list.
    const h = harnessWith({MEETINGS_ALLOWED_CHANNEL_TYPES: 'public,private,dm'});
    afterEach(() => endAll(h(), Object.values(h().channels)));
    const hexNamed = () => h().mm.addChannel({type: 'P', name: 'ab'.repeat(20), display_name: 'Looks like a GM', members: [h().users.alice.id, h().users.bob.id]});

    test('a private channel with a GM\'s name: the gm rule applies too, and a team list', async () => {
        const channel = hexNamed();
        await assertRefusedEverywhere(h(), h().users.alice, channel, /plugNmeet cannot see whether this is a private channel or a group message, and group messages are not allowed/);
        await admin(h(), 'set MEETINGS_ALLOWED_CHANNEL_TYPES public,private,dm,gm');
        try {
            await admin(h(), 'set MEETINGS_ALLOWED_TEAMS elsewhere');
            await assertRefusedEverywhere(h(), h().users.alice, channel, /can't be started in this team/);
            await admin(h(), 'unset MEETINGS_ALLOWED_TEAMS');
            const res = await h().command(h().users.alice, channel, 'Allowed now');
            assert.ok(res.body.goto_location, res.body.text);
            const stored = await h().app.store.getMeeting(res.body.props.plugnmeet_room_id);
            assert.equal(stored?.teamId, h().mm.teamId, 'stored with the request\'s team');
        } finally {
            await admin(h(), 'unset MEETINGS_ALLOWED_CHANNEL_TYPES');
            await admin(h(), 'unset MEETINGS_ALLOWED_TEAMS');
        }
    });

    test('a DM name counts only when it holds the caller\'s id', async () => {
        const {alice, bob, carol} = h().users;
        // Named as Mattermost names the DM of bob and carol (model/channel.go GetDMNameFromIds), alice in it.
        const lookalike = h().mm.addChannel({type: 'P', name: [bob.id, carol.id].sort().join('__'), members: [alice.id, bob.id, carol.id]});
        await admin(h(), 'set MEETINGS_ALLOWED_CHANNEL_TYPES public,dm,gm');
        try {
            await assertRefusedEverywhere(h(), alice, lookalike, /cannot see whether this is a private channel or a group message, and private channels are not allowed/);
            await admin(h(), 'set MEETINGS_ALLOWED_TEAMS elsewhere');
            assert.ok((await h().command(alice, h().channels.dm, 'Real DM')).body.goto_location, 'the caller\'s own DM, which belongs to no team');
        } finally {
            await admin(h(), 'unset MEETINGS_ALLOWED_CHANNEL_TYPES');
            await admin(h(), 'unset MEETINGS_ALLOWED_TEAMS');
        }
    });
});

describe('who may start', () => {
    const h = harnessWith({MEETINGS_WHO_CAN_START: 'channel_admins'});
    afterEach(() => endAll(h(), Object.values(h().channels)));

    test('only channel admins (and team and system admins): a member is refused, a channel admin starts', async () => {
        const card = await endedCard(h(), h().channels.town, h().users.admin);
        await assertRefusedEverywhere(h(), h().users.bob, h().channels.town, /^Only channel admins, team admins and system admins can start meetings here/, card.id);
        h().mm.setChannelAdmin(h().channels.town.id, h().users.bob.id);
        // The bot reads memberships once a minute at most: a new start asks again after the refusal's entry expires.
        const carol = h().users.carol;
        h().mm.setChannelAdmin(h().channels.other.id, carol.id);
        for (const [way, text] of WAYS) {
            const res = await h().command(carol, h().channels.other, text);
            assert.ok(res.body.goto_location, `${way}: ${res.body.text}`);
            await endAll(h(), [h().channels.other]);
        }
    });

    test('a team admin starts anywhere in the team; a system admin anywhere', async () => {
        h().mm.setTeamAdmin(h().mm.teamId, h().users.alice.id);
        assert.ok((await h().command(h().users.alice, h().channels.town, 'Team admin')).body.goto_location);
        assert.ok((await h().command(h().users.admin, h().channels.other, 'System admin')).body.goto_location);
    });

    test('in a private channel the bot cannot see, the refusal says how to fix it', async () => {
        const res = await h().command(h().users.bob, h().channels.secret, 'Private');
        assert.match(res.body.text, /the plugNmeet bot cannot see this channel's admins\. Ask a channel admin to add @plugnmeet/);
    });

    test('the ended card\'s button is held to it too', async () => {
        const card = await endedCard(h(), h().channels.town, h().users.admin);
        const click = await h().mm.clickButton(card.id, 'start', h().users.carol);
        assert.match(click.ephemeralText ?? '', /^Only channel admins/);
        assert.equal(await h().app.store.openMeetingInChannel(h().channels.town.id), undefined);
    });
});

describe('guests and moderators', () => {
    const h = harnessWith({MEETINGS_MODERATORS: 'starter,channel_admins'});
    const guest = () => h().mm.users.get(guestId)!;
    let guestId = '';
    before(() => {
        guestId = h().mm.addUser({username: 'gast', roles: 'system_guest'}).id;
        h().mm.addMember(h().channels.town.id, guestId);
    });
    afterEach(() => endAll(h(), Object.values(h().channels)));

    const tokenOf = (roomId: string, userId: string) => h().pnm.tokens.filter((t) => t.room_id === roomId && t.user_id === userId).at(-1)!;

    test('a guest may join but never start, whatever the policy', async () => {
        const card = await endedCard(h(), h().channels.town, h().users.alice);
        await assertRefusedEverywhere(h(), guest(), h().channels.town, /^Guest accounts can join meetings but not start them/, card.id);
        const start = await h().command(h().users.alice, h().channels.town, '--lock-chat Guests welcome');
        const roomId = start.body.props.plugnmeet_room_id;
        const join = await h().command(guest(), h().channels.town, 'join');
        assert.ok(join.body.goto_location);
        const token = tokenOf(roomId, guestId);
        assert.equal(token.is_admin, false, 'guests join as attendees');
        assert.equal(token.user_metadata?.lock_settings?.lock_chat, true, 'with the lock settings applied');
    });

    test('a channel admin joins as moderator; a member as attendee; a system admin only if listed', async () => {
        h().mm.setChannelAdmin(h().channels.town.id, h().users.bob.id);
        const start = await h().command(h().users.alice, h().channels.town, 'Moderated');
        const roomId = start.body.props.plugnmeet_room_id;
        assert.equal(tokenOf(roomId, h().users.alice.id).is_admin, true, 'the starter');
        for (const user of [h().users.bob, h().users.carol, h().users.admin]) {
            assert.ok((await h().command(user, h().channels.town, 'join')).body.goto_location);
        }
        assert.equal(tokenOf(roomId, h().users.bob.id).is_admin, true, 'a channel admin');
        assert.equal(tokenOf(roomId, h().users.carol.id).is_admin, false, 'a member');
        assert.equal(tokenOf(roomId, h().users.admin.id).is_admin, false, 'system_admins is not listed');
        // The card's Join button (web and mobile) gives the same.
        const card = h().cards().find((p) => p.props.plugnmeet_room_id === roomId)!;
        assert.equal((await h().mm.clickButton(card.id, 'join', h().users.bob)).status, 200);
        assert.equal(tokenOf(roomId, h().users.bob.id).is_admin, true);
        // A moderator may end it.
        assert.match((await h().command(h().users.bob, h().channels.town, 'end')).body.text, /You ended/);
        h().mm.setChannelAdmin(h().channels.town.id, h().users.bob.id, false);
    });

    test('moderators without the starter: the "admin only" model', async () => {
        await admin(h(), 'set MEETINGS_MODERATORS channel_admins,system_admins');
        const start = await h().command(h().users.carol, h().channels.other, 'Class');
        const roomId = start.body.props.plugnmeet_room_id;
        assert.equal(tokenOf(roomId, h().users.carol.id).is_admin, false, 'the starter is an attendee');
        await h().command(h().users.admin, h().channels.town, 'admin unset MEETINGS_MODERATORS');
    });
});

describe('/plugnmeet admin', () => {
    const h = harnessWith({MEETINGS_WHO_CAN_START: 'team_admins'});

    test('only system admins, checked through Mattermost', async () => {
        const res = await h().command(h().users.alice, h().channels.town, 'admin set MEETINGS_WHO_CAN_START everyone');
        assert.match(res.body.text, /^Only system admins can see and change/);
        assert.equal((await h().app.store.settings()).length, 0);
    });

    test('show names every setting, its value and where it comes from', async () => {
        const text = await admin(h(), 'show');
        assert.match(text, /`MEETINGS_WHO_CAN_START` = `team_admins` \(from the environment\)/);
        assert.match(text, /`MEETINGS_MODERATORS` = unset \(default\)/);
        for (const name of ['MEETINGS_ALLOWED_TEAMS', 'MEETINGS_ALLOWED_CHANNEL_TYPES', 'MEETINGS_DEFAULT_OPTIONS', 'MEETINGS_FIXED_OPTIONS', 'MEETINGS_MAX_DURATION']) {
            assert.ok(text.includes(name), name);
        }
    });

    test('a wrong value is refused with the line start-up would print, and nothing changes', async () => {
        assert.match(await admin(h(), 'set MEETINGS_WHO_CAN_START admins'), /^Nothing was changed: MEETINGS_WHO_CAN_START takes one of everyone, channel_admins, team_admins, system_admins \(got "admins"\)/);
        assert.match(await admin(h(), 'set MEETINGS_DEFAULT_OPTIONS "--waiting-rom"'), /^Nothing was changed: MEETINGS_DEFAULT_OPTIONS takes/);
        assert.match(await admin(h(), 'set MEETINGS_MAX_DURATION 30'), /must set a --duration of at most MEETINGS_MAX_DURATION/);
        assert.match(await admin(h(), 'set NOT_A_SETTING 1'), /^Use `\/plugnmeet admin show`/);
        assert.equal((await h().app.store.settings()).length, 0);
    });

    test('a change is stored, shown with who made it, and applies on every replica', async () => {
        const replica = await h().startReplica();
        try {
            assert.match((await replica.command(h().users.bob, h().channels.town, 'Before')).body.text, /^Only team admins and system admins/);
            assert.match(await admin(h(), 'set MEETINGS_DEFAULT_OPTIONS "--waiting-room --duration 30"'), /now `--waiting-room --duration 30`/);
            assert.match(await admin(h(), 'set MEETINGS_WHO_CAN_START everyone'), /now `everyone`/);
            assert.match(await admin(h(), 'show'), /`MEETINGS_WHO_CAN_START` = `everyone` \(set by @root on /);
            // The other replica reads the store again within a few seconds (POLICY_TTL_MS).
            let res;
            for (let i = 0; i < 40; i++) {
                res = await replica.command(h().users.bob, h().channels.town, 'After');
                if (res.body.goto_location) {
                    break;
                }
                await new Promise((r) => setTimeout(r, 250));
            }
            assert.ok(res?.body.goto_location, res?.body.text);
            const room = h().pnm.rooms.get(res!.body.props.plugnmeet_room_id)!;
            assert.equal(room.metadata.room_features.waiting_room_features.is_active, true, 'the new defaults, on the other replica');
        } finally {
            await replica.close();
        }
    });
});
