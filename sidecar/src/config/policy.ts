// The admin's meeting policy (docs/admin.md, "Meeting policy"): where meetings may start, who may
// start them, who moderates, and the options' defaults and limits. Each setting is read from the
// environment at start-up and may be changed at runtime by a system admin (`/plugnmeet admin set`,
// kept in the store); both go through `readSetting`, so both refuse the same mistakes.
import {MAX_DURATION_MINUTES, NO_OPTIONS, OPTION_FLAGS, OPTION_NAMES, parseFlags, type MeetingOptions, type OptionName} from '@plugnmeet/contracts';

export const CHANNEL_TYPES = ['public', 'private', 'dm', 'gm'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
/** Each level includes the ones after it: channel admins means team and system admins too. */
export const START_LEVELS = ['everyone', 'channel_admins', 'team_admins', 'system_admins'] as const;
export type StartLevel = (typeof START_LEVELS)[number];
export const MODERATOR_ROLES = ['starter', 'channel_admins', 'team_admins', 'system_admins'] as const;
export type ModeratorRole = (typeof MODERATOR_ROLES)[number];
/** Who may make guest links (meetings/guests/): nobody, a meeting's moderators, or any member of its channel. */
export const GUEST_LINK_LEVELS = ['off', 'moderators', 'members'] as const;
export type GuestLinkLevel = (typeof GUEST_LINK_LEVELS)[number];
/** What a guest may not do: plugNmeet's LockSettings (plugnmeet_gen_token.proto), as `lock_<name>` with `-` for `_`. */
export const GUEST_LOCKS = ['microphone', 'webcam', 'screen-sharing', 'chat', 'chat-send-message', 'chat-file-share', 'private-chat', 'whiteboard', 'shared-notepad', 'reactions'] as const;
export type GuestLock = (typeof GUEST_LOCKS)[number];
/** Where a meeting opens by default: a new browser tab, or the meeting window inside Mattermost (issue 26). */
export const OPEN_IN = ['browser', 'mattermost'] as const;
export type OpenIn = (typeof OPEN_IN)[number];

export interface Policy {
    /** Team ids or names; empty: every team. */
    allowedTeams: string[];
    allowedChannelTypes: ChannelType[];
    /** Channel ids; empty: no allow list. */
    allowedChannels: string[];
    deniedChannels: string[];
    whoCanStart: StartLevel;
    moderators: ModeratorRole[];
    defaults: MeetingOptions;
    /** Options people may not change: a meeting always gets the default. */
    fixed: OptionName[];
    /** Minutes; 0: no limit. */
    maxDuration: number;
    /** Upcoming scheduled meetings (a series counts once) one person may have planned. */
    maxSchedulesPerPlanner: number;
    /** Upcoming scheduled meetings one channel may hold. */
    maxSchedulesPerChannel: number;
    guestLinks: GuestLinkLevel;
    /** Locked for every guest, whatever the room's defaults. */
    guestLocks: GuestLock[];
    /** The default a person's own choice in Settings > plugNmeet overrides. */
    openIn: OpenIn;
    /** The Desktop app frames meetings too (its admin trusts plugNmeet's origin); else the system browser. */
    desktopEmbed: boolean;
}

type Parsed<T> = {ok: true; value: T} | {ok: false; error: string};

interface Setting<K extends keyof Policy> {
    key: K;
    /** What it is, for `/plugnmeet admin show` and doctor. */
    about: string;
    unset: Policy[K];
    parse(value: string): Parsed<Policy[K]>;
}

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);
const ID_OR_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const CHANNEL_ID = /^[a-z0-9]{26}$/;

function oneOfEach<T extends string>(allowed: readonly T[], name: string): (value: string) => Parsed<T[]> {
    return (value) => {
        const items = list(value.toLowerCase());
        const wrong = items.filter((i) => !(allowed as readonly string[]).includes(i));
        if (wrong.length > 0 || items.length === 0) {
            return {ok: false, error: `${name} takes any of ${allowed.join(', ')}, comma-separated (got "${value}").`};
        }
        return {ok: true, value: [...new Set(items)] as T[]};
    };
}

function ids(pattern: RegExp, what: string, name: string): (value: string) => Parsed<string[]> {
    return (value) => {
        const items = list(value);
        const wrong = items.find((i) => !pattern.test(i));
        return wrong === undefined ? {ok: true, value: items} : {ok: false, error: `${name} takes ${what}, comma-separated (got "${wrong}").`};
    };
}

