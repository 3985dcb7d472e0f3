// Reads from Mattermost's redux state, each with a safe fallback: the plugin must keep
// working across server versions whose state shape drifts.
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

/** The user id of a loaded profile with this username, or ''. */
export function findUserIdByUsername(state: unknown, username: string): string {
    const profiles = asState(state).entities?.users?.profiles ?? {};
    for (const [id, profile] of Object.entries(profiles)) {
        if (profile && str(profile.username) === username) {
            return str(profile.id) || id;
        }
    }
    return '';
}
