import {addDays, formatWallDate, formatWallTime, instantOf, isValidTimeZone, pickTimeZone, readWallDate, readWallTime, suggestedStart, wallParts} from './time_zone';

describe('wall times in a named zone', () => {
    it('reads an instant on the clocks of a zone', () => {
        const at = Date.UTC(2026, 11, 3, 14, 0);
        expect(wallParts(at, 'Europe/Berlin')).toEqual({year: 2026, month: 12, day: 3, hour: 15, minute: 0});
        expect(wallParts(at, 'America/New_York')).toEqual({year: 2026, month: 12, day: 3, hour: 9, minute: 0});
        expect(wallParts(Date.UTC(2026, 11, 3, 23, 30), 'Asia/Kolkata')).toEqual({year: 2026, month: 12, day: 4, hour: 5, minute: 0});
        expect(wallParts(Date.UTC(2026, 0, 1, 0, 0), 'UTC')).toEqual({year: 2026, month: 1, day: 1, hour: 0, minute: 0});
    });

    it.each([
        ['Europe/Berlin', {year: 2026, month: 12, day: 3}, {hour: 15, minute: 0}, Date.UTC(2026, 11, 3, 14, 0)],
        ['Europe/Berlin', {year: 2026, month: 7, day: 1}, {hour: 9, minute: 30}, Date.UTC(2026, 6, 1, 7, 30)],
        ['America/New_York', {year: 2026, month: 11, day: 23}, {hour: 0, minute: 0}, Date.UTC(2026, 10, 23, 5, 0)],
        ['Asia/Kolkata', {year: 2026, month: 12, day: 4}, {hour: 5, minute: 0}, Date.UTC(2026, 11, 3, 23, 30)],
        ['Australia/Sydney', {year: 2026, month: 1, day: 15}, {hour: 10, minute: 0}, Date.UTC(2026, 0, 14, 23, 0)],
    ])('finds the one instant of a wall time in %s', (zone, date, time, at) => {
        expect(instantOf(zone, date, time)).toEqual({at});
    });

    it('refuses a time the clocks skip or repeat, as the sidecar does (schedules/when.ts wallTime)', () => {
        // Europe: forward at 02:00 on 29 March 2026, back at 03:00 on 25 October 2026.
        expect(instantOf('Europe/Berlin', {year: 2026, month: 3, day: 29}, {hour: 2, minute: 30})).toEqual({error: 'skipped'});
        expect(instantOf('Europe/Berlin', {year: 2026, month: 10, day: 25}, {hour: 2, minute: 30})).toEqual({error: 'repeated'});
        expect(instantOf('Europe/Berlin', {year: 2026, month: 10, day: 25}, {hour: 3, minute: 0})).toEqual({at: Date.UTC(2026, 9, 25, 2, 0)});

        // The US changes at 02:00 local time, on 8 March and 1 November 2026.
        expect(instantOf('America/New_York', {year: 2026, month: 3, day: 8}, {hour: 2, minute: 15})).toEqual({error: 'skipped'});
        expect(instantOf('America/New_York', {year: 2026, month: 11, day: 1}, {hour: 1, minute: 30})).toEqual({error: 'repeated'});
    });

    it('reads and writes what date and time inputs hold', () => {
        expect(readWallDate('2026-12-03')).toEqual({year: 2026, month: 12, day: 3});
        expect(readWallDate('2026-02-30')).toBeNull();
        expect(readWallDate('3.12.2026')).toBeNull();
        expect(readWallTime('09:05')).toEqual({hour: 9, minute: 5});
        expect(readWallTime('09:05:00')).toEqual({hour: 9, minute: 5});
        expect(readWallTime('24:00')).toBeNull();
        expect(readWallTime('9:05')).toBeNull();
        expect(formatWallDate({year: 2026, month: 1, day: 9})).toBe('2026-01-09');
        expect(formatWallTime({hour: 7, minute: 0})).toBe('07:00');
        expect(addDays({year: 2026, month: 12, day: 31}, 1)).toEqual({year: 2027, month: 1, day: 1});
    });

    it('suggests the next full hour at least 15 minutes away, on the zone\'s clocks', () => {
        expect(suggestedStart(Date.UTC(2026, 10, 22, 11, 0), 'Europe/Berlin')).toEqual({year: 2026, month: 11, day: 22, hour: 13, minute: 0});
        expect(suggestedStart(Date.UTC(2026, 10, 22, 10, 45), 'UTC')).toEqual({year: 2026, month: 11, day: 22, hour: 11, minute: 0});
        expect(suggestedStart(Date.UTC(2026, 10, 22, 10, 50), 'UTC')).toEqual({year: 2026, month: 11, day: 22, hour: 12, minute: 0});
        expect(suggestedStart(Date.UTC(2026, 11, 31, 23, 30), 'UTC')).toEqual({year: 2027, month: 1, day: 1, hour: 0, minute: 0});

        // India is UTC+5:30: its full hours are not UTC's.
        expect(suggestedStart(Date.UTC(2026, 10, 22, 11, 0), 'Asia/Kolkata')).toEqual({year: 2026, month: 11, day: 22, hour: 17, minute: 0});
    });

    it('knows which zones the browser knows, and falls back to the browser\'s own', () => {
        expect(isValidTimeZone('America/New_York')).toBe(true);
        expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
        expect(isValidTimeZone('')).toBe(false);
        expect(isValidTimeZone(undefined)).toBe(false);
        expect(pickTimeZone('', 'Europe/Berlin')).toBe('Europe/Berlin');
        expect(pickTimeZone('Mars/Olympus_Mons')).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
    });
});
