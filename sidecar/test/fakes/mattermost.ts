// Fake Mattermost server for sidecar tests: the REST v4 subset the sidecar uses as a bot
// (and, for `setup`, as a system admin: teams, team members, slash commands), plus the two
// calls Mattermost makes TO the sidecar (slash command form, button action).
// Rules follow shared/reference/mattermost-contracts.md §3-5, 7 and the server code they
// quote: AppError JSON, permission checks by role and channel/team membership, props
// replaced wholesale on patch, action integrations stripped from every post sent to a client.
// Every request acts as the user its token belongs to: botToken -> bot, adminToken -> admin.
// It plays one server version (option serverVersion, default 10.11.0): X-Version-Id, the command
// form's root_id and the edit rules follow it (see COMMAND_ROOT_ID_SINCE, STRICT_EDIT_RULES_SINCE).
// Self-tests: test/fakes.test.ts ('fake Mattermost…') and test/fake-mattermost.test.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import https from 'node:https';
import { createHash, randomBytes, randomInt } from 'node:crypto';

export interface MmUser { id: string; username: string; roles: string; delete_at?: number }
/** model.Bot: the bot record next to its user (same id, user_id here). */
export interface MmBot {
  user_id: string; username: string; display_name: string; description: string; owner_id: string;
  create_at: number; update_at: number; delete_at: number; last_icon_update: number;
}
/** The ServiceSettings that `setup` and `doctor` care about; tests flip them. */
export interface FakeSettings {
  EnableBotAccountCreation: boolean; // real default false; on here so setup can create bots
  EnableUserAccessTokens: boolean; // off: personal access tokens of non-bots stop working (bots are exempt)
  EnableCommands: boolean; // off: custom slash commands cannot be created or listed (501)
  AllowedUntrustedInternalConnections: string;
  /** Seconds after create_at during which a post's message may be edited; -1 (the default) = no limit. */
  PostEditTimeLimit: number;
}
export interface FakeOptions {
  /** Username of the ready-made bot (default `plugnmeet`); another name leaves `plugnmeet` free for setup to create. */
  botUsername?: string;
  /** model.CurrentVersion of the server played (default '10.11.0'); decides X-Version-Id and the version-bound rules below. */
  serverVersion?: string;
  /** model.BuildNumber (CI build number of official builds; 'dev' for source builds). Default '16789012345'. */
  buildNumber?: string;
  /** A license is loaded: the last part of X-Version-Id is "true" (default false, Team Edition). */
  licensed?: boolean;
  /** Local address Mattermost's calls to the sidecar (sendCommand, clickButton) come from. Default '127.0.0.1'. */
  sourceAddress?: string;
  /** The server's clock (model.GetMillis); default Date.now. create_at, update_at, edit_at and the edit time limit use it. */
  now?: () => number;
  /**
   * Whether the slash-command form carries root_id. Default: serverVersion >= COMMAND_ROOT_ID_SINCE.
   * release-10.11 does not send it; master (2026) does (app/command.go tryExecuteCustomCommand).
   */
  commandRootId?: boolean;
  /**
   * The stricter edit rules of PR #35638 (MM-67896, merged 2026-03): past PostEditTimeLimit ANY non-empty
   * patch (props too) is refused, and editing needs create_post in the channel. Default:
   * serverVersion >= STRICT_EDIT_RULES_SINCE.
   */
  strictEditRules?: boolean;
  /**
   * App.UpdatePost itself refuses a changed message past PostEditTimeLimit, so an action's `update`
   * fails too. Servers before MM-51021 (PR #22422, 2023) did this (older ones only when licensed);
   * 9.11 and later do not. Default false.
   */
  appLevelEditLimit?: boolean;
  /**
   * sendCommand also refuses users who are not members of the channel (403 create_post), as the real
   * server does. Default false: existing tests send commands from outsiders to play forged requests.
   */
  commandMembershipCheck?: boolean;
}
export interface MmChannel {
  id: string; team_id: string; name: string; display_name: string; type: 'O' | 'P' | 'D' | 'G';
  /** Channel moderation took create_post from members (channel_user/channel_guest of its scheme). */
  read_only?: boolean;
  /** Archived: set by archive(). */
  delete_at?: number;
}
export interface MmTeam { id: string; name: string; display_name: string; type: 'O' }
/** model.Command as the store keeps it (token included). */
export interface MmCommand {
  id: string; token: string; create_at: number; update_at: number; delete_at: number;
  creator_id: string; team_id: string; trigger: string; method: 'P' | 'G';
  username: string; icon_url: string; auto_complete: boolean; auto_complete_desc: string; auto_complete_hint: string;
  display_name: string; description: string; url: string;
}
export interface MmEphemeral { user_id: string; channel_id: string; message: string; root_id: string; props?: Record<string, unknown> }

export interface CommandResult {
  status: number;
  body: any; // parsed JSON when the sidecar said application/json, else the raw text
  contentType: string;
  /** What Mattermost would make of the answer: an AppError when it rejects it (non-200 etc.). */
  mmError?: AppErrorBody;
}

export interface ClickResult {
  status: number;
  body: any; // {status:"OK", trigger_id} or an AppError
  ephemeralText?: string;
  integrationResponse?: any;
  integrationRequest?: any; // exactly what was POSTed to integration.url
}

export interface MmFault {
  method?: string;
  path?: RegExp;
  status?: number;
  slowMs?: number;
  drop?: boolean;
  times?: number;
}

