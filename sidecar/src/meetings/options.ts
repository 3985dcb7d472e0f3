// A start's options: the flags a person gave, over the admin's defaults, within the admin's limits.
// The grammar is the contracts' (parseFlags), shared with the webapp's dialog.
import {NO_OPTIONS, OPTION_FLAGS, OPTION_NAMES, parseFlags, MAX_DURATION_MINUTES, MAX_WELCOME_LENGTH, SWITCH_OPTIONS, type FlagError, type MeetingOptions, type OptionName, type OptionsSheet} from '@plugnmeet/contracts';
import type {Policy} from '../config/policy.js';
import {closest} from './command-grammar.js';
import {UserError} from './errors.js';
import type {MessageId} from './i18n.js';

export const OPTION_LABELS: Readonly<Record<OptionName, MessageId>> = {
    waitingRoom: 'plugnmeet.option.waiting_room',
    mute: 'plugnmeet.option.mute',
    record: 'plugnmeet.option.record',
    lockWebcams: 'plugnmeet.option.lock_webcams',
    lockMics: 'plugnmeet.option.lock_mics',
    lockScreen: 'plugnmeet.option.lock_screen',
    lockChat: 'plugnmeet.option.lock_chat',
    e2ee: 'plugnmeet.option.e2ee',
    transcript: 'plugnmeet.option.transcript',
    summary: 'plugnmeet.option.summary',
    duration: 'plugnmeet.option.duration',
    welcome: 'plugnmeet.option.welcome',
};

const ALL_FLAGS = OPTION_NAMES.map((n) => `--${OPTION_FLAGS[n]}`).join(', ');

/** The flags people type (not `--root`, which the webapp writes): what a misspelled one may have meant. */
const TYPED_FLAGS = [...OPTION_NAMES.map((n) => OPTION_FLAGS[n]), ...SWITCH_OPTIONS.map((n) => `no-${OPTION_FLAGS[n]}`), 'every'];

/**
 * The flag a mistaken one most likely meant: `--wating-room` or `-waiting-room` (one dash) →
 * `--waiting-room`, `-r` → `--record` (the only flag starting so), `--recording` → `--record`.
 */
export function nearestFlag(typed: string): string | undefined {
    const word = typed.replace(/^[-\u2013\u2014]+/, '').replace(/[=][\s\S]*$/, '').toLowerCase();
    if (!word || word.length > 40) {
        return undefined; // the edit distance is quadratic: a pasted page is no typo of a flag
    }
    if (TYPED_FLAGS.includes(word)) {
        return `--${word}`;
    }
    const starting = TYPED_FLAGS.filter((f) => f.startsWith(word) || (word.length >= 4 && word.startsWith(f)));
    const near = starting.length === 1 ? starting[0] : closest(word, TYPED_FLAGS);
    return near && `--${near}`;
}

/** A flag mistake as the message the user reads. */
export function flagError(e: FlagError): UserError {
    switch (e.code) {
    case 'unknown_flag': {
        const near = nearestFlag(e.flag);
        return near ? new UserError('plugnmeet.options.unknown_flag_near', {flag: e.flag.slice(0, 40), near}) :
            new UserError('plugnmeet.options.unknown_flag', {flag: e.flag.slice(0, 40), flags: ALL_FLAGS});
    }
    case 'bad_switch':
        return new UserError('plugnmeet.options.bad_switch', {flag: e.flag, value: e.value.slice(0, 20)});
    case 'missing_value':
        return new UserError('plugnmeet.options.missing_value', {flag: e.flag});
    case 'bad_duration':
        return new UserError('plugnmeet.options.bad_duration', {value: e.value.slice(0, 20), max: MAX_DURATION_MINUTES});
    case 'welcome_too_long':
        return new UserError('plugnmeet.options.welcome_too_long', {length: e.length, max: MAX_WELCOME_LENGTH});
    case 'bad_every':
        return new UserError('plugnmeet.schedule.bad_every', {value: e.value.slice(0, 20)});
    default:
        return new UserError('plugnmeet.options.bad_root');
    }
}

/** `[flags] [topic]` read: the options asked for (not yet checked against the policy), the thread, the topic. */
export function readStartArgs(arg: string): {asked: Partial<MeetingOptions>; rootId: string; topic: string} {
    const parsed = parseFlags(arg);
    if (!parsed.ok) {
        throw flagError(parsed.error);
    }
    if (parsed.every) {
        throw new UserError('plugnmeet.schedule.every_needs_schedule');
    }
    return {asked: parsed.options, rootId: parsed.rootId, topic: parsed.rest};
}

/**
 * The options a meeting gets: the admin's defaults, changed where the person asked and may. Asking
 * to change a fixed option, or for more than the longest duration, is refused (nothing starts):
 * a person who asked for something must not get a meeting without it.
 */
export function chooseOptions(policy: Policy, asked: Partial<MeetingOptions>): MeetingOptions {
    const options: MeetingOptions = {...NO_OPTIONS, ...policy.defaults};
    for (const name of OPTION_NAMES) {
        const value = asked[name];
        if (value === undefined || value === options[name]) {
            continue;
        }
        if (policy.fixed.includes(name)) {
            throw fixedRefusal(name, options[name]);
        }
        (options as unknown as Record<string, unknown>)[name] = value;
    }
    if (policy.maxDuration > 0 && (options.duration === 0 || options.duration > policy.maxDuration)) {
        throw new UserError('plugnmeet.options.duration_limit', {max: policy.maxDuration});
    }
    return options;
}

/**
 * Asking to change what the admin fixed: says which way the admin set it (a recording fixed off
 * is "turned off automatic recording"), and names the flag the person gave.
 */
function fixedRefusal(name: OptionName, fixed: MeetingOptions[OptionName]): UserError {
    const flag = OPTION_FLAGS[name];
    const option = {id: OPTION_LABELS[name]};
    if (typeof fixed === 'boolean') {
        return new UserError(fixed ? 'plugnmeet.options.fixed_on' : 'plugnmeet.options.fixed_off', {option, flag: fixed ? `--no-${flag}` : `--${flag}`});
    }
    return new UserError('plugnmeet.options.fixed_refused', {option, flag: `--${flag}`});
}

/** What the webapp's options dialog offers this person here. */
export function optionsSheet(policy: Policy, refusal?: string): OptionsSheet {
    return {defaults: {...policy.defaults}, fixed: [...policy.fixed], maxDuration: policy.maxDuration, ...(refusal ? {refusal} : {})};
}

/**
 * A meeting started again from its ended card: its options, except those the admin has fixed
 * since, and its duration within today's limit.
 */
export function againOptions(policy: Policy, previous: MeetingOptions | undefined): MeetingOptions {
    const asked: Partial<MeetingOptions> = {...previous};
    for (const name of policy.fixed) {
        delete asked[name];
    }
    if (policy.maxDuration > 0 && (asked.duration === 0 || (asked.duration ?? 0) > policy.maxDuration)) {
        asked.duration = policy.maxDuration;
    }
    return chooseOptions(policy, asked);
}
