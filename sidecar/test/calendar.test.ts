// The "Add to calendar" file (issues 21 and 25): a weekly series keeps its UTC offsets for years in
// a calendar that reads the file's own VTIMEZONE (ical.js, a second and independent RFC 5545
// implementation, with no time-zone database of its own), in a zone with daylight saving, in the
// southern hemisphere, without daylight saving and with irregular changes; the file is named
// after the topic and lasts the meeting's duration; it is cheap to build (offset look-ups
// counted, not timed); and /calendar/ has its own per-address limit and caching headers.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import ICAL from 'ical.js';
import {DateTime, IANAZone} from 'luxon';
import {calendarFileName, icsFor} from '../src/meetings/schedules/calendar.js';
import type {Schedule} from '../src/store/store.js';
import {CALENDAR_PER_ADDRESS_PER_MINUTE} from '../src/http/routes/calendar.js';
import {type Harness, startHarness} from './harness.js';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, {zone}).toMillis();

function schedule(zone: string, over: Partial<Schedule> = {}): Schedule {
    return {
        id: 'a'.repeat(32), channelId: 'c', teamId: 't', channelType: 'public', rootId: 'p', postId: 'p', creatorId: 'u', creatorUsername: 'petra', creatorName: 'Petra',
        creatorLocale: 'en', topic: 'Weekly sync', options: {duration: 0} as Schedule['options'], zone, recurrence: 'week',
        at: at('2027-03-15T10:00', zone), roomId: 'r', status: 'scheduled', reminded: false, createdAt: 1, updatedAt: at('2027-03-01T12:00', 'UTC'), ...over,
    };
}

const ics = (s: Schedule) => icsFor(s, {permalink: 'https://mm.example/_redirect/pl/p', now: Date.UTC(2027, 0, 1), calendarName: 'plugNmeet'}).ics;

/** Each occurrence to the end of 2031 as ical.js computes it from the file alone: [wall time, UTC ms]. */
function occurrences(text: string): Array<[string, number]> {
    const root = new ICAL.Component(ICAL.parse(text));
    const vtz = root.getFirstSubcomponent('vtimezone');
    const zone = vtz ? new ICAL.Timezone(vtz) : undefined;
    if (zone) {
        ICAL.TimezoneService.register(zone, zone.tzid); // the file's own zone, nothing else
    }
    try {
        const event = new ICAL.Event(root.getFirstSubcomponent('vevent')!);
        const it = event.iterator();
        const out: Array<[string, number]> = [];
        for (let next = it.next(); next && next.year <= 2031; next = it.next()) {
            out.push([next.toString().slice(0, 16), next.toUnixTime() * 1000]);
        }
        return out;
    } finally {
        if (zone) {
            ICAL.TimezoneService.remove(zone.tzid);
        }
    }
}

describe('the .ics of `2027-03-15 10:00 --every week`, read by ical.js, to 2031', () => {
    for (const [zone, kind] of [
        ['Europe/Berlin', 'daylight saving, northern hemisphere'],
        ['America/New_York', 'daylight saving on the second Sunday of March'],
        ['Australia/Sydney', 'daylight saving, southern hemisphere'],
        ['America/Santiago', 'changes on no nth-weekday rule'],
        ['Asia/Tokyo', 'no daylight saving'],
        ['Asia/Kolkata', 'no daylight saving, a half-hour offset'],
    ]) {
        test(`${zone} (${kind}): every occurrence at its zone's offset`, () => {
            const all = occurrences(ics(schedule(zone)));
            assert.equal(all.length, 251, 'every week from 2027-03-15 to the end of 2031');
            const wrong = all.filter(([wall, ms]) => at(wall, zone) !== ms || !wall.endsWith('T10:00'));
            assert.deepEqual(wrong.slice(0, 3), [], `${wrong.length} of ${all.length} at a wrong offset`);
        });
    }

    test('a zone with a yearly rule gets recurring observances; one without changes gets one', () => {
        const berlin = ics(schedule('Europe/Berlin'));
        assert.match(berlin, /BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/);
        assert.match(berlin, /BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/);
        assert.match(ics(schedule('America/New_York')), /RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU/);
        assert.match(ics(schedule('Australia/Sydney')), /RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU/);
        const tokyo = ics(schedule('Asia/Tokyo'));
        assert.equal(tokyo.match(/BEGIN:(STANDARD|DAYLIGHT)/g)?.length, 1);
        assert.match(tokyo, /TZOFFSETTO:\+0900/);
    });

    test('cheap: a zone\'s changes cost a few hundred offset look-ups once, then none', () => {
        const original = IANAZone.prototype.offset;
        let calls = 0;
        IANAZone.prototype.offset = function(this: IANAZone, ts: number) {
            calls += 1;
            return original.call(this, ts);
        };
        try {
            ics(schedule('Europe/Lisbon'));
            const first = calls;
            calls = 0;
            ics(schedule('Europe/Lisbon', {id: 'b'.repeat(32), topic: 'Another'}));
            // The day-by-day search of three years took over 2,000; four years sampled weekly take ~330.
            assert.ok(first < 500, `first file: ${first} look-ups`);
            assert.ok(calls < 10, `second file in the same zone and year: ${calls} look-ups`);
        } finally {
            IANAZone.prototype.offset = original;
        }
    });

    test('its name is the topic, its length the meeting\'s duration; the same schedule gives the same bytes', () => {
        const s = schedule('Europe/Berlin', {topic: 'Q1/2027: "Review" ; über\u0007', options: {duration: 45} as Schedule['options']});
        const file = icsFor(s, {permalink: 'https://mm.example/x', now: 1, calendarName: 'plugNmeet'});
        assert.equal(file.filename, 'Q1 2027 Review über.ics');
        const event = new ICAL.Event(new ICAL.Component(ICAL.parse(file.ics)).getFirstSubcomponent('vevent')!);
        assert.equal(event.duration.toSeconds(), 45 * 60);
        assert.equal(event.summary, s.topic, 'the topic stays text in the event');
        assert.equal(icsFor(s, {permalink: 'https://mm.example/x', now: 99_999, calendarName: 'plugNmeet'}).ics, file.ics);
        assert.equal(calendarFileName(' .. '), 'meeting.ics');
        assert.equal(calendarFileName('x'.repeat(200)), `${'x'.repeat(60)}.ics`);
    });
});