export interface FakeMattermost {
  url: string;
  siteUrl: string; // same as url
  botToken: string;
  bot: MmUser;
  adminToken: string; // a system admin's personal access token
  admin: MmUser; // roles "system_user system_admin"
  teamId: string; // the default team: bot, admin and every addUser user are members
  teamName: string;
  users: Map<string, MmUser>;
  teams: Map<string, MmTeam>;
  teamMembers: Map<string, Set<string>>; // team id -> user ids
  channels: Map<string, MmChannel>;
  members: Map<string, Set<string>>; // channel id -> user ids
  posts: Map<string, any>; // stored posts, integrations included
  commands: Map<string, MmCommand>; // custom slash commands by id, tokens included
  requests: Array<{ method: string; path: string; query: string; userId: string; body: unknown }>;
  ephemerals: MmEphemeral[];
  bots: Map<string, MmBot>; // by user id; the ready-made bot included
  settings: FakeSettings; // mutable: tests turn features off
  /** The user a personal access token belongs to (whether or not it is currently accepted). */
  tokenOwner(token: string): MmUser | undefined;
  /** A bot as if created earlier by the admin (roles default `system_user`), with one access token. */
  addBot(b: { username: string; display_name?: string; roles?: string }): { user: MmUser; token: string };
  /** Deactivates a bot (POST /bots/{id}/disable): its tokens stop working until it is enabled. */
  disableBot(userId: string): void;
  addUser(u: { username: string; roles?: string }): MmUser;
  /** A new team; nobody (not even the bot or the admin) is a member of it. */
  addTeam(t: { name: string; display_name?: string }): MmTeam;
  addTeamMember(teamId: string, userId: string): void;
  isTeamMember(teamId: string, userId: string): boolean;
  /** team_id defaults to the default team (ignored for D and G). */
  addChannel(c: { type: MmChannel['type']; name?: string; display_name?: string; members?: string[]; team_id?: string; readOnly?: boolean }): MmChannel;
  addMember(channelId: string, userId: string): void;
  isMember(channelId: string, userId: string): boolean;
  /** Seeds a custom command as if created earlier (validated like POST /commands, no permission check). */
  addCommand(c: Partial<MmCommand> & { trigger: string; url: string }): MmCommand;
  /** The slash-command request the server sends to the command URL (headers and form body). */
  commandRequest(a: { token: string; user: MmUser; channel: MmChannel; text: string; rootId?: string }): { headers: Record<string, string>; body: string };
  /**
   * A user typing the command: POST /commands/execute's checks first (create_post in the channel:
   * 403; archived channel: 400), then the request to the command URL from `sourceAddress`.
   * When the checks refuse, the URL is not called and `status` is 0 with `mmError` set.
   */
  sendCommand(commandUrl: string, a: { token: string; user: MmUser; channel: MmChannel; text: string; rootId?: string; sourceAddress?: string }): Promise<CommandResult>;
  clickButton(postId: string, actionId: string, user: MmUser, o?: { sourceAddress?: string }): Promise<ClickResult>;
  /** The options in force: serverVersion, X-Version-Id, and the version-bound rules resolved. */
  server: {
    version: string; versionId: string; commandRootId: boolean; strictEditRules: boolean; appLevelEditLimit: boolean;
    sourceAddress: string; commandMembershipCheck: boolean;
  };
  /** Moves a post's create_at back by `ms`, as if it had been posted that long ago (for PostEditTimeLimit). */
  agePost(postId: string, ms: number): void;
  /** Rows this post put in the Posts table: its insert plus one edit-history row per update (SqlPostStore.Update). */
  rowsWritten(postId: string): number;
  /** How many times the post was updated (patch, PUT, action update). */
  edits(postId: string): number;
  /** The edit-history rows (old versions, delete_at set, original_id = postId), oldest first. */
  history(postId: string): any[];
  /** Archives a channel (delete_at set), as DELETE /channels/{id} does. */
  archive(channelId: string): void;
  /**
   * Makes matching REST calls fail, for fault tests: `status` answers that error (429 with a
   * Retry-After, as the rate limiter does), `slowMs` answers late, `drop` resets the connection
   * (Mattermost down). `times` limits how often (default: until removed). Returns the remover.
   */
  fault(f: MmFault): () => void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- model helpers

const ID_ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769'; // model.NewId's base32 alphabet

export function newId(): string {
  let s = '';
  for (let i = 0; i < 26; i++) s += ID_ALPHABET[randomInt(32)];
  return s;
}

export interface AppErrorBody { id: string; message: string; detailed_error: string; request_id: string; status_code: number; is_oauth: boolean }

class AppError extends Error {
  constructor(public status: number, public errId: string, msg: string) {
    super(msg);
  }
  body(): AppErrorBody {
    return { id: this.errId, message: this.message, detailed_error: '', request_id: newId(), status_code: this.status, is_oauth: false };
  }
}

const notFound = (what = 'Unable to find the requested resource.') => new AppError(404, 'api.context.404.app_error', what);
const forbidden = (perm: string) =>
  new AppError(403, 'api.context.permissions.app_error', `You do not have the appropriate permissions. (missing ${perm})`);
const invalidBody = (name: string) => new AppError(400, 'api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`);
const invalidPost = (field: string, msg: string) => new AppError(400, `model.post.is_valid.${field}.app_error`, msg);

const invalidCommand = (field: string, msg: string) => new AppError(400, `model.command.is_valid.${field}.app_error`, msg);
const duplicateTrigger = () => new AppError(400, 'api.command.duplicate_trigger.app_error', 'This trigger word is already in use. Please choose another word.');
const teamNotFound = () => new AppError(404, 'app.team.get.find.app_error', 'Unable to find the existing team.');
const userNotFound = () => new AppError(404, 'app.user.missing_account.const', 'Unable to find the user.');
/** c.SetInvalidParam: a URL or body parameter the handler checks itself. */
const commandsDisabled = () => new AppError(501, 'api.command.disabled.app_error', 'Commands have been disabled by the system admin.');
const invalidParam = (name: string) => new AppError(400, 'api.context.invalid_param.app_error', `Invalid ${name} parameter.`);
const botNotFound = () => new AppError(404, 'store.sql_bot.get.missing.app_error', 'Unable to find the bot.');

/** First version assumed to send root_id in the command form: release-10.11 does not, master (2026-05) does; the release in between is not verified, so the fake assumes the later one. */
export const COMMAND_ROOT_ID_SINCE = '11.7.0';
/** First version assumed to carry PR #35638 (merged to master 2026-03); estimate, not verified against a release branch. */
export const STRICT_EDIT_RULES_SINCE = '11.6.0';

/** Compares dotted versions numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** url.Values.Encode (Go): keys sorted, each value encoded with QueryEscape (space -> '+'). */
export function goFormEncode(form: Record<string, string | string[]>): string {
  const esc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return Object.keys(form).sort().flatMap((k) => [form[k]!].flat().map((v) => `${esc(k)}=${esc(v)}`)).join('&');
}

const PER_PAGE_DEFAULT = 60;
const PER_PAGE_MAXIMUM = 200;
// triggers of the server's built-in command providers (app/slashcommands): custom commands may not reuse them
const BUILTIN_TRIGGERS = [
  'away', 'code', 'collapse', 'dnd', 'echo', 'expand', 'groupmsg', 'header', 'help', 'invite', 'invite_people',
  'join', 'kick', 'leave', 'logout', 'me', 'msg', 'mute', 'offline', 'online', 'open', 'purpose', 'remove',
  'rename', 'search', 'settings', 'shortcuts', 'shrug', 'status',
];
const MAX_PAYLOAD = 300_000; // ServiceSettings.MaximumPayloadSizeBytes default
const PROPS_MAX_RUNES = 800_000; // model.PostPropsMaxRunes
const MESSAGE_MAX_RUNES = 16_383; // model.PostMessageMaxRunesV2
const RETAINED_PROP_KEYS = ['from_webhook', 'override_username', 'override_icon_url']; // PostActionRetainPropKeys
const ACTION_STYLES = new Set(['', 'default', 'primary', 'success', 'good', 'warning', 'danger']);
const runes = (s: string) => [...s].length;
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

function attachmentsOf(props: any): any[] {
  return Array.isArray(props?.attachments) ? props.attachments : [];
}

/** PostAction.IsValid + GenerateActionIds (PreCommit). Mutates: fills missing ids. */
function validateAndFillActions(props: any): void {
  if (props?.attachments === undefined) return;
  if (!Array.isArray(props.attachments)) throw invalidPost('attachments', 'props.attachments must be an array');
  for (const att of props.attachments) {
    if (att === null || typeof att !== 'object') throw invalidPost('attachments', 'attachment must be an object');
    if (att.actions === undefined) continue;
    if (!Array.isArray(att.actions)) throw invalidPost('attachments', 'attachment actions must be an array');
    for (const a of att.actions) validateAction(a);
  }
}

function validateAction(a: any): void {
  if (a === null || typeof a !== 'object') throw invalidPost('action', 'action must be an object');
  if (typeof a.name !== 'string' || a.name === '') throw invalidPost('action', 'action name is required');
  if (a.type !== 'button' && a.type !== 'select') throw invalidPost('action', `action type must be button or select, got ${JSON.stringify(a.type)}`);
  const style = a.style ?? '';
  if (typeof style !== 'string' || !(ACTION_STYLES.has(style) || /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(style))) {
    throw invalidPost('action', `invalid action style ${JSON.stringify(style)}`);
  }
  if (a.integration !== undefined && a.integration !== null) {
    const url = a.integration.url;
    if (typeof url !== 'string' || !(url.startsWith('/plugins/') || isHttpUrl(url))) {
      throw invalidPost('action', `action integration url must be http(s) or /plugins/..., got ${JSON.stringify(url)}`);
    }
    const ctx = a.integration.context;
    if (ctx !== undefined && ctx !== null && (typeof ctx !== 'object' || Array.isArray(ctx))) {
      throw invalidPost('action', 'action integration context must be an object');
    }
  }
  if (a.id === undefined || a.id === '') a.id = newId();
  else if (typeof a.id !== 'string') throw invalidPost('action', 'action id must be a string');
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** model.IsValidHTTPURL: a literal lowercase http:// or https:// prefix, then a parsable URL with a host. */
function isValidHttpUrl(s: string): boolean {
  return (s.startsWith('http://') || s.startsWith('https://')) && isHttpUrl(s);
}

/** model.IsValidId: 26 letters or digits. */
const isValidId = (s: unknown): s is string => typeof s === 'string' && /^[A-Za-z0-9]{26}$/.test(s);

/** Go strconv.ParseBool; anything it rejects counts as false (the handlers ignore the error). */
const parseBool = (s: string | null) => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s ?? '');

/** web/params.go page/per_page: unparsable or negative -> default; per_page capped at 200. */
function pageParams(q: URLSearchParams): { page: number; perPage: number } {
  const int = (s: string | null) => (s !== null && /^[+-]?\d+$/.test(s) ? Number(s) : NaN);
  const page = int(q.get('page'));
  const perPage = int(q.get('per_page'));
  return {
    page: Number.isNaN(page) || page < 0 ? 0 : page,
    perPage: Number.isNaN(perPage) || perPage < 0 ? PER_PAGE_DEFAULT : Math.min(perPage, PER_PAGE_MAXIMUM),
  };
}

/** Post.EncodeJSON: a deep copy with every action's integration removed. */
function stripped(post: any): any {
  const out = clone(post);
  for (const att of attachmentsOf(out.props)) {
    for (const a of Array.isArray(att?.actions) ? att.actions : []) delete a.integration;
  }
  return out;
}

function findAction(post: any, actionId: string): any | undefined {
  for (const att of attachmentsOf(post.props)) {
    for (const a of Array.isArray(att?.actions) ? att.actions : []) if (a?.id === actionId) return a;
  }
  return undefined;
}

/** model.ParseSlackLinksToMarkdown: <url|text> -> [text](url). */
function slackLinksToMarkdown(s: string): string {
  return s.replace(/<([^<>|]+)\|([^<>]+)>/g, '[$2]($1)');
}

function userJson(u: MmUser, isBot: boolean): Record<string, unknown> {
  return {
    id: u.id, create_at: 0, update_at: 0, delete_at: u.delete_at ?? 0, username: u.username, auth_data: '', auth_service: '',
    email: `${u.username}@example.test`, nickname: '', first_name: '', last_name: '', position: '',
    roles: u.roles, locale: 'en', timezone: {}, is_bot: isBot, disable_welcome_email: false,
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

const COMMAND_STRING_FIELDS = [
  'id', 'token', 'creator_id', 'team_id', 'trigger', 'method', 'username', 'icon_url', 'auto_complete_desc',
  'auto_complete_hint', 'display_name', 'description', 'url', 'plugin_id',
] as const;

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

// ---------------------------------------------------------------- server

export async function startFakeMattermost(opts: FakeOptions = {}): Promise<FakeMattermost> {
  const users = new Map<string, MmUser>();
  const teams = new Map<string, MmTeam>();
  const teamMembers = new Map<string, Set<string>>();
  const channels = new Map<string, MmChannel>();
  const members = new Map<string, Set<string>>();
  const posts = new Map<string, any>();
  const commands = new Map<string, MmCommand>();
  const requests: FakeMattermost['requests'] = [];
  const ephemerals: MmEphemeral[] = [];
  const tokens = new Map<string, string>(); // access token -> user id
  const botToken = newId();
  const bot: MmUser = { id: newId(), username: opts.botUsername ?? 'plugnmeet', roles: 'system_user system_post_all' };
  const adminToken = newId();
  const admin: MmUser = { id: newId(), username: 'sysadmin', roles: 'system_user system_admin' };
  for (const [u, token] of [[bot, botToken], [admin, adminToken]] as const) {
    users.set(u.id, u);
    tokens.set(token, u.id);
  }
  const settings: FakeSettings = {
    EnableBotAccountCreation: true, EnableUserAccessTokens: true, EnableCommands: true, AllowedUntrustedInternalConnections: '',
    PostEditTimeLimit: -1,
  };
  const now = opts.now ?? Date.now;
  const version = opts.serverVersion ?? '10.11.0';
  const atLeast = (v: string) => compareVersions(version, v) >= 0;
  const cfg = {
    version,
    // web/handlers.go ServeHTTP: CurrentVersion.BuildNumber.ClientConfigHash.(License() != nil)
    versionId: [version, opts.buildNumber ?? '16789012345', createHash('md5').update('client-config:' + version).digest('hex'), String(opts.licensed ?? false)].join('.'),
    commandRootId: opts.commandRootId ?? atLeast(COMMAND_ROOT_ID_SINCE),
    strictEditRules: opts.strictEditRules ?? atLeast(STRICT_EDIT_RULES_SINCE),
    appLevelEditLimit: opts.appLevelEditLimit ?? false,
    sourceAddress: opts.sourceAddress ?? '127.0.0.1',
    commandMembershipCheck: opts.commandMembershipCheck ?? false,
  };
  const bots = new Map<string, MmBot>();
  const botRecord = (u: MmUser, displayName: string, description = ''): MmBot => {
    const at = now();
    const b: MmBot = {
      user_id: u.id, username: u.username, display_name: displayName, description, owner_id: admin.id,
      create_at: at, update_at: at, delete_at: 0, last_icon_update: 0,
    };
    bots.set(u.id, b);
    return b;
  };
  botRecord(bot, 'plugNmeet');

  const hasRole = (u: MmUser, role: string) => u.roles.split(/\s+/).includes(role);
  const isAdmin = (u: MmUser) => hasRole(u, 'system_admin');
  const isMember = (channelId: string, userId: string) => members.get(channelId)?.has(userId) ?? false;
  const isTeamMember = (teamId: string, userId: string) => teamMembers.get(teamId)?.has(userId) ?? false;
  // read_public_channel comes from team_user: public channels are readable by the channel's team
  const canRead = (ch: MmChannel, u: MmUser) => isMember(ch.id, u.id) || (ch.type === 'O' && isTeamMember(ch.team_id, u.id)) || isAdmin(u);
  // team-scoped permissions: team_user (membership) gives view_team and add_user_to_team; the
  // slash-command ones are only in team_admin / system_admin, which the fake models as system_admin
  const canViewTeam = (tid: string, u: MmUser) => isAdmin(u) || isTeamMember(tid, u.id);
  const canManageCommands = (_tid: string, u: MmUser) => isAdmin(u);
  /**
   * app/authorization.go SessionHasPermissionToChannel(create_post) + api4/post_utils.go
   * userCreatePostPermissionCheckWithContext: channel_user grants it to members unless channel
   * moderation took it away (read_only); manage_system and system_post_all grant it everywhere,
   * moderated channels included (system roles are checked after the channel's); system_post_all_public
   * (create_post_public) in public channels.
   */
  const canCreatePost = (ch: MmChannel, u: MmUser) => isAdmin(u) || hasRole(u, 'system_post_all') ||
    (isMember(ch.id, u.id) && !ch.read_only) || (ch.type === 'O' && hasRole(u, 'system_post_all_public'));
  /** edit_post (own) is in channel_user: members; edit_others_posts only in admin roles (model/role.go). */
  const canEditPost = (ch: MmChannel, u: MmUser, own: boolean) => isAdmin(u) || (own && isMember(ch.id, u.id));

  function addTeam(t: { name: string; display_name?: string }): MmTeam {
    if ([...teams.values()].some((x) => x.name === t.name)) throw new Error(`fake mattermost: team name ${t.name} taken`);
    const team: MmTeam = { id: newId(), name: t.name, display_name: t.display_name ?? t.name, type: 'O' };
    teams.set(team.id, team);
    teamMembers.set(team.id, new Set());
    return team;
  }

  function addTeamMember(tid: string, userId: string): void {
    if (!teams.has(tid)) throw new Error(`fake mattermost: no team ${tid}`);
    if (!users.has(userId)) throw new Error(`fake mattermost: no user ${userId}`);
    teamMembers.get(tid)!.add(userId);
  }

  const defaultTeam = addTeam({ name: 'fake-team', display_name: 'Fake Team' });
  const teamId = defaultTeam.id;
  const teamName = defaultTeam.name;
  addTeamMember(teamId, bot.id);
  addTeamMember(teamId, admin.id);

  function addMember(channelId: string, userId: string): void {
    if (!channels.has(channelId)) throw new Error(`fake mattermost: no channel ${channelId}`);
    if (!users.has(userId)) throw new Error(`fake mattermost: no user ${userId}`);
    members.get(channelId)!.add(userId);
  }

  function addChannel(c: { type: MmChannel['type']; name?: string; display_name?: string; members?: string[]; team_id?: string; readOnly?: boolean }): MmChannel {
    const id = newId();
    const ids = c.members ?? [];
    const isDirect = c.type === 'D' || c.type === 'G';
    if (c.type === 'D' && ids.length !== 2) throw new Error('fake mattermost: a DM needs exactly 2 members');
    if (!isDirect && c.team_id !== undefined && !teams.has(c.team_id)) throw new Error(`fake mattermost: no team ${c.team_id}`);
    const name = c.name ?? (c.type === 'D' ? [...ids].sort().join('__') : c.type === 'G' ? randomBytes(20).toString('hex') : `channel-${id.slice(0, 6)}`);
    const ch: MmChannel = { id, team_id: isDirect ? '' : (c.team_id ?? teamId), name, display_name: c.display_name ?? name, type: c.type };
    if (c.readOnly) ch.read_only = true;
    channels.set(id, ch);
    members.set(id, new Set());
    for (const u of ids) addMember(id, u);
    return ch;
  }

  function channelJson(ch: MmChannel): Record<string, unknown> {
    const { read_only: _ro, ...fields } = ch; // moderation lives in the channel's scheme, not in the channel JSON
    return {
      ...fields, create_at: 0, update_at: 0, delete_at: ch.delete_at ?? 0, header: '', purpose: '', last_post_at: 0,
      total_msg_count: 0, extra_update_at: 0, creator_id: '', group_constrained: null, shared: false,
    };
  }

  // ---- post storage

  /** Old versions of each post: SqlPostStore.Update inserts the pre-update row (new id, delete_at set, original_id). */
  const postHistory = new Map<string, any[]>();

  function storePost(p: { channel: MmChannel; user: MmUser; message: string; type: string; props: any; root_id: string }): any {
    const at = now();
    const post = {
      id: newId(), create_at: at, update_at: at, edit_at: 0, delete_at: 0, is_pinned: false,
      user_id: p.user.id, channel_id: p.channel.id, root_id: p.root_id, original_id: '',
      message: p.message, type: p.type, props: p.props, hashtags: '', pending_post_id: '',
      reply_count: 0, last_reply_at: 0, participants: null, metadata: {},
    };
    posts.set(post.id, post);
    return post;
  }

  /** Post.IsValid for the parts the sidecar can get wrong. */
  function validatePost(type: unknown, message: unknown, props: unknown): void {
    if (typeof type !== 'string' || (type !== '' && !type.startsWith('custom_'))) {
      throw invalidPost('type', `Invalid type ${JSON.stringify(type)}: must be empty or start with custom_`);
    }
    if (typeof message !== 'string') throw invalidBody('post.message');
    if (runes(message) > MESSAGE_MAX_RUNES) throw invalidPost('message_length', 'Message too long');
    if (props !== null && (typeof props !== 'object' || Array.isArray(props))) throw invalidBody('post.props');
    if (runes(JSON.stringify(props ?? {})) > PROPS_MAX_RUNES) throw invalidPost('props', 'Invalid props: too long');
    validateAndFillActions(props);
  }

  /**
   * app/post.go UpdatePost + store/sqlstore/post_store.go Update: the message is always taken from
   * the update; edit_at is bumped when the message or the attachments change; and EVERY update,
   * changed or not, inserts the old version as a deleted row (edit history).
   */
  function applyUpdate(post: any, message: string, props: any): any {
    const ch = channels.get(post.channel_id)!;
    if (ch.delete_at) {
      throw new AppError(400, 'api.post.update_post.can_not_update_post_in_deleted.error', 'Can not update a post in a deleted channel.');
    }
    const next = { ...post, message, props };
    validatePost(next.type, message, props);
    const at = now();
    if (message !== post.message || JSON.stringify(attachmentsOf(props)) !== JSON.stringify(attachmentsOf(post.props))) {
      next.edit_at = at;
    }
    next.update_at = Math.max(at, post.update_at + 1);
    const old = { ...clone(post), id: newId(), original_id: post.id, delete_at: next.update_at, update_at: next.update_at };
    postHistory.set(post.id, [...(postHistory.get(post.id) ?? []), old]);
    posts.set(post.id, next);
    return next;
  }

  /** api4/post.go: PostEditTimeLimit != -1 && now > create_at + limit*1000 (the caller adds what the patch must carry). */
  const editLimitPassed = (post: any) => settings.PostEditTimeLimit !== -1 && now() > post.create_at + settings.PostEditTimeLimit * 1000;
  const timeLimitError = () => new AppError(400, 'api.post.update_post.permissions_time_limit.app_error',
    `Unable to edit post. The time limit of ${settings.PostEditTimeLimit} seconds has expired.`);

  // ---- REST routes: `me` is the user whose token came with the request

  type Ctx = { me: MmUser; query: URLSearchParams };
  type Handler = (m: RegExpMatchArray, body: unknown, c: Ctx) => { status: number; json: unknown };
  const isBotUser = (u: MmUser) => bots.has(u.id);
  const routes: Array<{ method: string; re: RegExp; needsBody?: boolean; run: Handler }> = [
    { method: 'GET', re: /^\/api\/v4\/system\/ping$/, run: () => ({ status: 200, json: {} }) }, // answered in handle(), unauthenticated
    { method: 'GET', re: /^\/api\/v4\/users\/me$/, run: (_m, _b, { me }) => ({ status: 200, json: userJson(me, isBotUser(me)) }) },
    {
      method: 'GET', re: /^\/api\/v4\/users\/me\/teams$/,
      run: (_m, _b, { me }) => ({ status: 200, json: sortedTeams().filter((t) => isTeamMember(t.id, me.id)).map((t) => teamJson(t, isAdmin(me))) }),
    },
    {
      method: 'GET', re: /^\/api\/v4\/users\/([a-z0-9]{26})$/,
      run: (m) => {
        const u = users.get(m[1]!);
        if (!u) throw userNotFound();
        return { status: 200, json: userJson(u, isBotUser(u)) };
      },
    },
    {
      method: 'POST', re: /^\/api\/v4\/users\/ids$/, needsBody: true,
      run: (_m, body) => {
        if (!Array.isArray(body) || body.some((x) => typeof x !== 'string')) throw invalidBody('user_ids');
        const found = body.map((id) => users.get(id)).filter((u): u is MmUser => !!u);
        return { status: 200, json: found.map((u) => userJson(u, isBotUser(u))) };
      },
    },
    {
      method: 'GET', re: /^\/api\/v4\/users\/username\/([^/]+)$/,
      run: (m) => {
        const name = decodeURIComponent(m[1]!).toLowerCase();
        const u = [...users.values()].find((x) => x.username === name); // deactivated users included
        if (!u) {
          throw new AppError(404, 'app.user.get_by_username.app_error', 'Unable to find an existing account matching your username for this team.');
        }
        return { status: 200, json: userJson(u, isBotUser(u)) };
      },
    },
    {
      method: 'GET', re: /^\/api\/v4\/users\/([a-z0-9]{26})\/teams$/,
      run: (m, _b, { me }) => {
        // getTeamsForUser: someone else's teams need sysconsole_read_user_management_users (admins)
        if (m[1] !== me.id && !isAdmin(me)) throw forbidden('sysconsole_read_user_management_users');
        return { status: 200, json: sortedTeams().filter((t) => isTeamMember(t.id, m[1]!)).map((t) => teamJson(t, isAdmin(me))) };
      },
    },
    { method: 'PUT', re: /^\/api\/v4\/users\/([A-Za-z0-9]+)\/roles$/, run: (m, b, c) => updateUserRoles(m[1]!, b, c.me) },
    { method: 'POST', re: /^\/api\/v4\/users\/([A-Za-z0-9]+)\/tokens$/, run: (m, b, c) => createUserAccessToken(m[1]!, b, c.me) },
    { method: 'POST', re: /^\/api\/v4\/bots$/, run: (_m, b, c) => createBot(b, c.me) },
    { method: 'POST', re: /^\/api\/v4\/bots\/([A-Za-z0-9]+)\/enable$/, run: (m, _b, c) => enableBot(m[1]!, c.me) },
    {
      method: 'GET', re: /^\/api\/v4\/config$/,
      run: (_m, _b, { me }) => {
        // getConfig: any sysconsole_read_* permission; only system admins have them here
        if (!isAdmin(me)) throw forbidden('sysconsole_read_*');
        return { status: 200, json: { ServiceSettings: { SiteURL: url, ...settings } } };
      },
    },
    { method: 'GET', re: /^\/api\/v4\/teams$/, run: (_m, _b, c) => listTeams(c) },
    { method: 'POST', re: /^\/api\/v4\/teams\/([a-z0-9]{26})\/members$/, needsBody: true, run: (m, b, c) => addTeamMemberRoute(m[1]!, b, c.me) },
    {
      method: 'GET', re: /^\/api\/v4\/channels\/([a-z0-9]{26})$/,
      run: (m, _b, { me }) => {
        const ch = channels.get(m[1]!);
        if (!ch) throw new AppError(404, 'app.channel.get.existing.app_error', 'Unable to find the existing channel.');
        if (!canRead(ch, me)) throw forbidden('read_channel');
        return { status: 200, json: channelJson(ch) };
      },
    },
    { method: 'POST', re: /^\/api\/v4\/channels\/([a-z0-9]{26})\/members$/, needsBody: true, run: (m, b, c) => addChannelMember(m[1]!, b, c.me) },
    { method: 'GET', re: /^\/api\/v4\/commands$/, run: (_m, _b, c) => listCommands(c) },
    { method: 'POST', re: /^\/api\/v4\/commands$/, needsBody: true, run: (_m, b, c) => createCommand(b, c.me) },
    { method: 'POST', re: /^\/api\/v4\/posts$/, needsBody: true, run: (_m, b, c) => createPost(b, c.me) },
    { method: 'POST', re: /^\/api\/v4\/posts\/ephemeral$/, needsBody: true, run: (_m, b, c) => createEphemeral(b, c.me) },
    {
      method: 'GET', re: /^\/api\/v4\/posts\/([a-z0-9]{26})$/,
      run: (m, _b, { me }) => {
        const post = posts.get(m[1]!);
        if (!post || post.delete_at) throw new AppError(404, 'app.post.get.app_error', 'Unable to get the post.');
        if (!canRead(channels.get(post.channel_id)!, me)) throw forbidden('read_channel_content');
        return { status: 200, json: stripped(post) };
      },
    },
    { method: 'PUT', re: /^\/api\/v4\/posts\/([a-z0-9]{26})\/patch$/, needsBody: true, run: (m, b, c) => patchPost(m[1]!, b, c.me) },
    { method: 'PUT', re: /^\/api\/v4\/posts\/([a-z0-9]{26})$/, needsBody: true, run: (m, b, c) => updatePost(m[1]!, b, c.me) },
    { method: 'DELETE', re: /^\/api\/v4\/posts\/([a-z0-9]{26})$/, run: (m, _b, c) => deletePost(m[1]!, c.query, c.me) },
  ];

  // ---- teams

  /** TeamStore.GetAllPage order: display name, then name. */
  function sortedTeams(): MmTeam[] {
    const key = (t: MmTeam) => [t.display_name, t.name] as const;
    return [...teams.values()].sort((a, b) => {
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
  function listTeams({ me, query }: Ctx): { status: number; json: unknown } {
    const { page, perPage } = pageParams(query);
    const visible = sortedTeams().filter((t) => isAdmin(me) || isTeamMember(t.id, me.id));
    const slice = visible.slice(page * perPage, page * perPage + perPage).map((t) => teamJson(t, isAdmin(me)));
    if (parseBool(query.get('include_total_count'))) return { status: 200, json: { teams: slice, total_count: visible.length } };
    return { status: 200, json: slice };
  }

  /** addTeamMember (api4/team.go) + AddUserToTeam; adding an existing member answers 201 again. */
  function addTeamMemberRoute(tid: string, body: unknown, me: MmUser): { status: number; json: unknown } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new AppError(400, 'api.team.add_team_member.invalid_body.app_error', 'Unable to parse the team member from the request body.');
    }
    const b = body as Record<string, unknown>;
    if (b.team_id !== tid) throw invalidBody('team_id');
    if (!isValidId(b.user_id)) throw invalidBody('user_id');
    const userId = b.user_id;
    if (userId === me.id) {
      // joining yourself: the fake's teams are invite-only, so join_private_teams (system_admin only)
      if (!teams.has(tid)) throw teamNotFound();
      if (!isAdmin(me)) throw forbidden('join_private_teams');
    } else if (!(isAdmin(me) || isTeamMember(tid, me.id))) {
      throw forbidden('add_user_to_team'); // team_user has it, so only members (and admins) pass
    }
    if (!teams.has(tid)) throw teamNotFound();
    if (!users.has(userId)) throw userNotFound();
    teamMembers.get(tid)!.add(userId);
    return {
      status: 201,
      json: {
        team_id: tid, user_id: userId, roles: 'team_user', delete_at: 0, scheme_guest: false, scheme_user: true,
        scheme_admin: false, explicit_roles: '', create_at: now(),
      },
    };
  }

  // ---- slash commands (ServiceSettings.EnableCommands is on)

  const liveCommands = (tid: string) => [...commands.values()].filter((c) => c.team_id === tid && c.delete_at === 0);

  /** listCommands: custom_only needs manage_own_slash_commands and shows tokens; otherwise built-ins + custom, sanitized. */
  function listCommands({ me, query }: Ctx): { status: number; json: unknown } {
    const tid = query.get('team_id') ?? '';
    if (tid === '') throw invalidBody('team_id');
    if (!canViewTeam(tid, me)) throw forbidden('view_team');
    const manage = canManageCommands(tid, me);
    if (parseBool(query.get('custom_only'))) {
      if (!manage) throw forbidden('manage_own_slash_commands');
      if (!settings.EnableCommands) throw commandsDisabled(); // ListTeamCommands
      return { status: 200, json: liveCommands(tid).map((c) => clone(c)) };
    }
    // ListAllCommands / ListAutocompleteCommands: without the permission only auto_complete ones
    const custom = settings.EnableCommands ? liveCommands(tid).filter((c) => manage || c.auto_complete).map(sanitizedCommand) : [];
    return { status: 200, json: [...BUILTIN_TRIGGERS.map(builtinCommand), ...custom] };
  }

  /** createCommand (api4/command.go) + App.createCommand + Command.PreSave/IsValid. */
  function createCommand(body: unknown, me: MmUser): { status: number; json: unknown } {
    const b = decodeCommand(body);
    const tid = b.team_id ?? '';
    if (!canManageCommands(tid, me)) throw forbidden('manage_own_slash_commands');
    let creatorId = me.id;
    if (b.creator_id !== undefined && b.creator_id !== '' && b.creator_id !== me.id) {
      if (!isAdmin(me)) throw forbidden('manage_others_slash_commands');
      if (!users.has(b.creator_id)) throw userNotFound();
      creatorId = b.creator_id;
    }
    // stricter than the server (which would store it): a command for a team that does not exist
    if (!settings.EnableCommands) throw commandsDisabled(); // App.CreateCommand
    if (isValidId(tid) && !teams.has(tid)) throw teamNotFound();
    return { status: 201, json: clone(saveCommand({ ...b, creator_id: creatorId })) };
  }

  /** PreSave (fresh id and token unless `seeded` keeps the caller's), duplicate and built-in checks, IsValid. */
  function saveCommand(b: Partial<MmCommand>, seeded = false): MmCommand {
    const at = now();
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
    if (cmd.delete_at === 0 && liveCommands(cmd.team_id).some((c) => c.trigger === cmd.trigger)) throw duplicateTrigger();
    if (BUILTIN_TRIGGERS.includes(cmd.trigger)) throw duplicateTrigger();
    validateCommand(cmd);
    if (cmd.token.length !== 26) throw invalidCommand('token', 'Invalid token.');
    commands.set(cmd.id, cmd);
    return cmd;
  }

  // ---- bots, roles and personal access tokens (api4/bot.go, api4/user.go)

  const SYSTEM_ROLES = new Set([
    'system_user', 'system_admin', 'system_post_all', 'system_post_all_public', 'system_user_access_token', 'system_guest',
    'system_manager', 'system_user_manager', 'system_read_only_admin', 'system_custom_group_admin',
  ]);
  const RESTRICTED_USERNAMES = ['all', 'channel', 'matterbot', 'system', 'here'];
  const botJson = (b: MmBot) => clone(b);

  /** model.IsValidUsername: 3-64 of a-z 0-9 . - _, starting with a letter, not a reserved word. */
  const isValidUsername = (s: string) => /^[a-z][a-z0-9.\-_]{2,63}$/.test(s) && !RESTRICTED_USERNAMES.includes(s);

  /** createBot + App.CreateBot: the session's user owns it; its user gets roles `system_user`. */
  function createBot(body: unknown, me: MmUser): { status: number; json: unknown } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParam('bot');
    const b = body as Record<string, unknown>;
    for (const k of ['username', 'display_name', 'description']) {
      if (b[k] !== undefined && b[k] !== null && typeof b[k] !== 'string') throw invalidParam('bot'); // json decode fails
    }
    if (!isAdmin(me)) throw forbidden('create_bot');
    if (isBotUser(me)) throw forbidden('create_bot'); // bots never create bots
    if (!settings.EnableBotAccountCreation) throw new AppError(403, 'api.bot.create_disabled', 'Bot creation has been disabled.');
    const username = typeof b.username === 'string' ? b.username : '';
    const displayName = typeof b.display_name === 'string' ? b.display_name : '';
    const description = typeof b.description === 'string' ? b.description : '';
    if (!isValidUsername(username)) throw new AppError(400, 'model.bot.is_valid.username.app_error', 'Invalid username.');
    if (runes(displayName) > 64) throw new AppError(400, 'model.bot.is_valid.username.app_error', 'Invalid display name.');
    if (runes(description) > 1024) throw new AppError(400, 'model.bot.is_valid.description.app_error', 'Invalid description.');
    if ([...users.values()].some((u) => u.username === username)) {
      throw new AppError(400, 'app.user.save.username_exists.app_error', 'An account with that username already exists.');
    }
    const user: MmUser = { id: newId(), username, roles: 'system_user' };
    users.set(user.id, user);
    const record = botRecord(user, displayName, description);
    record.owner_id = me.id;
    return { status: 201, json: botJson(record) };
  }

  function setBotActive(userId: string, active: boolean): MmBot {
    const record = bots.get(userId);
    const user = users.get(userId);
    if (!record || !user) throw botNotFound();
    const at = active ? 0 : now();
    record.delete_at = at;
    record.update_at = now();
    user.delete_at = at;
    return record;
  }

  /** enableBot: manage_bots for your own bots, manage_others_bots otherwise (admins have both). */
  function enableBot(userId: string, me: MmUser): { status: number; json: unknown } {
    if (!isValidId(userId)) throw invalidParam('bot_user_id');
    const record = bots.get(userId);
    if (!isAdmin(me)) throw record && record.owner_id === me.id ? forbidden('manage_bots') : botNotFound();
    return { status: 200, json: botJson(setBotActive(userId, true)) };
  }

  /** updateUserRoles: manage_roles (system admins); every role must exist. Replaces all of the user's roles. */
  function updateUserRoles(userId: string, body: unknown, me: MmUser): { status: number; json: unknown } {
    if (!isValidId(userId)) throw invalidParam('user_id');
    const roles = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).roles : undefined;
    const names = typeof roles === 'string' ? roles.trim().split(/\s+/).filter(Boolean) : [];
    // model.IsValidUserRoles: role-name syntax, and never system_admin alone
    if (typeof roles !== 'string' || names.some((r) => !/^[a-z0-9_]{1,64}$/.test(r)) || (names.length === 1 && names[0] === 'system_admin')) {
      throw invalidParam('roles');
    }
    if (!isAdmin(me)) throw forbidden('manage_roles');
    const user = users.get(userId);
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
  function createUserAccessToken(userId: string, body: unknown, me: MmUser): { status: number; json: unknown } {
    if (!isValidId(userId)) throw invalidParam('user_id');
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParam('user_access_token');
    const description = (body as Record<string, unknown>).description;
    if (description !== undefined && description !== null && typeof description !== 'string') throw invalidParam('user_access_token');
    if (!description) throw invalidParam('description');
    if (!isAdmin(me) && !hasRole(me, 'system_user_access_token')) throw forbidden('create_user_access_token');
    if (userId !== me.id && !isAdmin(me)) throw forbidden(bots.has(userId) ? 'manage_others_bots' : 'edit_other_users');
    const user = users.get(userId);
    if (!user) throw userNotFound();
    if (!settings.EnableUserAccessTokens && !isBotUser(user)) {
      throw new AppError(501, 'app.user_access_token.disabled', 'Personal access tokens are disabled on this server. Please contact your system administrator for details.');
    }
    const token = newId();
    tokens.set(token, user.id);
    return { status: 200, json: { id: newId(), token, user_id: user.id, description, is_active: true, expires_at: 0 } };
  }

  // ---- channels and posts

  function addChannelMember(channelId: string, body: unknown, me: MmUser): { status: number; json: unknown } {
    const userId = (body as any)?.user_id;
    if (typeof userId !== 'string' || userId === '') throw invalidBody('user_id');
    const ch = channels.get(channelId);
    if (!ch) throw new AppError(404, 'app.channel.get.existing.app_error', 'Unable to find the existing channel.');
    if (ch.type === 'D' || ch.type === 'G') {
      throw new AppError(400, 'api.channel.add_user_to_channel.type.app_error', 'Can not add user to this channel type.');
    }
    if (!users.has(userId)) throw new AppError(404, 'app.user.missing_account.const', 'Unable to find the user.');
    const self = userId === me.id;
    // self-join of a public channel needs join_public_channels (team_user has it, so team members);
    // anything else needs manage_*_channel_members, which a non-member bot lacks
    const allowed = isAdmin(me) || (ch.type === 'O' && self && isTeamMember(ch.team_id, me.id)) || (isMember(ch.id, me.id) && ch.type === 'O');
    if (!allowed) forbiddenMember(ch);
    members.get(ch.id)!.add(userId);
    return {
      status: 201,
      json: {
        channel_id: ch.id, user_id: userId, roles: 'channel_user', last_viewed_at: 0, msg_count: 0, mention_count: 0,
        notify_props: {}, last_update_at: now(), scheme_guest: false, scheme_user: true, scheme_admin: false, explicit_roles: '',
      },
    };
  }

  function forbiddenMember(ch: MmChannel): never {
    throw forbidden(ch.type === 'O' ? 'manage_public_channel_members' : 'manage_private_channel_members');
  }

  function createPost(body: unknown, me: MmUser): { status: number; json: unknown } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBody('post');
    const b = body as Record<string, any>;
    const ch = typeof b.channel_id === 'string' ? channels.get(b.channel_id) : undefined;
    // unknown channel: SessionHasPermissionToChannel is false -> permission error, as the server does
    if (!ch) throw forbidden('create_post');
    if (!canCreatePost(ch, me)) throw forbidden('create_post');
    // app/post.go CreatePostAsUser: an archived channel takes no posts, whoever asks
    if (ch.delete_at) throw new AppError(400, 'api.post.create_post.can_not_post_to_deleted.error', 'Can not post to a deleted channel.');
    const props = b.props === undefined || b.props === null ? {} : clone(b.props);
    const message = b.message ?? '';
    const type = b.type ?? '';
    validatePost(type, message, props);
    const rootId = b.root_id ?? '';
    if (typeof rootId !== 'string') throw invalidBody('post.root_id');
    if (rootId !== '') checkRoot(rootId, ch.id);
    if (isBotUser(me)) props.from_bot = 'true'; // CreatePost adds it for bot authors
    return { status: 201, json: stripped(storePost({ channel: ch, user: me, message, type, props, root_id: rootId })) };
  }

  function checkRoot(rootId: string, channelId: string): void {
    const root = posts.get(rootId);
    if (!root || root.delete_at) throw new AppError(400, 'api.post.create_post.root_id.app_error', 'Invalid RootId parameter.');
    if (root.root_id !== '') throw new AppError(400, 'api.post.create_post.root_id.app_error', 'Invalid RootId parameter: not a root post.');
    if (root.channel_id !== channelId) {
      throw new AppError(400, 'api.post.create_post.channel_root_id.app_error', 'Invalid ChannelId for RootId parameter.');
    }
  }

  function createEphemeral(body: unknown, me: MmUser): { status: number; json: unknown } {
    // create_post_ephemeral is only in the system_admin role
    if (!isAdmin(me)) throw forbidden('create_post_ephemeral');
    const b = body as any;
    if (typeof b?.user_id !== 'string' || typeof b?.post?.channel_id !== 'string') throw invalidBody('ephemeral_post');
    const e = { user_id: b.user_id, channel_id: b.post.channel_id, message: String(b.post.message ?? ''), root_id: b.post.root_id ?? '', props: b.post.props };
    ephemerals.push(e);
    return { status: 201, json: { id: newId(), create_at: now(), type: 'system_ephemeral', ...b.post } };
  }

  /**
   * api4/post.go patchPost + postPatchChecks, app/post.go PatchPost. An unknown post is a permission
   * error, not 404. Own post: edit_post (channel_user, i.e. membership); another's: edit_others_posts
   * (admins here). Past PostEditTimeLimit a patch carrying a non-null `message` is refused, for
   * everybody (bots and system admins included); with strictEditRules (PR #35638) any non-empty
   * patch is, and create_post in the channel is needed too.
   */
  function patchPost(postId: string, body: unknown, me: MmUser): { status: number; json: unknown } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBody('post');
    const b = body as Record<string, any>;
    if (b.message !== undefined && b.message !== null && typeof b.message !== 'string') throw invalidBody('post.message');
    const post = posts.get(postId);
    if (!post || post.delete_at) throw forbidden('edit_post');
    const ch = channels.get(post.channel_id)!;
    const own = post.user_id === me.id;
    if (!canEditPost(ch, me, own)) throw forbidden(own ? 'edit_post' : 'edit_others_posts');
    if (cfg.strictEditRules && !canCreatePost(ch, me)) throw forbidden('create_post');
    const given = (k: string) => b[k] !== undefined && b[k] !== null;
    const carries = cfg.strictEditRules ? ['message', 'props', 'file_ids', 'has_reactions', 'is_pinned'].some(given) : given('message');
    if (editLimitPassed(post) && carries) throw timeLimitError();
    // PatchPost: an archived channel refuses (before UpdatePost's own check)
    if (ch.delete_at) throw new AppError(400, 'api.post.patch_post.can_not_update_post_in_deleted.error', 'Can not update a post in a deleted channel.');
    const message = given('message') ? b.message : post.message;
    // Post.Patch: props replaced wholesale when present
    const props = given('props') ? clone(b.props) : clone(post.props);
    return { status: 200, json: stripped(applyUpdate(post, message, props)) };
  }

  /**
   * api4/post.go updatePost (PUT /posts/{id}): body id must match; unknown post -> 403 edit_post;
   * edit_post, then edit_others_posts for another's post. Time limit: a changed message (strict
   * rules: a changed message, props, file_ids or is_pinned). UpdatePost(SafeUpdate:false) takes the
   * body's message and props whole: props left out empty the post's props (strict rules keep them).
   */
  function updatePost(postId: string, body: unknown, me: MmUser): { status: number; json: unknown } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBody('post');
    const b = body as Record<string, any>;
    if (b.id !== postId) throw invalidParam('id');
    const post = posts.get(postId);
    if (!post || post.delete_at) throw forbidden('edit_post');
    const ch = channels.get(post.channel_id)!;
    if (!canEditPost(ch, me, true)) throw forbidden('edit_post');
    if (cfg.strictEditRules && !canCreatePost(ch, me)) throw forbidden('create_post');
    const message = typeof b.message === 'string' ? b.message : '';
    const props = b.props === undefined || b.props === null ? (cfg.strictEditRules ? clone(post.props) : {}) : clone(b.props);
    const changed = message !== post.message || (cfg.strictEditRules && JSON.stringify(props) !== JSON.stringify(post.props));
    if (editLimitPassed(post) && changed) throw timeLimitError();
    if (post.user_id !== me.id && !canEditPost(ch, me, false)) throw forbidden('edit_others_posts');
    return { status: 200, json: stripped(applyUpdate(post, message, props)) };
  }

  /**
   * api4/post.go deletePost: permanent needs EnableAPIPostDeletion (off: 501) and manage_system;
   * unknown or deleted post -> 404 app.post.get.app_error; own post: delete_post (channel_user, i.e.
   * membership — system_post_all does not give it); another's: delete_others_posts (admins here).
   * App.DeletePost soft-deletes (delete_at) the post and, for a root, its replies.
   */
  function deletePost(postId: string, query: URLSearchParams, me: MmUser): { status: number; json: unknown } {
    if (parseBool(query.get('permanent'))) {
      throw new AppError(501, 'api.post.delete_post.not_enabled.app_error', 'Permanent post deletion is not enabled.');
    }
    const post = posts.get(postId);
    if (!post || post.delete_at) throw new AppError(404, 'app.post.get.app_error', 'Unable to get the post.');
    const ch = channels.get(post.channel_id)!;
    const own = post.user_id === me.id;
    if (own ? !(isAdmin(me) || isMember(ch.id, me.id)) : !isAdmin(me)) throw forbidden(own ? 'delete_post' : 'delete_others_posts');
    const at = now();
    for (const p of [...posts.values()]) {
      if (p.id === postId || (post.root_id === '' && p.root_id === postId)) posts.set(p.id, { ...p, delete_at: at, update_at: at });
    }
    return { status: 200, json: { status: 'OK' } };
  }

  // ---- HTTP plumbing

  /** The user the request's token belongs to, if any. */
  function authorised(req: http.IncomingMessage): MmUser | undefined {
    const h = req.headers.authorization ?? '';
    const m = /^(bearer|token)\s+(\S+)$/i.exec(h.trim());
    const user = m ? users.get(tokens.get(m[2]!) ?? '') : undefined;
    // createSessionForUserAccessToken: deactivated users, and non-bots while PATs are off, are refused
    if (!user || user.delete_at || (!settings.EnableUserAccessTokens && !isBotUser(user))) return undefined;
    return user;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const [path, search = ''] = (req.url ?? '/').split(/\?(.*)/s) as [string, string?];
    const query = new URLSearchParams(search);
    const method = req.method ?? 'GET';
    // web/handlers.go ServeHTTP sets X-Version-Id on every routed API answer, before auth (so 401s
    // carry it too); the catch-all Handle404 is a plain handler and does not. GETs get Expires: 0.
    if (!path.startsWith('/api/v4/') || !routes.some((r) => r.re.test(path))) throw notFound();
    res.setHeader('X-Version-Id', cfg.versionId);
    if (method === 'GET') res.setHeader('Expires', '0');
    if (method === 'GET' && path === '/api/v4/system/ping') {
      // api4/system.go getSystemPing (APIHandler: no session needed); Go marshals map keys sorted
      return sendJson(res, 200, {
        ActiveSearchBackend: 'database', AndroidLatestVersion: '', AndroidMinVersion: '', IosLatestVersion: '', IosMinVersion: '', status: 'OK',
      });
    }
    const raw = await readLimited(req, MAX_PAYLOAD);
    if (raw === null) throw new AppError(413, 'api.context.request_body_too_large.app_error', 'The request body is too large.');
    const me = authorised(req);
    if (!me) throw new AppError(401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.');

    let body: unknown;
    let badJson = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = raw.toString('utf8');
        badJson = true;
      }
    }
    requests.push({ method, path, query: search, userId: me.id, body });

    const pathMatches = routes.filter((r) => r.re.test(path));
    const route = pathMatches.find((r) => r.method === method);
    if (!route) {
      if (pathMatches.length > 0) throw new AppError(405, 'api.context.405.app_error', 'Method not allowed.');
      throw notFound();
    }
    if (route.needsBody && (badJson || raw.length === 0)) throw invalidBody('body');
    const out = route.run(path.match(route.re)!, body, { me, query });
    sendJson(res, out.status, out.json);
  }

