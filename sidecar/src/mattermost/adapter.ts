// The one Mattermost adapter: REST v4 as the bot, through @mattermost/client's Client4.
import mmClient from '@mattermost/client';
import type {Command} from '@mattermost/types/integrations';
import type {Post, PostType} from '@mattermost/types/posts';

const {Client4, ClientError} = mmClient;

export interface CardPost {
    channel_id: string;
    root_id?: string;
    message: string;
    type: string;
    props: Record<string, unknown>;
}

export interface ChannelInfo {
    teamId: string; // '' for direct and group messages
    type: string; // O, P, D or G
}

export type EditResult = 'edited' | 'forbidden' | 'invalid';

export interface MattermostUser {
    id: string;
    username: string;
    isSystemAdmin: boolean;
}

export interface Mattermost {
    botUserId(): Promise<string>;
    /** Asks Mattermost who the bot token belongs to, uncached: proves URL and token work. */
    whoAmI(): Promise<string>;
    getUser(userId: string): Promise<MattermostUser>;
    createPost(post: CardPost): Promise<Post>;
    /**
     * Replaces the whole props map, leaving the message as it is. `forbidden`: the bot may not edit
     * there (403; also an unknown post). `invalid`: refused for good (400), e.g. past PostEditTimeLimit.
     */
    updatePost(postId: string, props: Record<string, unknown>): Promise<EditResult>;
    /** The channel's team and type; undefined when the bot may not read it (private channels and DMs it is not in). */
    channelInfo(channelId: string): Promise<ChannelInfo | undefined>;
    /**
     * Makes the bot a member of a public channel so it can edit its cards; false where it cannot
     * join. Remembered per channel; `again` asks anyway (the bot may have been removed since).
     */
    joinChannel(channelId: string, opts?: {again?: boolean}): Promise<boolean>;
}

export interface MattermostOptions {
    url: string;
    botToken: string;
    timeoutMs?: number;
}

/** Client4 has no per-call timeout option; every request it makes goes through getOptions. */
class TimedClient4 extends Client4 {
    constructor(private readonly timeoutMs: number) {
        super();
    }
    override getOptions(options: Parameters<InstanceType<typeof Client4>["getOptions"]>[0]) {
        return {...super.getOptions(options), signal: AbortSignal.timeout(this.timeoutMs)};
    }
}

export const statusOf = (err: unknown): number | undefined =>
    err instanceof ClientError ? err.status_code : undefined;

/** A Client4 for one token, with a timeout on every call and no cookies (server side). */
export function connect(url: string, token: string, timeoutMs = 10_000) {
    const client = new TimedClient4(timeoutMs);
    client.setUrl(url);
    client.setToken(token);
    client.setIncludeCookies(false);
    return client;
}

export function createMattermost(opts: MattermostOptions): Mattermost {
    const client = connect(opts.url, opts.botToken, opts.timeoutMs);

    let botId: Promise<string> | undefined;
    const joined = new Set<string>();

    return {
        botUserId() {
            botId ??= client.getMe().then((me) => me.id).catch((err) => {
                botId = undefined; // retry next time rather than caching a failure
                throw err;
            });
            return botId;
        },

        async whoAmI() {
            return (await client.getMe()).username;
        },

        async getUser(userId) {
            const u = await client.getUser(userId);
            return {id: u.id, username: u.username, isSystemAdmin: (u.roles ?? '').split(' ').includes('system_admin')};
        },

        createPost(post) {
            return client.createPost({...post, type: post.type as PostType} as Partial<Post> as Post);
        },

        async updatePost(postId, props) {
            try {
                // No `message` key: api4/post.go postPatchChecks refuses any patch carrying one past PostEditTimeLimit.
                await client.patchPost({id: postId, props});
                return 'edited';
            } catch (err) {
                const status = statusOf(err);
                if (status === 403 || status === 404) {
                    return 'forbidden';
                }
                if (status === 400) {
                    return 'invalid';
                }
                throw err;
            }
        },

        async channelInfo(channelId) {
            try {
                const c = await client.getChannel(channelId);
                return {teamId: c.team_id ?? '', type: c.type};
            } catch (err) {
                const status = statusOf(err);
                if (status === 403 || status === 404) {
                    return undefined;
                }
                throw err;
            }
        },

        async joinChannel(channelId, opts = {}) {
            if (joined.has(channelId) && !opts.again) {
                return true;
            }
            try {
                await client.addToChannel(await this.botUserId(), channelId);
                joined.add(channelId);
                return true;
            } catch (err) {
                const status = statusOf(err);
                if (status === 403 || status === 404 || status === 400) {
                    joined.delete(channelId);
                    return false;
                }
                throw err;
            }
        },
    };
}

export interface TeamInfo {
    id: string;
    name: string;
}

export type SlashCommand = Pick<Command, 'id' | 'team_id' | 'trigger' | 'url' | 'token'>;

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
    };
}