function defaultOptions(value: string): Parsed<MeetingOptions> {
    const parsed = parseFlags(value);
    if (!parsed.ok || parsed.rest !== '' || parsed.rootId !== '') {
        return {ok: false, error: `MEETINGS_DEFAULT_OPTIONS takes /plugnmeet start flags, e.g. "--waiting-room --mute --duration 60" (got "${value}").`};
    }
    return {ok: true, value: {...NO_OPTIONS, ...parsed.options}};
}

function fixedOptions(value: string): Parsed<OptionName[]> {
    const byFlag = new Map<string, OptionName>(OPTION_NAMES.map((n) => [OPTION_FLAGS[n], n]));
    const items = list(value.toLowerCase()).map((i) => i.replace(/^--/, ''));
    const names = items.map((i) => byFlag.get(i));
    if (items.length === 0 || names.includes(undefined)) {
        return {ok: false, error: `MEETINGS_FIXED_OPTIONS takes option names, comma-separated: ${OPTION_NAMES.map((n) => OPTION_FLAGS[n]).join(', ')} (got "${value}").`};
    }
    return {ok: true, value: [...new Set(names as OptionName[])]};
}

function minutes(value: string): Parsed<number> {
    const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
    return n >= 1 && n <= MAX_DURATION_MINUTES ? {ok: true, value: n} : {ok: false, error: `MEETINGS_MAX_DURATION takes minutes from 1 to ${MAX_DURATION_MINUTES} (got "${value}").`};
}

/** A count from 1 to 10,000 (a cap on rows the scheduler works through). */
function count(name: string): (value: string) => Parsed<number> {
    return (value) => {
        const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
        return n >= 1 && n <= 10_000 ? {ok: true, value: n} : {ok: false, error: `${name} takes a number from 1 to 10000 (got "${value}").`};
    };
}

function level(value: string): Parsed<StartLevel> {
    const v = value.trim().toLowerCase();
    return (START_LEVELS as readonly string[]).includes(v) ? {ok: true, value: v as StartLevel} : {ok: false, error: `MEETINGS_WHO_CAN_START takes one of ${START_LEVELS.join(', ')} (got "${value}").`};
}

function guestLinks(value: string): Parsed<GuestLinkLevel> {
    const v = value.trim().toLowerCase();
    return (GUEST_LINK_LEVELS as readonly string[]).includes(v) ? {ok: true, value: v as GuestLinkLevel} : {ok: false, error: `MEETINGS_GUEST_LINKS takes one of ${GUEST_LINK_LEVELS.join(', ')} (got "${value}").`};
}

/** Lock names, comma-separated, or `none`: guests then get the room's default locks only. */
function guestLocks(value: string): Parsed<GuestLock[]> {
    return value.trim().toLowerCase() === 'none' ? {ok: true, value: []} : oneOfEach(GUEST_LOCKS, 'MEETINGS_GUEST_LOCKS')(value);
}

function openIn(value: string): Parsed<OpenIn> {
    const v = value.trim().toLowerCase();
    return (OPEN_IN as readonly string[]).includes(v) ? {ok: true, value: v as OpenIn} : {ok: false, error: `MEETINGS_OPEN_IN takes ${OPEN_IN.join(' or ')} (got "${value}").`};
}

function yesNo(name: string): (value: string) => Parsed<boolean> {
    return (value) => {
        const v = value.trim().toLowerCase();
        return v === 'true' || v === 'false' ? {ok: true, value: v === 'true'} : {ok: false, error: `${name} takes true or false (got "${value}").`};
    };
}