describe('GET /calendar/', () => {
    const clock = {now: at('2027-03-10T08:00', 'Europe/Berlin')};
    let h: Harness;
    let planner: ReturnType<Harness['mm']['addUser']>;

    before(async () => {
        h = await startHarness({now: () => clock.now});
        planner = h.mm.addUser({username: 'petra', timezone: {useAutomaticTimezone: 'false', automaticTimezone: '', manualTimezone: 'Europe/Berlin'}});
        h.mm.addMember(h.channels.town.id, planner.id);
    });
    after(async () => h.close());

    const linkOf = (postId: string) => new URL(/\((http[^)]+\/calendar\/[^)]+)\)/.exec(h.mm.posts.get(postId).props.attachments[0].text)![1]);

    test('named after the topic, the meeting\'s length, cached privately, 304 when unchanged; a loop gets 429 while /healthz answers', async () => {
        await h.command(planner, h.channels.town, 'schedule tomorrow 10:00 --duration 30 Café "Planung"/Q2');
        const url = linkOf(h.cards().at(-1)!.id);

        const first = await fetch(url);
        assert.equal(first.status, 200);
        assert.equal(first.headers.get('content-disposition'), 'attachment; filename="Cafe Planung Q2.ics"; filename*=UTF-8\'\'Caf%C3%A9%20Planung%20Q2.ics');
        assert.match(first.headers.get('cache-control') ?? '', /^private, max-age=\d+$/);
        const etag = first.headers.get('etag')!;
        assert.match(etag, /^"[\w-]+"$/);
        const body = await first.text();
        const event = new ICAL.Event(new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!);
        assert.equal(event.duration.toSeconds(), 30 * 60);
        assert.equal(event.summary, 'Café "Planung"/Q2');

        const again = await fetch(url, {headers: {'if-none-match': `"other", W/${etag}`}});
        assert.equal(again.status, 304);
        assert.equal(await again.text(), '');

        const statuses: number[] = [];
        const bodies = new Set<string>();
        for (let i = 0; i < CALENDAR_PER_ADDRESS_PER_MINUTE + 10; i += 1) {
            const res = await fetch(url);
            statuses.push(res.status);
            if (res.status === 200) {
                bodies.add(await res.text());
                assert.equal(res.headers.get('etag'), etag);
            } else {
                assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
                await res.arrayBuffer();
            }
            assert.equal((await fetch(`${h.url}/healthz`)).status, 200, '/healthz is not limited with it');
        }
        assert.equal(statuses.filter((s) => s === 200).length, CALENDAR_PER_ADDRESS_PER_MINUTE - 2, 'the two before count too');
        assert.equal(statuses.filter((s) => s === 429).length, 12);
        assert.deepEqual([...bodies], [body], 'the same file each time');
        // Over its own limit, the address can still use the rest of the sidecar.
        assert.equal((await h.command(planner, h.channels.town, 'list')).status, 200);
    });
});
