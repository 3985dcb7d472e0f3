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
    /** Replaces message and the whole props map; false when the bot may not edit there (403/404). */
    updatePost(postId: string, message: string, props: Record<string, unknown>): Promise<boolean>;
    /** Makes the bot a member of a public channel so it can edit its cards; false where it cannot join. */
    joinChannel(channelId: string): Promise<boolean>;
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

function connect(url: string, token: string, timeoutMs = 10_000) {
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

        async updatePost(postId, message, props) {
            try {
                await client.patchPost({id: postId, message, props});
                return true;
            } catch (err) {
                const status = statusOf(err);
                if (status === 403 || status === 404) {
                    return false;
                }
                throw err;
            }
        },

        async joinChannel(channelId) {
            if (joined.has(channelId)) {
                return true;
            }
            try {
                await client.addToChannel(await this.botUserId(), channelId);
                joined.add(channelId);
                return true;
            } catch (err) {
                const status = statusOf(err);
                if (status === 403 || status === 404 || status === 400) {
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

/** What `setup` does with a system admin's token: teams and slash commands. */
export interface MattermostAdmin {
    /** Whether the token belongs to a system admin (setup needs one). */
    isSystemAdmin(): Promise<boolean>;
    listTeams(): Promise<TeamInfo[]>;
    addToTeam(teamId: string, userId: string): Promise<void>;
    listCommands(teamId: string): Promise<SlashCommand[]>;
    addCommand(command: NewSlashCommand): Promise<SlashCommand>;
}

export function createMattermostAdmin(opts: {url: string; adminToken: string; timeoutMs?: number}): MattermostAdmin {
    const client = connect(opts.url, opts.adminToken, opts.timeoutMs);
    const PER_PAGE = 200;
    return {
        async isSystemAdmin() {
            const me = await client.getMe();
            return (me.roles ?? '').split(' ').includes('system_admin');
        },
        async listTeams() {
            const teams: TeamInfo[] = [];
            for (let page = 0; ; page++) {
                const batch = await client.getTeams(page, PER_PAGE) as Array<{id: string; name: string}>;
                teams.push(...batch.map((t) => ({id: t.id, name: t.name})));
                if (batch.length < PER_PAGE) {
                    return teams;
                }
            }
        },
        async addToTeam(teamId, userId) {
            await client.addToTeam(teamId, userId);
        },
        async listCommands(teamId) {
            return client.getCustomTeamCommands(teamId);
        },
        async addCommand(command) {
            return client.addCommand(command as Command);
        },
    };
}
