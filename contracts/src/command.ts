// The /plugnmeet grammar both sides read (docs/architecture.md, "Contracts"): which subcommand a
// text names, and when a start's text is more likely a mistake than a topic. The sidecar answers
// a mistake with "did you mean" and starts nothing; the webapp's keypress hook opens the meeting
// window for every other start, and leaves mistakes to the sidecar, so both agree on what starts.
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

/** Why a start's text looks like a mistake: the word, and the subcommand probably meant. */
export type CommandMistake = {kind: 'subcommand'; word: string; meant: Subcommand};

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

/**
 * What a start's text (everything after `/plugnmeet`, or after `/plugnmeet start` when `explicit`)
 * most likely got wrong, or null when it is a start as typed: without `start`, a single word close
 * to a subcommand (`lsit`, `stop`, `recording`). A dashed word that is no flag (`-w Test`) is
 * refused by parseFlags, with the flag it likely meant (sidecar meetings/options.ts).
 */
export function startMistake(arg: string, explicit: boolean): CommandMistake | null {
    const words = arg.trim().split(/\s+/).filter(Boolean);
    const meant = !explicit && words.length === 1 ? nearestSubcommand(words[0]) : undefined;
    return meant ? {kind: 'subcommand', word: words[0], meant} : null;
}
