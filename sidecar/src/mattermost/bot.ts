// The Mattermost adapter the meetings use: REST v4 as the bot (cards, thread replies, channel
// membership, who is a system admin, and how people are named and which language they read).
import type {Post} from '@mattermost/types/posts';
import {connect, statusOf} from './client.js';
import {profileCache, userReader, type UserFields} from './profiles.js';
import {restPool} from './rest.js';
import {userZone} from './timezone.js';

export interface CardPost {
    channel_id: string;
    root_id?: string;
    message: string;
    type: string;
    props: object;
    /** Files the bot uploaded to this channel (uploadFile). */
    file_ids?: string[];
}

export interface ChannelInfo {
    teamId: string; // '' for direct and group messages
    type: string; // O, P, D or G
    /** The name people see ("Town Square"); a group message's is its members' usernames, a DM's ''. */
    displayName: string;
}

export type EditResult = 'edited' | 'forbidden' | 'invalid';

export interface MattermostUser {
    id: string;
    username: string;
    isSystemAdmin: boolean;
}

/** How Mattermost names people (TeamSettings.TeammateNameDisplay). */
export type NameFormat = 'username' | 'nickname_full_name' | 'full_name';

/** A person as the plugin shows them: their name as Mattermost shows it, and their language. */
export interface Profile {
    id: string;
    username: string;
    displayName: string;
    /** The user's Mattermost locale ("de", "pt-BR"); '' when unknown. */
    locale: string;
    /** System roles, space-separated ("system_user system_admin", guests "system_guest"). */
    roles: string;
    /** Their time zone (IANA) from model.User.Timezone; UTC when unset or unknown. */
    zone: string;
}

/** A team or channel member's standing; `unreadable` when the bot may not read the membership. */
export type Membership = {member: true; admin: boolean} | {member: false} | 'unreadable';

/** model.User GetFullName: first and last name, or whichever there is. */
const fullName = (u: UserFields) => [u.first_name, u.last_name].map((x) => (x ?? '').trim()).filter(Boolean).join(' ');

/**
 * model.User GetDisplayName (server/public/model/user.go), which the webapp's displayUsername
 * (utils/user_utils) follows: nickname_full_name is the nickname, else the full name; full_name the
 * full name; each falls back to the username. Without the setting: the full name, else the username.
 */
export function displayName(u: UserFields, format: NameFormat | undefined): string {
    const nickname = (u.nickname ?? '').trim();
    if (format === 'username') {
        return u.username;
    }
    if (format === 'nickname_full_name' && nickname) {
        return nickname;
    }
    return fullName(u) || u.username;
}

export interface Mattermost {
    botUserId(): Promise<string>;
    /** Asks Mattermost who the bot token belongs to, uncached: proves URL and token work. */
    whoAmI(): Promise<string>;
    getUser(userId: string): Promise<MattermostUser>;
    /**
     * A person's name and language, used for at most a minute after Mattermost gave it (one lookup
     * per user, not per message; misses at the same moment share one request).
     */
    profile(userId: string): Promise<Profile>;
    /**
     * Reads the profiles of a channel's members (the first 1,000) ahead of their joins, unless that
     * was done in the last half minute. Resolves with how many were read; never rejects.
     */
    prefetchChannel(channelId: string): Promise<number>;
    /** The same, by username (who ended a meeting is stored by username); undefined when there is none. */
    profileByUsername(username: string): Promise<Profile | undefined>;
    createPost(post: CardPost): Promise<Post>;
    /**
     * Uploads a text file to a channel for the bot's next post there; undefined where the bot may not
     * (upload_file: channel members only, api4/file.go), so the caller links to it instead.
     */
    uploadFile(channelId: string, name: string, mimeType: string, content: string): Promise<string | undefined>;
    /**
     * Replaces the whole props map, leaving the message as it is. `forbidden`: the bot may not edit
     * there (403; also an unknown post). `invalid`: refused for good (400), e.g. past PostEditTimeLimit.
     */
    updatePost(postId: string, props: object): Promise<EditResult>;
    /**
     * Whether a user is a member and admin of a team (GET /teams/{id}/members/{user}: the bot must
     * be in the team) or a channel (GET /channels/{id}/members/{user}: the bot must read the channel).
     */
    teamMembership(teamId: string, userId: string): Promise<Membership>;
    channelMembership(channelId: string, userId: string): Promise<Membership>;
    /** A team's name (its URL name), undefined when the bot may not read the team. */
    teamName(teamId: string): Promise<string | undefined>;
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
    /** How long a profile and the name format are used after Mattermost gave them (default a minute). */
    profileTtlMs?: number;
    now?: () => number;
    /** Hears of background profile reads that failed (nobody waited for them). */
    onBackgroundError?: (err: unknown) => void;
}

const MAX_PROFILES = 10_000;

/**
 * A member's standing: model.TeamMember / ChannelMember carry the scheme roles in `roles` as the
 * API returns them (store/sqlstore ToModel), and `scheme_admin`. 404: not a member; 403: the bot
 * may not read it.
 */
