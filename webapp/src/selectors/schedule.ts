// What scheduled meetings read from Mattermost's redux state: the current user's time zone and
// whether they may cancel a planned meeting. Each read is defensive, as in selectors/state.ts.
import {pickTimeZone} from '../utils/time_zone';

type Rec = Record<string, unknown>;

const rec = (value: unknown): Rec => (value && typeof value === 'object' && !Array.isArray(value) ? value as Rec : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function currentUser(state: unknown): Rec {
    const users = rec(rec(rec(state).entities).users);
    return rec(rec(users.profiles)[str(users.currentUserId)]);
}

/**
 * The zone Mattermost keeps for a user (model.User.Timezone, `useAutomaticTimezone` a string):
 * the automatic one when `useAutomaticTimezone` is 'true', else the manual one, as
 * mattermost-redux's getCurrentTimezone does (selectors/entities/timezone.ts with
 * utils/timezone_utils.ts getUserCurrentTimezone). Like the sidecar (userZone in
 * sidecar/src/meetings/schedules/when.ts), an empty manual zone falls back to the automatic one,
 * so the dialog reads a time as the sidecar will; '' when the profile names none.
 */
export function userTimeZone(timezone: unknown): string {
    const tz = rec(timezone);
    const automatic = tz.useAutomaticTimezone === true || tz.useAutomaticTimezone === 'true';
    return str(automatic ? tz.automaticTimezone : tz.manualTimezone) || str(tz.automaticTimezone);
}

/** The current user's Mattermost time zone; the browser's when the profile has none (or one this browser does not know). */
export function getCurrentTimeZone(state: unknown): string {
    return pickTimeZone(userTimeZone(currentUser(state).timezone));
}

const hasRole = (roles: unknown, role: string) => str(roles).split(/\s+/).includes(role);

/**
 * Whether to offer Cancel on a scheduled card: to the person who planned it and to admins (system,
 * the team's or the channel's, as the roles in the state say: entities.users.profiles[me].roles,
 * entities.teams.myMembers[team].roles, entities.channels.myMembers[channel].roles). The sidecar
 * decides; this only keeps the button away from people it would refuse.
 */
export function mayCancelSchedule(state: unknown, {creatorId, channelId, teamId}: {creatorId: string; channelId: string; teamId: string}): boolean {
    const entities = rec(rec(state).entities);
    const me = str(rec(entities.users).currentUserId);
    if (!me) {
        return false;
    }
    if (creatorId && creatorId === me) {
        return true;
    }
    const channelRoles = channelId ? rec(rec(rec(entities.channels).myMembers)[channelId]).roles : '';
    const teamRoles = teamId ? rec(rec(rec(entities.teams).myMembers)[teamId]).roles : '';
    return hasRole(currentUser(state).roles, 'system_admin') || hasRole(teamRoles, 'team_admin') || hasRole(channelRoles, 'channel_admin');
}
