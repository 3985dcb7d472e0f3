// The /plugnmeet grammar (docs/architecture.md, "Contracts"): subcommands, the thread root the
// webapp names, and how a topic is cleaned. Pure functions, fuzzed in test/fuzz.test.ts. The help
// text is a message of the catalogues (plugnmeet.help in @plugnmeet/contracts).
import {QUIET_FLAG} from '@plugnmeet/contracts';

export const MAX_TOPIC_LENGTH = 200;

export const SUBCOMMANDS = ['start', 'join', 'end', 'recordings', 'schedule', 'list', 'options', 'live', 'decline', 'status', 'admin', 'help', 'invite'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];
export const isSubcommand = (s: string): s is Subcommand => (SUBCOMMANDS as readonly string[]).includes(s);

export interface ParsedCommand {
    sub: string;
    arg: string;
}

/** A single word that looks like a mistyped subcommand: answered with "did you mean", nothing starts. */
export const MISTYPED = 'mistyped';

/**
 * Words people type for a subcommand that are not one (`stop` for `end`), in the four languages
 * of the catalogues. Words within a small edit distance of a subcommand (`lsit`, `recording`,
 * `liste`) need no entry.
 */
const SYNONYMS: Readonly<Record<string, Subcommand>> = {
    stop: 'end', finish: 'end', close: 'end', hangup: 'end', quit: 'end', beenden: 'end', terminer: 'end', fin: 'end', terminar: 'end', finalizar: 'end',
    new: 'start', begin: 'start', create: 'start', starten: 'start', neu: 'start', commencer: 'start', iniciar: 'start', empezar: 'start',
    plan: 'schedule', later: 'schedule', planen: 'schedule', planifier: 'schedule', programar: 'schedule',
    ls: 'list', upcoming: 'list', meetings: 'list',
    record: 'recordings', recs: 'recordings', aufnahmen: 'recordings', enregistrements: 'recordings', grabaciones: 'recordings',
    hilfe: 'help', aide: 'help', ayuda: 'help', '?': 'help',
    settings: 'options', optionen: 'options', opciones: 'options',
    enter: 'join', teilnehmen: 'join', rejoindre: 'join', unirse: 'join',
};

/**
 * Edit distance with transpositions (optimal string alignment): `lsit` is one step from `list`.
 * Words here are a few letters long, so the plain table is cheap.
 */
export function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({length: a.length + 1}, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) {
        d[0][j] = j;
    }
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.length][b.length];
}

/**
 * The one candidate a word is a likely typo of: one step away (a swap is one step), two for words
 * of eight letters or more; undefined when none or several are that close. Topics such as
 * "Listen" stay topics.
 */
export function closest<T extends string>(word: string, candidates: readonly T[]): T | undefined {
    const w = word.toLowerCase();
    const most = w.length >= 8 ? 2 : 1;
    let best: T | undefined;
    let bestDistance = most + 1;
    let tie = false;
    for (const c of candidates) {
        const distance = editDistance(w, c);
        if (distance < bestDistance) {
            [best, bestDistance, tie] = [c, distance, false];
        } else if (distance === bestDistance) {
            tie = true;
        }
    }
    return best !== undefined && !tie && bestDistance > 0 ? best : undefined;
}

/** The subcommand a single typed word most likely meant, if any (`stop` → end, `lsit` → list). */
export function nearestSubcommand(word: string): Subcommand | undefined {
    const w = word.toLowerCase();
    if (!/^[\p{L}\p{N}?][\p{L}\p{N}-]{0,19}$/u.test(w) || isSubcommand(w)) {
        return undefined;
    }
    return SYNONYMS[w] ?? (w.length >= 3 ? closest(w, SUBCOMMANDS) : undefined);
}

/**
 * `/plugnmeet` alone means start; a first word that is a subcommand is one, the rest its argument;
 * a single word close to a subcommand (`lsit`, `stop`) is MISTYPED (its argument the word); any
 * other text is the topic of a start (`/plugnmeet Sprint review`). The subcommand words stay
 * reserved: `/plugnmeet start help` starts a meeting named "help".
 */
export function parseCommandText(text: string): ParsedCommand {
    const trimmed = text.trim();
    const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
    if (!match) {
        return {sub: 'start', arg: ''};
    }
    const sub = match[1].toLowerCase();
    if (isSubcommand(sub)) {
        return {sub, arg: match[2].trim()};
    }
    return match[2] === '' && nearestSubcommand(sub) ? {sub: MISTYPED, arg: trimmed} : {sub: 'start', arg: trimmed};
}

/**
 * The webapp asks some subcommands for their props only (`/plugnmeet live --quiet`): their text,
 * for clients without the webapp, would show as a message it does not need. Any `--quiet` word
 * is taken out of the argument.
 */
export function takeQuiet(arg: string): {quiet: boolean; arg: string} {
    const words = arg.split(/\s+/).filter(Boolean);
    const rest = words.filter((w) => w.toLowerCase() !== QUIET_FLAG);
    return {quiet: rest.length < words.length, arg: rest.join(' ')};
}

/** Topics are shown everywhere: one line, without control characters (NUL, NEL) or bidi overrides. */
export function oneLine(s: string): string {
    return s.replace(/[\s\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu, ' ').trim();
}

/**
 * The topic of a meeting started without one, the same for every reader whatever their language:
 * the channel's name as people see it ("Town Square"; a group message's lists its members), else
 * its URL name (a private channel the bot cannot read). DM and group channel names are made of
 * user ids; those get the starter's name (as Mattermost shows it, no mention) and the product's.
 */
export function defaultTopic(place: {displayName: string; channelName: string}, name: string): string {
    const {displayName, channelName} = place;
    if (displayName) {
        return displayName;
    }
    if (!channelName || channelName.includes('__') || /^[a-z0-9]{40,}$/.test(channelName)) {
        return `${name} · plugNmeet`;
    }
    return channelName;
}