/** Every policy setting by its name (the first four names are fixed by issue 14). */
export const POLICY_SETTINGS = {
    MEETINGS_ALLOWED_TEAMS: {key: 'allowedTeams', about: 'teams (names or ids) where meetings may start; unset: all', unset: [], parse: ids(ID_OR_NAME, 'team names or ids', 'MEETINGS_ALLOWED_TEAMS')},
    MEETINGS_ALLOWED_CHANNEL_TYPES: {key: 'allowedChannelTypes', about: 'channel types where meetings may start: public, private, dm, gm; unset: all', unset: [...CHANNEL_TYPES], parse: oneOfEach(CHANNEL_TYPES, 'MEETINGS_ALLOWED_CHANNEL_TYPES')},
    MEETINGS_WHO_CAN_START: {key: 'whoCanStart', about: 'everyone, channel_admins, team_admins or system_admins (each includes the higher roles); guests never', unset: 'everyone', parse: level},
    MEETINGS_MODERATORS: {key: 'moderators', about: 'who joins as moderator: any of starter, channel_admins, team_admins, system_admins', unset: ['starter'], parse: oneOfEach(MODERATOR_ROLES, 'MEETINGS_MODERATORS')},
    MEETINGS_ALLOWED_CHANNELS: {key: 'allowedChannels', about: 'channel ids: only these may have meetings; unset: no allow list', unset: [], parse: ids(CHANNEL_ID, 'channel ids (26 characters)', 'MEETINGS_ALLOWED_CHANNELS')},
    MEETINGS_DENIED_CHANNELS: {key: 'deniedChannels', about: 'channel ids where meetings may not start', unset: [], parse: ids(CHANNEL_ID, 'channel ids (26 characters)', 'MEETINGS_DENIED_CHANNELS')},
    MEETINGS_DEFAULT_OPTIONS: {key: 'defaults', about: 'the options every meeting starts with, as /plugnmeet start flags', unset: NO_OPTIONS, parse: defaultOptions},
    MEETINGS_FIXED_OPTIONS: {key: 'fixed', about: 'options people may not change, e.g. waiting-room,record', unset: [], parse: fixedOptions},
    MEETINGS_MAX_DURATION: {key: 'maxDuration', about: 'the longest duration people may choose, in minutes; unset: no limit', unset: 0, parse: minutes},
    MEETINGS_MAX_SCHEDULES_PER_PLANNER: {key: 'maxSchedulesPerPlanner', about: 'upcoming scheduled meetings one person may have planned (a series counts once); unset: 25', unset: 25, parse: count('MEETINGS_MAX_SCHEDULES_PER_PLANNER')},
    MEETINGS_MAX_SCHEDULES_PER_CHANNEL: {key: 'maxSchedulesPerChannel', about: 'upcoming scheduled meetings one channel may hold; unset: 50', unset: 50, parse: count('MEETINGS_MAX_SCHEDULES_PER_CHANNEL')},
    MEETINGS_GUEST_LINKS: {key: 'guestLinks', about: 'who may invite people without a Mattermost account (/plugnmeet invite): off, moderators or members; unset: off', unset: 'off', parse: guestLinks},
    MEETINGS_GUEST_LOCKS: {key: 'guestLocks', about: `what guests may not use, any of ${GUEST_LOCKS.join(', ')}, or none; unset: screen-sharing`, unset: ['screen-sharing'], parse: guestLocks},
    MEETINGS_OPEN_IN: {key: 'openIn', about: 'where meetings open unless a person chose in Settings > plugNmeet: browser (a new tab) or mattermost (a window inside Mattermost)', unset: 'browser', parse: openIn},
    MEETINGS_DESKTOP_EMBED: {key: 'desktopEmbed', about: 'true: the Desktop app opens meetings inside Mattermost too (its trustedEmbeddedMediaOrigins must list plugNmeet); false: the system browser', unset: false, parse: yesNo('MEETINGS_DESKTOP_EMBED')},
} as const satisfies {[name: string]: Setting<keyof Policy>};

export type PolicySettingName = keyof typeof POLICY_SETTINGS;
export const POLICY_SETTING_NAMES = Object.keys(POLICY_SETTINGS) as PolicySettingName[];
export const isPolicySetting = (name: string): name is PolicySettingName => Object.hasOwn(POLICY_SETTINGS, name);

export const UNRESTRICTED: Policy = readPolicy({}).policy;

/** One setting's value, checked; an empty value means unset. */
export function readSetting(name: PolicySettingName, value: string): Parsed<unknown> {
    const setting: Setting<keyof Policy> = POLICY_SETTINGS[name];
    return value.trim() === '' ? {ok: true, value: setting.unset} : setting.parse(value);
}

/**
 * The policy from setting values (unset and empty ones take their default), with one line per
 * mistake; a mistaken setting counts as unset. Then the checks across settings: a fixed duration
 * or a default above the limit.
 */
export function readPolicy(values: Readonly<Record<string, string | undefined>>): {policy: Policy; errors: string[]} {
    const errors: string[] = [];
    const policy = {} as Record<keyof Policy, unknown>;
    for (const name of POLICY_SETTING_NAMES) {
        const read = readSetting(name, values[name] ?? '');
        policy[POLICY_SETTINGS[name].key] = read.ok ? read.value : POLICY_SETTINGS[name].unset;
        if (!read.ok) {
            errors.push(read.error);
        }
    }
    const p = policy as unknown as Policy;
    if (p.maxDuration > 0 && (p.defaults.duration === 0 || p.defaults.duration > p.maxDuration)) {
        errors.push(`MEETINGS_DEFAULT_OPTIONS must set a --duration of at most MEETINGS_MAX_DURATION (${p.maxDuration} minutes), or meetings would start without a limit.`);
        p.defaults = {...p.defaults, duration: p.maxDuration};
    }
    return {policy: p, errors};
}
