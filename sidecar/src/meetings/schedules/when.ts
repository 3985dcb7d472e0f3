// `<when>` as people type it for `/plugnmeet schedule`, read in the person's Mattermost time zone
// and language (English always works too): `in 30m` / `in 30 Minuten` / `dans 2 heures` /
// `en 1 hora`, and through chrono-node's locales day words, weekdays, dates in the language's
// order and times (`tomorrow at 10am`, `morgen 10:00`, `Mo 9:30`, `24.12.2026 15:00`,
// `demain 10h`, `mañana a las 10`, `12/24 3pm`, a bare `10:00` for the next such time).
// chrono only reads the words; the wall time it names is placed in the zone here, so a time a
// daylight-saving change skips, or one it repeats, is refused rather than guessed. Pure: the
// clock, the zone and the language are arguments.
import {pickLocale, type Locale, type Recurrence} from '@plugnmeet/contracts';
import type * as Chrono from 'chrono-node';
import {DateTime} from 'luxon';
import {onFirstUse} from '../../shared/on-first-use.js';

export type WhenError = 'unknown' | 'past' | 'skipped' | 'repeated' | 'too_far';

export type ParsedWhen = {ok: true; at: number; rest: string} | {ok: false; error: WhenError};

/** A year ahead at most: further is a typing mistake. */
const MAX_AHEAD_MS = 366 * 24 * 60 * 60_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** `in <n> <unit>` in the four languages (`30m`, `2h` and `1d` joined too). */
const IN_WORDS = new Set(['in', 'dans', 'en']);
const UNITS: Readonly<Record<string, number>> = {
    m: MINUTE, min: MINUTE, mins: MINUTE, minute: MINUTE, minutes: MINUTE, minuten: MINUTE, minuto: MINUTE, minutos: MINUTE,
    h: HOUR, hr: HOUR, hour: HOUR, hours: HOUR, std: HOUR, stunde: HOUR, stunden: HOUR, heure: HOUR, heures: HOUR, hora: HOUR, horas: HOUR,
    d: DAY, day: DAY, days: DAY, tag: DAY, tage: DAY, tagen: DAY, jour: DAY, jours: DAY, día: DAY, días: DAY, dia: DAY, dias: DAY,
};
/** A word people put before a date: `on fri 3pm`, `am 24.12.2026 um 15 Uhr`, `le 24/12 à 15h`, `el lunes 9:30`. */
const LEAD_WORDS = /^(on|am|le|el)\s+/i;
/** How many words of the text chrono reads at most. */
const WHEN_WORDS = 8;

/** chrono-node and its four languages' words are loaded with the first `<when>` read (a schedule). */
const loadChrono = onFirstUse<typeof Chrono>('chrono-node');

/** The user's language first, then English (the examples and help are in English too). */
function parsersFor(locale: string): Chrono.Chrono[] {
    const chrono = loadChrono();
    const english = /^en[-_](au|gb|ie|nz|za|in)$/i.test(locale) ? chrono.en.GB : chrono.en.casual;
    const own: Record<Locale, Chrono.Chrono> = {en: english, de: chrono.de.casual, fr: chrono.fr.casual, es: chrono.es.casual};
    const first = own[pickLocale(locale)];
    return first === english ? [english] : [first, english];
}

/** `in 30m`, `in 2 hours`, `in 30 Minuten`, `dans 2 heures`, `en 1 hora`: the delta and how many words it took. */
function readIn(words: string[]): {ms: number; used: number} | undefined {
    const joined = /^(\d+)(\p{L}+)$/u.exec(words[1] ?? '');
    const count = joined ? joined[1] : (words[1] ?? '');
    const unit = UNITS[(joined ? joined[2] : (words[2] ?? '')).toLowerCase()];
    if (!/^\d{1,4}$/.test(count) || !unit || Number(count) === 0) {
        return undefined;
    }
    return {ms: Number(count) * unit, used: joined ? 2 : 3};
}

