// Users and teams: their JSON, the users/* lookups, listing and reading teams, and team membership
// and roles (api4/user.go, api4/team.go).
import type { MmTeam, MmUser, NewUser } from './types.js';
import type { MmState } from './state.js';
import type { Reply, Route, RouteContext } from './route.js';
import { AppError, forbidden, invalidBody, invalidParam, teamNotFound, userNotFound } from './errors.js';
import { isValidId, newId, pageParams, parseBool } from './model.js';
import { canInviteToTeam, canManageTeam, canReadChannel, canSeeUser, canViewTeam, hasRole, isAdmin, isBotUser, isGuest, isTeamMember, teamMemberRoles } from './permissions.js';

export function userJson(u: MmUser, isBot: boolean): Record<string, unknown> {
  return {
    id: u.id, create_at: 0, update_at: 0, delete_at: u.delete_at ?? 0, username: u.username, auth_data: '', auth_service: '',
    email: `${u.username}@example.test`, nickname: u.nickname ?? '', first_name: u.first_name ?? '', last_name: u.last_name ?? '', position: '',
    roles: u.roles, locale: u.locale ?? 'en', timezone: u.timezone ?? {}, is_bot: isBot, disable_welcome_email: false,
  };
}

/**
 * Team JSON as App.SanitizeTeam (app/team.go) leaves it for `me`: manage_team (team admins, system
 * admins) sees it whole; invite_user (team_user) gets Team.Sanitize but keeps invite_id; anybody else
 * gets Team.Sanitize (email and invite_id blanked).
 */
function teamJson(s: MmState, t: MmTeam, me: MmUser): Record<string, unknown> {
  const full = canManageTeam(s, t.id, me);
  const invite = full || canInviteToTeam(s, t.id, me);
  return {
    id: t.id, create_at: 0, update_at: 0, delete_at: 0, display_name: t.display_name, name: t.name, description: '',
    email: full ? `${t.name}@example.test` : '', type: t.type, company_name: '', allowed_domains: '',
    invite_id: invite ? t.id.split('').reverse().join('') : '', allow_open_invite: t.allow_open_invite ?? false, last_team_icon_update: 0,
    scheme_id: null, group_constrained: null, policy_id: null, cloud_limits_archived: false,
  };
}

/**
 * model.TeamMember as the store answers it (team_store.go ToModel: roles = explicit roles, then the
 * scheme roles); CreateAt is `json:"-"`, so there is no create_at.
 */
function teamMemberJson(s: MmState, tid: string, userId: string): Record<string, unknown> {
  const { roles, scheme_guest, scheme_user, scheme_admin, explicit_roles } = teamMemberRoles(s, tid, userId);
  return { team_id: tid, user_id: userId, roles, delete_at: 0, scheme_guest, scheme_user, scheme_admin, explicit_roles };
}

// ---- seeding (FakeMattermost.addUser, addTeam, addTeamMember)

/** A user as if created earlier; everybody added this way is in the default team. */
export function addUser(s: MmState, u: NewUser): MmUser {
  const user: MmUser = {
    id: newId(), username: u.username.toLowerCase(), roles: u.roles ?? 'system_user',
    first_name: u.first_name ?? '', last_name: u.last_name ?? '', nickname: u.nickname ?? '', locale: u.locale ?? 'en',
    // model/user.go PreSave: timezones.DefaultUserTimezone() (automatic, not yet detected)
    timezone: u.timezone ?? { useAutomaticTimezone: 'true', automaticTimezone: '', manualTimezone: '' },
  };
  s.users.set(user.id, user);
  addTeamMember(s, s.defaultTeam.id, user.id);
  return user;
}

/** A new team; nobody (not even the bot or the admin) is a member of it. `open`: allow_open_invite. */
export function addTeam(s: Pick<MmState, 'teams' | 'teamMembers'>, t: { name: string; display_name?: string; open?: boolean }): MmTeam {
  if ([...s.teams.values()].some((x) => x.name === t.name)) throw new Error(`fake mattermost: team name ${t.name} taken`);
  const team: MmTeam = { id: newId(), name: t.name, display_name: t.display_name ?? t.name, type: 'O' };
  if (t.open) team.allow_open_invite = true;
  s.teams.set(team.id, team);
  s.teamMembers.set(team.id, new Set());
  return team;
}

export function addTeamMember(s: MmState, tid: string, userId: string): void {
  if (!s.teams.has(tid)) throw new Error(`fake mattermost: no team ${tid}`);
  if (!s.users.has(userId)) throw new Error(`fake mattermost: no user ${userId}`);
  s.teamMembers.get(tid)!.add(userId);
}

/** Seeds a team admin (scheme_admin); the user must be a member, and not a guest (UpdateTeamMemberSchemeRoles). */
export function setTeamAdmin(s: MmState, tid: string, userId: string, admin = true): void {
  if (!isTeamMember(s, tid, userId)) throw new Error(`fake mattermost: ${userId} is not a member of team ${tid}`);
  if (admin && isGuest(s.users.get(userId)!)) throw new Error('fake mattermost: a guest cannot be a team admin (api.team.update_team_member_roles.guest.app_error)');
  const admins = s.teamAdmins.get(tid) ?? new Set<string>();
  if (admin) admins.add(userId);
  else admins.delete(userId);
  s.teamAdmins.set(tid, admins);
}

