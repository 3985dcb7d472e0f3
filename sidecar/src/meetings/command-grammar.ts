// The /plugnmeet grammar (docs/architecture.md, "Contracts"): subcommands, the thread root the
// webapp names, and how a topic is cleaned. Pure functions, fuzzed in test/fuzz.test.ts. The help
// text is a message of the catalogues (plugnmeet.help in @plugnmeet/contracts).
import type {Translate} from './i18n.js';

export const MAX_TOPIC_LENGTH = 200;

// Which subcommand a text names is shared with the webapp's keypress hook, with the start texts
// that are mistakes (did you mean): @plugnmeet/contracts command.ts.
export {isSubcommand, parseCommandText, SUBCOMMANDS} from '@plugnmeet/contracts';
export type {ParsedCommand, Subcommand} from '@plugnmeet/contracts';

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
