// Channels: seeding (open, private, DM, GM; read-only by moderation), membership and channel admins,
// channel JSON, reading a channel, reading and adding members, archiving (api4/channel.go). Who may
// read or post: permissions.ts.
import { randomBytes } from 'node:crypto';
import type { MmChannel, MmUser } from './types.js';
import type { MmState } from './state.js';
import type { Reply, Route } from './route.js';
import { AppError, channelNotFound, forbidden, invalidBody, teamNotFound } from './errors.js';
import { newId } from './model.js';
import { canRead, canReadChannel, canSeeUser, channelMemberRoles, isAdmin, isGuest, isMember, isTeamMember } from './permissions.js';

export type NewChannel = { type: MmChannel['type']; name?: string; display_name?: string; members?: string[]; team_id?: string; readOnly?: boolean };

// ---- seeding (FakeMattermost.addChannel, addMember, setChannelAdmin, archive)

const memberKey = (channelId: string, userId: string) => `${channelId}/${userId}`;

/** A channel member as if added earlier (a guest as a scheme guest: channel_guest). */
export function addMember(s: MmState, channelId: string, userId: string): void {
  if (!s.channels.has(channelId)) throw new Error(`fake mattermost: no channel ${channelId}`);
  if (!s.users.has(userId)) throw new Error(`fake mattermost: no user ${userId}`);
  const members = s.members.get(channelId)!;
  if (!members.has(userId)) s.channelMemberUpdateAt.set(memberKey(channelId, userId), s.now()); // ChannelMember.PreSave
  members.add(userId);
}

/** Seeds a channel admin (scheme_admin); the user must be a member, and not a guest (UpdateChannelMemberSchemeRoles). */
export function setChannelAdmin(s: MmState, channelId: string, userId: string, admin = true): void {
  if (!isMember(s, channelId, userId)) throw new Error(`fake mattermost: ${userId} is not a member of channel ${channelId}`);
  if (admin && isGuest(s.users.get(userId)!)) {
    throw new Error('fake mattermost: a guest cannot be a channel admin (api.channel.update_channel_member_roles.guest.app_error)');
  }
  const admins = s.channelAdmins.get(channelId) ?? new Set<string>();
  if (admin) admins.add(userId);
  else admins.delete(userId);
  s.channelAdmins.set(channelId, admins);
  s.channelMemberUpdateAt.set(memberKey(channelId, userId), s.now()); // ChannelMember.PreUpdate
}

/** team_id defaults to the default team (ignored for D and G). */
export function addChannel(s: MmState, c: NewChannel): MmChannel {
  const id = newId();
  const ids = c.members ?? [];
  const isDirect = c.type === 'D' || c.type === 'G';
  if (c.type === 'D' && ids.length !== 2) throw new Error('fake mattermost: a DM needs exactly 2 members');
  if (!isDirect && c.team_id !== undefined && !s.teams.has(c.team_id)) throw new Error(`fake mattermost: no team ${c.team_id}`);
  const name = c.name ?? (c.type === 'D' ? [...ids].sort().join('__') : c.type === 'G' ? randomBytes(20).toString('hex') : `channel-${id.slice(0, 6)}`);
  const ch: MmChannel = { id, team_id: isDirect ? '' : (c.team_id ?? s.defaultTeam.id), name, display_name: c.display_name ?? name, type: c.type };
  if (c.readOnly) ch.read_only = true;
  s.channels.set(id, ch);
  s.members.set(id, new Set());
  for (const u of ids) addMember(s, id, u);
  return ch;
}

/** Archives a channel (delete_at set), as DELETE /channels/{id} does. */
export function archive(s: MmState, channelId: string): void {
  const ch = s.channels.get(channelId);
  if (!ch) throw new Error(`fake mattermost: no channel ${channelId}`);
  ch.delete_at = s.now();
}

// ---- REST

function channelJson(ch: MmChannel): Record<string, unknown> {
  const { read_only: _ro, ...fields } = ch; // moderation lives in the channel's scheme, not in the channel JSON
  return {
    ...fields, create_at: 0, update_at: 0, delete_at: ch.delete_at ?? 0, header: '', purpose: '', last_post_at: 0,
    total_msg_count: 0, extra_update_at: 0, creator_id: '', group_constrained: null, shared: false,
  };
}

/** model.GetDefaultChannelNotifyProps: what a new channel member starts with. */
const DEFAULT_NOTIFY_PROPS = {
  desktop: 'default', mark_unread: 'all', push: 'default', email: 'default', ignore_channel_mentions: 'default', channel_auto_follow_threads: 'off',
};

/**
 * model.ChannelMember as the store answers it (channel_store.go ToModel: roles = explicit roles, then
 * the scheme roles), after SanitizeForCurrentUser: another user's last_viewed_at and last_update_at
 * are left out (MarshalJSON omits the sanitized sentinel).
 */
function channelMemberJson(s: MmState, channelId: string, userId: string, me: MmUser): Record<string, unknown> {
  const { roles, scheme_guest, scheme_user, scheme_admin, explicit_roles } = channelMemberRoles(s, channelId, userId);
  const own = userId === me.id ? { last_viewed_at: 0, last_update_at: s.channelMemberUpdateAt.get(memberKey(channelId, userId)) ?? 0 } : {};
  return {
    channel_id: channelId, user_id: userId, roles, ...own, msg_count: 0, mention_count: 0, mention_count_root: 0,
    urgent_mention_count: 0, msg_count_root: 0, notify_props: { ...DEFAULT_NOTIFY_PROPS }, scheme_guest, scheme_user, scheme_admin,
    explicit_roles, autotranslation_disabled: false,
  };
}

