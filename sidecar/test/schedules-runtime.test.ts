// Scheduled meetings at run time (issues 21 and 25), with a controllable clock: every start obeys
// the policy in force at that moment (a refused occurrence is skipped, a planner who may no longer
// start pauses the series, fixed options apply), caps on upcoming schedules, a busy channel (the
// warning when planning, the thread reply and card at the time, the cause on Join, the give-up),
// Open early only close to the time or confirmed, Notify me's state, reminders split under
// Mattermost's limit and retried, and the scheduler's bounded round.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {DateTime} from 'luxon';
import {BUSY_GIVE_UP_MS, createScheduler, mentionPosts, POST_MAX_RUNES} from '../src/meetings/schedules/scheduler.js';
import type {Schedule} from '../src/store/store.js';
import {type Harness, startHarness} from './harness.js';

const BERLIN = 'Europe/Berlin';
const at = (iso: string) => DateTime.fromISO(iso, {zone: BERLIN}).toMillis();
const MINUTE = 60_000;

describe('scheduled meetings at run time', () => {
    const clock = {now: at('2027-05-03T08:00')};
    let h: Harness;
    let petra: ReturnType<Harness['mm']['addUser']>;

    before(async () => {
        h = await startHarness({now: () => clock.now, env: {SCHEDULE_REMINDER_MINUTES: '10'}});
        petra = h.mm.addUser({username: 'petra', timezone: {useAutomaticTimezone: 'false', automaticTimezone: '', manualTimezone: BERLIN}});
        h.mm.addMember(h.channels.town.id, petra.id);
        h.mm.addMember(h.channels.other.id, petra.id);
    });
    after(async () => {
        assert.deepEqual(h.leakedSecrets(), []);
        await h.close();
    });

    const tick = () => h.app.meetings.schedules.tick();
    const replies = (rootId: string) => [...h.mm.posts.values()].filter((p) => p.root_id === rootId).map((p) => p.message as string);
    const admin = async (text: string) => (await h.command(h.users.admin, h.channels.town, `admin ${text}`)).body.text as string;
    const plan = async (channel: typeof h.channels.town, text: string, who = petra) => {
        const res = await h.command(who, channel, `schedule ${text}`);
        return {text: res.body.text as string, card: h.cards().at(-1)!};
    };
    const creates = (roomId: string) => h.pnm.calls.filter((c) => c.path === '/auth/room/create' && c.body.room_id === roomId).length;
    const endAll = async () => {
        for (const ch of [h.channels.town, h.channels.other]) {
            await h.command(h.users.admin, ch, 'end');
        }
    };

    test('a channel denied since planning: the occurrence is skipped, the thread and card say why, the series goes on', async () => {
        const {card} = await plan(h.channels.town, '2027-05-03 10:00 --every week Weekly');
        assert.match(await admin(`set MEETINGS_DENIED_CHANNELS ${h.channels.town.id}`), /MEETINGS_DENIED_CHANNELS/);
        clock.now = at('2027-05-03T10:00:05');
        await tick();
        assert.equal(creates(card.props.plugnmeet_room_id), 0, 'no room');
        const skipped = replies(card.id).filter((m) => /did not start/.test(m));
        assert.equal(skipped.length, 1);
        assert.match(skipped[0], /^\*\*Weekly\*\* did not start: .+ The next one is planned for Mon, May 10, 2027, 10:00\sAM \(Europe\/Berlin\)\.$/);
        const closed = h.mm.posts.get(card.id);
        assert.equal(closed.props.meeting_cancelled, true);
        assert.equal(closed.props.meeting_not_started, 'refused');
        assert.match(closed.props.attachments[0].text, /^Did not start \(was planned for Mon, May 3, 2027, 10:00\sAM \(Europe\/Berlin\)\)\.\n\*\*Weekly\*\* did not start: /);
        assert.equal(h.cards().filter((p) => p.root_id === card.id && p.props.meeting_status === 'scheduled').length, 1, 'the next occurrence is planned');
        await admin('unset MEETINGS_DENIED_CHANNELS');
    });

    test('a planner who may no longer start pauses the series; a fixed option applies to the next start', async () => {
        const next = h.cards().filter((p) => p.props.meeting_status === 'scheduled').at(-1)!;
        // A fixed waiting room since planning: the start gets it.
        await admin('set MEETINGS_DEFAULT_OPTIONS --waiting-room');
        await admin('set MEETINGS_FIXED_OPTIONS waiting-room');
        clock.now = at('2027-05-10T10:00:05');
        await tick();
        const room = h.pnm.rooms.get(next.props.plugnmeet_room_id);
        assert.ok(room, 'started');
        assert.equal(room.metadata.room_features.waiting_room_features.is_active, true, 'the fixed option applies');
        await h.command(petra, h.channels.town, 'end');
        clock.now = at('2027-05-10T11:00');
        await tick();
        const third = h.cards().filter((p) => p.props.meeting_status === 'scheduled').at(-1)!;
        assert.notEqual(third.id, next.id);

        await admin('set MEETINGS_WHO_CAN_START system_admins');
        clock.now = at('2027-05-17T10:00:05');
        await tick();
        assert.equal(creates(third.props.plugnmeet_room_id), 0);
        const root = third.root_id;
        const paused = replies(root).find((m) => /is paused/.test(m));
        assert.match(paused ?? '', /^\*\*Weekly\*\* is paused: petra may no longer start meetings here \(.+\)\. Plan it again with `\/plugnmeet schedule` once that changes\.$/);
        assert.equal(h.mm.posts.get(third.id).props.meeting_not_started, 'paused');
        clock.now = at('2027-05-24T10:00:05');
        await tick();
        assert.equal(h.cards().filter((p) => p.root_id === root && p.props.meeting_status === 'scheduled').length, 0, 'no next occurrence');
        assert.doesNotMatch((await h.command(petra, h.channels.town, 'list')).body.text, /Weekly/);
        for (const name of ['MEETINGS_WHO_CAN_START', 'MEETINGS_FIXED_OPTIONS', 'MEETINGS_DEFAULT_OPTIONS']) {
            await admin(`unset ${name}`);
        }
    });

    test('caps on upcoming schedules per planner and per channel, set by the admin, refuse clearly', async () => {
        clock.now = at('2027-06-01T08:00');
        assert.match(await admin('show'), /MEETINGS_MAX_SCHEDULES_PER_PLANNER/);
        await admin('set MEETINGS_MAX_SCHEDULES_PER_PLANNER 2');
        await admin('set MEETINGS_MAX_SCHEDULES_PER_CHANNEL 3');
        await plan(h.channels.other, '2027-06-02 10:00 One');
        await plan(h.channels.other, '2027-06-03 10:00 Two');
        const before = h.cards().length;
        const third = await plan(h.channels.other, '2027-06-04 10:00 Three');
        assert.equal(third.text, 'You already have 2 upcoming scheduled meetings, the most this server allows. Cancel one on its card before planning another; nothing was scheduled.');
        await plan(h.channels.other, '2027-06-05 10:00 Bobs', h.users.bob);
        const channelFull = await plan(h.channels.other, '2027-06-06 10:00 Carols', h.users.carol);
        assert.match(channelFull.text, /^This channel already holds 3 upcoming scheduled meetings/);
        assert.equal(h.cards().length, before + 1, 'only bob\'s was posted');
        assert.match(await admin('set MEETINGS_MAX_SCHEDULES_PER_PLANNER 0'), /takes a number from 1 to 10000/);
        for (const c of h.cards().filter((p) => p.channel_id === h.channels.other.id && p.props.meeting_status === 'scheduled')) {
            await h.mm.clickButton(c.id, 'cancel', h.users.admin);
        }
        await admin('unset MEETINGS_MAX_SCHEDULES_PER_PLANNER');
        await admin('unset MEETINGS_MAX_SCHEDULES_PER_CHANNEL');
    });

    test('a busy channel: warned when planning, told at the time, the cause on Join, then a retry that gives up', async () => {
        clock.now = at('2027-07-01T09:00');
        await h.command(h.users.alice, h.channels.town, 'start Demo');
        const planned = await plan(h.channels.town, 'in 20m Standup');
        assert.match(planned.text, /\nHeads-up: \*\*Demo\*\* is live in this channel now\./);
        const card = planned.card;
        const overlap = await plan(h.channels.town, 'in 50m Overlapping');
        assert.match(overlap.text, /Heads-up: \*\*Demo\*\* is live/);
        await h.mm.clickButton(overlap.card.id, 'cancel', petra);
        const later = await plan(h.channels.town, 'in 30m Close call');
        assert.match(later.text, /Heads-up: \*\*(Demo|Standup)\*\*/);
        await h.mm.clickButton(later.card.id, 'cancel', petra);

        clock.now = at('2027-07-01T09:20:05');
        await tick();
        const told = replies(card.id);
        assert.deepEqual(told, ['**Standup** could not start: **Demo** is still live here; join it or end it. It will try again until Thu, Jul 1, 2027, 9:50 AM (Europe/Berlin).']);
        const waiting = h.mm.posts.get(card.id);
        assert.equal(waiting.props.meeting_status, 'scheduled');
        assert.equal(waiting.props.meeting_blocked_by, 'Demo');
        assert.match(waiting.props.attachments[0].text, /Waiting: \*\*Demo\*\* is still live in this channel\./);
        // The next rounds wait and say nothing more; no start is tried every tick.
        clock.now += 5_000;
        await tick();
        await tick();
        assert.equal(replies(card.id).length, 1);
        // Join names the cause.
        const join = await h.mm.clickButton(card.id, 'join', h.users.bob);
        assert.equal(join.ephemeralText, '**Standup** cannot start yet: **Demo** is still live in this channel. Join it or end it first.');

        clock.now = at('2027-07-01T09:20:00') + BUSY_GIVE_UP_MS + MINUTE;
        await tick();
        assert.match(replies(card.id).at(-1)!, /^\*\*Standup\*\* did not start: \*\*Demo\*\* was still live here 31 minutes after the planned time\. This occurrence is skipped\.$/);
        const gaveUp = h.mm.posts.get(card.id);
        assert.equal(gaveUp.props.meeting_not_started, 'busy');
        assert.equal(gaveUp.props.meeting_blocked_by, 'Demo');
        assert.equal(creates(card.props.plugnmeet_room_id), 0);
        assert.match((await h.command(petra, h.channels.town, 'list')).body.text, /Live now: \*\*Demo\*\*/);
        assert.doesNotMatch((await h.command(petra, h.channels.town, 'list')).body.text, /Standup/);
    });

    test('a busy channel that frees up: the waiting occurrence starts and says so', async () => {
        const {card} = await plan(h.channels.town, 'in 10m Retro');
        clock.now += 10 * MINUTE + 5_000;
        await tick();
        assert.equal(replies(card.id).length, 1, 'told once');
        await h.command(h.users.alice, h.channels.town, 'end');
        clock.now += 6 * MINUTE;
        await tick();
        assert.equal(h.mm.posts.get(card.id).props.meeting_status, 'live');
        assert.match(replies(card.id).at(-1)!, /^\*\*Retro\*\* started 6 minutes late, once the channel was free\.$/);
        await endAll();
    });

    test('Join far ahead asks to confirm; `join <id> early` opens it, the planner moderates, the thread says who opened it', async () => {
        const {card} = await plan(h.channels.other, 'in 3h Early bird');
        const roomId = card.props.plugnmeet_room_id;
        const asked = await h.mm.clickButton(card.id, 'join', h.users.bob);
        assert.equal(asked.ephemeralText, `**Early bird** is planned for ${DateTime.fromMillis(clock.now + 3 * 3_600_000, {zone: 'UTC'}).setLocale('en').toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY)} (UTC). Opening it now starts it for everyone in this channel. To open it now, type \`/plugnmeet join ${roomId} early\`.`);
        assert.equal(creates(roomId), 0, 'nothing started');
        assert.match((await h.command(h.users.bob, h.channels.other, `join ${roomId} soon`)).body.text, /meeting id/);
        const opened = await h.command(h.users.bob, h.channels.other, `join ${roomId} early`);
        assert.ok(opened.body.goto_location, 'bob gets his link');
        assert.equal(creates(roomId), 1);
        const meeting = await h.app.store.getMeeting(roomId);
        assert.equal(meeting?.creatorId, petra.id, 'the planner is its starter');
        assert.equal(h.pnm.tokens.find((t) => t.room_id === roomId && t.user_id === h.users.bob.id)?.is_admin, false, 'the opener is no moderator by default');
        await h.command(petra, h.channels.other, `join`);
        assert.equal(h.pnm.tokens.find((t) => t.room_id === roomId && t.user_id === petra.id)?.is_admin, true, 'the planner moderates');
        assert.match(replies(card.id).at(-1)!, /^bob opened \*\*Early bird\*\* early \(it was planned for .+\)\.$/);
        await endAll();

        // Within 15 minutes, Join opens it at once.
        const soon = await plan(h.channels.other, 'in 10m Soon');
        const click = await h.mm.clickButton(soon.card.id, 'join', h.users.bob);
        assert.match(click.ephemeralText ?? '', /Your personal link to \*\*Soon\*\*/);
        await endAll();
    });

    test('Notify me says subscribed or unsubscribed, and the card carries who is notified', async () => {
        const {card} = await plan(h.channels.other, 'in 2h Notify test');
        const on = await h.mm.clickButton(card.id, 'notify', h.users.bob);
        assert.equal(on.ephemeralText, 'You\'re subscribed: you will be reminded 10 minutes before **Notify test** starts. Click Notify me again to unsubscribe.');
        assert.deepEqual(h.mm.posts.get(card.id).props.meeting_watcher_ids, [h.users.bob.id]);
        const off = await h.mm.clickButton(card.id, 'notify', h.users.bob);
        assert.equal(off.ephemeralText, 'You\'re unsubscribed: you will not be reminded of **Notify test**. Click Notify me to subscribe again.');
        assert.deepEqual(h.mm.posts.get(card.id).props.meeting_watcher_ids, []);
        const refused = await h.mm.clickButton(card.id, 'cancel', h.users.carol);
        assert.match(refused.ephemeralText ?? '', /a channel or team admin, or a system admin can cancel it/);
        await h.mm.clickButton(card.id, 'cancel', petra);
    });

    test('a reminder for many watchers is split under Mattermost\'s limit; a refused one is tried again', async () => {
        const {card} = await plan(h.channels.other, 'in 1h Big one');
        const s = (await h.app.store.scheduleByRoom(card.props.plugnmeet_room_id))!;
        const names = Array.from({length: 1200}, (_, i) => `watcher-number-${String(i).padStart(5, '0')}`);
        for (const [i, name] of names.entries()) {
            await h.app.store.toggleWatcher(s.id, `u${String(i).padStart(25, '0')}`, name);
        }
        clock.now += 50 * MINUTE + 5_000;
        const refuse = h.mm.fault({method: 'POST', path: /^\/api\/v4\/posts$/, status: 503, times: 1});
        await tick();
        refuse();
        assert.equal(replies(card.id).length, 0, 'refused');
        await tick();
        const reminders = replies(card.id).filter((m) => m.startsWith('Reminder:'));
        assert.ok(reminders.length >= 2, `split over ${reminders.length} posts`);
        for (const r of reminders) {
            assert.ok([...r].length <= POST_MAX_RUNES);
            assert.match(r, /^Reminder: \*\*Big one\*\* starts in 10 minutes\. @/);
        }
        const mentioned = reminders.flatMap((r) => r.match(/@[\w-]+/g) ?? []);
        assert.deepEqual(mentioned.sort(), names.map((n) => `@${n}`).sort(), 'everyone once');
        await tick();
        assert.equal(replies(card.id).filter((m) => m.startsWith('Reminder:')).length, reminders.length, 'once');
        await h.mm.clickButton(card.id, 'cancel', petra);
    });

    test('plugNmeet down: one warning a round, however many starts are due', async () => {
        clock.now = at('2027-08-01T08:00');
        for (let i = 0; i < 4; i++) {
            await plan(h.channels.other, `in ${10 + i}m Down ${i}`, [petra, h.users.bob, h.users.carol, h.users.alice][i]);
        }
        h.pnm.setMode('error500');
        clock.now += 20 * MINUTE;
        const before = h.logs.length;
        await tick();
        const warnings = h.logs.slice(before).join('').split('\n').filter((l) => /scheduler's round/.test(l));
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /4 step\(s\) failed/);
        h.pnm.setMode('ok');
        // Each is tried again after its pause, and starts one by one (one meeting a channel).
        clock.now += 20_000;
        await tick();
        assert.equal((await h.app.store.openMeetingInChannel(h.channels.other.id))?.status, 'live');
        await endAll();
    });
});

