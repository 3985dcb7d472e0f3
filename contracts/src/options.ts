// A meeting's options (docs/admin.md, "Meeting options"): what people choose at the start, as
// `/plugnmeet start` flags. One grammar for both sides: the webapp's dialog writes the flags with
// formatFlags, the sidecar reads them with parseFlags, so the dialog can never send what the
// command does not understand. Each option is what plugNmeet 2.4 honours per room (the sidecar's
// plugnmeet/room-options.ts says which create-request field it sets).

/** The switches: on or off. plugNmeet can switch these on per room; off is the server's default. */
export const SWITCH_OPTIONS = ['waitingRoom', 'mute', 'record', 'lockWebcams', 'lockMics', 'lockScreen', 'lockChat', 'e2ee', 'transcript', 'summary'] as const;
export type SwitchOption = (typeof SWITCH_OPTIONS)[number];
export const OPTION_NAMES = [...SWITCH_OPTIONS, 'duration', 'welcome'] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

/** The command flag of each option (`--waiting-room`; a switch also has `--no-waiting-room`). */
export const OPTION_FLAGS: Readonly<Record<OptionName, string>> = {
    waitingRoom: 'waiting-room',
    mute: 'mute',
    record: 'record',
    lockWebcams: 'lock-webcams',
    lockMics: 'lock-mics',
    lockScreen: 'lock-screen',
    lockChat: 'lock-chat',
    e2ee: 'e2ee',
    transcript: 'transcript',
    summary: 'summary',
    duration: 'duration',
    welcome: 'welcome',
};

export interface MeetingOptions {
    waitingRoom: boolean;
    mute: boolean;
    record: boolean;
    lockWebcams: boolean;
    lockMics: boolean;
    lockScreen: boolean;
    lockChat: boolean;
    e2ee: boolean;
    /** The room allows speech-to-text; a moderator turns it on inside; the transcript comes to the thread. */
    transcript: boolean;
    /** The room allows the AI meeting summary; a moderator turns it on inside; the summary comes to the thread. */
    summary: boolean;
    /** Minutes after which plugNmeet ends the room; 0: no limit. */
    duration: number;
    /** Shown to each person as they join; '' for none. */
    welcome: string;
}

/**
 * A meeting nobody chose options for: every switch off. plugNmeet 2.4's SetRoomDefaultLockSettings
 * (plugnmeet-protocol utils/create_room.go) would lock screen sharing for attendees when the
 * request says nothing; we always say, and unlock it, as Zoom, Jitsi and Calls do (admins lock it
 * with MEETINGS_DEFAULT_OPTIONS=--lock-screen). The server's room_default_settings may turn some on.
 */
export const NO_OPTIONS: Readonly<MeetingOptions> = {
    waitingRoom: false, mute: false, record: false, lockWebcams: false, lockMics: false, lockScreen: false, lockChat: false, e2ee: false,
    transcript: false, summary: false, duration: 0, welcome: '',
};

/** A week: plugNmeet takes any uint64, but a longer meeting is a typing mistake. */
export const MAX_DURATION_MINUTES = 7 * 24 * 60;
export const MAX_WELCOME_LENGTH = 500;

/** What `/plugnmeet options` answers in its props (OPTIONS_SHEET_PROP): what the dialog offers. */
export interface OptionsSheet {
    /** The options a meeting gets when nobody changes them (the admin's defaults). */
    defaults: MeetingOptions;
    /** Options the admin fixed: shown, not changeable; a start that changes them is refused. */
    fixed: OptionName[];
    /** The admin's limit on `duration`, 0 for none. */
    maxDuration: number;
    /** Set when this person may not start a meeting here: why, in their language. */
    refusal?: string;
}
export const OPTIONS_SHEET_PROP = 'plugnmeet_options';

/**
 * Added by the webapp to the subcommands it runs for their props only (`/plugnmeet live --quiet`,
 * `options`, `recordings <id>`, `decline <id>`): the sidecar then answers no text, which Mattermost
 * would show as a message. Typed without it (mobile), they answer in words.
 */
