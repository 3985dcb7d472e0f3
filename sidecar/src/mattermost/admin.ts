// The REST calls of `setup` and `doctor`, with a system admin's token (or the bot's, for what a
// bot may see).
import type {Command} from '@mattermost/types/integrations';
import {connect, statusOf} from './client.js';

export interface TeamInfo {
    id: string;
    name: string;
}

/** A custom command as GET /commands?custom_only=true lists it: every field, so that it can be sent back whole. */
export type SlashCommand = Command;

export type NewSlashCommand = Pick<Command, 'team_id' | 'trigger' | 'method' | 'url' | 'auto_complete' |
    'auto_complete_desc' | 'auto_complete_hint' | 'display_name' | 'description'>;

/** A user or bot account, as `setup` and `doctor` look at it. */
export interface Account {
    id: string;
    username: string;
    roles: string[];
    isBot: boolean;
    /** False for a deactivated user or a disabled bot. */
    active: boolean;
}

/** The ServiceSettings that decide whether setup's work can succeed. */
export interface ServerSettings {
    enableBotAccountCreation: boolean;
    enableUserAccessTokens: boolean;
    enableCommands: boolean;
    allowedUntrustedInternalConnections: string;
}

/**
 * The REST calls of `setup` and `doctor`. With a system admin's token all of them work; `doctor`
 * also uses it with the bot's token, for what a bot may do (me, its teams, visible commands).
 */
export interface MattermostAdmin {
    /** Unauthenticated: whether the server answers at all. */
    ping(): Promise<void>;
    me(): Promise<Account>;
    /** Whether the token belongs to a system admin (setup needs one). */
    isSystemAdmin(): Promise<boolean>;
    getUser(userId: string): Promise<Account>;
    /** The account with this username, disabled ones included; undefined when there is none. */
    findUser(username: string): Promise<Account | undefined>;
    createBot(bot: {username: string; displayName: string; description: string}): Promise<Account>;
    enableBot(userId: string): Promise<void>;
    /** Replaces all of the user's system roles. */
    setRoles(userId: string, roles: string[]): Promise<void>;
    /** A new access token for the user (or bot); returns its secret, which Mattermost never shows again. */
    createToken(userId: string, description: string): Promise<string>;
    /** Undefined when this token may not read the server configuration. */
    serverSettings(): Promise<ServerSettings | undefined>;
    listTeams(): Promise<TeamInfo[]>;
    /** The teams this user is a member of. */
    teamsOf(userId: string): Promise<TeamInfo[]>;
    addToTeam(teamId: string, userId: string): Promise<void>;
    /** Custom commands with URL and token (needs the permission to manage slash commands). */
    listCommands(teamId: string): Promise<SlashCommand[]>;
    /** Triggers this account sees in the team's autocomplete (no URL or token needed). */
    visibleTriggers(teamId: string): Promise<string[]>;
    addCommand(command: NewSlashCommand): Promise<SlashCommand>;
    /** PUT /commands/{id}: the whole command (what is left out becomes empty); the token stays. */
    updateCommand(command: SlashCommand): Promise<void>;
}

type UserJson = {id: string; username: string; roles?: string; is_bot?: boolean; delete_at?: number};

const toAccount = (u: UserJson): Account => ({
    id: u.id,
    username: u.username,
    roles: (u.roles ?? '').split(' ').filter(Boolean),
    isBot: Boolean(u.is_bot),
    active: !u.delete_at,
});

const toTeams = (teams: Array<{id: string; name: string}>): TeamInfo[] => teams.map((t) => ({id: t.id, name: t.name}));

export function createMattermostAdmin(opts: {url: string; adminToken: string; timeoutMs?: number}): MattermostAdmin {
    const client = connect(opts.url, opts.adminToken, opts.timeoutMs);
    const PER_PAGE = 200;
    return {
        async ping() {
            await client.ping(false);
        },
        async me() {
            return toAccount(await client.getMe());
        },
        async isSystemAdmin() {
            return (await this.me()).roles.includes('system_admin');
        },
        async getUser(userId) {
            return toAccount(await client.getUser(userId));
        },
        async findUser(username) {
            try {
                return toAccount(await client.getUserByUsername(username));
            } catch (err) {
                if (statusOf(err) === 404) {
                    return undefined;
                }
                throw err;
            }
        },
        async createBot(bot) {
            const created = await client.createBot({username: bot.username, display_name: bot.displayName, description: bot.description});
            return {id: created.user_id, username: created.username, roles: ['system_user'], isBot: true, active: true};
        },
        async enableBot(userId) {
            await client.enableBot(userId);
        },
        async setRoles(userId, roles) {
            await client.updateUserRoles(userId, roles.join(' '));
        },
        async createToken(userId, description) {
            const {token} = await client.createUserAccessToken(userId, description);
            if (!token) {
                throw new Error('Mattermost created the access token but did not return it');
            }
            return token;
        },
        async serverSettings() {
            let config;
            try {
                config = await client.getConfig();
            } catch (err) {
                const status = statusOf(err);
                if (status === 401 || status === 403) {
                    return undefined;
                }
                throw err;
            }
            const s = (config.ServiceSettings ?? {}) as Partial<Record<string, unknown>>;
            return {
                enableBotAccountCreation: s.EnableBotAccountCreation === true,
                enableUserAccessTokens: s.EnableUserAccessTokens === true,
                enableCommands: s.EnableCommands === true,
                allowedUntrustedInternalConnections: typeof s.AllowedUntrustedInternalConnections === 'string' ? s.AllowedUntrustedInternalConnections : '',
            };
        },
        async listTeams() {
            const teams: TeamInfo[] = [];
            for (let page = 0; ; page++) {
                const batch = await client.getTeams(page, PER_PAGE) as Array<{id: string; name: string}>;
                teams.push(...toTeams(batch));
                if (batch.length < PER_PAGE) {
                    return teams;
                }
            }
        },
        async teamsOf(userId) {
            return toTeams(await client.getTeamsForUser(userId));
        },
        async addToTeam(teamId, userId) {
            await client.addToTeam(teamId, userId);
        },
        async listCommands(teamId) {
            return client.getCustomTeamCommands(teamId);
        },
        async visibleTriggers(teamId) {
            return (await client.getCommandsList(teamId)).map((c) => c.trigger);
        },
        async addCommand(command) {
            return client.addCommand(command as Command);
        },
        async updateCommand(command) {
            await client.editCommand(command);
        },
    };
}
