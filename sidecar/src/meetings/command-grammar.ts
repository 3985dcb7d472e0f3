// The /plugnmeet grammar (docs/architecture.md, "Contracts"): subcommands, the help text, the
// thread root the webapp names, and how a topic is cleaned. Pure functions, fuzzed in test/fuzz.test.ts.

export const MAX_TOPIC_LENGTH = 200;

export const SUBCOMMANDS = ['start', 'join', 'end', 'recordings', 'help'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];
export const isSubcommand = (s: string): s is Subcommand => (SUBCOMMANDS as readonly string[]).includes(s);

export const HELP = [
    '**plugNmeet video meetings**',
    '- `/plugnmeet start [topic]`: start a meeting in this channel or thread (same as `/plugnmeet`)',
    '- `/plugnmeet join [meeting id]`: get your personal link to this channel\'s live meeting',
    '- `/plugnmeet end`: end this channel\'s meeting (who started it, or a system admin)',
    '- `/plugnmeet recordings [recording id]`: this channel\'s recordings, with your personal download links',
    '- `/plugnmeet help`: show this help',
    'You can also use the camera button in the channel header, and the Join button on a meeting card.',
].join('\n');

export interface ParsedCommand {
    sub: string;
    arg: string;
}

/** `/plugnmeet` alone means start; the first word is the subcommand, the rest its argument. */
export function parseCommandText(text: string): ParsedCommand {
    const trimmed = text.trim();
    const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
    if (!match) {
        return {sub: 'start', arg: ''};
    }
    return {sub: match[1].toLowerCase(), arg: match[2].trim()};
}

/**
 * Mattermost does not forward a command's thread (root_id) to the command URL, so the webapp
 * names it: `start --root <post id> [topic]`. Mattermost itself refuses a root from another channel.
 */
export function splitRoot(arg: string): {rootId: string; topic: string} {
    const m = /^--root[= ]([a-z0-9]{26})(?:\s+|$)([\s\S]*)$/.exec(arg);
    return m ? {rootId: m[1], topic: m[2].trim()} : {rootId: '', topic: arg};
}

/** Topics are shown everywhere: one line, without control characters (NUL, NEL) or bidi overrides. */
export function oneLine(s: string): string {
    return s.replace(/[\s\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu, ' ').trim();
}

/** DM and group channel names are made of user ids; those get a name-based topic instead. */
export function defaultTopic(channelName: string, username: string): string {
    if (!channelName || channelName.includes('__') || /^[a-z0-9]{40,}$/.test(channelName)) {
        return `@${username}'s meeting`;
    }
    return `~${channelName} meeting`;
}
