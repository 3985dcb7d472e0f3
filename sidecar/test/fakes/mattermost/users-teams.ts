// Users and teams: their JSON, the users/* lookups, listing teams, and team membership
// (api4/user.go, api4/team.go).
import type { MmTeam, MmUser, NewUser } from './types.js';
import type { MmState } from './state.js';
import type { Reply, Route, RouteContext } from './route.js';
import { AppError, forbidden, invalidBody, teamNotFound, userNotFound } from './errors.js';
import { isValidId, newId, pageParams, parseBool } from './model.js';
import { isAdmin, isBotUser, isTeamMember } from './permissions.js';

export function userJson(u: MmUser, isBot: boolean): Record<string, unknown> {
  return {
    id: u.id, create_at: 0, update_at: 0, delete_at: u.delete_at ?? 0, username: u.username, auth_data: '', auth_service: '',
    email: `${u.username}@example.test`, nickname: u.nickname ?? '', first_name: u.first_name ?? '', last_name: u.last_name ?? '', position: '',
    roles: u.roles, locale: u.locale ?? 'en', timezone: {}, is_bot: isBot, disable_welcome_email: false,
  };
}

/** Team JSON; Team.Sanitize (email, invite_id blanked) for sessions without manage_team. */
function teamJson(t: MmTeam, full: boolean): Record<string, unknown> {
  return {
    id: t.id, create_at: 0, update_at: 0, delete_at: 0, display_name: t.display_name, name: t.name, description: '',
    email: full ? `${t.name}@example.test` : '', type: t.type, company_name: '', allowed_domains: '',
    invite_id: full ? t.id.split('').reverse().join('') : '', allow_open_invite: false, last_team_icon_update: 0,
    scheme_id: null, group_constrained: null, policy_id: null, cloud_limits_archived: false,
  };
}

// ---- seeding (FakeMattermost.addUser, addTeam, addTeamMember)

/** A user as if created earlier; everybody added this way is in the default team. */
export function addUser(s: MmState, u: NewUser): MmUser {
  const user: MmUser = {
    id: newId(), username: u.username.toLowerCase(), roles: u.roles ?? 'system_user',
    first_name: u.first_name ?? '', last_name: u.last_name ?? '', nickname: u.nickname ?? '', locale: u.locale ?? 'en',
  };
  s.users.set(user.id, user);
  addTeamMember(s, s.defaultTeam.id, user.id);
  return user;
}

/** A new team; nobody (not even the bot or the admin) is a member of it. */
export function addTeam(s: Pick<MmState, 'teams' | 'teamMembers'>, t: { name: string; display_name?: string }): MmTeam {
  if ([...s.teams.values()].some((x) => x.name === t.name)) throw new Error(`fake mattermost: team name ${t.name} taken`);
  const team: MmTeam = { id: newId(), name: t.name, display_name: t.display_name ?? t.name, type: 'O' };
  s.teams.set(team.id, team);
  s.teamMembers.set(team.id, new Set());
  return team;
}

export function addTeamMember(s: MmState, tid: string, userId: string): void {
  if (!s.teams.has(tid)) throw new Error(`fake mattermost: no team ${tid}`);
  if (!s.users.has(userId)) throw new Error(`fake mattermost: no user ${userId}`);
  s.teamMembers.get(tid)!.add(userId);
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
 * getAllTeams: list_private_teams + list_public_teams (system_admin) sees every team. The real
 * server shows other users the teams that allow open invites; this fake (whose teams never
 * do) shows them the teams they belong to.
 */
function listTeams(s: MmState, { me, query }: RouteContext): Reply {
  const { page, perPage } = pageParams(query);
  const visible = sortedTeams(s).filter((t) => isAdmin(me) || isTeamMember(s, t.id, me.id));
  const slice = visible.slice(page * perPage, page * perPage + perPage).map((t) => teamJson(t, isAdmin(me)));
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
    // joining yourself: the fake's teams are invite-only, so join_private_teams (system_admin only)
    if (!s.teams.has(tid)) throw teamNotFound();
    if (!isAdmin(me)) throw forbidden('join_private_teams');
  } else if (!(isAdmin(me) || isTeamMember(s, tid, me.id))) {
    throw forbidden('add_user_to_team'); // team_user has it, so only members (and admins) pass
  }
  if (!s.teams.has(tid)) throw teamNotFound();
  if (!s.users.has(userId)) throw userNotFound();
  s.teamMembers.get(tid)!.add(userId);
  return {
    status: 201,
    json: {
      team_id: tid, user_id: userId, roles: 'team_user', delete_at: 0, scheme_guest: false, scheme_user: true,
      scheme_admin: false, explicit_roles: '', create_at: s.now(),
    },
  };
}

export function userTeamRoutes(s: MmState): Route[] {
  const json = (u: MmUser) => userJson(u, isBotUser(s, u));
  return [
    { method: 'GET', re: /^\/api\/v4\/users\/me$/, run: (_m, _b, { me }) => ({ status: 200, json: json(me) }) },
    {
      method: 'GET', re: /^\/api\/v4\/users\/me\/teams$/,
      run: (_m, _b, { me }) => ({ status: 200, json: sortedTeams(s).filter((t) => isTeamMember(s, t.id, me.id)).map((t) => teamJson(t, isAdmin(me))) }),
    },
    {
      method: 'GET', re: /^\/api\/v4\/users\/([a-z0-9]{26})$/,
      run: (m) => {
        const u = s.users.get(m[1]!);
        if (!u) throw userNotFound();
        return { status: 200, json: json(u) };
      },
    },
    {
      method: 'POST', re: /^\/api\/v4\/users\/ids$/, needsBody: true,
      run: (_m, body) => {
        if (!Array.isArray(body) || body.some((x) => typeof x !== 'string')) throw invalidBody('user_ids');
        const found = body.map((id) => s.users.get(id)).filter((u): u is MmUser => !!u);
        return { status: 200, json: found.map(json) };
      },
    },
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
        return { status: 200, json: sortedTeams(s).filter((t) => isTeamMember(s, t.id, m[1]!)).map((t) => teamJson(t, isAdmin(me))) };
      },
    },
    { method: 'GET', re: /^\/api\/v4\/teams$/, run: (_m, _b, c) => listTeams(s, c) },
    { method: 'POST', re: /^\/api\/v4\/teams\/([a-z0-9]{26})\/members$/, needsBody: true, run: (m, b, c) => addTeamMemberRoute(s, m[1]!, b, c.me) },
  ];
}
