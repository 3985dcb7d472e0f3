// Custom slash commands as `setup` registers them: listing (GET /commands), creating
// (POST /commands) and updating (PUT /commands/{id}) in api4/command.go and app/command.go, Command.IsValid (model/command.go),
// and the built-in triggers they may not reuse. A user running one: command-execution.ts.
import type { MmCommand, MmUser } from './types.js';
import type { MmState } from './state.js';
import type { Reply, Route, RouteContext } from './route.js';
import { AppError, commandsDisabled, duplicateTrigger, forbidden, invalidBody, invalidCommand, teamNotFound, userNotFound } from './errors.js';
import { clone, isValidHttpUrl, isValidId, newId, parseBool, runes } from './model.js';
import { canManageCommands, canViewTeam } from './permissions.js';

// triggers of the server's built-in command providers (app/slashcommands): custom commands may not reuse them
const BUILTIN_TRIGGERS = [
  'away', 'code', 'collapse', 'dnd', 'echo', 'expand', 'groupmsg', 'header', 'help', 'invite', 'invite_people',
  'join', 'kick', 'leave', 'logout', 'me', 'msg', 'mute', 'offline', 'online', 'open', 'purpose', 'remove',
  'rename', 'search', 'settings', 'shortcuts', 'shrug', 'status',
];

const COMMAND_STRING_FIELDS = [
  'id', 'token', 'creator_id', 'team_id', 'trigger', 'method', 'username', 'icon_url', 'auto_complete_desc',
  'auto_complete_hint', 'display_name', 'description', 'url', 'plugin_id',
] as const;

/** Command.Sanitize: what GET /commands without custom_only shows. */
function sanitizedCommand(c: MmCommand): Record<string, unknown> {
  return { ...c, token: '', creator_id: '', method: '', url: '', username: '', icon_url: '' };
}

function builtinCommand(trigger: string): Record<string, unknown> {
  return sanitizedCommand({
    id: '', token: '', create_at: 0, update_at: 0, delete_at: 0, creator_id: '', team_id: '', trigger, method: 'P',
    username: '', icon_url: '', auto_complete: true, auto_complete_desc: '', auto_complete_hint: '',
    display_name: trigger, description: '', url: '',
  });
}

/** json.Decode into model.Command: a field of the wrong JSON type fails the whole body. */
function decodeCommand(body: unknown): Partial<MmCommand> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBody('command');
  const b = body as Record<string, unknown>;
  const bad = (k: string, type: string) => b[k] !== undefined && b[k] !== null && typeof b[k] !== type;
  if (COMMAND_STRING_FIELDS.some((k) => bad(k, 'string')) || bad('auto_complete', 'boolean') ||
    ['create_at', 'update_at', 'delete_at'].some((k) => bad(k, 'number'))) {
    throw invalidBody('command');
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) if (v !== null) out[k] = v;
  return out as Partial<MmCommand>;
}

/** Command.IsValid, in its order (id/token/create_at are always fine: PreSave makes them). */
function validateCommand(c: MmCommand): void {
  if (!isValidId(c.creator_id)) throw invalidCommand('user_id', 'Invalid user id.');
  if (!isValidId(c.team_id)) throw invalidCommand('team_id', 'Invalid team ID.');
  const triggerBytes = Buffer.byteLength(c.trigger);
  if (triggerBytes < 1 || triggerBytes > 128 || c.trigger.startsWith('/') || c.trigger.includes(' ')) {
    throw invalidCommand('trigger', 'Invalid trigger: 1-128 characters, no leading "/", no spaces.');
  }
  if (c.url.length === 0 || c.url.length > 1024) throw invalidCommand('url', 'Invalid URL.');
  if (!isValidHttpUrl(c.url)) throw invalidCommand('url_http', 'Invalid URL. Must be a valid URL and start with http:// or https://.');
  if (c.method !== 'P' && c.method !== 'G') throw invalidCommand('method', 'Invalid method.');
  if (runes(c.display_name) > 64) throw invalidCommand('display_name', 'Invalid title.');
  if (runes(c.description) > 128) throw invalidCommand('description', 'Invalid description.');
  // not in IsValid: the real server fails these in the database (column widths); the fake answers 400
  if (runes(c.username) > 64) throw invalidCommand('username', 'Invalid username.');
  for (const k of ['icon_url', 'auto_complete_desc', 'auto_complete_hint'] as const) {
    if (runes(c[k]) > 1024) throw invalidCommand(k, `Invalid ${k}.`);
  }
}

const liveCommands = (s: MmState, tid: string) => [...s.commands.values()].filter((c) => c.team_id === tid && c.delete_at === 0);

/** listCommands: custom_only needs manage_own_slash_commands and shows tokens; otherwise built-ins + custom, sanitized. */
function listCommands(s: MmState, { me, query }: RouteContext): Reply {
  const tid = query.get('team_id') ?? '';
  if (tid === '') throw invalidBody('team_id');
  if (!canViewTeam(s, tid, me)) throw forbidden('view_team');
  const manage = canManageCommands(s, tid, me);
  if (parseBool(query.get('custom_only'))) {
    if (!manage) throw forbidden('manage_own_slash_commands');
    if (!s.settings.EnableCommands) throw commandsDisabled(); // ListTeamCommands
    return { status: 200, json: liveCommands(s, tid).map((c) => clone(c)) };
  }
  // ListAllCommands / ListAutocompleteCommands: without the permission only auto_complete ones
  const custom = s.settings.EnableCommands ? liveCommands(s, tid).filter((c) => manage || c.auto_complete).map(sanitizedCommand) : [];
  return { status: 200, json: [...BUILTIN_TRIGGERS.map(builtinCommand), ...custom] };
}