export const QUIET_FLAG = '--quiet';

/** Why flags could not be read: the sidecar turns each into a message for the user. */
export type FlagError =
    | {code: 'unknown_flag'; flag: string}
    | {code: 'missing_value'; flag: string}
    | {code: 'bad_duration'; value: string}
    | {code: 'bad_switch'; flag: string; value: string}
    | {code: 'welcome_too_long'; length: number}
    | {code: 'bad_root'; value: string}
    | {code: 'bad_every'; value: string};

/** How a scheduled meeting repeats (`--every`); '' once. */
export const RECURRENCES = ['day', 'weekday', 'week'] as const;
export type Recurrence = '' | (typeof RECURRENCES)[number];

export type ParsedFlags =
    | {ok: true; options: Partial<MeetingOptions>; rootId: string; every: Recurrence; rest: string}
    | {ok: false; error: FlagError};

// Phones and macOS turn a typed `--` into a dash (— or –): read those as `--` too.
const FLAG_START = /^(?:--|\u2014|\u2013)/;
// Straight quotes, and the pairs keyboards substitute for them: “…”, „…“, «…», ‘…’.
const QUOTE_PAIRS: Readonly<Record<string, string>> = {'"': '"', '\u201C': '\u201D', '\u201E': '\u201C', '\u00AB': '\u00BB', '\u2018': '\u2019'};
const POST_ID = /^[a-z0-9]{26}$/;
/** `--record=yes`: the values a switch takes after `=`. */
const SWITCH_VALUES = new Map<string, boolean>([['yes', true], ['no', false], ['true', true], ['false', false], ['on', true], ['off', false], ['1', true], ['0', false]]);

const flagToOption = new Map<string, OptionName>(OPTION_NAMES.map((name) => [OPTION_FLAGS[name], name]));
const isSwitch = (name: OptionName): name is SwitchOption => (SWITCH_OPTIONS as readonly string[]).includes(name);

/**
 * `[flags] [topic]`: flags in any order before the topic; the first word that is not a flag, or
 * `--`, ends them. A switch is `--x` or `--no-x`; `--duration <minutes>` (`--no-duration`: no
 * limit); `--welcome "<text>"` (or one word; `--no-welcome`); `--root <post id>` names the thread;
 * `--every day|weekday|week` repeats a scheduled meeting.
 * `--flag=value` works too, for a switch with yes/no, true/false, on/off, 1/0. A word with one dash
 * (`-w`) is a mistaken flag. The last of a repeated flag wins.
 */
