// Slash-command tokens, each bound to one team. A command's token is what proves Mattermost sent
// it for that team (a team admin can read it), so a token is accepted only with its own team.
import {createHash} from 'node:crypto';
import type {FastifyBaseLogger} from 'fastify';
import type {Config} from '../config/config.js';
import type {Mattermost} from '../mattermost/bot.js';
import type {CommandToken, Store} from '../store/store.js';
import {expiringMap} from '../shared/expiring-map.js';
import {matchesAny} from './secrets.js';

const STORED_TOKENS_TTL_MS = 1000;
const MISS_TTL_MS = 10_000;
const MAX_MISSES = 10_000;
/** A refused team is named in the log at most once a minute, so guessing cannot flood it. */
export const REFUSAL_WARNING_INTERVAL_MS = 60_000;
/** And at most this many teams a minute in all (team ids come from the request). */
const MAX_REFUSAL_WARNINGS = 20;
// Mattermost ids: 26 characters of [a-z0-9].
const TEAM_BOUND = /^([a-z0-9]{26}):(\S+)$/;
const TEAM_ID = /^[a-z0-9]{26}$/;
// Team names as in URLs (model.IsValidTeamName): only these are written to the log.
const TEAM_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * A bare token's binding is stored under this key, never under the token: it is not a token anyone
 * can present, and it counts only while the bare token is in MATTERMOST_COMMAND_TOKENS, so taking it
 * out (or writing it `<team id>:<token>`) clears the binding.
 */
export const bareBindingKey = (token: string) => `bare-binding:${createHash('sha256').update(token).digest('hex')}`;
const isBareBinding = (t: CommandToken) => t.token.startsWith('bare-binding:');

/**
 * Command tokens, each bound to one team: `npm run setup` stores them with their team; a
 * hand-made one in MATTERMOST_COMMAND_TOKENS is `<team id>:<token>`, or a bare token that the
 * first team to use it keeps, if Mattermost knows that team (the binding is stored, so every
 * replica and restart agrees).
 */
export function createCommandTokens(config: Pick<Config, 'commandTokens'>, store: Store, mattermost: Pick<Mattermost, 'teamName'>, log: FastifyBaseLogger, now: () => number = Date.now) {
    const bound: CommandToken[] = [];
    const bare: string[] = [];
    for (const entry of config.commandTokens) {
        const m = TEAM_BOUND.exec(entry);
        if (m) {
            bound.push({teamId: m[1], token: m[2]});
        } else {
            bare.push(entry);
        }
    }

    // Stored tokens change only when `npm run setup` adds one: the list is reused for a second, and
    // read again at once for a token not in it, so a new command works on its first use.
    let stored: {tokens: Promise<CommandToken[]>; at: number} | undefined;
    function storedTokens(fresh: boolean): Promise<CommandToken[]> {
        const now = Date.now();
        if (fresh || !stored || now - stored.at >= STORED_TOKENS_TTL_MS) {
            const read = {tokens: store.commandTokens(), at: now};
            read.tokens.catch(() => {
                if (stored === read) {
                    stored = undefined; // a failed read is not reused
                }
            });
            stored = read;
        }
        return stored.tokens;
    }

    // Every answer is remembered by a digest of team and token: a wrong token briefly, so guessing
    // costs no database read each; a right one for as long as the stored list is reused, so a
    // command costs one hash, not a read and a compare with every token (issue 22).
    const misses = expiringMap<true>({ttlMs: MISS_TTL_MS, max: MAX_MISSES});
    const hits = expiringMap<true>({ttlMs: STORED_TOKENS_TTL_MS, max: MAX_MISSES});
    const answerKey = (token: string, teamId: string) => createHash('sha256').update(`${teamId}\n${token}`).digest('base64url');

    const ofTeam = (teamId: string, known: CommandToken[]) => known.filter((t) => t.teamId === teamId && !isBareBinding(t)).map((t) => t.token);

    // A refused command is a warning for the admin (usually a team whose /plugnmeet was made by
    // hand, or whose token was regenerated): once a minute per team, never with the token.
    const warnedAt = new Map<string, number>();
    function warnRefused(token: string, teamId: string, teamName: string): void {
        const at = now();
        const team = TEAM_ID.test(teamId) ? teamId : '';
        for (const [t, when] of warnedAt) {
            if (at - when >= REFUSAL_WARNING_INTERVAL_MS) {
                warnedAt.delete(t);
            }
        }
        if (warnedAt.has(team) || warnedAt.size >= MAX_REFUSAL_WARNINGS) {
            return;
        }
        warnedAt.set(team, at);
        const name = TEAM_NAME.test(teamName) ? teamName : '';
        const which = team ? `team ${name || '(no name)'} (${team})` : 'a request without a valid team id';
        log.warn({teamId: team || undefined, team: name || undefined, token: token ? 'wrong' : 'missing'},
            `refused /plugnmeet in ${which}: its slash command token is ${token ? 'not one the sidecar knows for this team' : 'missing'} (HTTP 401; ` +
            'more refusals for this team are not logged for a minute). Fix: run `npm run setup`, which stores the token of each team\'s /plugnmeet ' +
            '(or put <team id>:<token> in MATTERMOST_COMMAND_TOKENS).');
    }

    async function check(token: string, teamId: string): Promise<boolean> {
        if (!token || !teamId) {
            return false;
        }
        const key = answerKey(token, teamId);
        if (hits.get(key)?.fresh) {
            return true;
        }
        if (misses.get(key)?.fresh) {
            return false;
        }
        // The stored list as last read first (a bare token's binding is in it), read again only for a token not in it.
        const ok = matchesAny(token, ofTeam(teamId, bound)) ||
            matchesAny(token, ofTeam(teamId, await storedTokens(false))) ||
            (matchesAny(token, bare) && (await bareTokenTeam(token, teamId)) === teamId) ||
            matchesAny(token, ofTeam(teamId, await storedTokens(true)));
        (ok ? hits : misses).set(key, true);
        return ok;
    }

    /** The team a bare token is bound to; on its first use, the request's team if Mattermost knows it. */
    async function bareTokenTeam(token: string, teamId: string): Promise<string | undefined> {
        const key = bareBindingKey(token);
        const held = (await storedTokens(false)).find((t) => t.token === key);
        if (held) {
            return held.teamId;
        }
        if ((await Promise.resolve().then(() => mattermost.teamName(teamId)).catch(() => undefined)) === undefined) {
            log.warn({teamId: TEAM_ID.test(teamId) ? teamId : undefined}, 'a token from MATTERMOST_COMMAND_TOKENS was used for a team Mattermost does not know (or the bot is not in): not bound');
            return undefined;
        }
        const binding = await store.bindCommandToken({token: key, teamId});
        stored = undefined;
        if (binding.teamId === teamId) {
            log.warn({teamId}, 'a token from MATTERMOST_COMMAND_TOKENS is now bound to this team; write it as <team id>:<token> to say so (taking it out of MATTERMOST_COMMAND_TOKENS clears the binding)');
        }
        return binding.teamId;
    }

    /** `teamName` (the form's team_domain) only names the team in the warning for a refused token. */
    return async function isTeamToken(token: string, teamId: string, teamName = ''): Promise<boolean> {
        const ok = await check(token, teamId);
        if (!ok) {
            warnRefused(token, teamId, teamName);
        }
        return ok;
    };
}
