// The /plugnmeet grammar both sides read (docs/architecture.md, "Contracts"): which subcommand a
// text names, and when a start's text is more likely a mistake than a topic. The sidecar answers
// a mistake with "did you mean" and starts nothing; the webapp's keypress hook opens the meeting
// window for every other start, and leaves mistakes to the sidecar, so both agree on what starts.
import {OPTION_FLAGS, OPTION_NAMES, parseFlags, SWITCH_OPTIONS} from './options.js';

export const SUBCOMMANDS = ['start', 'join', 'end', 'recordings', 'schedule', 'list', 'options', 'live', 'decline', 'status', 'admin', 'help', 'invite'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];
export const isSubcommand = (s: string): s is Subcommand => (SUBCOMMANDS as readonly string[]).includes(s);

export interface ParsedCommand {
    sub: string;
    arg: string;
}

/**
 * `/plugnmeet` alone means start; a first word that is a subcommand is one, the rest its argument;
 * any other text is the topic of a start (`/plugnmeet Sprint review`). The subcommand words stay
 * reserved: `/plugnmeet start help` starts a meeting named "help".
 */
export function parseCommandText(text: string): ParsedCommand {
    const trimmed = text.trim();
    const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
    if (!match) {
        return {sub: 'start', arg: ''};
    }
    const sub = match[1].toLowerCase();
    return isSubcommand(sub) ? {sub, arg: match[2].trim()} : {sub: 'start', arg: trimmed};
}

/** Why a start's text looks like a mistake: the word, and what was probably meant. */
export type CommandMistake =
    | {kind: 'subcommand'; word: string; meant: Subcommand}
    | {kind: 'flag'; word: string; meant: string | undefined};

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

/** Edit distance with transpositions (optimal string alignment): `lsit` is one step from `list`. */
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

const FLAG_WORDS = [
    ...OPTION_NAMES.map((name) => OPTION_FLAGS[name]),
    ...SWITCH_OPTIONS.map((name) => `no-${OPTION_FLAGS[name]}`),
    'no-duration', 'no-welcome', 'every', 'root',
];

/** The flag (`--waiting-room`) a dashed word was probably meant to be (`-waiting-room`, `--wating-room`). */
export function nearestFlag(word: string): string | undefined {
    const w = word.replace(/^[-\u2013\u2014]+/, '').replace(/=[\s\S]*$/, '').toLowerCase();
    const flag = w === '' ? undefined : FLAG_WORDS.includes(w) ? w : closest(w, FLAG_WORDS);
    return flag && `--${flag}`;
}

/**
 * What a start's text (everything after `/plugnmeet`, or after `/plugnmeet start` when `explicit`)
 * most likely got wrong, or null when it is a start as typed:
 * - without `start`, a single word close to a subcommand (`lsit`, `stop`, `recording`);
 * - after the flags, a word with one dash (`-w Test`): a mistyped flag, not a topic; `--` before a
 *   topic that starts so says it is one (`/plugnmeet start -- -5 degrees`).
 * Flags that do not parse are not a mistake here: parseFlags names their error.
 */
export function startMistake(arg: string, explicit: boolean): CommandMistake | null {
    const words = arg.trim().split(/\s+/).filter(Boolean);
    const meant = !explicit && words.length === 1 ? nearestSubcommand(words[0]) : undefined;
    if (meant) {
        return {kind: 'subcommand', word: words[0], meant};
    }
    const flags = parseFlags(arg);
    if (!flags.ok) {
        return null;
    }
    // parseFlags's rest is the end of the trimmed text; a lone `--` before it says a topic follows.
    const text = arg.trim();
    const head = text.slice(0, text.length - flags.rest.length).trimEnd();
    const dashed = /(?:^|\s)(?:--|\u2014|\u2013)$/.test(head) ? null : /^-[^\s-]\S*/.exec(flags.rest);
    return dashed ? {kind: 'flag', word: dashed[0], meant: nearestFlag(dashed[0])} : null;
}
