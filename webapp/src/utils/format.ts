import type {IntlShape} from 'react-intl';

import {msg} from '../i18n';

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

/** Time only for today, otherwise date and time (with the year when it is not this year). */
export function formatWhen(intl: IntlShape, at: number, now: number): string {
    const date = new Date(at);
    const today = new Date(now);
    if (date.toDateString() === today.toDateString()) {
        return intl.formatTime(at, {hour: 'numeric', minute: '2-digit'});
    }
    return intl.formatDate(at, {
        year: date.getFullYear() === today.getFullYear() ? undefined : 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
    });
}

/** Recording sizes arrive in MB; large ones read better in GB. */
export function formatSize(intl: IntlShape, megabytes: number): string {
    if (megabytes >= 1024) {
        return intl.formatNumber(megabytes / 1024, {style: 'unit', unit: 'gigabyte', unitDisplay: 'short', maximumFractionDigits: 1});
    }
    return intl.formatNumber(megabytes, {style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1});
}
