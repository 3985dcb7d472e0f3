// Scheduled meetings (issue 15), with a controllable clock: what people type for `<when>` in their
// time zone (daylight-saving changes included), the scheduled card and its buttons, the reminder
// once, the start once (on time, early by Join, late after a restart), the next occurrence of a
// series, cancelling one occurrence or the series, and the .ics file read by a calendar parser.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import ICAL from 'ical.js';
import {DateTime} from 'luxon';
import {userZone} from '../src/mattermost/timezone.js';
import {nextOccurrence, parseWhen} from '../src/meetings/schedules/when.js';
import {type Harness, startHarness} from './harness.js';

const BERLIN = 'Europe/Berlin';
const at = (iso: string, zone = BERLIN) => DateTime.fromISO(iso, {zone}).toMillis();
const local = (ms: number, zone = BERLIN) => DateTime.fromMillis(ms, {zone}).toFormat("yyyy-MM-dd'T'HH:mm ZZ");

describe('<when>, in the person\'s time zone', () => {
    const now = at('2027-03-22T08:00'); // a Monday, a week before Europe's clocks go forward (2027-03-28)

    test('each form people type', () => {
        const cases: Array<[string, string, string]> = [
            ['in 30m Standup', '2027-03-22T08:30 +01:00', 'Standup'],
            ['in 2h', '2027-03-22T10:00 +01:00', ''],
            ['in 90 min Long', '2027-03-22T09:30 +01:00', 'Long'],
            ['in 1d --mute Daily', '2027-03-23T08:00 +01:00', '--mute Daily'],
            ['today 15:00 Review', '2027-03-22T15:00 +01:00', 'Review'],
            ['tomorrow 10:00 Planning', '2027-03-23T10:00 +01:00', 'Planning'],
            ['mon 9:30 Weekly', '2027-03-22T09:30 +01:00', 'Weekly'],
            ['mon 7:30 Weekly', '2027-03-29T07:30 +02:00', 'Weekly'],
            ['Friday 3pm Retro', '2027-03-26T15:00 +01:00', 'Retro'],
            ['2027-04-01 15:00 After the change', '2027-04-01T15:00 +02:00', 'After the change'],
            ['2027-04-01T9:05 x', '2027-04-01T09:05 +02:00', 'x'],
        ];
        for (const [text, expected, rest] of cases) {
            const r = parseWhen(text, now, BERLIN);
            assert.ok(r.ok, text);
            assert.equal(local(r.at), expected, text);
            assert.equal(r.rest, rest, text);
        }
    });

    test('the same words in another zone are another instant', () => {
        const r = parseWhen('tomorrow 10:00', now, 'America/New_York');
        assert.ok(r.ok);
        assert.equal(local(r.at, 'America/New_York'), '2027-03-23T10:00 -04:00');
        assert.equal(r.at - at('2027-03-23T10:00'), 4 * 3_600_000 + 3_600_000, 'New York is 5 hours behind Berlin that week (its DST began earlier)');
    });

    test('past, skipped, repeated, too far and unreadable times are refused', () => {
        assert.deepEqual(parseWhen('today 7:00 Gone', now, BERLIN), {ok: false, error: 'past'});
        assert.deepEqual(parseWhen('2027-03-28 02:30 Gap', now, BERLIN), {ok: false, error: 'skipped'});
        assert.deepEqual(parseWhen('2027-10-31 02:30 Twice', now, BERLIN), {ok: false, error: 'repeated'});
        assert.deepEqual(parseWhen('2028-06-01 10:00 Far', now, BERLIN), {ok: false, error: 'too_far'});
        for (const text of ['someday', 'tomorrow', 'tomorrow 25:00', 'mon 9', 'in 0m', 'in 5 parsecs', '2027-02-30 10:00', '13pm', '']) {
            assert.deepEqual(parseWhen(text, now, BERLIN), {ok: false, error: 'unknown'}, text);
        }
    });

    test('a weekly series keeps its wall time across the change; weekdays skip the weekend', () => {
        const first = at('2027-03-25T10:00');
        assert.equal(local(nextOccurrence(first, 'week', BERLIN)), '2027-04-01T10:00 +02:00');
        assert.equal(local(nextOccurrence(first, 'day', BERLIN)), '2027-03-26T10:00 +01:00');
        assert.equal(local(nextOccurrence(at('2027-03-26T10:00'), 'weekday', BERLIN)), '2027-03-29T10:00 +02:00');
        // A wall time the change skips moves an hour later that day, and back the next.
        const skipped = nextOccurrence(at('2027-03-27T02:30'), 'day', BERLIN);
        assert.equal(local(skipped), '2027-03-28T03:30 +02:00');
    });

    test('the zone Mattermost keeps for a user', () => {
        assert.equal(userZone({useAutomaticTimezone: 'true', automaticTimezone: 'Asia/Tokyo', manualTimezone: 'Europe/Paris'}), 'Asia/Tokyo');
        assert.equal(userZone({useAutomaticTimezone: 'false', automaticTimezone: 'Asia/Tokyo', manualTimezone: 'Europe/Paris'}), 'Europe/Paris');
        assert.equal(userZone({useAutomaticTimezone: 'true', automaticTimezone: '', manualTimezone: ''}), 'UTC');
        assert.equal(userZone({useAutomaticTimezone: 'true', automaticTimezone: 'Mars/Olympus', manualTimezone: ''}), 'UTC');
        assert.equal(userZone(undefined), 'UTC');
    });
});

