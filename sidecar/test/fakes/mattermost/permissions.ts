// Who may do what: system roles (model/role.go), team membership and channel membership and
// moderation, as the permission checks of app/authorization.go see them; and the roles a team or
// channel member carries (store/sqlstore team_store.go / channel_store.go ToModel).
import type { MmChannel, MmUser } from './types.js';
import type { MmState } from './state.js';

export const hasRole = (u: MmUser, role: string) => u.roles.split(/\s+/).includes(role);
export const isAdmin = (u: MmUser) => hasRole(u, 'system_admin');
/** model/user.go IsGuest: the system_guest role. Guests join teams and channels as scheme guests. */
export const isGuest = (u: MmUser) => hasRole(u, 'system_guest');
export const isBotUser = (s: MmState, u: MmUser) => s.bots.has(u.id);
export const isMember = (s: MmState, channelId: string, userId: string) => s.members.get(channelId)?.has(userId) ?? false;
export const isTeamMember = (s: Pick<MmState, 'teamMembers'>, teamId: string, userId: string) =>
  s.teamMembers.get(teamId)?.has(userId) ?? false;
/** scheme_admin of the channel member (seeded with setChannelAdmin). */
export const isChannelAdmin = (s: MmState, channelId: string, userId: string) =>
  isMember(s, channelId, userId) && (s.channelAdmins.get(channelId)?.has(userId) ?? false);
/** scheme_admin of the team member (seeded with setTeamAdmin). */
export const isTeamAdmin = (s: MmState, teamId: string, userId: string) =>
  isTeamMember(s, teamId, userId) && (s.teamAdmins.get(teamId)?.has(userId) ?? false);

const guestOf = (s: MmState, userId: string) => {
  const u = s.users.get(userId);
  return u ? isGuest(u) : false;
};

/**
 * A member's roles as the store answers them (team_store.go / channel_store.go ToModel, getTeamRoles /
 * getChannelRoles): the explicit roles (none here), then the scheme roles in the order guest, user,
 * admin. A guest is a scheme guest only (app/channel.go UpdateChannelMemberSchemeRoles refuses to make
 * a guest an admin); everybody else is a scheme user, and an admin a scheme user and admin.
 */
function memberRoles(prefix: 'team' | 'channel', guest: boolean, admin: boolean) {
  const scheme = { scheme_guest: guest, scheme_user: !guest, scheme_admin: !guest && admin };
  const roles = [scheme.scheme_guest && `${prefix}_guest`, scheme.scheme_user && `${prefix}_user`, scheme.scheme_admin && `${prefix}_admin`].filter(Boolean);
  return { roles: roles.join(' '), ...scheme, explicit_roles: '' };
}
export const channelMemberRoles = (s: MmState, channelId: string, userId: string) =>
  memberRoles('channel', guestOf(s, userId), isChannelAdmin(s, channelId, userId));
export const teamMemberRoles = (s: MmState, teamId: string, userId: string) =>
  memberRoles('team', guestOf(s, userId), isTeamAdmin(s, teamId, userId));

/**
 * read_public_channel comes from team_user: public channels are readable by the channel's team
 * (app/authorization.go HasPermissionToReadChannel). team_guest has only view_team, so a guest reads
 * the channels they are a member of and no others.
 */
export const canRead = (s: MmState, ch: MmChannel, u: MmUser) =>
  isMember(s, ch.id, u.id) || (ch.type === 'O' && isTeamMember(s, ch.team_id, u.id) && !isGuest(u)) || isAdmin(u);

/**
 * SessionHasPermissionToChannel(read_channel) (app/authorization.go): the member's channel roles
 * (channel_user and channel_guest have read_channel), then manage_system, then the team roles, then
 * the system roles. read_channel is in no team role (team_user has read_public_channel, not
 * read_channel: model/role.go MakeDefaultRoles), so a team member who is not in the channel is refused
 * even for a public channel; so is everybody for a DM or GM they are not in. An unknown channel too.
 */
export const canReadChannel = (s: MmState, ch: MmChannel | undefined, u: MmUser) => !!ch && (isMember(s, ch.id, u.id) || isAdmin(u));

// team-scoped permissions: team_user and team_guest (membership) give view_team; team_user gives
// add_user_to_team and invite_user; team_admin and system_admin give manage_team and the
// slash-command permissions (manage_own / manage_others_slash_commands)
export const canViewTeam = (s: MmState, tid: string, u: MmUser) => isAdmin(u) || isTeamMember(s, tid, u.id);
export const canManageTeam = (s: MmState, tid: string, u: MmUser) => isAdmin(u) || isTeamAdmin(s, tid, u.id);
export const canManageCommands = (s: MmState, tid: string, u: MmUser) => canManageTeam(s, tid, u);
export const canInviteToTeam = (s: MmState, tid: string, u: MmUser) => isAdmin(u) || (isTeamMember(s, tid, u.id) && !isGuest(u));

/**
 * app/user.go UserCanSeeOtherUser + GetViewUsersRestrictions: view_members (system_user and
 * system_admin have it) sees everybody; anybody else (a guest) only the users who share one of their
 * channels (team_guest has no view_members, so no team counts).
 */
export function canSeeUser(s: MmState, me: MmUser, otherId: string): boolean {
  if (me.id === otherId || hasRole(me, 'system_user') || isAdmin(me)) return true;
  return [...s.members.values()].some((m) => m.has(me.id) && m.has(otherId));
}

/**
 * app/authorization.go SessionHasPermissionToChannel(create_post) + api4/post_utils.go
 * userCreatePostPermissionCheckWithContext: channel_user (and channel_guest) grant it to members unless
 * channel moderation took it away (read_only); manage_system and system_post_all grant it everywhere,
 * moderated channels included (system roles are checked after the channel's); system_post_all_public
 * (create_post_public) in public channels.
 */
export const canCreatePost = (s: MmState, ch: MmChannel, u: MmUser) => isAdmin(u) || hasRole(u, 'system_post_all') ||
  (isMember(s, ch.id, u.id) && !ch.read_only) || (ch.type === 'O' && hasRole(u, 'system_post_all_public'));

/** edit_post (own) is in channel_user and channel_guest: members; edit_others_posts only in admin roles (model/role.go). */
export const canEditPost = (s: MmState, ch: MmChannel, u: MmUser, own: boolean) => isAdmin(u) || (own && isMember(s, ch.id, u.id));

/**
 * delete_post is in channel_user and team_admin, not in channel_guest; delete_others_posts in
 * team_admin and system_admin (model/role.go). The channel check falls back to the team roles.
 */
export const canDeletePost = (s: MmState, ch: MmChannel, u: MmUser, own: boolean) => isAdmin(u) || isTeamAdmin(s, ch.team_id, u.id) ||
  (own && isMember(s, ch.id, u.id) && !isGuest(u));
