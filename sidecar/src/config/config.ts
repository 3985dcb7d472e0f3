// Configuration from the environment (docs/admin.md, "Configuration"). Validation collects every
// problem so an admin fixes them all in one go; secrets never appear in messages.
import {BlockList, isIP} from 'node:net';
import {POLICY_SETTING_NAMES, readPolicy, type Policy} from './policy.js';

export interface Config {
    mattermostUrl: string;
    mattermostBotToken: string;
    commandTokens: string[];
    plugnmeetUrl: string;
    plugnmeetApiKey: string;
    plugnmeetApiSecret: string;
    publicUrl: string;
    secret: string;
    host: string;
    port: number;
    databaseUrl: string;
    reconcileIntervalSeconds: number;
    logLevel: string;
    /** Requests per minute from one source address before HTTP 429; 0 turns it off. */
    rateLimitPerAddress: number;
    /** Commands and button clicks per user within 10 seconds; 0 turns it off. */
    rateLimitPerUser: number;
    /** Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client. */
    trustProxy: string[];
    /**
     * Addresses or CIDR ranges Mattermost calls from: the only callers allowed on the command and
     * action endpoints. Empty: anyone (start-up warns, doctor fails).
     */
    mattermostSourceAddresses: string[];
    /** Minutes before a scheduled meeting that those who chose Notify me are reminded; 0: never. */
    scheduleReminderMinutes: number;
    /** The meeting policy as the environment sets it; a system admin's runtime settings go over it. */
    policy: Policy;
    /** The policy settings the environment sets (name -> value), for `admin show` and doctor. */
    policySettings: Record<string, string>;
    /** MEETINGS_RECAP: which parts of a meeting's recap are posted in its thread; the summary's prompt. */
    recap: RecapSettings;
}

export const RECAP_PARTS = ['attendance', 'transcript', 'summary'] as const;
export type RecapPart = (typeof RECAP_PARTS)[number];
export interface RecapSettings {
    parts: RecapPart[];
    /** MEETINGS_SUMMARY_PROMPT: plugNmeet's summarization_prompt for rooms with --summary; '' for its own. */
    summaryPrompt: string;
}

export type ConfigResult = {ok: true; config: Config} | {ok: false; errors: string[]};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export const DEFAULT_DATABASE_URL = 'sqlite:./data/plugnmeet.sqlite';

