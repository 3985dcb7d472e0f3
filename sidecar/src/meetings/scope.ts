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
    /** Private where the bot cannot read a channel that is not the caller's DM: it reads every public one of its teams. */
    type: ChannelType;
    /** The channel's name as people see it, where the bot can read the channel; '' otherwise. */
    displayName: string;
    /**
     * Every type the channel may be, each of which the policy must allow: `[type]` where the bot can
     * tell; private or group message where it cannot read the channel (a GM's name, 40 hex
     * characters, is one any member can give a private channel).
     */
    types: readonly ChannelType[];
}

const TYPES: Record<string, ChannelType> = {O: 'public', P: 'private', D: 'dm', G: 'gm'};

const CACHE_MS = 10 * 60_000;
const MAX_CACHED = 10_000;

/**
 * What an unreadable channel is taken for: a DM only when its name is the one Mattermost gives a DM
 * of the caller (model/channel.go GetDMNameFromIds: the two user ids, sorted, joined by `__`);
 * anything else may be a private channel or a group message (GetGroupNameFromUserIds: a sha1 in hex,
 * a name any member can give a private channel too), and must pass the rules of both, team included.
 */
function guessByName(channelName: string, callerId: string): Pick<Scope, 'kind' | 'type' | 'types'> {
    const dm = /^([a-z0-9]{26})__([a-z0-9]{26})$/.exec(channelName);
    if (dm && (dm[1] === callerId || dm[2] === callerId)) {
        return {kind: 'direct', type: 'dm', types: ['dm']};
    }
    return {kind: 'team', type: 'private', types: ['private', 'gm']};
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
        async resolve(r: {channelId: string; teamId: string; channelName: string; userId: string}): Promise<Scope> {
            const info = await channelInfo(r.channelId);
            if (!info) {
                return {channelId: r.channelId, teamId: r.teamId, ...guessByName(r.channelName, r.userId), displayName: ''};
            }
            const type = TYPES[info.type] ?? 'private';
            const kind: ChannelKind = type === 'dm' || type === 'gm' ? 'direct' : 'team';
            if (kind === 'team' && info.teamId !== r.teamId) {
                throw new UserError('plugnmeet.reply.other_team');
            }
            return {channelId: r.channelId, teamId: r.teamId, kind, type, types: [type], displayName: info.displayName};
        },

        /** The channel as the bot reads it (cached): undefined where it cannot. */
        channelInfo,

        /**
         * A planned meeting's scope at its start: the channel as the bot reads it now, else what it
         * was taken for when planned (a DM only when it was the planner's DM: see guessByName).
         * Refused as `resolve` refuses.
         */
        async ofPlanned(p: {channelId: string; teamId: string; channelType: ChannelType | ''}): Promise<Scope> {
            const info = await channelInfo(p.channelId);
            if (!info) {
                const dm = p.channelType === 'dm' || (!p.channelType && !p.teamId);
                return dm
                    ? {channelId: p.channelId, teamId: p.teamId, kind: 'direct', type: 'dm', types: ['dm'], displayName: ''}
                    : {channelId: p.channelId, teamId: p.teamId, kind: 'team', type: 'private', types: ['private', 'gm'], displayName: ''};
            }
            const type = TYPES[info.type] ?? 'private';
            const kind: ChannelKind = type === 'dm' || type === 'gm' ? 'direct' : 'team';
            if (kind === 'team' && info.teamId !== p.teamId) {
                throw new UserError('plugnmeet.reply.other_team');
            }
            return {channelId: p.channelId, teamId: p.teamId, kind, type, types: [type], displayName: info.displayName};
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
