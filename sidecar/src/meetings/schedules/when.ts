// `<when>` as people type it for `/plugnmeet schedule`, read in the person's Mattermost time zone:
// `in 30m`, `in 2h`, `in 1d`, `today 15:00`, `tomorrow 10:00`, `mon 9:30`, `2026-12-03 15:00`,
// with `9:30am` / `3pm` for the time. A wall time a daylight-saving change skips, or one it
// repeats, is refused rather than guessed. Pure: the clock and the zone are arguments.
import type {Recurrence} from '@plugnmeet/contracts';
import {DateTime} from 'luxon';

export type WhenError = 'unknown' | 'past' | 'skipped' | 'repeated' | 'too_far';

export type ParsedWhen = {ok: true; at: number; rest: string} | {ok: false; error: WhenError};

/** A year ahead at most: further is a typing mistake. */
const MAX_AHEAD_MS = 366 * 24 * 60 * 60_000;

const WEEKDAYS: Readonly<Record<string, number>> = {
    mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4, thursday: 4,
    fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
};
const MINUTE = 60_000;
const UNITS: Readonly<Record<string, number>> = {
    m: MINUTE, min: MINUTE, mins: MINUTE, minute: MINUTE, minutes: MINUTE,
    h: 60 * MINUTE, hr: 60 * MINUTE, hour: 60 * MINUTE, hours: 60 * MINUTE,
    d: 1440 * MINUTE, day: 1440 * MINUTE, days: 1440 * MINUTE,
};

/** `H:MM`, `HH:MM`, `9:30am`, `3pm`; undefined when it is not a time. */
function readTime(word: string): {hour: number; minute: number} | undefined {
    const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(word);
    if (!m || (m[2] === undefined && m[3] === undefined)) {
        return undefined; // a bare number is not a time
    }
    let hour = Number(m[1]);
    const minute = Number(m[2] ?? 0);
    const half = m[3]?.toLowerCase();
    if (half) {
        if (hour < 1 || hour > 12) {
            return undefined;
        }
        hour = (hour % 12) + (half === 'pm' ? 12 : 0);
    }
    return hour <= 23 && minute <= 59 ? {hour, minute} : undefined;
}

/**
 * The instant a wall time has in `zone`: one, or an error when a daylight-saving change skips it
 * (spring) or repeats it (autumn).
 */
export function wallTime(zone: string, date: {year: number; month: number; day: number}, time: {hour: number; minute: number}): {at: number} | {error: 'skipped' | 'repeated'} {
    const wanted = {...date, ...time};
    const around = DateTime.fromObject({...date, hour: 12}, {zone});
    // Every instant whose local time is the one wanted, trying each offset the zone has that day.
    const offsets = new Set([around.minus({days: 1}).offset, around.offset, around.plus({days: 1}).offset]);
    const instants = new Set<number>();
    for (const offset of offsets) {
        const at = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute) - (offset * 60_000);
        const back = DateTime.fromMillis(at, {zone});
        if (back.year === wanted.year && back.month === wanted.month && back.day === wanted.day && back.hour === wanted.hour && back.minute === wanted.minute) {
            instants.add(at);
        }
    }
    if (instants.size === 0) {
        return {error: 'skipped'};
    }
    return instants.size > 1 ? {error: 'repeated'} : {at: [...instants][0]};
}

/** Reads `<when>` at the start of `text`; `rest` is what follows (the options and the topic). */
export function parseWhen(text: string, now: number, zone: string): ParsedWhen {
    const words = text.trim().split(/\s+/);
    const local = DateTime.fromMillis(now, {zone});
    const finish = (at: number, used: number): ParsedWhen => {
        if (at <= now) {
            return {ok: false, error: 'past'};
        }
        if (at - now > MAX_AHEAD_MS) {
            return {ok: false, error: 'too_far'};
        }
        return {ok: true, at, rest: words.slice(used).join(' ')};
    };
    const at = (day: DateTime, timeWord: string | undefined, used: number): ParsedWhen => {
        const time = timeWord === undefined ? undefined : readTime(timeWord);
        if (!time) {
            return {ok: false, error: 'unknown'};
        }
        const r = wallTime(zone, {year: day.year, month: day.month, day: day.day}, time);
        return 'error' in r ? {ok: false, error: r.error} : finish(r.at, used);
    };

    const first = (words[0] ?? '').toLowerCase();
    if (first === 'in') {
        // `in 30m` or `in 30 min`
        const joined = /^\d+[a-z]+$/i.test(words[1] ?? '');
        const count = joined ? /^\d+/.exec(words[1])![0] : (words[1] ?? '');
        const unit = UNITS[(joined ? words[1].slice(count.length) : (words[2] ?? '')).toLowerCase()];
        if (!/^\d{1,4}$/.test(count) || !unit || Number(count) === 0) {
            return {ok: false, error: 'unknown'};
        }
        // To the whole minute: the card, the calendar and a series' next dates show no seconds.
        return finish(Math.round((now + (Number(count) * unit)) / MINUTE) * MINUTE, joined ? 2 : 3);
    }
    if (first === 'today' || first === 'tomorrow') {
        return at(first === 'today' ? local : local.plus({days: 1}), words[1], 2);
    }
    if (WEEKDAYS[first] !== undefined) {
        const time = readTime(words[1] ?? '');
        let day = local.plus({days: (WEEKDAYS[first] - local.weekday + 7) % 7});
        // Today's weekday means today if the time is still ahead, else a week later.
        if (time && day.hasSame(local, 'day') && day.set({hour: time.hour, minute: time.minute}).toMillis() <= now) {
            day = day.plus({days: 7});
        }
        return at(day, words[1], 2);
    }
    const iso = /^(\d{4})-(\d{2})-(\d{2})(?:t(\d{1,2}:\d{2}))?$/.exec(first); // first is lower case
    if (iso) {
        const day = DateTime.fromObject({year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3])}, {zone});
        if (!day.isValid) {
            return {ok: false, error: 'unknown'};
        }
        return iso[4] ? at(day, iso[4], 1) : at(day, words[1], 2);
    }
    return {ok: false, error: 'unknown'};
}

/**
 * The next occurrence after `at` of a recurring meeting: the same wall time in its zone on the
 * next day, weekday (Monday to Friday) or week, across daylight-saving changes. A wall time a
 * change skips that day moves an hour later; one it repeats takes the first.
 */
export function nextOccurrence(at: number, recurrence: Exclude<Recurrence, ''>, zone: string): number {
    let next = DateTime.fromMillis(at, {zone});
    const wall = {hour: next.hour, minute: next.minute};
    next = next.plus({days: recurrence === 'week' ? 7 : 1});
    if (recurrence === 'weekday' && next.weekday > 5) {
        next = next.plus({days: 8 - next.weekday}); // Saturday or Sunday: on to Monday
    }
    const r = wallTime(zone, {year: next.year, month: next.month, day: next.day}, wall);
    if ('at' in r) {
        return r.at;
    }
    return r.error === 'skipped' ?
        next.set({hour: wall.hour, minute: wall.minute}).toMillis() : // luxon moves a skipped time forward
        DateTime.fromObject({year: next.year, month: next.month, day: next.day, ...wall}, {zone}).toMillis();
}
