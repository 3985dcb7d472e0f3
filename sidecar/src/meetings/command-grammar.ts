// The /plugnmeet grammar (docs/architecture.md, "Contracts"): subcommands, the thread root the
// webapp names, and how a topic is cleaned. Pure functions, fuzzed in test/fuzz.test.ts. The help
// text is a message of the catalogues (plugnmeet.help in @plugnmeet/contracts).
import type {Translate} from './i18n.js';

export const MAX_TOPIC_LENGTH = 200;

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

/** Topics are shown everywhere: one line, without control characters (NUL, NEL) or bidi overrides. */
export function oneLine(s: string): string {
    return s.replace(/[\s\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu, ' ').trim();
}

/**
 * The topic of a meeting started without one, in the starter's language. DM and group channel names
 * are made of user ids; those get the starter's name (as Mattermost shows it, no mention) instead.
 */
export function defaultTopic(channelName: string, name: string, t: Translate): string {
    if (!channelName || channelName.includes('__') || /^[a-z0-9]{40,}$/.test(channelName)) {
        return t('plugnmeet.topic.person', {name});
    }
    return t('plugnmeet.topic.channel', {channel: channelName});
}