/**
 * getChannelMember (api4/channel.go): SessionHasPermissionToChannel(read_channel) first (permissions.ts
 * canReadChannel: channel members and system admins; not a team member outside the channel, public
 * channel or not; an unknown channel is a 403 too), then App.GetChannelMember: 404
 * app.channel.get_member.missing.app_error when the user is not a member.
 */
function getChannelMember(s: MmState, channelId: string, userId: string, me: MmUser): Reply {
  if (!canReadChannel(s, s.channels.get(channelId), me)) throw forbidden('read_channel');
  if (!isMember(s, channelId, userId)) {
    throw new AppError(404, 'app.channel.get_member.missing.app_error', 'No channel member found for that user ID and channel ID.');
  }
  return { status: 200, json: channelMemberJson(s, channelId, userId, me) };
}

/**
 * addChannelMember (api4/channel.go) + App.AddUserToChannel. A guest session needs read_channel and to
 * see the user (UserCanSeeOtherUser). Public channel: adding yourself needs join_public_channels
 * (team_user; not team_guest), and is always allowed when you are a member already; adding someone
 * else needs manage_public_channel_members (channel_user; not channel_guest). Private channel:
 * manage_private_channel_members (channel_user) for anybody. The user must be a member of the
 * channel's team (404 app.team.get_member.missing.app_error). The answer is the new (or existing)
 * member, sanitized for the caller.
 */
function addChannelMember(s: MmState, channelId: string, body: unknown, me: MmUser): Reply {
  const userId = (body as any)?.user_id;
  if (typeof userId !== 'string' || userId === '') throw invalidBody('user_id');
  const ch = s.channels.get(channelId);
  if (!ch) throw channelNotFound();
  if (isGuest(me)) {
    if (!canReadChannel(s, ch, me)) throw forbidden('read_channel');
    if (!canSeeUser(s, me, userId)) throw forbidden('invite_user');
  }
  if (ch.type === 'D' || ch.type === 'G') {
    throw new AppError(400, 'api.channel.add_user_to_channel.type.app_error', 'Can not add user to this channel type.');
  }
  const self = userId === me.id;
  const channelUser = isMember(s, ch.id, me.id) && !isGuest(me); // channel_user: manage_*_channel_members
  if (ch.type === 'P' && !(isAdmin(me) || channelUser)) forbiddenMember(ch);
  if (ch.type === 'O') {
    const joinAllowed = isAdmin(me) || (isTeamMember(s, ch.team_id, me.id) && !isGuest(me)); // join_public_channels
    if (self && isMember(s, ch.id, me.id)) return { status: 201, json: channelMemberJson(s, ch.id, userId, me) };
    if (self && !joinAllowed) throw forbidden('join_public_channels');
    if (!self && !(isAdmin(me) || channelUser)) forbiddenMember(ch);
  }
  if (!s.users.has(userId)) throw new AppError(404, 'app.user.missing_account.const', 'Unable to find the user.');
  if (!isTeamMember(s, ch.team_id, userId)) {
    throw new AppError(404, 'app.team.get_member.missing.app_error', 'No team member found for that user ID and team ID.');
  }
  addMember(s, ch.id, userId);
  return { status: 201, json: channelMemberJson(s, ch.id, userId, me) };
}

function forbiddenMember(ch: MmChannel): never {
  throw forbidden(ch.type === 'O' ? 'manage_public_channel_members' : 'manage_private_channel_members');
}

export function channelRoutes(s: MmState): Route[] {
  return [
    {
      method: 'GET', re: /^\/api\/v4\/channels\/([a-z0-9]{26})$/,
      run: (m, _b, { me }) => {
        const ch = s.channels.get(m[1]!);
        if (!ch) throw channelNotFound();
        if (!canRead(s, ch, me)) throw forbidden('read_channel');
        return { status: 200, json: channelJson(ch) };
      },
    },
    {
      // api4/channel.go getChannelByNameForTeamName: a public channel needs read_public_channel in its
      // team or read_channel (else 403); any other channel read_channel, else 404 as if it did not exist.
      method: 'GET', re: /^\/api\/v4\/teams\/name\/([^/?]+)\/channels\/name\/([^/?]+)$/,
      run: (m, _b, { me }) => {
        const team = [...s.teams.values()].find((t) => t.name === decodeURIComponent(m[1]!));
        if (!team) throw teamNotFound();
        const ch = [...s.channels.values()].find((c) => c.team_id === team.id && c.name === decodeURIComponent(m[2]!) && !c.delete_at); // include_deleted=false
        if (!ch) throw channelNotFound();
        if (ch.type === 'O' ? !canRead(s, ch, me) : !canReadChannel(s, ch, me)) {
          if (ch.type === 'O') throw forbidden('read_public_channel');
          throw new AppError(404, 'app.channel.get_by_name.missing.app_error', 'Channel does not exist.');
        }
        return { status: 200, json: channelJson(ch) };
      },
    },
    { method: 'POST', re: /^\/api\/v4\/channels\/([a-z0-9]{26})\/members$/, needsBody: true, run: (m, b, c) => addChannelMember(s, m[1]!, b, c.me) },
    { method: 'GET', re: /^\/api\/v4\/channels\/([a-z0-9]{26})\/members\/([a-z0-9]{26})$/, run: (m, _b, c) => getChannelMember(s, m[1]!, m[2]!, c.me) },
  ];
}