/**
 * The wall date and time chrono reads at the start of `text` (after a lead word), in the first
 * of `parsers` that reads one with an hour, and the text after it. `wall` is the person's wall
 * clock now, as a Date whose fields (not its instant) are what matter to chrono.
 */
function readWords(text: string, wall: Date, parsers: Chrono.Chrono[]) {
    const lead = LEAD_WORDS.exec(text)?.[0].length ?? 0;
    for (const parser of parsers) {
        const r = parser.parse(text.slice(lead), wall, {forwardDate: true})[0];
        const end = lead + (r?.text.length ?? 0);
        // Whole words from the start, with an hour: `tomorrow` alone or `10:00Sync` is not a time,
        // and a range (`10:00-11:00`) is not one either: its end would be lost (`--duration` says it).
        if (r && r.index === 0 && r.start.isCertain('hour') && !r.end && (end === text.length || /\s/.test(text[end]))) {
            const get = (c: Chrono.Component) => r.start.get(c) ?? 0;
            return {date: {year: get('year'), month: get('month'), day: get('day')}, time: {hour: get('hour'), minute: get('minute')}, rest: text.slice(end)};
        }
    }
    return undefined;
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
export function parseWhen(text: string, now: number, zone: string, locale = 'en'): ParsedWhen {
    const trimmed = text.trim();
    const words = trimmed.split(/\s+/);
    const finish = (at: number, rest: string): ParsedWhen => {
        if (at <= now) {
            return {ok: false, error: 'past'};
        }
        if (at - now > MAX_AHEAD_MS) {
            return {ok: false, error: 'too_far'};
        }
        return {ok: true, at, rest: rest.split(/\s+/).filter(Boolean).join(' ')};
    };

    if (IN_WORDS.has(words[0].toLowerCase()) && /^\d/.test(words[1] ?? '')) {
        const delta = readIn(words);
        // To the whole minute: the card, the calendar and a series' next dates show no seconds.
        return delta ? finish(Math.round((now + delta.ms) / MINUTE) * MINUTE, words.slice(delta.used).join(' ')) : {ok: false, error: 'unknown'};
    }
    const local = DateTime.fromMillis(now, {zone});
    const wall = new Date(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    // The longest forms take six words (`el próximo viernes a las 15:00`): the topic is not read.
    const head = words.slice(0, WHEN_WORDS).join(' ');
    const read = head === '' ? undefined : readWords(head, wall, parsersFor(locale));
    if (!read || !DateTime.fromObject(read.date, {zone}).isValid) {
        return {ok: false, error: 'unknown'};
    }
    const r = wallTime(zone, read.date, read.time);
    return 'error' in r ? {ok: false, error: r.error} : finish(r.at, [read.rest, ...words.slice(WHEN_WORDS)].join(' '));
}

/**
 * Examples of `<when>` in the person's language for the "could not read" answer: computed from
 * today, so the date is always ahead and in the order that language writes dates.
 */
export function whenExamples(locale: string, now: number, zone: string): string {
    const soon = DateTime.fromMillis(now, {zone}).plus({days: 14});
    const examples: Record<Locale, string[]> = {
        en: ['tomorrow 10:00', 'fri 3pm', `${soon.toFormat('M/d')} 15:00`, `${soon.toFormat('yyyy-MM-dd')} 15:00`, 'in 30m'],
        de: ['morgen 10:00', 'Fr 15 Uhr', `${soon.toFormat('d.M.yyyy')} 15:00`, 'in 30 Minuten'],
        fr: ['demain 10h', 'vendredi 15h', `${soon.toFormat('dd/MM/yyyy')} 15:00`, 'dans 30 minutes'],
        es: ['mañana 10:00', 'viernes 15:00', `${soon.toFormat('dd/MM/yyyy')} 15:00`, 'en 30 minutos'],
    };
    return examples[pickLocale(locale)].map((e) => `\`${e}\``).join(', ');
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