describe('a scheduled meeting, from plan to series', () => {
    const clock = {now: at('2027-03-22T08:00')};
    let h: Harness;
    let planner: ReturnType<Harness['mm']['addUser']>;
    const berlin = {useAutomaticTimezone: 'false', automaticTimezone: '', manualTimezone: BERLIN};

    before(async () => {
        h = await startHarness({now: () => clock.now, env: {SCHEDULE_REMINDER_MINUTES: '10'}});
        planner = h.mm.addUser({username: 'petra', timezone: berlin});
        h.mm.addMember(h.channels.town.id, planner.id);
    });
    after(async () => {
        assert.deepEqual(h.leakedSecrets(), []);
        await h.close();
    });

    const tick = () => h.app.meetings.schedules.tick();
    const replies = (rootId: string) => [...h.mm.posts.values()].filter((p) => p.root_id === rootId);
    let seriesCard = '';
    let roomId = '';

    test('planning: a card that says when, and an answer in the planner\'s zone; mistakes save nothing', async () => {
        for (const [text, answer] of [
            ['schedule today 7:00 Too late', /already passed in your time zone \(Europe\/Berlin\)/],
            ['schedule 2027-03-28 02:30 Gap', /does not exist on that day in Europe\/Berlin/],
            ['schedule whenever Soon', /could not read when/],
            ['schedule tomorrow 10:00 --every month Monthly', /`--every` takes `day`, `weekday` or `week`/],
            ['start --every week Now', /`--every` repeats a scheduled meeting/],
        ] as const) {
            const res = await h.command(planner, h.channels.town, text);
            assert.match(res.body.text, answer, text);
        }
        assert.equal(h.cards().length, 0, 'nothing posted');

        const res = await h.command(planner, h.channels.town, 'schedule 2027-03-25 10:00 --every week --waiting-room Weekly sync');
        assert.match(res.body.text, /^You scheduled \*\*Weekly sync\*\* for Thu, Mar 25, 2027, 10:00\sAM \(Europe\/Berlin\)\./);
        const card = h.cards().at(-1)!;
        seriesCard = card.id;
        roomId = card.props.plugnmeet_room_id;
        assert.equal(card.message, 'petra scheduled a meeting: Weekly sync');
        assert.equal(card.props.meeting_status, 'scheduled');
        assert.equal(card.props.meeting_scheduled_at, at('2027-03-25T10:00'));
        assert.equal(card.props.meeting_recurrence, 'week');
        assert.equal(card.props.meeting_time_zone, BERLIN);
        assert.equal(card.props.meeting_waiting_room, true);
        assert.deepEqual(card.props.attachments[0].actions.map((a: {id: string}) => a.id), ['join', 'notify', 'cancel', 'cancel_series']);
        assert.match(card.props.attachments[0].text, /Thu, Mar 25, 2027, 10:00\sAM \(Europe\/Berlin\) · every week · scheduled by petra/);
        assert.match(card.props.attachments[0].text, /\[Add to calendar\]\(http:\/\/127\.0\.0\.1:\d+\/calendar\/[0-9a-f]{32}\.ics\?expires=\d+&signature=[0-9a-f]{64}\)/);
        assert.equal(h.pnm.rooms.has(roomId), false, 'no room until it starts');
        // Bob has no time zone set: he reads UTC.
        assert.match((await h.command(h.users.bob, h.channels.town, 'list')).body.text, /^\*\*Meetings in this channel\*\*:\n- Thu, Mar 25, 2027, 9:00\sAM \(UTC\): \*\*Weekly sync\*\* 🔁$/);
    });

    test('the .ics imports: a weekly event in the planner\'s zone; a changed or expired link is refused', async () => {
        const url = new URL(/\((http[^)]+)\)/.exec(h.mm.posts.get(seriesCard).props.attachments[0].text)![1]);
        const res = await fetch(url);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
        const text = await res.text();
        const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
        assert.equal(event.summary, 'Weekly sync');
        assert.equal(event.component.getFirstProperty('dtstart')!.getParameter('tzid'), BERLIN);
        assert.equal(event.startDate.toString(), '2027-03-25T10:00:00');
        assert.equal(event.duration.toSeconds(), 3600);
        assert.equal(String(event.component.getFirstPropertyValue('rrule')), 'FREQ=WEEKLY');
        assert.match(String(event.component.getFirstPropertyValue('url')), /\/_redirect\/pl\/[a-z0-9]{26}$/);
        // The VTIMEZONE it carries puts the start at 09:00 UTC, and a week later (after the change) at 08:00 UTC.
        const vtz = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vtimezone')!;
        const zone = new ICAL.Timezone(vtz);
        const start = ICAL.Time.fromDateTimeString('2027-03-25T10:00:00');
        start.zone = zone;
        assert.equal(start.toUnixTime() * 1000, at('2027-03-25T10:00'));
        const nextWeek = ICAL.Time.fromDateTimeString('2027-04-01T10:00:00');
        nextWeek.zone = zone;
        assert.equal(nextWeek.toUnixTime() * 1000, at('2027-04-01T10:00'));

        const forged = new URL(url);
        forged.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 1));
        assert.equal((await fetch(forged)).status, 404);
        const other = new URL(url.toString().replace(/\/calendar\/[0-9a-f]+\.ics/, '/calendar/00000000000000000000000000000000.ics'));
        assert.equal((await fetch(other)).status, 404);
        const saved = clock.now;
        clock.now = Number(url.searchParams.get('expires')) + 1;
        assert.equal((await fetch(url)).status, 404, 'expired');
        clock.now = saved;
    });

    test('Notify me toggles; the reminder comes once, mentioning who asked', async () => {
        const first = await h.mm.clickButton(seriesCard, 'notify', h.users.bob);
        assert.match(first.ephemeralText ?? '', /^You're subscribed: you will be reminded 10 minutes before \*\*Weekly sync\*\* starts/);
        assert.equal(h.mm.posts.get(seriesCard).props.meeting_watchers, 1);
        await h.mm.clickButton(seriesCard, 'notify', h.users.carol);
        const off = await h.mm.clickButton(seriesCard, 'notify', h.users.carol);
        assert.match(off.ephemeralText ?? '', /^You're unsubscribed/);
        assert.equal(h.mm.posts.get(seriesCard).props.meeting_watchers, 1, 'carol changed her mind');

        clock.now = at('2027-03-25T09:45');
        await tick();
        assert.equal(replies(seriesCard).length, 0, 'not yet');
        clock.now = at('2027-03-25T09:51');
        await Promise.all([tick(), tick()]);
        await tick();
        const reminders = replies(seriesCard).filter((p) => /^Reminder:/.test(p.message));
        assert.equal(reminders.length, 1);
        assert.equal(reminders[0].message, 'Reminder: **Weekly sync** starts in 9 minutes. @bob');
    });

    test('at the planned time the room starts once with its options, and the card turns live', async () => {
        clock.now = at('2027-03-25T10:00:10');
        await Promise.all([tick(), tick()]);
        await tick();
        assert.equal(h.pnm.calls.filter((c) => c.path === '/auth/room/create' && c.body.room_id === roomId).length, 1);
        const room = h.pnm.rooms.get(roomId)!;
        assert.equal(room.metadata.room_features.waiting_room_features.is_active, true);
        const card = h.mm.posts.get(seriesCard);
        assert.equal(card.props.meeting_status, 'live');
        assert.equal(card.message, 'petra scheduled a meeting: Weekly sync', 'the message is never edited');
        assert.equal((await h.app.store.getMeeting(roomId))?.creatorId, planner.id, 'the planner started it');
        const join = await h.command(h.users.bob, h.channels.town, 'join');
        assert.ok(join.body.goto_location);
    });

    test('once it ends, the next occurrence gets its own card in the thread, at the same wall time after the change', async () => {
        await h.command(planner, h.channels.town, 'end');
        clock.now = at('2027-03-25T11:00');
        await tick();
        const next = h.cards().filter((p) => p.root_id === seriesCard && p.props.meeting_status === 'scheduled');
        assert.equal(next.length, 1);
        assert.equal(local(next[0].props.meeting_scheduled_at), '2027-04-01T10:00 +02:00');
        assert.notEqual(next[0].props.plugnmeet_room_id, roomId, 'a room id of its own');
        await tick();
        assert.equal(h.cards().filter((p) => p.root_id === seriesCard && p.props.meeting_status === 'scheduled').length, 1, 'planned once');
    });

    test('cancelling: not by a stranger; one occurrence plans the next; the series ends it', async () => {
        const card = h.cards().filter((p) => p.root_id === seriesCard && p.props.meeting_status === 'scheduled').at(-1)!;
        const refused = await h.mm.clickButton(card.id, 'cancel', h.users.carol);
        assert.match(refused.ephemeralText ?? '', /^Only petra, who planned this meeting, a channel or team admin, or a system admin can cancel it/);

        const one = await h.mm.clickButton(card.id, 'cancel', planner);
        assert.match(one.ephemeralText ?? '', /cancelled this occurrence/);
        assert.equal(h.mm.posts.get(card.id).props.meeting_cancelled, true);
        const following = h.cards().filter((p) => p.root_id === seriesCard && p.props.meeting_status === 'scheduled').at(-1)!;
        assert.equal(local(following.props.meeting_scheduled_at), '2027-04-08T10:00 +02:00');

        const series = await h.mm.clickButton(following.id, 'cancel_series', h.users.admin);
        assert.match(series.ephemeralText ?? '', /cancelled \*\*Weekly sync\*\*/);
        clock.now = at('2027-04-08T10:05');
        await tick();
        assert.equal(h.pnm.rooms.has(following.props.plugnmeet_room_id), false, 'a cancelled series never starts');
        assert.match((await h.command(planner, h.channels.town, 'list')).body.text, /No meeting is live or scheduled/);
    });

    test('Join before the planned time starts it early; the planner stays its starter', async () => {
        await h.command(planner, h.channels.other, 'schedule in 14m Early bird');
        const card = h.cards().at(-1)!;
        const click = await h.mm.clickButton(card.id, 'join', h.users.bob);
        assert.match(click.ephemeralText ?? '', /Your personal link to \*\*Early bird\*\*/);
        const meeting = await h.app.store.getMeeting(card.props.plugnmeet_room_id);
        assert.equal(meeting?.status, 'live');
        assert.equal(meeting?.creatorId, planner.id);
        assert.equal(h.pnm.tokens.find((t) => t.room_id === meeting?.roomId && t.user_id === h.users.bob.id)?.is_admin, false);
        clock.now += 15 * 60_000;
        await tick();
        assert.equal(h.pnm.calls.filter((c) => c.path === '/auth/room/create' && c.body.room_id === meeting?.roomId).length, 1, 'not started twice');
        await h.command(planner, h.channels.other, 'end');
    });

    test('a sidecar down at the planned time starts it when back, and says it is late', async () => {
        await h.command(planner, h.channels.other, 'schedule in 30m Late one');
        const card = h.cards().at(-1)!;
        clock.now += 37 * 60_000;
        await h.restart();
        await tick();
        assert.equal(h.mm.posts.get(card.id).props.meeting_status, 'live');
        assert.ok(replies(card.id).some((p) => p.message === '**Late one** started 7 minutes late: the plugNmeet service was not running at the planned time.'));
        await h.command(planner, h.channels.other, 'end');
    });
});
