import {checkSchedule, dateRange, initialSchedule, MAX_AHEAD_MS, scheduleCommand} from './schedule_state';

const NOW = Date.UTC(2026, 10, 22, 11, 0); // Sunday 22 November 2026, 12:00 in Berlin, 06:00 in New York
const ROOT = 'abcdefghijklmnopqrstuvwxyz';

describe('the dialog\'s schedule', () => {
    it('offers the next full hour on the user\'s clocks, once, and dates from today to a year on', () => {
        expect(initialSchedule(NOW, 'Europe/Berlin')).toEqual({date: '2026-11-22', time: '13:00', every: ''});
        expect(initialSchedule(NOW, 'America/New_York')).toEqual({date: '2026-11-22', time: '07:00', every: ''});
        expect(dateRange(NOW, 'Pacific/Auckland')).toEqual({min: '2026-11-23', max: '2027-11-23'});
    });

    it('takes a time ahead, read in the user\'s zone', () => {
        expect(checkSchedule({date: '2026-12-03', time: '15:00', every: ''}, 'Europe/Berlin', NOW)).toEqual({ok: true, at: Date.UTC(2026, 11, 3, 14, 0)});
        expect(checkSchedule({date: '2026-12-03', time: '15:00', every: ''}, 'America/New_York', NOW)).toEqual({ok: true, at: Date.UTC(2026, 11, 3, 20, 0)});
    });

    it.each([
        [{date: '', time: '10:00'}, 'missing'],
        [{date: '2026-11-22', time: ''}, 'missing'],
        [{date: '2026-11-22', time: '12:00'}, 'past'],
        [{date: '2026-11-21', time: '18:00'}, 'past'],
        [{date: '2027-03-28', time: '02:30'}, 'skipped'],
        [{date: '2027-10-31', time: '02:30'}, 'repeated'],
        [{date: '2027-11-24', time: '12:00'}, 'too_far'],
    ])('refuses %p in Berlin: %s', (fields, error) => {
        expect(checkSchedule({every: '', ...fields}, 'Europe/Berlin', NOW)).toEqual({ok: false, error});
    });

    it('goes up to the sidecar\'s limit, a year and a day', () => {
        expect(MAX_AHEAD_MS).toBe(366 * 24 * 3600 * 1000);
        expect(checkSchedule({date: '2027-11-23', time: '12:00', every: ''}, 'Europe/Berlin', NOW).ok).toBe(true);
    });

    it('sends the time as typed, the thread, the repeat, then the options and the topic', () => {
        const fields = {date: '2026-12-03', time: '15:00', every: 'week' as const};
        expect(scheduleCommand(fields, '--waiting-room --duration 45 -- Weekly sync')).toBe('/plugnmeet schedule 2026-12-03 15:00 --every week --waiting-room --duration 45 -- Weekly sync');
        expect(scheduleCommand({...fields, every: ''}, '--', ROOT)).toBe(`/plugnmeet schedule 2026-12-03 15:00 --root ${ROOT} --`);
        expect(scheduleCommand({...fields, time: '09:05:00'}, '-- Retro', 'not an id!')).toBe('/plugnmeet schedule 2026-12-03 09:05 --every week -- Retro');
        expect(() => scheduleCommand({...fields, date: ''}, '--')).toThrow();
    });
});
