// Slash-command tokens, each bound to one team. A command's token is what proves Mattermost sent
// it for that team (a team admin can read it), so a token is accepted only with its own team.
import {createHash} from 'node:crypto';
import type {FastifyBaseLogger} from 'fastify';
import type {Config} from '../config/config.js';
import type {CommandToken, Store} from '../store/store.js';
import {matchesAny} from './secrets.js';

const STORED_TOKENS_TTL_MS = 1000;
const MISS_TTL_MS = 10_000;
const MAX_MISSES = 10_000;
// Mattermost ids: 26 characters of [a-z0-9].
const TEAM_BOUND = /^([a-z0-9]{26}):(\S+)$/;

/**
 * Command tokens, each bound to one team: `npm run setup` stores them with their team; a
 * hand-made one in MATTERMOST_COMMAND_TOKENS is `<team id>:<token>`, or a bare token that the
 * first team to use it keeps (the binding is stored, so every replica and restart agrees).
 */
export function createCommandTokens(config: Pick<Config, 'commandTokens'>, store: Store, log: FastifyBaseLogger) {
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

    // A wrong token (for this team) is remembered briefly, so guessing costs no database read each.
    const misses = new Map<string, number>();
    const missKey = (token: string, teamId: string) => createHash('sha256').update(`${teamId}\n${token}`).digest('base64url');
    function rememberMiss(key: string): void {
        if (misses.size >= MAX_MISSES) {
            misses.delete(misses.keys().next().value!);
        }
        misses.set(key, Date.now() + MISS_TTL_MS);
    }

    const ofTeam = (teamId: string, known: CommandToken[]) => known.filter((t) => t.teamId === teamId).map((t) => t.token);

    return async function isTeamToken(token: string, teamId: string): Promise<boolean> {
        if (!token || !teamId) {
            return false;
        }
        const key = missKey(token, teamId);
        if ((misses.get(key) ?? 0) > Date.now()) {
            return false;
        }
        if (matchesAny(token, ofTeam(teamId, bound)) ||
            matchesAny(token, ofTeam(teamId, await storedTokens(false))) ||
            matchesAny(token, ofTeam(teamId, await storedTokens(true)))) {
            return true;
        }
        if (matchesAny(token, bare)) {
            const binding = await store.bindCommandToken({token, teamId});
            if (binding.teamId === teamId) {
                log.warn({teamId}, 'a token from MATTERMOST_COMMAND_TOKENS is now bound to this team; write it as <team id>:<token> to say so');
                stored = undefined;
                return true;
            }
        }
        rememberMiss(key);
        return false;
    };
}
