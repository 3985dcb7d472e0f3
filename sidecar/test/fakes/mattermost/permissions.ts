// Who may do what: system roles (model/role.go), team membership and channel membership and
// moderation, as the permission checks of app/authorization.go see them.
import type { MmChannel, MmUser } from './types.js';
import type { MmState } from './state.js';

export const hasRole = (u: MmUser, role: string) => u.roles.split(/\s+/).includes(role);
export const isAdmin = (u: MmUser) => hasRole(u, 'system_admin');
export const isBotUser = (s: MmState, u: MmUser) => s.bots.has(u.id);
export const isMember = (s: MmState, channelId: string, userId: string) => s.members.get(channelId)?.has(userId) ?? false;
export const isTeamMember = (s: Pick<MmState, 'teamMembers'>, teamId: string, userId: string) =>
  s.teamMembers.get(teamId)?.has(userId) ?? false;

// read_public_channel comes from team_user: public channels are readable by the channel's team
export const canRead = (s: MmState, ch: MmChannel, u: MmUser) =>
  isMember(s, ch.id, u.id) || (ch.type === 'O' && isTeamMember(s, ch.team_id, u.id)) || isAdmin(u);

// team-scoped permissions: team_user (membership) gives view_team and add_user_to_team; the
// slash-command ones are only in team_admin / system_admin, which the fake models as system_admin
export const canViewTeam = (s: MmState, tid: string, u: MmUser) => isAdmin(u) || isTeamMember(s, tid, u.id);
export const canManageCommands = (_tid: string, u: MmUser) => isAdmin(u);

/**
 * app/authorization.go SessionHasPermissionToChannel(create_post) + api4/post_utils.go
 * userCreatePostPermissionCheckWithContext: channel_user grants it to members unless channel
 * moderation took it away (read_only); manage_system and system_post_all grant it everywhere,
 * moderated channels included (system roles are checked after the channel's); system_post_all_public
 * (create_post_public) in public channels.
 */
export const canCreatePost = (s: MmState, ch: MmChannel, u: MmUser) => isAdmin(u) || hasRole(u, 'system_post_all') ||
  (isMember(s, ch.id, u.id) && !ch.read_only) || (ch.type === 'O' && hasRole(u, 'system_post_all_public'));

/** edit_post (own) is in channel_user: members; edit_others_posts only in admin roles (model/role.go). */
export const canEditPost = (s: MmState, ch: MmChannel, u: MmUser, own: boolean) => isAdmin(u) || (own && isMember(s, ch.id, u.id));
