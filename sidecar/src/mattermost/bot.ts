// The Mattermost adapter the meetings use: REST v4 as the bot (cards, thread replies, channel
// membership, who is a system admin).
import type {Post, PostType} from '@mattermost/types/posts';
import {connect, statusOf} from './client.js';

export interface CardPost {
    channel_id: string;
    root_id?: string;
    message: string;
    type: string;
    props: object;
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
    updatePost(postId: string, props: object): Promise<EditResult>;
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
                await client.patchPost({id: postId, props: props as Record<string, unknown>});
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
