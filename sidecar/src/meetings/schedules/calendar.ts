// "Add to calendar": an iCalendar file (RFC 5545) for a scheduled meeting, served by the sidecar
// under a signed, expiring link (people's browsers fetch it; no Mattermost session goes with it).
import {createHmac} from 'node:crypto';
import {DateTime, IANAZone} from 'luxon';
import type {Schedule} from '../../store/store.js';
import {safeEqual} from '../secrets.js';

/** How long a calendar link works after the card that carries it was rendered, past the meeting. */
export const CALENDAR_LINK_MS = 30 * 24 * 60 * 60_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DEFAULT_MINUTES = 60;

const sign = (secret: string, id: string, expires: number) =>
    createHmac('sha256', secret).update(`v1\ncalendar:${id}\nexpires:${expires}`).digest('hex');

/** `<public url>/calendar/<schedule id>.ics?expires=<ms>&signature=<hmac>` */
export function calendarUrl(publicUrl: string, secret: string, s: Pick<Schedule, 'id' | 'at'>, now: number): string {
    const expires = Math.max(s.at, now) + CALENDAR_LINK_MS;
    return `${publicUrl}/calendar/${s.id}.ics?expires=${expires}&signature=${sign(secret, s.id, expires)}`;
}

/** The schedule id a link names, when its signature is ours and it has not expired. */
export function checkCalendarLink(secret: string, id: string, expires: string, signature: string, now: number): boolean {
    const at = /^\d{1,16}$/.test(expires) ? Number(expires) : NaN;
    const expected = ID.test(id) && Number.isSafeInteger(at) ? sign(secret, id, at) : '';
    return safeEqual(expected, signature) && expected !== '' && at > now;
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT. */
const text = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF and one space), never inside a character. */
function fold(line: string): string {
    const out: string[] = [];
    let current = '';
    for (const ch of line) {
        if (Buffer.byteLength(current + ch) > (out.length === 0 ? 75 : 74)) {
            out.push(current);
            current = '';
        }
        current += ch;
    }
    out.push(current);
    return out.join('\r\n ');
}

const offset = (minutes: number) => `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;
/** The years (from the one before the meeting) whose changes must follow one yearly rule for it to stand for the zone. */
const RULE_YEARS = 4;
/** A zone with no yearly rule: its changes are listed one by one for this many years. */
const LISTED_YEARS = 12;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type Change = {at: number; from: number; to: number};

/**
 * The zone's offset changes from `start` (a whole minute) to `end`: sampled weekly (zones change at
 * most a few times a year, never twice within a week), each then found to the minute. About 80
 * offset look-ups a year instead of the 700 a day-by-day search took.
 */
function changesBetween(zone: IANAZone, start: number, end: number): Change[] {
    const changes: Change[] = [];
    let to = zone.offset(start);
    for (let t = start; t < end; t += WEEK) {
        let lo = t;
        let hi = Math.min(t + WEEK, end);
        const from = to;
        to = zone.offset(hi);
        if (from === to) {
            continue;
        }
        while (hi - lo > MINUTE) {
            const mid = lo + (Math.floor((hi - lo) / (2 * MINUTE)) * MINUTE);
            if (zone.offset(mid) === from) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        changes.push({at: hi, from, to});
    }
    return changes;
}

/** The local time just before a change, as the zone's clocks showed it (RFC 5545 3.6.5: an observance's DTSTART). */
const before = (c: Change) => DateTime.fromMillis(c.at + (c.from * MINUTE), {zone: 'UTC'});

/**
 * The yearly rule of a change, as RFC 5545 writes it (`BYMONTH=3;BYDAY=-1SU` for "the last Sunday
 * of March"), when every one of `changes` follows it; undefined otherwise.
 */
function yearlyRule(changes: Change[]): string | undefined {
    const locals = changes.map(before);
    const first = locals[0];
    const same = changes.every((c, i) => c.from === changes[0].from && c.to === changes[0].to &&
        locals[i].month === first.month && locals[i].weekday === first.weekday && locals[i].toFormat('HHmm') === first.toFormat('HHmm'));
    if (!same) {
        return undefined;
    }
    const nth = (d: DateTime) => Math.ceil(d.day / 7);
    const last = (d: DateTime) => d.day + 7 > d.daysInMonth!;
    const day = WEEKDAYS[first.weekday - 1];
    if (nth(first) <= 4 && locals.every((d) => nth(d) === nth(first))) {
        return `FREQ=YEARLY;BYMONTH=${first.month};BYDAY=${nth(first)}${day}`;
    }
    return locals.every(last) ? `FREQ=YEARLY;BYMONTH=${first.month};BYDAY=-1${day}` : undefined;
}

function observance(c: Change, rrule?: string): string[] {
    const kind = c.to > c.from ? 'DAYLIGHT' : 'STANDARD';
    return [`BEGIN:${kind}`, `DTSTART:${before(c).toFormat("yyyyMMdd'T'HHmmss")}`, ...(rrule ? [`RRULE:${rrule}`] : []),
        `TZOFFSETFROM:${offset(c.from)}`, `TZOFFSETTO:${offset(c.to)}`, `END:${kind}`];
}

const zones = new Map<string, string[]>();

/**
 * RFC 5545 3.6.5: a TZID needs its VTIMEZONE, and a series that repeats for years needs every
 * change it spans. From the year before the meeting: where the zone changes twice a year by one
 * rule each way (as tz database zones mostly do), two observances that recur yearly (RRULE), so a
 * series keeps its offset however long it runs; otherwise each change of the next years listed;
 * a zone that does not change, one observance. Kept per zone and year (a few hundred bytes each).
 */
function vtimezone(name: string, at: number): string[] {
    const year = DateTime.fromMillis(at, {zone: name}).year;
    const key = `${name}\u0000${year}`;
    const known = zones.get(key);
    if (known) {
        return known;
    }
    const zone = IANAZone.create(name);
    const from = Date.UTC(year - 1, 0, 1);
    const ruled = Date.UTC(year - 1 + RULE_YEARS, 0, 1);
    const changes = zone.isValid ? changesBetween(zone, from, ruled) : [];
    const ways = [changes.filter((c) => c.to > c.from), changes.filter((c) => c.to < c.from)];
    const rules = ways.map((w) => (w.length === RULE_YEARS ? yearlyRule(w) : undefined));
    let observances: string[][];
    if (rules[0] && rules[1]) {
        observances = ways.map((w, i) => observance(w[0], rules[i]));
    } else if (changes.length > 0) {
        observances = [...changes, ...changesBetween(zone, ruled, Date.UTC(year - 1 + LISTED_YEARS, 0, 1))].map((c) => observance(c));
    } else {
        const standard = zone.isValid ? zone.offset(at) : 0;
        observances = [['BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset(standard)}`, `TZOFFSETTO:${offset(standard)}`, 'END:STANDARD']];
    }
    const lines = ['BEGIN:VTIMEZONE', `TZID:${name}`, ...observances.flat(), 'END:VTIMEZONE'];
    if (zones.size >= 1000) {
        zones.clear(); // bounded: a thousand zone-years is far more than a deployment plans in
    }
    zones.set(key, lines);
    return lines;
}

