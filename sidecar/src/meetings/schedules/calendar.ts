// "Add to calendar": an iCalendar file (RFC 5545) for a scheduled meeting, served by the sidecar
// under a signed, expiring link (people's browsers fetch it; no Mattermost session goes with it).
import {createHmac} from 'node:crypto';
import {DateTime} from 'luxon';
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

/**
 * RFC 5545 3.6.5: a TZID needs its VTIMEZONE. The zone's offset changes from a year before the
 * meeting to two years after, each as its own observance (found day by day, then to the minute).
 */
function vtimezone(zone: string, at: number): string[] {
    const changes: Array<{at: number; from: number; to: number}> = [];
    const offsetAt = (ms: number) => DateTime.fromMillis(ms, {zone}).offset;
    const day = 24 * 60 * 60_000;
    for (let t = at - (365 * day); t < at + (730 * day); t += day) {
        if (offsetAt(t) !== offsetAt(t + day)) {
            let lo = t;
            let hi = t + day;
            while (hi - lo > 60_000) {
                const mid = lo + (Math.floor((hi - lo) / 120_000) * 60_000);
                if (offsetAt(mid) === offsetAt(lo)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            changes.push({at: hi, from: offsetAt(lo), to: offsetAt(hi)});
        }
    }
    const standard = DateTime.fromMillis(at, {zone}).offset;
    const observances = changes.length === 0 ?
        [['BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset(standard)}`, `TZOFFSETTO:${offset(standard)}`, 'END:STANDARD']] :
        changes.map((c) => {
            const kind = c.to > c.from ? 'DAYLIGHT' : 'STANDARD';
            // DTSTART of an observance is the local time before the change (RFC 5545 3.6.5).
            const local = DateTime.fromMillis(c.at, {zone: 'UTC'}).plus({minutes: c.from}).toFormat("yyyyMMdd'T'HHmmss");
            return [`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${offset(c.from)}`, `TZOFFSETTO:${offset(c.to)}`, `END:${kind}`];
        });
    return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...observances.flat(), 'END:VTIMEZONE'];
}

const utc = (ms: number) => DateTime.fromMillis(ms, {zone: 'UTC'}).toFormat("yyyyMMdd'T'HHmmss'Z'");
const RRULES = {day: 'FREQ=DAILY', weekday: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', week: 'FREQ=WEEKLY'} as const;

/**
 * The event: its start in the planner's zone (TZID, so a repeat keeps its wall time across
 * daylight-saving changes; calendars know IANA zone names), its length (the meeting's duration, an
 * hour without one), the topic, and the link to the card in Mattermost.
 */
export function icsFor(s: Schedule, o: {permalink: string; now: number; calendarName: string}): string {
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
        `DTSTAMP:${utc(o.now)}`,
        s.zone === 'UTC' ? `DTSTART:${utc(s.at)}` : `DTSTART;TZID=${s.zone}:${start.toFormat("yyyyMMdd'T'HHmmss")}`,
        `DURATION:PT${minutes}M`,
        ...(s.recurrence ? [`RRULE:${RRULES[s.recurrence]}`] : []),
        `SUMMARY:${text(s.topic)}`,
        `DESCRIPTION:${text(`${o.calendarName}: ${o.permalink}`)}`,
        `URL:${o.permalink}`,
        'END:VEVENT',
        'END:VCALENDAR',
    ];
    return lines.map(fold).join('\r\n') + '\r\n';
}