// ---- REST

/** TeamStore.GetAllPage order: display name, then name. */
function sortedTeams(s: MmState): MmTeam[] {
  const key = (t: MmTeam) => [t.display_name, t.name] as const;
  return [...s.teams.values()].sort((a, b) => {
    const [ad, an] = key(a);
    const [bd, bn] = key(b);
    return ad < bd ? -1 : ad > bd ? 1 : an < bn ? -1 : an > bn ? 1 : 0;
  });
}

/**
 * getAllTeams: list_private_teams + list_public_teams (system_admin) sees every team; list_public_teams
 * (system_user, not system_guest) the teams that allow open invites. The fake also shows a user the
 * teams they belong to (the real server lists those at /users/me/teams, not here).
 */
function listTeams(s: MmState, { me, query }: RouteContext): Reply {
  const { page, perPage } = pageParams(query);
  const visible = sortedTeams(s).filter((t) => isAdmin(me) || isTeamMember(s, t.id, me.id) || (t.allow_open_invite && hasRole(me, 'system_user')));
  const slice = visible.slice(page * perPage, page * perPage + perPage).map((t) => teamJson(s, t, me));
  if (parseBool(query.get('include_total_count'))) return { status: 200, json: { teams: slice, total_count: visible.length } };
  return { status: 200, json: slice };
}

/** addTeamMember (api4/team.go) + AddUserToTeam; adding an existing member answers 201 again. */
function addTeamMemberRoute(s: MmState, tid: string, body: unknown, me: MmUser): Reply {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError(400, 'api.team.add_team_member.invalid_body.app_error', 'Unable to parse the team member from the request body.');
  }
  const b = body as Record<string, unknown>;
  if (b.team_id !== tid) throw invalidBody('team_id');
  if (!isValidId(b.user_id)) throw invalidBody('user_id');
  const userId = b.user_id;
  if (userId === me.id) {
    // joining yourself: join_public_teams (system_user) for a team with allow_open_invite,
    // join_private_teams (system_admin only) for any other
    const team = s.teams.get(tid);
    if (!team) throw teamNotFound();
    if (team.allow_open_invite && !(isAdmin(me) || hasRole(me, 'system_user'))) throw forbidden('join_public_teams');
    if (!team.allow_open_invite && !isAdmin(me)) throw forbidden('join_private_teams');
  } else if (!(isAdmin(me) || canInviteToTeam(s, tid, me))) {
    throw forbidden('add_user_to_team'); // team_user has it (team_guest does not), so only members (and admins) pass
  }
  if (!s.teams.has(tid)) throw teamNotFound();
  if (!s.users.has(userId)) throw userNotFound();
  s.teamMembers.get(tid)!.add(userId);
  return { status: 201, json: teamMemberJson(s, tid, userId) };
}

/**
 * getTeam (api4/team.go): App.GetTeam first (404 app.team.get.find.app_error), then view_team (team
 * members, guests included, and system admins), which a team with allow_open_invite and type O does
 * not need: any session reads it. list_public_teams is not checked here.
 */
function getTeam(s: MmState, tid: string, me: MmUser): Reply {
  const team = s.teams.get(tid);
  if (!team) throw teamNotFound();
  if (!(team.allow_open_invite === true && team.type === 'O') && !canViewTeam(s, tid, me)) throw forbidden('view_team');
  return { status: 200, json: teamJson(s, team, me) };
}

/**
 * getTeamMember (api4/team.go): view_team on the team (SessionHasPermissionToTeam: the caller's team
 * member roles, then the system roles; an unknown team is a 403 for non-admins), then
 * UserCanSeeOtherUser (403 view_members), then App.GetTeamMember: 404
 * app.team.get_member.missing.app_error when the user is not a member.
 */
function getTeamMember(s: MmState, tid: string, userId: string, me: MmUser): Reply {
  if (!canViewTeam(s, tid, me)) throw forbidden('view_team');
  if (!canSeeUser(s, me, userId)) throw forbidden('view_members');
  if (!isTeamMember(s, tid, userId)) {
    throw new AppError(404, 'app.team.get_member.missing.app_error', 'No team member found for that user ID and team ID.');
  }
  return { status: 200, json: teamMemberJson(s, tid, userId) };
}

/**
 * getUsers (api4/user.go) with in_channel, the one filter the sidecar sends: read_channel on the
 * channel (SessionHasPermissionToChannel: members and system admins; an unknown channel is a 403
 * too), then SqlUserStore.GetProfilesInChannel (store/sqlstore/user_store.go): the members ordered
 * by username, deactivated ones included, OFFSET page*per_page LIMIT per_page (web/params.go: per_page
 * at most 200, default 60). Archived channels are listed (ExperimentalViewArchivedChannels, on by default).
 * Other filters are not played: the fake answers them 501 rather than guess.
 */