describe('the scheduler\'s round, bounded', () => {
    test('mentions split over posts, each under the limit, none lost', () => {
        const mentions = Array.from({length: 50}, (_, i) => `@user${i}`);
        const posts = mentionPosts('Reminder: soon.', mentions, 60);
        assert.ok(posts.length > 1);
        for (const p of posts) {
            assert.ok(p.length <= 60);
            assert.ok(p.startsWith('Reminder: soon. @'));
        }
        assert.deepEqual(posts.flatMap((p) => p.split(' ').filter((w) => w.startsWith('@'))), mentions);
        assert.deepEqual(mentionPosts('Hi', []), ['Hi']);
    });

    test('a round stops at its budget and the next one carries on where it stopped, so every row gets its turn', async () => {
        const due: Schedule[] = Array.from({length: 10}, (_, i) => ({id: `s${i}`, status: 'live', roomId: `r${i}`, at: 0} as Schedule));
        const seen: string[] = [];
        let t = 0;
        const warnings: string[] = [];
        const tick = createScheduler({
            store: {
                dueSchedules: async () => due,
                getMeeting: async (roomId: string) => {
                    seen.push(roomId);
                    t += 10; // each step costs 10 ms
                    return {status: 'live'};
                },
            } as never,
            occurrences: {} as never,
            log: {warn: (_o: unknown, msg: string) => warnings.push(msg)} as never,
            now: () => 0,
            reminderMinutes: 10,
            budgetMs: 35,
            clock: () => t,
        });
        await tick();
        assert.deepEqual(seen, ['r0', 'r1', 'r2', 'r3']);
        assert.deepEqual(warnings, ['the scheduler\'s round: 0 step(s) failed, 6 left for the next round; they will be tried again']);
        seen.length = 0;
        await tick();
        assert.deepEqual(seen, ['r4', 'r5', 'r6', 'r7']);
        seen.length = 0;
        await tick();
        assert.deepEqual(seen, ['r8', 'r9', 'r0', 'r1']);
    });
});
