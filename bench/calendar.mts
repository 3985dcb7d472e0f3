// The CPU an "Add to calendar" file costs (issue 21: it was 20 to 35 ms each for a zone with
// daylight saving): the first file of a zone and year works out the zone's rules, the next reuse them.
import {DateTime} from 'luxon';
import {icsFor} from '../sidecar/src/meetings/schedules/calendar.js';
import type {Schedule} from '../sidecar/src/store/store.js';

export function icsCost(zone = 'Europe/Berlin', files = 1000) {
    const file = (z: string) => ({
        id: 'bench', channelId: 'c', teamId: 't', rootId: 'p', postId: 'p', creatorId: 'u', creatorUsername: 'u', creatorName: 'U', creatorLocale: 'en',
        topic: 'Weekly sync', options: {duration: 0}, zone: z, recurrence: 'week', at: DateTime.fromISO('2027-03-15T10:00', {zone: z}).toMillis(),
        roomId: 'r', status: 'scheduled', reminded: false, createdAt: 1, updatedAt: 1,
    } as unknown as Schedule);
    const s = file(zone);
    const build = (x = s) => icsFor(x, {permalink: 'https://mattermost.example/_redirect/pl/p', now: 1, calendarName: 'plugNmeet'});
    build(file('Asia/Tokyo')); // luxon and Intl warmed up in a zone without changes: "first" is the zone's rules
    let t = performance.now();
    build();
    const firstMs = performance.now() - t;
    const each: number[] = [];
    for (let i = 0; i < files; i += 1) {
        t = performance.now();
        build();
        each.push(performance.now() - t);
    }
    each.sort((a, b) => a - b);
    return {zone, files, firstMs, eachMicros: each[Math.floor(files / 2)] * 1000};
}
