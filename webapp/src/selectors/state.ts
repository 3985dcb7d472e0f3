// Reads from Mattermost's redux state, each with a safe fallback: the plugin must keep
// working across server versions whose state shape drifts.
import type {Post} from '@mattermost/types/posts';

import type {MattermostState} from '../types/mattermost';

function asState(state: unknown): MattermostState {
    return (state && typeof state === 'object' ? state : {}) as MattermostState;
}

function str(value: unknown): string {
    return typeof value === 'string' ? value : '';
}

/**
 * API base URL: where the webapp is served from plus its sub-path, as Mattermost's own
 * webapp does (utils/url.tsx getSiteURL). The configured SiteURL can name another origin
 * (a proxy, http vs https), and a request there is cross-origin and fails.
 */
export function getApiBaseUrl(): string {
    if (typeof window === 'undefined') {
        return '';
    }
    return (window.location.origin + str(window.basename)).replace(/\/+$/, '');
}

export function getCurrentTeamId(state: unknown): string {
    return str(asState(state).entities?.teams?.currentTeamId);
}

export function getCurrentChannelId(state: unknown): string {
    return str(asState(state).entities?.channels?.currentChannelId);
}

/**
 * The thread open in the right-hand sidebar, as a root id, if it belongs to channelId.
 * A thread from another channel (or one not loaded) must never become the root of a
 * meeting started here, so anything uncertain gives ''.
 */
export function getSelectedThreadRootId(state: unknown, channelId: string): string {
    const s = asState(state);
    const selected = str(s.views?.rhs?.selectedPostId);
    const post = selected ? s.entities?.posts?.posts?.[selected] : undefined;
    if (!post || str(post.channel_id) !== channelId) {
        return '';
    }
    return str(post.root_id) || selected;
}

/** The user's Mattermost language, for text shown outside React (e.g. the placeholder window). */
export function getCurrentLocale(state: unknown): string {
    const users = asState(state).entities?.users;
    const me = users?.profiles?.[str(users?.currentUserId)];
    return str(me?.locale) || 'en';
}

/** The user id of a loaded bot account's profile with this username, or '': a person with the name is not it. */
export function findBotIdByUsername(state: unknown, username: string): string {
    const profiles = asState(state).entities?.users?.profiles ?? {};
    for (const [id, profile] of Object.entries(profiles)) {
        if (profile && str(profile.username) === username && (profile as {is_bot?: unknown}).is_bot === true) {
            return str(profile.id) || id;
        }
    }
    return '';
}

export function getCurrentUserId(state: unknown): string {
    return str(asState(state).entities?.users?.currentUserId);
}

/** What the plugin needs of a channel from the store: its type ('O', 'P', 'D', 'G'), names and team. */
export function getChannelInfo(state: unknown, channelId: string): {type: string; displayName: string; name: string; teamId: string} | null {
    const channel = channelId ? asState(state).entities?.channels?.channels?.[channelId] : undefined;
    if (!channel || typeof channel !== 'object') {
        return null;
    }
    return {type: str(channel.type), displayName: str(channel.display_name), name: str(channel.name), teamId: str(channel.team_id)};
}

/**
 * The user's own status ('online', 'away', 'dnd', 'offline'), as mattermost-redux's
 * getStatusForUserId(state, getCurrentUserId(state)) reads it: state.entities.users.statuses
 * (selectors/entities/users.ts).
 */
export function getMyStatus(state: unknown): string {
    const users = asState(state).entities?.users;
    return str(users?.statuses?.[str(users?.currentUserId)]);
}

/**
 * A preference as mattermost-redux's get(state, category, name) reads it: myPreferences keyed
 * `${category}--${name}` (utils/preference_utils.ts getPreferenceKey); '' when unset.
 */
export function getPreferenceValue(state: unknown, category: string, name: string): string {
    return str(asState(state).entities?.preferences?.myPreferences?.[`${category}--${name}`]?.value);
}

export type CustomStatus = {emoji: string; text: string; duration: string; expires_at: string};

/**
 * The current user's custom status: a JSON string in the user's props under customStatus
 * (server model/custom_status.go UserPropsKeyCustomStatus), null when none or unreadable.
 */
export function getMyCustomStatus(state: unknown): CustomStatus | null {
    const users = asState(state).entities?.users;
    const raw = users?.profiles?.[str(users?.currentUserId)]?.props?.customStatus;
    if (typeof raw !== 'string' || !raw) {
        return null;
    }
    try {
        const parsed = JSON.parse(raw) as Partial<Record<keyof CustomStatus, unknown>>;
        return {emoji: str(parsed.emoji), text: str(parsed.text), duration: str(parsed.duration), expires_at: str(parsed.expires_at)};
    } catch {
        return null;
    }
}

/** A post the store holds, or undefined. */
export function getPost(state: unknown, postId: string): Partial<Post> | undefined {
    return postId ? asState(state).entities?.posts?.posts?.[postId] : undefined;
}

/** The loaded meeting card of a room, if any (the newest by creation time). */
export function findCardOfRoom(state: unknown, cardType: string, roomId: string): Partial<Post> | undefined {
    let found: Partial<Post> | undefined;
    for (const post of Object.values(asState(state).entities?.posts?.posts ?? {})) {
        const props = post?.props as Record<string, unknown> | undefined;
        if (post && post.type === cardType && props?.plugnmeet_room_id === roomId && (!found || (post.create_at ?? 0) > (found.create_at ?? 0))) {
            found = post;
        }
    }
    return found;
}

/**
 * The bot's reply in a card's thread saying its meeting ended (contracts/src/calls.ts
 * MeetingEndedProps), by the card's own author (only the bot's cards render), or undefined. In DMs
 * and GMs the bot cannot edit its card: this is how the card learns that the call is over.
 */
export function findEndedReply(state: unknown, card: Partial<Post> | null | undefined, roomId: string): Partial<Post> | undefined {
    const cardId = str(card?.id);
    const author = str(card?.user_id);
    if (!roomId || !cardId || !author) {
        return undefined;
    }
    const thread = str(card?.root_id) || cardId;
    for (const post of Object.values(asState(state).entities?.posts?.posts ?? {})) {
        const props = post?.props as Record<string, unknown> | undefined;
        if (post && post.user_id === author && post.root_id === thread && post.id !== cardId &&
            props?.plugnmeet_room_id === roomId && props?.meeting_status === 'ended') {
            return post;
        }
    }
    return undefined;
}

/** The current team's name (its URL part), as getCurrentTeam(state).name; '' when unknown. */
export function getCurrentTeamName(state: unknown): string {
    const s = asState(state);
    return str(s.entities?.teams?.teams?.[getCurrentTeamId(state)]?.name);
}
