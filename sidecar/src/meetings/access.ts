// Who may start a meeting where, and who joins as moderator, by the admin's policy. Enforced here,
// for every way in (typed command, call button, options dialog, the card's buttons on web and
// mobile): the webapp only shows what this decides. Roles come from Mattermost's REST API as the
// bot reads them: system roles with the person's profile, team and channel admins from their
// membership (looked up only when the policy asks, kept a minute).
import type {ChannelType, Policy, StartLevel} from '../config/policy.js';
import type {ChannelInfo, Mattermost, Membership} from '../mattermost/bot.js';
import type {Meeting} from '../store/store.js';
import {expiringMap} from '../shared/expiring-map.js';
import {UserError} from './errors.js';
import type {MessageId} from './i18n.js';
import {isGuest, isSystemAdmin, type Person} from './people.js';
import type {Scope} from './scope.js';

const ROLE_TTL_MS = 60_000;
const MAX_CACHED = 10_000;

const TYPE_NAMES: Record<ChannelType, MessageId> = {
    public: 'plugnmeet.policy.type_public',
    private: 'plugnmeet.policy.type_private',
    dm: 'plugnmeet.policy.type_dm',
    gm: 'plugnmeet.policy.type_gm',
};
const LEVEL_NAMES: Record<Exclude<StartLevel, 'everyone'>, MessageId> = {
    channel_admins: 'plugnmeet.policy.level_channel_admins',
    team_admins: 'plugnmeet.policy.level_team_admins',
    system_admins: 'plugnmeet.policy.level_system_admins',
};

/** Where a start is asked for: the scope, and the team's name when the request carries it. */
export interface StartPlace {
    scope: Scope;
    teamName?: string;
}

type Reads = Pick<Mattermost, 'teamMembership' | 'channelMembership' | 'teamName' | 'joinChannel'>;