  const faults = new Set<MmFault>();
  /** The first fault that matches this request, used up by one. */
  function faultFor(req: http.IncomingMessage): MmFault | undefined {
    const path = (req.url ?? '/').split('?')[0]!;
    for (const f of faults) {
      if ((f.method && f.method !== req.method) || (f.path && !f.path.test(path))) continue;
      if (f.times !== undefined && --f.times <= 0) faults.delete(f);
      return f;
    }
    return undefined;
  }

  const server = http.createServer(async (req, res) => {
    const f = faultFor(req);
    if (f?.slowMs) await new Promise((r) => setTimeout(r, f.slowMs));
    if (f?.drop) {
      req.socket.destroy();
      return;
    }
    if (f?.status) {
      const e = f.status === 429 ?
        new AppError(429, 'api.context.rate_limit.app_error', 'Too many requests.') :
        new AppError(f.status, 'api.context.500.app_error', 'An internal error occurred.');
      if (f.status === 429) res.setHeader('Retry-After', '1');
      res.setHeader('X-Version-Id', cfg.versionId); // set before the rate limiter runs (web/handlers.go)
      sendJson(res, e.status, e.body());
      return;
    }
    handle(req, res).catch((e) => {
      const err = e instanceof AppError ? e : new AppError(500, 'api.context.500.app_error', String(e));
      sendJson(res, err.status, err.body());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // ---- Mattermost -> sidecar: slash command

  function commandRequest(a: { token: string; user: MmUser; channel: MmChannel; text: string; rootId?: string }) {
    // fields as in app/command.go tryExecuteCustomCommand, encoded by url.Values.Encode (keys sorted).
    // root_id: release-10.11 has no such field; master sets it always (empty outside a thread).
    // The team is the channel's (DMs and GMs: the default team, where the user typed it).
    const team = teams.get(a.channel.team_id) ?? defaultTeam;
    const form: Record<string, string | string[]> = {
      token: a.token,
      team_id: team.id,
      team_domain: team.name,
      channel_id: a.channel.id,
      channel_name: a.channel.name,
      user_id: a.user.id,
      user_name: a.user.username,
      command: '/plugnmeet',
      text: a.text,
      trigger_id: randomBytes(48).toString('base64'),
      ...mentionFields(a.text),
      response_url: `${url}/hooks/commands/${newId()}`,
    };
    if (cfg.commandRootId) form.root_id = a.rootId ?? '';
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' };
    if (a.token !== '') headers.Authorization = 'Token ' + a.token;
    return { headers, body: goFormEncode(form) };
  }

  /**
   * api4/command.go executeCommand's checks, before any request leaves: create_post in the channel
   * (403), then archived (400). A non-member is refused only with `commandMembershipCheck` (older
   * tests use sendCommand to play forged requests from outsiders); a member of a read-only channel always is.
   */
  function executeChecks(user: MmUser, ch: MmChannel): AppError | undefined {
    const outsider = !isMember(ch.id, user.id) && !cfg.commandMembershipCheck;
    if (!outsider && !canCreatePost(ch, user)) return forbidden('create_post');
    if (ch.delete_at) return new AppError(400, 'api.command.execute_command.deleted.error', 'Can not execute command in a deleted channel.');
    return undefined;
  }

  async function sendCommand(
    commandUrl: string,
    a: { token: string; user: MmUser; channel: MmChannel; text: string; rootId?: string; sourceAddress?: string },
  ): Promise<CommandResult> {
    const refused = executeChecks(a.user, a.channel);
    if (refused) return { status: 0, body: undefined, contentType: '', mmError: refused.body() };
    const { headers, body: form } = commandRequest(a);
    const res = await outgoing(commandUrl, headers, form, a.sourceAddress ?? cfg.sourceAddress, 30_000);
    const contentType = res.headers['content-type'] ?? '';
    const text = res.text.slice(0, 1024 * 1024); // MaxIntegrationResponseSize
    let body: any = text;
    if (contentType.startsWith('application/json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const result: CommandResult = { status: res.status, body, contentType };
    if (res.status !== 200) {
      result.mmError = new AppError(500, 'api.command.execute_command.failed_resp.app_error', `Command failed with status ${res.status}`).body();
    } else if (typeof body === 'object' && body !== null) {
      handleCommandResponse(body, a);
    }
    return result;
  }

  /** MentionsToTeamMembers / MentionsToPublicChannels -> user_mentions(_ids), channel_mentions(_ids). */
  function mentionFields(text: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const add = (k: string, v: string) => (out[k] ??= []).push(v);
    for (const [, name] of text.matchAll(/@([a-z0-9.\-_]+)/gi)) {
      const u = [...users.values()].find((x) => x.username === name!.toLowerCase());
      if (u && !out.user_mentions?.includes(u.username)) (add('user_mentions', u.username), add('user_mentions_ids', u.id));
    }
    for (const [, name] of text.matchAll(/~([a-z0-9\-_]+)/gi)) {
      const ch = [...channels.values()].find((c) => c.type === 'O' && c.name === name);
      if (ch && !out.channel_mentions?.includes(ch.name)) (add('channel_mentions', ch.name), add('channel_mentions_ids', ch.id));
    }
    return out;
  }

  /** HandleCommandResponsePost: in_channel -> a post BY THE INVOKING USER; ephemeral with text -> ephemeral. */
  function handleCommandResponse(resp: any, a: { user: MmUser; channel: MmChannel; rootId?: string }): void {
    const type = resp.response_type ?? '';
    const hasText = typeof resp.text === 'string' && resp.text !== '';
    if (type === 'in_channel') {
      const props = { ...(resp.props ?? {}), from_webhook: 'true' };
      if (resp.attachments) props.attachments = clone(resp.attachments);
      storePost({ channel: a.channel, user: a.user, message: resp.text ?? '', type: resp.attachments ? 'slack_attachment' : (resp.type ?? ''), props, root_id: a.rootId ?? '' });
    } else if ((type === '' || type === 'ephemeral') && (hasText || resp.attachments)) {
      ephemerals.push({ user_id: a.user.id, channel_id: a.channel.id, message: resp.text ?? '', root_id: a.rootId ?? '', props: resp.props });
    }
  }

  // ---- Mattermost -> sidecar: message button click

  async function clickButton(postId: string, actionId: string, user: MmUser, o: { sourceAddress?: string } = {}): Promise<ClickResult> {
    const fail = (e: AppError): ClickResult => ({ status: e.status, body: e.body() });
    if (!/^[A-Za-z0-9_-]+$/.test(actionId)) return fail(notFound()); // router would not match
    const post = posts.get(postId);
    if (!post || post.delete_at) return fail(new AppError(404, 'app.post.get.app_error', 'Unable to get the post.'));
    const ch = channels.get(post.channel_id)!;
    if (!canRead(ch, user)) return fail(forbidden('read_channel_content'));
    const action = findAction(post, actionId);
    if (!action?.integration) return fail(new AppError(404, 'api.post.do_action.action_id.app_error', 'Unable to find the action.'));

    const request: Record<string, unknown> = {
      user_id: user.id,
      user_name: user.username,
      channel_id: ch.id,
      channel_name: ch.name,
      team_id: ch.team_id,
      team_domain: teams.get(ch.team_id)?.name ?? '', // DMs and GMs have no team
      post_id: post.id,
      trigger_id: randomBytes(48).toString('base64'),
      type: action.type,
      data_source: action.data_source ?? '',
    };
    if (action.integration.context && Object.keys(action.integration.context).length > 0) request.context = clone(action.integration.context);

    const integrationFailed = () => fail(new AppError(400, 'api.post.do_action.action_integration.app_error', 'Action integration error.'));
    let res: OutgoingResponse;
    try {
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
      // OutgoingIntegrationRequestsTimeout (30 s)
      res = await outgoing(action.integration.url, headers, JSON.stringify(request), o.sourceAddress ?? cfg.sourceAddress, 30_000);
    } catch {
      return integrationFailed();
    }
    const text = res.text;
    if (res.status !== 200) return { ...integrationFailed(), integrationRequest: request };
    let response: any = {};
    if (text.length > 0) {
      try {
        response = JSON.parse(text);
      } catch {
        return { ...integrationFailed(), integrationRequest: request };
      }
    }
    if (response?.update) {
      try {
        applyActionUpdate(post, response.update);
      } catch (e) {
        if (e instanceof AppError) return { ...fail(e), integrationResponse: response, integrationRequest: request };
        throw e;
      }
    }
    const out: ClickResult = { status: 200, body: { status: 'OK', trigger_id: newId() }, integrationResponse: response, integrationRequest: request };
    if (typeof response?.ephemeral_text === 'string' && response.ephemeral_text !== '') {
      const message = response.skip_slack_parsing ? response.ephemeral_text : slackLinksToMarkdown(response.ephemeral_text);
      ephemerals.push({ user_id: user.id, channel_id: ch.id, message, root_id: post.root_id || post.id });
      out.ephemeralText = message;
    }
    return out;
  }

  /**
   * DoPostActionWithCookie + UpdatePost(SafeUpdate:false): props nil -> old props kept,
   * else retained keys re-applied and absent ones removed; the message is ALWAYS taken
   * from the update (a missing message empties the post, as on the real server).
   */
  function applyActionUpdate(post: any, update: any): void {
    const current = posts.get(post.id);
    // App.UpdatePost had its own time limit before MM-51021 (appLevelEditLimit); the REST limit never applies here
    const message = typeof update.message === 'string' ? update.message : '';
    if (cfg.appLevelEditLimit && editLimitPassed(current) && message !== current.message) throw timeLimitError();
    let props: any;
    if (update.props === undefined || update.props === null) {
      props = clone(current.props);
    } else {
      props = clone(update.props);
      for (const k of RETAINED_PROP_KEYS) {
        if (k in (current.props ?? {})) props[k] = current.props[k];
        else delete props[k];
      }
    }
    applyUpdate(current, message, props);
  }

  return {
    url,
    siteUrl: url,
    botToken,
    bot,
    adminToken,
    admin,
    teamId,
    teamName,
    users,
    teams,
    teamMembers,
    channels,
    members,
    posts,
    commands,
    requests,
    ephemerals,
    bots,
    settings,
    tokenOwner: (token) => users.get(tokens.get(token) ?? ''),
    addBot(b) {
      const user: MmUser = { id: newId(), username: b.username.toLowerCase(), roles: b.roles ?? 'system_user' };
      users.set(user.id, user);
      botRecord(user, b.display_name ?? b.username);
      const token = newId();
      tokens.set(token, user.id);
      return { user, token };
    },
    disableBot: (userId) => void setBotActive(userId, false),
    addUser(u) {
      const user: MmUser = { id: newId(), username: u.username.toLowerCase(), roles: u.roles ?? 'system_user' };
      users.set(user.id, user);
      addTeamMember(teamId, user.id); // everybody added this way is in the default team
      return user;
    },
    addTeam,
    addTeamMember,
    isTeamMember,
    addChannel,
    addMember,
    isMember,
    addCommand(c) {
      if (c.team_id !== undefined && !teams.has(c.team_id)) throw new Error(`fake mattermost: no team ${c.team_id}`);
      return saveCommand({ team_id: teamId, creator_id: admin.id, method: 'P', auto_complete: false, ...c }, true);
    },
    commandRequest,
    sendCommand,
    clickButton,
    server: cfg,
    agePost(postId, ms) {
      const p = posts.get(postId);
      if (!p) throw new Error(`fake mattermost: no post ${postId}`);
      p.create_at -= ms;
    },
    rowsWritten: (postId) => (posts.has(postId) ? 1 + (postHistory.get(postId)?.length ?? 0) : 0),
    edits: (postId) => postHistory.get(postId)?.length ?? 0,
    history: (postId) => clone(postHistory.get(postId) ?? []),
    archive(channelId) {
      const ch = channels.get(channelId);
      if (!ch) throw new Error(`fake mattermost: no channel ${channelId}`);
      ch.delete_at = now();
    },
    fault(f) {
      const own = { ...f };
      faults.add(own);
      return () => faults.delete(own);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------- small utilities

interface OutgoingResponse { status: number; headers: http.IncomingHttpHeaders; text: string }

/** A POST from Mattermost's HTTP client, bound to `localAddress` (any of 127.0.0.0/8 is loopback on Linux). */
function outgoing(target: string, headers: Record<string, string>, body: string, localAddress: string, timeoutMs: number): Promise<OutgoingResponse> {
  const u = new URL(target);
  const mod = u.protocol === 'https:' ? https : http;
  const data = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = mod.request(u, {
      // a fresh connection each time (no pool): a sidecar restarted on the same port never meets a stale socket
      method: 'POST', localAddress, timeout: timeoutMs, agent: false,
      headers: { 'User-Agent': 'Go-http-client/1.1', ...headers, 'Content-Length': String(data.length) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(data);
  });
}

/** Reads the body; null when it exceeds `limit` (MaxBytesReader -> 413). */
function readLimited(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'X-Request-Id': newId() });
  res.end(text);
}
