// The dialog's form as data: what it starts with, whether the duration is acceptable, and the
// words it adds after `/plugnmeet start` (formatFlags: only what differs from the admin's
// defaults, ending with `--`, so any topic stays a topic).
import {formatFlags, MAX_DURATION_MINUTES} from '@plugnmeet/contracts';
import type {MeetingOptions, OptionName, OptionsSheet} from '@plugnmeet/contracts';

// The sidecar cuts longer topics (MAX_TOPIC_LENGTH in sidecar/src/meetings/command-grammar.ts).
export const MAX_TOPIC_LENGTH = 200;

export type FormState = {
    topic: string;
    options: MeetingOptions;

    // As typed: '' means no limit.
    duration: string;
};

export const isFixed = (sheet: OptionsSheet, name: OptionName) => sheet.fixed.includes(name);

/** The longest time limit this person may choose. */
export function durationLimit(sheet: OptionsSheet): number {
    return sheet.maxDuration > 0 ? Math.min(sheet.maxDuration, MAX_DURATION_MINUTES) : MAX_DURATION_MINUTES;
}

export function initialForm(sheet: OptionsSheet, topic = ''): FormState {
    const {defaults} = sheet;

    // Under an admin's limit "no limit" is not on offer: the limit itself is the nearest choice.
    const limited = sheet.maxDuration > 0 && !isFixed(sheet, 'duration') && (defaults.duration === 0 || defaults.duration > durationLimit(sheet));
    const duration = limited ? durationLimit(sheet) : defaults.duration;
    return {topic, options: {...defaults, duration}, duration: duration ? String(duration) : ''};
}

/** Minutes (0: no limit), or null when the text is not a duration this person may choose. */
export function readDuration(text: string, sheet: OptionsSheet): number | null {
    const trimmed = text.trim();
    if (trimmed === '') {
        return sheet.maxDuration > 0 ? null : 0;
    }
    if (!(/^\d{1,6}$/).test(trimmed)) {
        return null;
    }
    const minutes = Number(trimmed);
    return minutes >= 1 && minutes <= durationLimit(sheet) ? minutes : null;
}

/** The flags and topic to start with, or null while the duration is not acceptable. */
export function startWords(form: FormState, sheet: OptionsSheet): string | null {
    const duration = isFixed(sheet, 'duration') ? sheet.defaults.duration : readDuration(form.duration, sheet);
    if (duration === null) {
        return null;
    }
    const chosen: MeetingOptions = {...form.options, duration, welcome: form.options.welcome.trim()};

    // What the admin fixed is not the user's to change (the sidecar refuses a start that does).
    for (const name of sheet.fixed) {
        (chosen as Record<OptionName, unknown>)[name] = sheet.defaults[name];
    }
    const topic = form.topic.replace(/\s+/g, ' ').trim();
    return [formatFlags(chosen, sheet.defaults), topic].filter(Boolean).join(' ');
}
