// Bots, roles and personal access tokens (api4/bot.go, api4/user.go): creating and enabling
// bots, replacing a user's roles, and issuing access tokens.
import type { MmBot, MmUser } from './types.js';
import type { MmState } from './state.js';
import type { Reply, Route } from './route.js';
import { AppError, botNotFound, forbidden, invalidParam, userNotFound } from './errors.js';
import { clone, isValidId, newId, runes } from './model.js';
import { hasRole, isAdmin, isBotUser } from './permissions.js';

const SYSTEM_ROLES = new Set([
  'system_user', 'system_admin', 'system_post_all', 'system_post_all_public', 'system_user_access_token', 'system_guest',
  'system_manager', 'system_user_manager', 'system_read_only_admin', 'system_custom_group_admin',
]);
const RESTRICTED_USERNAMES = ['all', 'channel', 'matterbot', 'system', 'here'];
const botJson = (b: MmBot) => clone(b);

/** model.IsValidUsername: 3-64 of a-z 0-9 . - _, starting with a letter, not a reserved word. */
const isValidUsername = (s: string) => /^[a-z][a-z0-9.\-_]{2,63}$/.test(s) && !RESTRICTED_USERNAMES.includes(s);

/** The bot record next to user `u` (same id), owned by the admin. */
export function botRecord(s: MmState, u: MmUser, displayName: string, description = ''): MmBot {
  const at = s.now();
  const b: MmBot = {
    user_id: u.id, username: u.username, display_name: displayName, description, owner_id: s.admin.id,
    create_at: at, update_at: at, delete_at: 0, last_icon_update: 0,
  };
  s.bots.set(u.id, b);
  return b;
}

/** A bot as if created earlier by the admin (roles default `system_user`), with one access token. */
export function addBot(s: MmState, b: { username: string; display_name?: string; roles?: string }): { user: MmUser; token: string } {
  const user: MmUser = { id: newId(), username: b.username.toLowerCase(), roles: b.roles ?? 'system_user' };
  s.users.set(user.id, user);
  botRecord(s, user, b.display_name ?? b.username);
  const token = newId();
  s.tokens.set(token, user.id);
  return { user, token };
}

/** Enables or disables a bot: its user's delete_at follows, so a disabled bot's tokens stop working. */
export function setBotActive(s: MmState, userId: string, active: boolean): MmBot {
  const record = s.bots.get(userId);
  const user = s.users.get(userId);
  if (!record || !user) throw botNotFound();
  const at = active ? 0 : s.now();
  record.delete_at = at;
  record.update_at = s.now();
  user.delete_at = at;
  return record;
}

/** createBot + App.CreateBot: the session's user owns it; its user gets roles `system_user`. */
function createBot(s: MmState, body: unknown, me: MmUser): Reply {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParam('bot');
  const b = body as Record<string, unknown>;
  for (const k of ['username', 'display_name', 'description']) {
    if (b[k] !== undefined && b[k] !== null && typeof b[k] !== 'string') throw invalidParam('bot'); // json decode fails
  }
  if (!isAdmin(me)) throw forbidden('create_bot');
  if (isBotUser(s, me)) throw forbidden('create_bot'); // bots never create bots
  if (!s.settings.EnableBotAccountCreation) throw new AppError(403, 'api.bot.create_disabled', 'Bot creation has been disabled.');
  const username = typeof b.username === 'string' ? b.username : '';
  const displayName = typeof b.display_name === 'string' ? b.display_name : '';
  const description = typeof b.description === 'string' ? b.description : '';
  if (!isValidUsername(username)) throw new AppError(400, 'model.bot.is_valid.username.app_error', 'Invalid username.');
  if (runes(displayName) > 64) throw new AppError(400, 'model.bot.is_valid.username.app_error', 'Invalid display name.');
  if (runes(description) > 1024) throw new AppError(400, 'model.bot.is_valid.description.app_error', 'Invalid description.');
  if ([...s.users.values()].some((u) => u.username === username)) {
    throw new AppError(400, 'app.user.save.username_exists.app_error', 'An account with that username already exists.');
  }
  const user: MmUser = { id: newId(), username, roles: 'system_user' };
  s.users.set(user.id, user);
  const record = botRecord(s, user, displayName, description);
  record.owner_id = me.id;
  return { status: 201, json: botJson(record) };
}

