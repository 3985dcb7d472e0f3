// Wall times in a named (IANA) time zone with the browser's own Intl: the scheduled card shows
// its time in the reader's Mattermost time zone, and the schedule dialog turns the date and time
// the user picks in their zone into an instant, as the sidecar does
// (sidecar/src/meetings/schedules/when.ts wallTime, with luxon, which the bundle does without).

export type WallDate = {year: number; month: number; day: number};
export type WallTime = {hour: number; minute: number};
export type WallParts = WallDate & WallTime;

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
    let formatter = formatters.get(zone);
    if (!formatter) {
        formatter = new Intl.DateTimeFormat('en-US', {
            timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
        });
        formatters.set(zone, formatter);
    }
    return formatter;
}

/** Whether the browser knows this zone (an unknown one throws a RangeError in Intl). */
export function isValidTimeZone(zone: unknown): zone is string {
    if (typeof zone !== 'string' || !zone || zone.length > 64) {
        return false;
    }
    try {
        partsFormatter(zone);
        return true;
    } catch {
        return false;
    }
}

let browserZone = '';

/** The browser's own zone (read once: selectors ask on every store change), UTC when it cannot say. */
export function browserTimeZone(): string {
    if (!browserZone) {
        try {
            const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
            browserZone = isValidTimeZone(zone) ? zone : 'UTC';
        } catch {
            browserZone = 'UTC';
        }
    }
    return browserZone;
}

/** The first valid zone of the candidates (the user's Mattermost zone first), else the browser's. */
export function pickTimeZone(...candidates: unknown[]): string {
    return candidates.find(isValidTimeZone) ?? browserTimeZone();
}

/** Year, month (1-12), day, hour (0-23) and minute of an instant on the clocks of `zone`. */
export function wallParts(at: number, zone: string): WallParts {
    const parts: Record<string, number> = {};
    for (const part of partsFormatter(zone).formatToParts(at)) {
        if (part.type !== 'literal') {
            parts[part.type] = Number(part.value);
        }
    }
    return {year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute};
}

/** How far the zone's clocks are ahead of UTC at this instant, in ms. */
function offsetAt(at: number, zone: string): number {
    const p = wallParts(at, zone);
    const flooredAt = at - (((at % MINUTE) + MINUTE) % MINUTE);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - flooredAt;
}

const sameWall = (a: WallParts, b: WallParts) => a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

/**
 * The instant a wall time has in `zone`: one, or an error when a daylight-saving change skips it
 * (spring) or repeats it (autumn), the sidecar's rule (it refuses both rather than guess).
 */
export function instantOf(zone: string, date: WallDate, time: WallTime): {at: number} | {error: 'skipped' | 'repeated'} {
    const wanted = {...date, ...time};
    const asUtc = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
    const noon = Date.UTC(date.year, date.month - 1, date.day, 12);

    // Every instant whose local time is the one wanted, trying each offset the zone has around that day.
    const offsets = new Set([offsetAt(noon - DAY, zone), offsetAt(noon, zone), offsetAt(noon + DAY, zone)]);
    const instants = new Set<number>();
    for (const offset of offsets) {
        const at = asUtc - offset;
        if (sameWall(wallParts(at, zone), wanted)) {
            instants.add(at);
        }
    }
    if (instants.size === 0) {
        return {error: 'skipped'};
    }
    return instants.size > 1 ? {error: 'repeated'} : {at: [...instants][0]};
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD`, as a date input and the sidecar's `<when>` want it. */
export const formatWallDate = ({year, month, day}: WallDate) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** `HH:MM` (24 h), as a time input and the sidecar's `<when>` want it. */
export const formatWallTime = ({hour, minute}: WallTime) => `${pad(hour)}:${pad(minute)}`;

/** A date input's `YYYY-MM-DD`, or null when it is not a real date. */
export function readWallDate(text: string): WallDate | null {
    const m = (/^(\d{4})-(\d{2})-(\d{2})$/).exec(text.trim());
    if (!m) {
        return null;
    }
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? {year, month, day} : null;
}

/** A time input's `HH:MM` (seconds, if a browser adds them, are dropped), or null. */
export function readWallTime(text: string): WallTime | null {
    const m = (/^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/).exec(text.trim());
    if (!m) {
        return null;
    }
    const [hour, minute] = [Number(m[1]), Number(m[2])];
    return hour <= 23 && minute <= 59 ? {hour, minute} : null;
}

/** The wall date `days` after `date` (calendar days, whatever the zone does). */
export function addDays(date: WallDate, days: number): WallDate {
    const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
    return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate()};
}

/**
 * What the schedule dialog offers first: the next full hour on the zone's clocks at least 15
 * minutes away (so there is time to fill in the rest).
 */
export function suggestedStart(now: number, zone: string): WallParts {
    const soon = wallParts(now + (15 * MINUTE), zone);
    if (soon.minute === 0) {
        return soon;
    }
    const next = new Date(Date.UTC(soon.year, soon.month - 1, soon.day, soon.hour + 1, 0));
    return {year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: next.getUTCHours(), minute: 0};
}
