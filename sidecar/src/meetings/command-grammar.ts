// The /plugnmeet grammar (docs/architecture.md, "Contracts"): subcommands, the thread root the
// webapp names, and how a topic is cleaned. Pure functions, fuzzed in test/fuzz.test.ts. The help
// text is a message of the catalogues (plugnmeet.help in @plugnmeet/contracts).
import {nearestSubcommand, parseCommandText as parseContractsCommand, QUIET_FLAG} from '@plugnmeet/contracts';

export const MAX_TOPIC_LENGTH = 200;

// Which subcommand a word names, and which single words are likely typos of one, are shared with
// the webapp's keypress hook (@plugnmeet/contracts command.ts), so both agree on what starts.
export {closest, isSubcommand, nearestSubcommand, SUBCOMMANDS} from '@plugnmeet/contracts';
export type {Subcommand} from '@plugnmeet/contracts';

export interface ParsedCommand {
    sub: string;
    arg: string;
}

/** A single word that looks like a mistyped subcommand: answered with "did you mean", nothing starts. */
export const MISTYPED = 'mistyped';

/**
 * The contracts' reading (`/plugnmeet` alone means start; a subcommand word is one, the rest its
 * argument; any other text is a start's topic), except that a single word close to a subcommand
 * (`lsit`, `stop`) is MISTYPED, its argument the word: the webapp leaves those to the sidecar.
 */
export function parseCommandText(text: string): ParsedCommand {
    const word = text.trim();
    return /^\S+$/.test(word) && nearestSubcommand(word) ? {sub: MISTYPED, arg: word} : parseContractsCommand(text);
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