export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
    const errors: string[] = [];
    const value = (name: string) => (env[name] ?? '').trim();

    const required = (name: string, meaning: string) => {
        const v = value(name);
        if (!v) {
            errors.push(`${name} is missing: ${meaning}.`);
        }
        return v;
    };

    const url = (name: string, meaning: string) => {
        const v = required(name, meaning).replace(/\/+$/, '');
        if (v && !isHttpUrl(v)) {
            errors.push(`${name} must be an http(s) URL like https://host.example.com (got "${v}").`);
        }
        return v;
    };

    const integer = (name: string, fallback: number, min: number, max: number) => {
        const v = value(name);
        if (!v) {
            return fallback;
        }
        const n = Number(v);
        if (!Number.isInteger(n) || n < min || n > max) {
            errors.push(`${name} must be a whole number from ${min} to ${max} (got "${v}").`);
            return fallback;
        }
        return n;
    };

    const mattermostUrl = url('MATTERMOST_URL', 'the Mattermost site URL, e.g. https://chat.example.com');
    const mattermostBotToken = required('MATTERMOST_BOT_TOKEN', 'an access token of the bot account that posts meeting cards');
    const plugnmeetUrl = url('PLUGNMEET_URL', 'the plugNmeet server URL, e.g. https://meet.example.com');
    const plugnmeetApiKey = required('PLUGNMEET_API_KEY', 'the API key from plugNmeet\'s config.yaml (client.api_key)');
    const plugnmeetApiSecret = required('PLUGNMEET_API_SECRET', 'the API secret from plugNmeet\'s config.yaml (client.secret)');
    const publicUrl = url('SIDECAR_PUBLIC_URL', 'the URL at which Mattermost and plugNmeet reach this sidecar');

    const secret = required('SIDECAR_SECRET', 'a random string of at least 32 characters (e.g. `openssl rand -hex 32`)');
    if (secret && secret.length < 32) {
        errors.push(`SIDECAR_SECRET is too short (${secret.length} characters): use at least 32, e.g. \`openssl rand -hex 32\`.`);
    }

    const commandTokens = value('MATTERMOST_COMMAND_TOKENS').split(',').map((t) => t.trim()).filter(Boolean);

    const host = value('SIDECAR_HOST') || '127.0.0.1';
    const port = integer('SIDECAR_PORT', 8787, 0, 65535);
    const reconcileIntervalSeconds = integer('RECONCILE_INTERVAL_SECONDS', 60, 5, 86400);
    // Mattermost (and plugNmeet) each call from one address for all their users: keep this generous.
    const rateLimitPerAddress = integer('RATE_LIMIT_PER_ADDRESS', 6000, 0, 10_000_000);
    const rateLimitPerUser = integer('RATE_LIMIT_PER_USER', 20, 0, 100_000);
    const scheduleReminderMinutes = integer('SCHEDULE_REMINDER_MINUTES', 10, 0, 24 * 60);

    // Behind a reverse proxy every request comes from the proxy: trust its X-Forwarded-For, or the
    // per-address limit would count all callers together.
    const addressList = (name: string, example: string) => {
        const list = value(name).split(',').map((t) => t.trim()).filter(Boolean);
        for (const entry of list) {
            if (!isAddressOrRange(entry)) {
                errors.push(`${name} must list addresses or CIDR ranges, comma-separated, e.g. ${example} (got "${entry}").`);
            }
        }
        return list;
    };
    const trustProxy = addressList('TRUST_PROXY', '127.0.0.1,10.0.0.0/8');
    const mattermostSourceAddresses = addressList('MATTERMOST_SOURCE_ADDRESSES', '10.0.0.5,10.1.0.0/16');

    const proxyMistake = sameHostProxyMistake(mattermostSourceAddresses, trustProxy, publicUrl);
    if (proxyMistake) {
        errors.push(proxyMistake);
    }

    const databaseUrl = value('DATABASE_URL') || DEFAULT_DATABASE_URL;
    if (/^postgres(ql)?:/.test(databaseUrl)) {
        // Never echoed: it may hold a password.
        if (!isPostgresUrl(databaseUrl)) {
            errors.push('DATABASE_URL is not a valid PostgreSQL URL: use postgres://user:password@host:5432/database.');
        }
    } else if (!/^sqlite:.+$/.test(databaseUrl)) {
        errors.push('DATABASE_URL must be sqlite:<path>, postgres://user:password@host:5432/database, or unset for the embedded SQLite file under ./data/.');
    }

    const logLevel = value('LOG_LEVEL') || 'info';
    if (!LOG_LEVELS.includes(logLevel)) {
        errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}").`);
    }

    // MEETINGS_RECAP: parts posted after a meeting, comma-separated; `none` for none; unset: all.
    const recapValue = value('MEETINGS_RECAP').toLowerCase();
    let recapList: string[] = recapValue ? recapValue.split(',').map((t) => t.trim()).filter(Boolean) : [...RECAP_PARTS];
    if (recapValue === 'none') {
        recapList = [];
    }
    const unknownParts = recapList.filter((p) => !(RECAP_PARTS as readonly string[]).includes(p));
    if (unknownParts.length > 0) {
        errors.push(`MEETINGS_RECAP takes ${RECAP_PARTS.join(', ')} (comma-separated) or none (got "${unknownParts.join(', ')}").`);
    }
    const recap: RecapSettings = {parts: recapList.filter((p): p is RecapPart => (RECAP_PARTS as readonly string[]).includes(p)), summaryPrompt: value('MEETINGS_SUMMARY_PROMPT')};

    const policySettings = Object.fromEntries(POLICY_SETTING_NAMES.filter((n) => value(n) !== '').map((n) => [n, value(n)]));
    const {policy, errors: policyErrors} = readPolicy(policySettings);
    errors.push(...policyErrors);

    if (errors.length > 0) {
        return {ok: false, errors};
    }
    return {
        ok: true,
        config: {
            mattermostUrl, mattermostBotToken, commandTokens, plugnmeetUrl, plugnmeetApiKey,
            plugnmeetApiSecret, publicUrl, secret, host, port, databaseUrl, reconcileIntervalSeconds, logLevel,
            rateLimitPerAddress, rateLimitPerUser, trustProxy, mattermostSourceAddresses, policy, policySettings, scheduleReminderMinutes, recap,
        },
    };
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether an address or range (of MATTERMOST_SOURCE_ADDRESSES) lets in this host's loopback. */
function holdsLoopback(entry: string): boolean {
    const [raw, bits] = entry.split('/');
    const address = raw.startsWith('::ffff:') && isIP(raw.slice(7)) === 4 && bits === undefined ? raw.slice(7) : raw;
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(address) === 0) {
        return false;
    }
    if (LOOPBACK.check(address, family)) {
        return true;
    }
    const range = new BlockList();
    if (bits !== undefined) {
        range.addSubnet(address, Number(bits), family);
    }
    return family === 'ipv4' ? range.check('127.0.0.1', 'ipv4') : range.check('::1', 'ipv6') || range.check('::ffff:127.0.0.1', 'ipv6');
}

/**
 * A reverse proxy on this host forwards every caller from 127.0.0.1: with a loopback address in
 * MATTERMOST_SOURCE_ADDRESSES, a public SIDECAR_PUBLIC_URL and no TRUST_PROXY, anyone who reaches
 * the public URL would pass as Mattermost (docs/security.md, "Behind a reverse proxy").
 */
export function sameHostProxyMistake(sources: string[], trustProxy: string[], publicUrl: string): string | undefined {
    const loopback = sources.filter(holdsLoopback);
    if (loopback.length === 0 || trustProxy.length > 0 || !isHttpUrl(publicUrl) || isLoopbackHost(new URL(publicUrl).hostname)) {
        return undefined;
    }
    return `MATTERMOST_SOURCE_ADDRESSES lets in this host's loopback (${loopback.join(', ')}) while SIDECAR_PUBLIC_URL (${publicUrl}) is not on loopback and TRUST_PROXY is unset: ` +
        'a reverse proxy on this host forwards every caller from 127.0.0.1, so anyone who reaches SIDECAR_PUBLIC_URL would pass as Mattermost. ' +
        'Fix: set TRUST_PROXY=127.0.0.1,::1 (the proxy\'s address) and make the proxy set X-Forwarded-For; the address checked is then the one it names. ' +
        'If nothing forwards to the sidecar on this host, remove the loopback address from MATTERMOST_SOURCE_ADDRESSES instead.';
}

function isLoopbackHost(hostname: string): boolean {
    const host = hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && holdsLoopback(host));
}

/** An IPv4 or IPv6 address, optionally with a /prefix length. */
export function isAddressOrRange(entry: string): boolean {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    return Boolean(family) && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits));
}

function isPostgresUrl(s: string): boolean {
    try {
        const u = new URL(s);
        // No host is allowed: postgres:///db?host=/var/run/postgresql uses a unix socket.
        return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && s.startsWith(`${u.protocol}//`);
    } catch {
        return false;
    }
}

function isHttpUrl(s: string): boolean {
    try {
        const u = new URL(s);
        return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
    } catch {
        return false;
    }
}