async function membership(read: () => Promise<{roles?: string; scheme_admin?: boolean}>, adminRole: string): Promise<Membership> {
    try {
        const m = await read();
        return {member: true, admin: m.scheme_admin === true || (m.roles ?? '').split(' ').includes(adminRole)};
    } catch (err) {
        const status = statusOf(err);
        if (status === 404) {
            return {member: false};
        }
        if (status === 403) {
            return 'unreadable';
        }
        throw err;
    }
}

/** model.IsValidId: ids from requests go into API paths only when they are ids. */
const isId = (s: string) => /^[A-Za-z0-9]{26}$/.test(s);

const NAME_FORMATS: readonly string[] = ['username', 'nickname_full_name', 'full_name'];

export function createMattermost(opts: MattermostOptions): Mattermost {
    const client = connect(opts.url, opts.botToken, opts.timeoutMs);
    const rest = restPool(opts);

    let botId: Promise<string> | undefined;
    const joined = new Set<string>();
    const now = opts.now ?? Date.now;
    const ttl = opts.profileTtlMs ?? 60_000;
    let nameFormat: {format: Promise<NameFormat | undefined>; until: number} | undefined;

    /**
     * TeammateNameDisplay from the client config: api4/config.go getClientConfig gives a session
     * (the bot's too) config.GenerateClientConfig, which carries it. Unreadable: undefined.
     */
    function teammateNameDisplay(): Promise<NameFormat | undefined> {
        if (nameFormat && nameFormat.until > now()) {
            return nameFormat.format; // one read in flight or done, for every lookup within the minute
        }
        const format = client.getClientConfig().then((config: Record<string, unknown>) => {
            const value = config.TeammateNameDisplay;
            return typeof value === 'string' && NAME_FORMATS.includes(value) ? value as NameFormat : undefined;
        }, () => undefined);
        nameFormat = {format, until: now() + ttl};
        return format;
    }

    const toProfile = (u: UserFields, format: NameFormat | undefined): Profile =>
        ({id: u.id, username: u.username, displayName: displayName(u, format), locale: u.locale ?? '', roles: u.roles ?? '', zone: userZone(u.timezone)});
    const profiles = profileCache({
        reader: userReader(rest), nameFormat: teammateNameDisplay, toProfile, ttlMs: ttl, max: MAX_PROFILES, now, onError: opts.onBackgroundError,
    });

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

        profile: (userId) => profiles.get(userId),

        prefetchChannel: (channelId) => (isId(channelId) ? profiles.prefetchChannel(channelId) : Promise.resolve(0)),

        async profileByUsername(username) {
            const hit = profiles.find((p) => p.username === username);
            if (hit) {
                return hit;
            }
            try {
                return await profiles.keep(await client.getUserByUsername(username));
            } catch (err) {
                if (statusOf(err) === 404) {
                    return undefined;
                }
                throw err;
            }
        },

        createPost(post) {
            return rest.call<Post>('POST', '/api/v4/posts', 'a new post', post);
        },

        async uploadFile(channelId, name, mimeType, content) {
            const form = new FormData();
            form.append('channel_id', channelId);
            form.append('files', new Blob([content], {type: mimeType}), name);
            try {
                const res = await client.uploadFile(form);
                return res.file_infos[0]?.id;
            } catch (err) {
                if (statusOf(err) === 403) {
                    return undefined;
                }
                throw err;
            }
        },

        async updatePost(postId, props) {
            try {
                // No `message` key: api4/post.go postPatchChecks refuses any patch carrying one past PostEditTimeLimit.
                await rest.call('PUT', `/api/v4/posts/${encodeURIComponent(postId)}/patch`, 'a post edit', {id: postId, props});
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

        async teamMembership(teamId, userId) {
            return isId(teamId) && isId(userId) ? membership(() => rest.call('GET', `/api/v4/teams/${teamId}/members/${userId}`, 'a team member'), 'team_admin') : {member: false};
        },

        async channelMembership(channelId, userId) {
            return isId(channelId) && isId(userId) ? membership(() => rest.call('GET', `/api/v4/channels/${channelId}/members/${userId}`, 'a channel member'), 'channel_admin') : {member: false};
        },

        async teamName(teamId) {
            if (!isId(teamId)) {
                return undefined;
            }
            try {
                return (await client.getTeam(teamId)).name;
            } catch (err) {
                const status = statusOf(err);
                if (status === 403 || status === 404) {
                    return undefined;
                }
                throw err;
            }
        },

        async channelInfo(channelId) {
            try {
                const c = await rest.call<{team_id?: string; type: string; display_name?: string}>('GET', `/api/v4/channels/${encodeURIComponent(channelId)}`, 'a channel');
                return {teamId: c.team_id ?? '', type: c.type, displayName: c.display_name ?? ''};
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
                const userId = await this.botUserId();
                await rest.call('POST', `/api/v4/channels/${encodeURIComponent(channelId)}/members`, 'joining a channel', {user_id: userId, channel_id: channelId, post_root_id: ''});
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