/** createCommand (api4/command.go) + App.createCommand + Command.PreSave/IsValid. */
function createCommand(s: MmState, body: unknown, me: MmUser): Reply {
  const b = decodeCommand(body);
  const tid = b.team_id ?? '';
  if (!canManageCommands(s, tid, me)) throw forbidden('manage_own_slash_commands');
  let creatorId = me.id;
  if (b.creator_id !== undefined && b.creator_id !== '' && b.creator_id !== me.id) {
    if (!canManageCommands(s, tid, me)) throw forbidden('manage_others_slash_commands'); // team_admin has it too
    if (!s.users.has(b.creator_id)) throw userNotFound();
    creatorId = b.creator_id;
  }
  // stricter than the server (which would store it): a command for a team that does not exist
  if (!s.settings.EnableCommands) throw commandsDisabled(); // App.CreateCommand
  if (isValidId(tid) && !s.teams.has(tid)) throw teamNotFound();
  return { status: 201, json: clone(saveCommand(s, { ...b, creator_id: creatorId })) };
}

/** PreSave (fresh id and token unless `seeded` keeps the caller's), duplicate and built-in checks, IsValid. */
function saveCommand(s: MmState, b: Partial<MmCommand>, seeded = false): MmCommand {
  const at = s.now();
  const keep = <K extends 'id' | 'token' | 'create_at' | 'update_at'>(k: K, fresh: MmCommand[K]) => (seeded ? b[k] ?? fresh : fresh);
  const cmd: MmCommand = {
    id: keep('id', newId()), token: keep('token', newId()), create_at: keep('create_at', at), update_at: keep('update_at', at),
    delete_at: b.delete_at ?? 0,
    creator_id: b.creator_id ?? '', team_id: b.team_id ?? '', trigger: (b.trigger ?? '').toLowerCase(),
    method: (b.method ?? '') as MmCommand['method'], username: b.username ?? '', icon_url: b.icon_url ?? '',
    auto_complete: b.auto_complete ?? false, auto_complete_desc: b.auto_complete_desc ?? '',
    auto_complete_hint: b.auto_complete_hint ?? '', display_name: b.display_name ?? '',
    description: b.description ?? '', url: b.url ?? '',
  };
  if (cmd.delete_at === 0 && liveCommands(s, cmd.team_id).some((c) => c.trigger === cmd.trigger)) throw duplicateTrigger();
  if (BUILTIN_TRIGGERS.includes(cmd.trigger)) throw duplicateTrigger();
  validateCommand(cmd);
  if (cmd.token.length !== 26) throw invalidCommand('token', 'Invalid token.');
  s.commands.set(cmd.id, cmd);
  return cmd;
}

/**
 * updateCommand (api4/command.go) + App.UpdateCommand: the body is the whole command (a field left
 * out becomes empty, as Go decodes it); id, token, create_at, delete_at, creator and team stay the old ones.
 */
function updateCommand(s: MmState, id: string, body: unknown, me: MmUser): Reply {
  const b = decodeCommand(body);
  if (b.id !== id) throw invalidBody('command');
  const old = s.commands.get(id);
  if (!old || old.delete_at !== 0) throw new AppError(404, 'api.command.not_found.app_error', 'Unable to find the command.');
  if (b.team_id !== old.team_id) throw new AppError(400, 'api.command.team_mismatch.app_error', 'Unable to update commands across teams.');
  // without the permission: "not found", so as not to leak that the command exists
  if (!canManageCommands(s, old.team_id, me)) throw new AppError(404, 'api.command.not_found.app_error', 'Unable to find the command.');
  if (!s.settings.EnableCommands) throw commandsDisabled();
  const cmd: MmCommand = {
    ...old, trigger: (b.trigger ?? '').toLowerCase(), method: (b.method ?? '') as MmCommand['method'], username: b.username ?? '',
    icon_url: b.icon_url ?? '', auto_complete: b.auto_complete ?? false, auto_complete_desc: b.auto_complete_desc ?? '',
    auto_complete_hint: b.auto_complete_hint ?? '', display_name: b.display_name ?? '', description: b.description ?? '',
    url: b.url ?? '', update_at: s.now(),
  };
  validateCommand(cmd);
  s.commands.set(id, cmd);
  return { status: 200, json: clone(cmd) };
}

/** Seeds a custom command as if created earlier (validated like POST /commands, no permission check). */
export function addCommand(s: MmState, c: Partial<MmCommand> & { trigger: string; url: string }): MmCommand {
  if (c.team_id !== undefined && !s.teams.has(c.team_id)) throw new Error(`fake mattermost: no team ${c.team_id}`);
  return saveCommand(s, { team_id: s.defaultTeam.id, creator_id: s.admin.id, method: 'P', auto_complete: false, ...c }, true);
}

export function commandRoutes(s: MmState): Route[] {
  return [
    { method: 'GET', re: /^\/api\/v4\/commands$/, run: (_m, _b, c) => listCommands(s, c) },
    { method: 'POST', re: /^\/api\/v4\/commands$/, needsBody: true, run: (_m, b, c) => createCommand(s, b, c.me) },
    { method: 'PUT', re: /^\/api\/v4\/commands\/([a-z0-9]{26})$/, needsBody: true, run: (m, b, c) => updateCommand(s, m[1], b, c.me) },
  ];
}
