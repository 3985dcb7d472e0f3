// Which team a request may act in. A command's token is its team's; the channel it names must be
// of that team too, where the bot can tell: it reads public channels and channels it is in. It
// cannot read private channels and DMs it is not in (system_post_all grants create_post, not
// read_channel); there the address check stands in: Mattermost itself only sends a command for a
// channel the user may post in.
import type {ChannelType} from '../config/policy.js';
import type {ChannelInfo, Mattermost} from '../mattermost/bot.js';
import type {Meeting} from '../store/store.js';
import {expiringMap} from '../shared/expiring-map.js';
import {UserError} from './errors.js';

export type ChannelKind = 'direct' | 'team';

export interface Scope {
    channelId: string;
    /** The team the request names (DMs and GMs: the user's current team). */
    teamId: string;
    /** Direct and group messages belong to no team. */
    kind: ChannelKind;
    /** Private where the bot cannot read a channel that is not a DM or GM: it reads every public one of its teams. */
    type: ChannelType;
}

const TYPES: Record<string, ChannelType> = {O: 'public', P: 'private', D: 'dm', G: 'gm'};

const CACHE_MS = 10 * 60_000;
const MAX_CACHED = 10_000;

/** Mattermost names DMs `<user id>__<user id>` and group messages with 40 hex characters. */
function typeByName(channelName: string): ChannelType {
    if (channelName.includes('__')) {
        return 'dm';
    }
    return /^[a-f0-9]{40}$/.test(channelName) ? 'gm' : 'private';
}

export function createScopes(mattermost: Pick<Mattermost, 'channelInfo'>, now: () => number = Date.now) {
    // "Unreadable" (undefined) is remembered too: the bot's rights change as seldom as a channel's team.
    const cache = expiringMap<ChannelInfo | undefined>({ttlMs: CACHE_MS, max: MAX_CACHED, now});

    async function channelInfo(channelId: string): Promise<ChannelInfo | undefined> {
        const hit = cache.get(channelId);
        if (hit?.fresh) {
            return hit.value;
        }
        const info = await mattermost.channelInfo(channelId);
        cache.set(channelId, info);
        return info;
    }

    return {
        /** The request's scope; refused when the bot can see that the channel is another team's. */
        async resolve(r: {channelId: string; teamId: string; channelName: string}): Promise<Scope> {
            const info = await channelInfo(r.channelId);
            const type = info ? (TYPES[info.type] ?? 'private') : typeByName(r.channelName);
            const kind: ChannelKind = type === 'dm' || type === 'gm' ? 'direct' : 'team';
            if (info && kind === 'team' && info.teamId !== r.teamId) {
                throw new UserError('plugnmeet.reply.other_team');
            }
            return {channelId: r.channelId, teamId: r.teamId, kind, type};
        },
    };
}

export type Scopes = ReturnType<typeof createScopes>;

/** A meeting is its team's: one of another team (outside DMs and GMs) is refused. */
export function assertSameTeam(meeting: Pick<Meeting, 'teamId'>, scope: Scope): void {
    if (scope.kind === 'team' && meeting.teamId !== '' && meeting.teamId !== scope.teamId) {
        throw new UserError('plugnmeet.reply.other_team');
    }
}

/** The team a new meeting remembers: none for DMs and GMs, which people reach from any team. */
export const meetingTeam = (scope: Scope) => (scope.kind === 'direct' ? '' : scope.teamId);
