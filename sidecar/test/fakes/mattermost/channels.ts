// Channels: seeding (open, private, DM, GM; read-only by moderation), membership, channel JSON,
// reading a channel, adding members, archiving (api4/channel.go). Who may read or post: permissions.ts.
import { randomBytes } from 'node:crypto';
import type { MmChannel, MmUser } from './types.js';
import type { MmState } from './state.js';
import type { Reply, Route } from './route.js';
import { AppError, channelNotFound, forbidden, invalidBody } from './errors.js';
import { newId } from './model.js';
import { canRead, isAdmin, isMember, isTeamMember } from './permissions.js';

export type NewChannel = { type: MmChannel['type']; name?: string; display_name?: string; members?: string[]; team_id?: string; readOnly?: boolean };

// ---- seeding (FakeMattermost.addChannel, addMember, archive)

export function addMember(s: MmState, channelId: string, userId: string): void {
  if (!s.channels.has(channelId)) throw new Error(`fake mattermost: no channel ${channelId}`);
  if (!s.users.has(userId)) throw new Error(`fake mattermost: no user ${userId}`);
  s.members.get(channelId)!.add(userId);
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

function addChannelMember(s: MmState, channelId: string, body: unknown, me: MmUser): Reply {
  const userId = (body as any)?.user_id;
  if (typeof userId !== 'string' || userId === '') throw invalidBody('user_id');
  const ch = s.channels.get(channelId);
  if (!ch) throw channelNotFound();
  if (ch.type === 'D' || ch.type === 'G') {
    throw new AppError(400, 'api.channel.add_user_to_channel.type.app_error', 'Can not add user to this channel type.');
  }
  if (!s.users.has(userId)) throw new AppError(404, 'app.user.missing_account.const', 'Unable to find the user.');
  const self = userId === me.id;
  // self-join of a public channel needs join_public_channels (team_user has it, so team members);
  // anything else needs manage_*_channel_members, which a non-member bot lacks
  const allowed = isAdmin(me) || (ch.type === 'O' && self && isTeamMember(s, ch.team_id, me.id)) || (isMember(s, ch.id, me.id) && ch.type === 'O');
  if (!allowed) forbiddenMember(ch);
  s.members.get(ch.id)!.add(userId);
  return {
    status: 201,
    json: {
      channel_id: ch.id, user_id: userId, roles: 'channel_user', last_viewed_at: 0, msg_count: 0, mention_count: 0,
      notify_props: {}, last_update_at: s.now(), scheme_guest: false, scheme_user: true, scheme_admin: false, explicit_roles: '',
    },
  };
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
    { method: 'POST', re: /^\/api\/v4\/channels\/([a-z0-9]{26})\/members$/, needsBody: true, run: (m, b, c) => addChannelMember(s, m[1]!, b, c.me) },
  ];
}