export function createAccess(mattermost: Reads, now: () => number = Date.now) {
    const memberships = expiringMap<Membership>({ttlMs: ROLE_TTL_MS, max: MAX_CACHED, now});
    const teamNames = expiringMap<string | undefined>({ttlMs: 10 * ROLE_TTL_MS, max: MAX_CACHED, now});

    async function cached(key: string, read: () => Promise<Membership>): Promise<Membership> {
        const hit = memberships.get(key);
        if (hit?.fresh) {
            return hit.value;
        }
        // Mattermost not answering reads as "cannot tell": nobody is made admin for want of an answer.
        const m = await read().catch((): Membership => 'unreadable');
        memberships.set(key, m);
        return m;
    }
    const teamMember = (teamId: string, userId: string) => cached(`t:${teamId}:${userId}`, () => mattermost.teamMembership(teamId, userId));
    // Reading a member needs read_channel (api4/channel.go getChannelMember): in a public channel the
    // bot joins first, as it does to post its card; private channels it cannot join stay unreadable.
    const channelMember = (channelId: string, userId: string, type: ChannelType) => cached(`c:${channelId}:${userId}`, async () => {
        const first = await mattermost.channelMembership(channelId, userId);
        return first === 'unreadable' && type === 'public' && (await mattermost.joinChannel(channelId, {again: true})) ?
            mattermost.channelMembership(channelId, userId) : first;
    });
    const isAdmin = (m: Membership) => m !== 'unreadable' && m.member && m.admin;

    async function teamAllowed(policy: Policy, place: StartPlace): Promise<boolean> {
        if (policy.allowedTeams.length === 0 || place.scope.kind === 'direct') {
            return true; // DMs and GMs belong to no team: MEETINGS_ALLOWED_CHANNEL_TYPES governs them
        }
        const {teamId} = place.scope;
        if (policy.allowedTeams.includes(teamId)) {
            return true;
        }
        let name = place.teamName;
        if (!name) {
            const hit = teamNames.get(teamId);
            name = hit?.fresh ? hit.value : await mattermost.teamName(teamId).catch(() => undefined);
            teamNames.set(teamId, name);
        }
        return name !== undefined && policy.allowedTeams.some((t) => t.toLowerCase() === name.toLowerCase());
    }

    /**
     * Whether the person holds `level` here: a system admin holds every level; a team admin (of the
     * request's team) team_admins and channel_admins; a channel admin channel_admins. `unsure`: a
     * membership the bot could not read (a private channel it is not in).
     */
    async function holds(level: StartLevel, person: Person, scope: Scope): Promise<{ok: boolean; unsure: boolean}> {
        if (level === 'everyone' || isSystemAdmin(person)) {
            return {ok: true, unsure: false};
        }
        if (level === 'system_admins') {
            return {ok: false, unsure: false};
        }
        const team = scope.teamId ? await teamMember(scope.teamId, person.userId) : {member: false as const};
        if (isAdmin(team)) {
            return {ok: true, unsure: false};
        }
        if (level === 'team_admins' || scope.kind === 'direct') {
            return {ok: false, unsure: team === 'unreadable'};
        }
        const channel = await channelMember(scope.channelId, person.userId, scope.type);
        return {ok: isAdmin(channel), unsure: channel === 'unreadable'};
    }

    return {
        holds,

        /**
         * Whether the person can read the channel of a team meeting: a public channel of a team they
         * are in, or a channel they are a member of; for a guest, only a channel they are a member of
         * (Mattermost shows guests no other channel, public ones included). `info`: the channel as
         * the bot reads it (the caller's cache); undefined where it cannot, which counts as unreadable.
         */
        async canRead(info: ChannelInfo | undefined, channelId: string, teamId: string, person: Person): Promise<boolean> {
            if (!info || info.teamId !== teamId) {
                return false;
            }
            const m = info.type === 'O' && !isGuest(person) ?
                await teamMember(teamId, person.userId) :
                await channelMember(channelId, person.userId, info.type === 'O' ? 'public' : 'private');
            return m !== 'unreadable' && m.member;
        },

        /** Throws the refusal, in words the person can act on, when the policy does not let them start here. */
        async assertMayStart(person: Person, place: StartPlace, policy: Policy): Promise<void> {
            const {scope} = place;
            if (!person.known) {
                throw new UserError('plugnmeet.policy.roles_unknown');
            }
            if (isGuest(person)) {
                throw new UserError('plugnmeet.policy.guest');
            }
            if (!(await teamAllowed(policy, place))) {
                throw new UserError('plugnmeet.policy.team');
            }
            // A channel the bot cannot read may be of more than one type: each must be allowed.
            const denied = scope.types.find((type) => !policy.allowedChannelTypes.includes(type));
            if (denied) {
                throw new UserError(scope.types.length > 1 ? 'plugnmeet.policy.channel_type_unsure' : 'plugnmeet.policy.channel_type', {type: {id: TYPE_NAMES[denied]}});
            }
            if (policy.deniedChannels.includes(scope.channelId) ||
                (policy.allowedChannels.length > 0 && !policy.allowedChannels.includes(scope.channelId))) {
                throw new UserError('plugnmeet.policy.channel');
            }
            if (policy.whoCanStart !== 'everyone') {
                const {ok, unsure} = await holds(policy.whoCanStart, person, scope);
                if (!ok) {
                    throw new UserError(unsure ? 'plugnmeet.policy.who_can_start_unsure' : 'plugnmeet.policy.who_can_start', {who: {id: LEVEL_NAMES[policy.whoCanStart]}});
                }
            }
        },

        /**
         * Whether the person joins this meeting as moderator: the roles MEETINGS_MODERATORS names.
         * Guests never are; a role that cannot be read counts as not held.
         */
        async isModerator(meeting: Pick<Meeting, 'creatorId' | 'teamId' | 'channelId'>, person: Person, policy: Policy): Promise<boolean> {
            if (isGuest(person)) {
                return false;
            }
            const roles = policy.moderators;
            if (roles.includes('starter') && person.userId === meeting.creatorId) {
                return true;
            }
            if (roles.includes('system_admins') && isSystemAdmin(person)) {
                return true;
            }
            // A meeting of a DM or GM remembers no team and its channel has no admins.
            if (meeting.teamId === '') {
                return false;
            }
            if (roles.includes('team_admins') && isAdmin(await teamMember(meeting.teamId, person.userId))) {
                return true;
            }
            return roles.includes('channel_admins') && isAdmin(await channelMember(meeting.channelId, person.userId, 'public')); // a private channel refuses the join
        },
    };
}

export type Access = ReturnType<typeof createAccess>;