function listUsers(s: MmState, { me, query }: RouteContext, json: (u: MmUser) => unknown): Reply {
  const channelId = query.get('in_channel') ?? '';
  if (!channelId || [...query.keys()].some((k) => !['in_channel', 'page', 'per_page'].includes(k))) {
    throw new AppError(501, 'fake.users.filter_not_played', 'The fake plays GET /users with in_channel, page and per_page only.');
  }
  if (!canReadChannel(s, s.channels.get(channelId), me)) throw forbidden('read_channel');
  const { page, perPage } = pageParams(query);
  const members = [...(s.members.get(channelId) ?? [])].map((id) => s.users.get(id)!).sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  return { status: 200, json: members.slice(page * perPage, page * perPage + perPage).map(json) };
}

/**
 * getUsersByIds (api4/user.go): a JSON array of ids, else 400 invalid user_ids (an empty one too);
 * duplicates removed (model.RemoveDuplicateStrings); `since` must parse as an integer and keeps users
 * updated after it; GetViewUsersRestrictions limits a guest to the people they share a channel with
 * (UserCanSeeOtherUser). SqlUserStore.GetProfileByIds: unknown ids are left out, deactivated users kept.
 */
function usersByIds(s: MmState, body: unknown, { me, query }: RouteContext, json: (u: MmUser) => unknown): Reply {
  if (!Array.isArray(body) || body.length === 0 || body.some((x) => typeof x !== 'string')) throw invalidParam('user_ids');
  const since = query.get('since');
  if (since !== null && since !== '' && !/^[+-]?\d+$/.test(since)) throw invalidParam('since');
  const ids = [...new Set(body as string[])];
  const found = ids.map((id) => s.users.get(id)).filter((u): u is MmUser => !!u && canSeeUser(s, me, u.id));
  // The fake keeps no update_at (always 0): with `since`, nobody changed after it.
  return { status: 200, json: Number(since) > 0 ? [] : found.map(json) };
}

export function userTeamRoutes(s: MmState): Route[] {
  const json = (u: MmUser) => userJson(u, isBotUser(s, u));
  return [
    { method: 'GET', re: /^\/api\/v4\/users\/me$/, run: (_m, _b, { me }) => ({ status: 200, json: json(me) }) },
    {
      method: 'GET', re: /^\/api\/v4\/users\/me\/teams$/,
      run: (_m, _b, { me }) => ({ status: 200, json: sortedTeams(s).filter((t) => isTeamMember(s, t.id, me.id)).map((t) => teamJson(s, t, me)) }),
    },
    {
      method: 'GET', re: /^\/api\/v4\/users\/([a-z0-9]{26})$/,
      run: (m) => {
        const u = s.users.get(m[1]!);
        if (!u) throw userNotFound();
        return { status: 200, json: json(u) };
      },
    },
    { method: 'GET', re: /^\/api\/v4\/users$/, run: (_m, _b, c) => listUsers(s, c, json) },
    { method: 'POST', re: /^\/api\/v4\/users\/ids$/, run: (_m, body, c) => usersByIds(s, body, c, json) },
    {
      method: 'GET', re: /^\/api\/v4\/users\/username\/([^/]+)$/,
      run: (m) => {
        const name = decodeURIComponent(m[1]!).toLowerCase();
        const u = [...s.users.values()].find((x) => x.username === name); // deactivated users included
        if (!u) {
          throw new AppError(404, 'app.user.get_by_username.app_error', 'Unable to find an existing account matching your username for this team.');
        }
        return { status: 200, json: json(u) };
      },
    },
    {
      method: 'GET', re: /^\/api\/v4\/users\/([a-z0-9]{26})\/teams$/,
      run: (m, _b, { me }) => {
        // getTeamsForUser: someone else's teams need sysconsole_read_user_management_users (admins)
        if (m[1] !== me.id && !isAdmin(me)) throw forbidden('sysconsole_read_user_management_users');
        return { status: 200, json: sortedTeams(s).filter((t) => isTeamMember(s, t.id, m[1]!)).map((t) => teamJson(s, t, me)) };
      },
    },
    { method: 'GET', re: /^\/api\/v4\/teams$/, run: (_m, _b, c) => listTeams(s, c) },
    { method: 'GET', re: /^\/api\/v4\/teams\/([a-z0-9]{26})$/, run: (m, _b, c) => getTeam(s, m[1]!, c.me) },
    { method: 'GET', re: /^\/api\/v4\/teams\/([a-z0-9]{26})\/members\/([a-z0-9]{26})$/, run: (m, _b, c) => getTeamMember(s, m[1]!, m[2]!, c.me) },
    { method: 'POST', re: /^\/api\/v4\/teams\/([a-z0-9]{26})\/members$/, needsBody: true, run: (m, b, c) => addTeamMemberRoute(s, m[1]!, b, c.me) },
  ];
}