/** enableBot: manage_bots for your own bots, manage_others_bots otherwise (admins have both). */
function enableBot(s: MmState, userId: string, me: MmUser): Reply {
  if (!isValidId(userId)) throw invalidParam('bot_user_id');
  const record = s.bots.get(userId);
  if (!isAdmin(me)) throw record && record.owner_id === me.id ? forbidden('manage_bots') : botNotFound();
  return { status: 200, json: botJson(setBotActive(s, userId, true)) };
}

/** updateUserRoles: manage_roles (system admins); every role must exist. Replaces all of the user's roles. */
function updateUserRoles(s: MmState, userId: string, body: unknown, me: MmUser): Reply {
  if (!isValidId(userId)) throw invalidParam('user_id');
  const roles = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).roles : undefined;
  const names = typeof roles === 'string' ? roles.trim().split(/\s+/).filter(Boolean) : [];
  // model.IsValidUserRoles: role-name syntax, and never system_admin alone
  if (typeof roles !== 'string' || names.some((r) => !/^[a-z0-9_]{1,64}$/.test(r)) || (names.length === 1 && names[0] === 'system_admin')) {
    throw invalidParam('roles');
  }
  if (!isAdmin(me)) throw forbidden('manage_roles');
  const user = s.users.get(userId);
  if (!user) throw userNotFound();
  const unknown = names.find((r) => !SYSTEM_ROLES.has(r));
  if (unknown) throw new AppError(400, 'app.role.check_roles_exist.role_not_found', `The provided role does not exist: ${unknown}`);
  user.roles = names.join(' ');
  return { status: 200, json: { status: 'OK' } };
}

/**
 * createUserAccessToken + App.CreateUserAccessToken: needs create_user_access_token, and the
 * target must be yourself, or (for admins) anyone. Bots are exempt from EnableUserAccessTokens.
 */
function createUserAccessToken(s: MmState, userId: string, body: unknown, me: MmUser): Reply {
  if (!isValidId(userId)) throw invalidParam('user_id');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParam('user_access_token');
  const description = (body as Record<string, unknown>).description;
  if (description !== undefined && description !== null && typeof description !== 'string') throw invalidParam('user_access_token');
  if (!description) throw invalidParam('description');
  if (!isAdmin(me) && !hasRole(me, 'system_user_access_token')) throw forbidden('create_user_access_token');
  if (userId !== me.id && !isAdmin(me)) throw forbidden(s.bots.has(userId) ? 'manage_others_bots' : 'edit_other_users');
  const user = s.users.get(userId);
  if (!user) throw userNotFound();
  if (!s.settings.EnableUserAccessTokens && !isBotUser(s, user)) {
    throw new AppError(501, 'app.user_access_token.disabled', 'Personal access tokens are disabled on this server. Please contact your system administrator for details.');
  }
  const token = newId();
  s.tokens.set(token, user.id);
  return { status: 200, json: { id: newId(), token, user_id: user.id, description, is_active: true, expires_at: 0 } };
}

export function botRoleTokenRoutes(s: MmState): Route[] {
  return [
    { method: 'PUT', re: /^\/api\/v4\/users\/([A-Za-z0-9]+)\/roles$/, run: (m, b, c) => updateUserRoles(s, m[1]!, b, c.me) },
    { method: 'POST', re: /^\/api\/v4\/users\/([A-Za-z0-9]+)\/tokens$/, run: (m, b, c) => createUserAccessToken(s, m[1]!, b, c.me) },
    { method: 'POST', re: /^\/api\/v4\/bots$/, run: (_m, b, c) => createBot(s, b, c.me) },
    { method: 'POST', re: /^\/api\/v4\/bots\/([A-Za-z0-9]+)\/enable$/, run: (m, _b, c) => enableBot(s, m[1]!, c.me) },
  ];
}
