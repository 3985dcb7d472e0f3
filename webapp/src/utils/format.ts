import type {Recurrence} from '@plugnmeet/contracts';
import type {IntlShape} from 'react-intl';

import type {RecordingName} from './post_props';
import {wallParts} from './time_zone';

import {msg} from '../i18n';
import type {MessageId} from '../i18n';

/** "42 min", "1 hr 5 min", localized through Intl unit formatting. */
export function formatDuration(intl: IntlShape, ms: number): string {
    if (ms < 60_000) {
        return intl.formatMessage(msg('plugnmeet.duration.under_minute'));
    }
    const totalMinutes = Math.round(ms / 60_000);
    const hours = Math.floor(totalMinutes / 60);
    const minutes = totalMinutes % 60;
    const parts: string[] = [];
    if (hours > 0) {
        parts.push(intl.formatNumber(hours, {style: 'unit', unit: 'hour', unitDisplay: 'short'}));
    }
    if (minutes > 0 || hours === 0) {
        parts.push(intl.formatNumber(minutes, {style: 'unit', unit: 'minute', unitDisplay: 'short'}));
    }
    return parts.length > 1 ? intl.formatList(parts, {type: 'unit', style: 'narrow'}) : parts[0];
}

/**
 * On the reader's clocks (`zone`: their Mattermost time zone, selectors/schedule.ts
 * getCurrentTimeZone, as every time the plugin shows): time only for today, otherwise date and
 * time (with the year when it is not this year).
 */
export function formatWhen(intl: IntlShape, at: number, now: number, zone: string): string {
    const date = wallParts(at, zone);
    const today = wallParts(now, zone);
    if (date.year === today.year && date.month === today.month && date.day === today.day) {
        return intl.formatTime(at, {timeZone: zone, hour: 'numeric', minute: '2-digit'});
    }
    return intl.formatDate(at, {
        timeZone: zone,
        year: date.year === today.year ? undefined : 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
    });
}

/**
 * A recording as the card and the live panel show it: its meeting's topic, when that started on the
 * reader's clocks, how long it lasted, the size and the id (`/plugnmeet recordings <id>`). Without
 * the name props (older sidecars): "Meeting recording" and the upload time.
 */
export function describeRecording(intl: IntlShape, recording: RecordingName & {recordId: string; createdAt?: number; sizeMb?: number}, zone: string, now: number) {
    const at = recording.startedAt ?? recording.createdAt;
    return {
        title: recording.topic ? intl.formatMessage(msg('plugnmeet.recording.named'), {topic: recording.topic}) : intl.formatMessage(msg('plugnmeet.recording.title')),
        details: [
            at ? formatWhen(intl, at, now, zone) : '',
            recording.durationMs ? intl.formatMessage(msg('plugnmeet.card.lasted'), {duration: formatDuration(intl, recording.durationMs)}) : '',
            recording.sizeMb ? formatSize(intl, recording.sizeMb) : '',
        ].filter(Boolean).join(' · '),
        id: recording.recordId ? intl.formatMessage(msg('plugnmeet.recording.id'), {id: recording.recordId}) : '',
    };
}

/** Recording sizes arrive in MB; large ones read better in GB. */
export function formatSize(intl: IntlShape, megabytes: number): string {
    if (megabytes >= 1024) {
        return intl.formatNumber(megabytes / 1024, {style: 'unit', unit: 'gigabyte', unitDisplay: 'short', maximumFractionDigits: 1});
    }
    return intl.formatNumber(megabytes, {style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1});
}

/**
 * A planned meeting's date and time on the reader's clocks (`zone`, their Mattermost time zone),
 * the zone named after the time: "Thursday, December 3" and "9:00 AM EST" (the year only when it
 * is not this year there).
 */
export function formatScheduled(intl: IntlShape, at: number, zone: string, now: number): {date: string; time: string} {
    const sameYear = wallParts(at, zone).year === wallParts(now, zone).year;
    return {
        date: intl.formatDate(at, {timeZone: zone, weekday: 'long', month: 'long', day: 'numeric', year: sameYear ? undefined : 'numeric'}),
        time: intl.formatTime(at, {timeZone: zone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short'}),
    };
}

/** How a scheduled meeting repeats, as the card and the dialog's Repeats say it. */
export const REPEATS: Readonly<Record<Exclude<Recurrence, ''>, MessageId>> = {
    day: 'plugnmeet.dialog.repeats_day',
    weekday: 'plugnmeet.dialog.repeats_weekday',
    week: 'plugnmeet.dialog.repeats_week',
};