const utc = (ms: number) => DateTime.fromMillis(ms, {zone: 'UTC'}).toFormat("yyyyMMdd'T'HHmmss'Z'");
const RRULES = {day: 'FREQ=DAILY', weekday: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', week: 'FREQ=WEEKLY'} as const;

/** An .ics and the name it is saved under. */
export interface CalendarFile {
    ics: string;
    filename: string;
}

/**
 * The file name a topic gives: its words, without what file systems or the Content-Disposition
 * header refuse (path separators, quotes, control characters), at most 60 characters.
 */
export function calendarFileName(topic: string): string {
    const name = topic.normalize('NFC').replace(/[\p{Cc}\p{Cf}\\/:*?"<>|;%]+/gu, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
    return `${[...name].slice(0, 60).join('').trim() || 'meeting'}.ics`;
}

/**
 * The event: its start in the planner's zone (TZID, so a repeat keeps its wall time across
 * daylight-saving changes; calendars know IANA zone names), its length (the meeting's duration, an
 * hour without one), the topic, and the link to the card in Mattermost. Stamped with the
 * schedule's last change, so the same schedule gives the same bytes (and ETag) every time.
 */
export function icsFor(s: Schedule, o: {permalink: string; now: number; calendarName: string}): CalendarFile {
    const start = DateTime.fromMillis(s.at, {zone: s.zone});
    const minutes = s.options.duration > 0 ? s.options.duration : DEFAULT_MINUTES;
    const lines = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//plugNmeet for Mattermost//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        ...(s.zone === 'UTC' ? [] : vtimezone(s.zone, s.at)),
        'BEGIN:VEVENT',
        `UID:${s.id}@plugnmeet-mattermost`,
        `DTSTAMP:${utc(s.updatedAt || o.now)}`,
        s.zone === 'UTC' ? `DTSTART:${utc(s.at)}` : `DTSTART;TZID=${s.zone}:${start.toFormat("yyyyMMdd'T'HHmmss")}`,
        `DURATION:PT${minutes}M`,
        ...(s.recurrence ? [`RRULE:${RRULES[s.recurrence]}`] : []),
        `SUMMARY:${text(s.topic)}`,
        `DESCRIPTION:${text(`${o.calendarName}: ${o.permalink}`)}`,
        `URL:${o.permalink}`,
        'END:VEVENT',
        'END:VCALENDAR',
    ];
    return {ics: lines.map(fold).join('\r\n') + '\r\n', filename: calendarFileName(s.topic)};
}