export function parseFlags(text: string): ParsedFlags {
    const options: Partial<MeetingOptions> = {};
    let rootId = '';
    let every: Recurrence = '';
    let rest = text.trim();
    for (;;) {
        const start = FLAG_START.exec(rest);
        if (!start) {
            // `-w`: a flag typed with one dash is a mistake, not a topic (`--` before a topic that starts so).
            const dashed = /^-[^\s-]\S*/.exec(rest);
            if (dashed) {
                return {ok: false, error: {code: 'unknown_flag', flag: dashed[0]}};
            }
            break;
        }
        const flag = /^[^\s=]*/.exec(rest.slice(start[0].length))![0].toLowerCase();
        rest = rest.slice(start[0].length + flag.length);
        const inline = rest.startsWith('=');
        rest = inline ? rest.slice(1) : rest.trimStart();
        if (flag === '' && !inline) {
            break; // `--` alone: the topic follows, even if it starts with --
        }
        const takeValue = (): string | undefined => {
            const read = readValue(rest);
            rest = read?.rest ?? rest;
            return read?.value;
        };

        if (flag === 'root') {
            const v = takeValue();
            if (v === undefined || !POST_ID.test(v)) {
                return {ok: false, error: v === undefined ? {code: 'missing_value', flag: '--root'} : {code: 'bad_root', value: v}};
            }
            rootId = v;
            continue;
        }
        if (flag === 'every') {
            const v = takeValue()?.toLowerCase();
            if (v === undefined || !(RECURRENCES as readonly string[]).includes(v)) {
                return {ok: false, error: v === undefined ? {code: 'missing_value', flag: '--every'} : {code: 'bad_every', value: v}};
            }
            every = v as Recurrence;
            continue;
        }
        const negated = flag.startsWith('no-');
        const name = flagToOption.get(negated ? flag.slice(3) : flag);
        if (!name || (inline && negated)) {
            return {ok: false, error: {code: 'unknown_flag', flag: `--${flag}${inline ? '=' : ''}`}};
        }
        if (isSwitch(name) && inline) {
            const v = takeValue();
            if (v === undefined) {
                return {ok: false, error: {code: 'missing_value', flag: `--${flag}`}};
            }
            const on = SWITCH_VALUES.get(v.toLowerCase());
            if (on === undefined) {
                return {ok: false, error: {code: 'bad_switch', flag: `--${flag}`, value: v}};
            }
            options[name] = on;
        } else if (isSwitch(name)) {
            options[name] = !negated;
        } else if (negated) {
            (options as Record<string, unknown>)[name] = NO_OPTIONS[name];
        } else if (name === 'duration') {
            const v = takeValue();
            if (v === undefined) {
                return {ok: false, error: {code: 'missing_value', flag: '--duration'}};
            }
            const minutes = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
            if (!(minutes >= 1 && minutes <= MAX_DURATION_MINUTES)) {
                return {ok: false, error: {code: 'bad_duration', value: v}};
            }
            options.duration = minutes;
        } else {
            const v = takeValue();
            if (v === undefined) {
                return {ok: false, error: {code: 'missing_value', flag: '--welcome'}};
            }
            const welcome = v.trim();
            if ([...welcome].length > MAX_WELCOME_LENGTH) {
                return {ok: false, error: {code: 'welcome_too_long', length: [...welcome].length}};
            }
            options.welcome = welcome;
        }
    }
    return {ok: true, options, rootId, every, rest: rest.trim()};
}

/** A flag's value: a quoted text (any of QUOTE_PAIRS; `\"` inside straight quotes) or one word. */
function readValue(s: string): {value: string; rest: string} | undefined {
    if (s === '' || /^\s/.test(s) || FLAG_START.test(s)) {
        return undefined; // nothing, or the next flag: the value is missing
    }
    const close = QUOTE_PAIRS[s[0]];
    if (close) {
        let value = '';
        for (let i = 1; i < s.length; i++) {
            if (s[0] === '"' && s[i] === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) {
                value += s[++i];
            } else if (s[i] === close) {
                return {value, rest: s.slice(i + 1).trimStart()};
            } else {
                value += s[i];
            }
        }
        return {value, rest: ''}; // an unclosed quote runs to the end: nothing is left for a topic
    }
    const word = /^\S+/.exec(s)![0];
    return {value: word, rest: s.slice(word.length).trimStart()};
}

/**
 * The flags that give `options` over `base` (the admin's defaults): only what differs, so a start
 * from the dialog reads like one typed by hand. Always ends with `--`, so any topic is a topic.
 */
export function formatFlags(options: Partial<MeetingOptions>, base: MeetingOptions = NO_OPTIONS): string {
    const out: string[] = [];
    for (const name of OPTION_NAMES) {
        const value = options[name];
        if (value === undefined || value === base[name]) {
            continue;
        }
        const flag = OPTION_FLAGS[name];
        if (typeof value === 'boolean') {
            out.push(value ? `--${flag}` : `--no-${flag}`);
        } else if (name === 'duration') {
            out.push(value ? `--duration ${value}` : '--no-duration');
        } else {
            out.push(value ? `--welcome "${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : '--no-welcome');
        }
    }
    out.push('--');
    return out.join(' ');
}
