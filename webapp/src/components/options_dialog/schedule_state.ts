// The dialog's Schedule mode as data: the date and time (on the user's Mattermost clocks), how it
// repeats, whether that is a time the sidecar would take, and the command it sends:
// `/plugnmeet schedule YYYY-MM-DD HH:MM [--root <thread>] [--every day|weekday|week] <flags> -- <topic>`
// (the sidecar reads `<when>` in the same zone: sidecar/src/meetings/schedules/when.ts).
import type {Recurrence} from '@plugnmeet/contracts';

import {addDays, formatWallDate, formatWallTime, instantOf, readWallDate, readWallTime, suggestedStart, wallParts} from '../../utils/time_zone';

export type ScheduleFields = {

    // As the native inputs give them: `YYYY-MM-DD` and `HH:MM`, '' while incomplete.
    date: string;
    time: string;
    every: Recurrence;
};

export type ScheduleError = 'missing' | 'past' | 'skipped' | 'repeated' | 'too_far';

// The sidecar takes nothing further ahead (MAX_AHEAD_MS in sidecar/src/meetings/schedules/when.ts).
export const MAX_AHEAD_MS = 366 * 24 * 60 * 60_000;

/** What the dialog offers first: the next full hour at least 15 minutes away, once. */
export function initialSchedule(now: number, zone: string): ScheduleFields {
    const start = suggestedStart(now, zone);
    return {date: formatWallDate(start), time: formatWallTime(start), every: ''};
}

/** The earliest and latest date the date input offers (today and a year on, in the zone). */
export function dateRange(now: number, zone: string): {min: string; max: string} {
    const today = wallParts(now, zone);
    return {min: formatWallDate(today), max: formatWallDate(addDays(today, 365))};
}

/** The instant the fields name in `zone`, or why the sidecar would refuse it. */
export function checkSchedule(fields: ScheduleFields, zone: string, now: number): {ok: true; at: number} | {ok: false; error: ScheduleError} {
    const date = readWallDate(fields.date);
    const time = readWallTime(fields.time);
    if (!date || !time) {
        return {ok: false, error: 'missing'};
    }
    const found = instantOf(zone, date, time);
    if ('error' in found) {
        return {ok: false, error: found.error};
    }
    if (found.at <= now) {
        return {ok: false, error: 'past'};
    }
    if (found.at - now > MAX_AHEAD_MS) {
        return {ok: false, error: 'too_far'};
    }
    return {ok: true, at: found.at};
}

// Mattermost ids are 26 lower-case letters and digits (as in actions/slash_command_hook.ts).
const ROOT_ID = /^[A-Za-z0-9]{1,64}$/;

/**
 * The command for a checked schedule: `<when>` as the inputs hold it (the sidecar reads it in the
 * user's zone, as the dialog did), the thread, the repeat, then the options and topic of the
 * start form (`startWords`: flags ending with `--`, so any topic stays a topic).
 */
export function scheduleCommand(fields: ScheduleFields, words: string, rootId = ''): string {
    const date = readWallDate(fields.date);
    const time = readWallTime(fields.time);
    if (!date || !time) {
        throw new Error('scheduleCommand: check the schedule first');
    }
    return [
        '/plugnmeet schedule',
        formatWallDate(date),
        formatWallTime(time),
        ROOT_ID.test(rootId) ? `--root ${rootId}` : '',
        fields.every ? `--every ${fields.every}` : '',
        words.trim(),
    ].filter(Boolean).join(' ');
}
