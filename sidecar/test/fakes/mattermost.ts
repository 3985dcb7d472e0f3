// Fake Mattermost server for sidecar tests: the REST v4 subset the sidecar uses as a bot,
// plus the two calls Mattermost makes TO the sidecar (slash command form, button action).
// Rules follow shared/reference/mattermost-contracts.md §3-5, 7 and the server code they
// quote: AppError JSON, permission checks by role and channel membership, props replaced
// wholesale on patch, action integrations stripped from every post sent to a client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomInt } from 'node:crypto';
import { stringify as formEncode } from 'node:querystring';

export interface MmUser { id: string; username: string; roles: string }
export interface MmChannel { id: string; team_id: string; name: string; display_name: string; type: 'O' | 'P' | 'D' | 'G' }
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

export interface FakeMattermost {
  url: string;
  siteUrl: string; // same as url
  botToken: string;
  bot: MmUser;
  teamId: string;
  teamName: string;
  users: Map<string, MmUser>;
  channels: Map<string, MmChannel>;
  members: Map<string, Set<string>>; // channel id -> user ids
  posts: Map<string, any>; // stored posts, integrations included
  requests: Array<{ method: string; path: string; body: unknown }>;
  ephemerals: MmEphemeral[];
  addUser(u: { username: string; roles?: string }): MmUser;
  addChannel(c: { type: MmChannel['type']; name?: string; display_name?: string; members?: string[] }): MmChannel;
  addMember(channelId: string, userId: string): void;
  isMember(channelId: string, userId: string): boolean;
  sendCommand(commandUrl: string, a: { token: string; user: MmUser; channel: MmChannel; text: string; rootId?: string }): Promise<CommandResult>;
  clickButton(postId: string, actionId: string, user: MmUser): Promise<ClickResult>;
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
    id: u.id, create_at: 0, update_at: 0, delete_at: 0, username: u.username, auth_data: '', auth_service: '',
    email: `${u.username}@example.test`, nickname: '', first_name: '', last_name: '', position: '',
    roles: u.roles, locale: 'en', timezone: {}, is_bot: isBot, disable_welcome_email: false,
  };
}

// ---------------------------------------------------------------- server

export async function startFakeMattermost(): Promise<FakeMattermost> {
  const users = new Map<string, MmUser>();
  const channels = new Map<string, MmChannel>();
  const members = new Map<string, Set<string>>();
  const posts = new Map<string, any>();
  const requests: FakeMattermost['requests'] = [];
  const ephemerals: MmEphemeral[] = [];
  const teamId = newId();
  const teamName = 'fake-team';
  const botToken = newId();
  const bot: MmUser = { id: newId(), username: 'plugnmeet', roles: 'system_user system_post_all' };
  users.set(bot.id, bot);

  const hasRole = (u: MmUser, role: string) => u.roles.split(/\s+/).includes(role);
  const isAdmin = (u: MmUser) => hasRole(u, 'system_admin');
  const isMember = (channelId: string, userId: string) => members.get(channelId)?.has(userId) ?? false;
  // everybody in this fake is a member of the one team, so public channels are readable by all
  const canRead = (ch: MmChannel, u: MmUser) => isMember(ch.id, u.id) || ch.type === 'O' || isAdmin(u);

  function addMember(channelId: string, userId: string): void {
    if (!channels.has(channelId)) throw new Error(`fake mattermost: no channel ${channelId}`);
    if (!users.has(userId)) throw new Error(`fake mattermost: no user ${userId}`);
    members.get(channelId)!.add(userId);
  }

  function addChannel(c: { type: MmChannel['type']; name?: string; display_name?: string; members?: string[] }): MmChannel {
    const id = newId();
    const ids = c.members ?? [];
    const isDirect = c.type === 'D' || c.type === 'G';
    if (c.type === 'D' && ids.length !== 2) throw new Error('fake mattermost: a DM needs exactly 2 members');
    const name = c.name ?? (c.type === 'D' ? [...ids].sort().join('__') : c.type === 'G' ? randomBytes(20).toString('hex') : `channel-${id.slice(0, 6)}`);
    const ch: MmChannel = { id, team_id: isDirect ? '' : teamId, name, display_name: c.display_name ?? name, type: c.type };
    channels.set(id, ch);
    members.set(id, new Set());
    for (const u of ids) addMember(id, u);
    return ch;
  }

  function channelJson(ch: MmChannel): Record<string, unknown> {
    return {
      ...ch, create_at: 0, update_at: 0, delete_at: 0, header: '', purpose: '', last_post_at: 0,
      total_msg_count: 0, extra_update_at: 0, creator_id: '', group_constrained: null, shared: false,
    };
  }

  // ---- post storage

  function storePost(p: { channel: MmChannel; user: MmUser; message: string; type: string; props: any; root_id: string }): any {
    const now = Date.now();
    const post = {
      id: newId(), create_at: now, update_at: now, edit_at: 0, delete_at: 0, is_pinned: false,
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

  /** app.UpdatePost: message always taken from the update, edit_at bumped on message/attachment change. */
  function applyUpdate(post: any, message: string, props: any): any {
    const next = { ...post, message, props };
    validatePost(next.type, message, props);
    const now = Date.now();
    if (message !== post.message || JSON.stringify(attachmentsOf(props)) !== JSON.stringify(attachmentsOf(post.props))) {
      next.edit_at = now;
    }
    next.update_at = Math.max(now, post.update_at + 1);
    posts.set(post.id, next);
    return next;
  }

  // ---- REST routes (the session is always the bot: only its token is accepted)

  type Handler = (m: RegExpMatchArray, body: unknown) => { status: number; json: unknown };
  const routes: Array<{ method: string; re: RegExp; needsBody?: boolean; run: Handler }> = [
    { method: 'GET', re: /^\/api\/v4\/users\/me$/, run: () => ({ status: 200, json: userJson(bot, true) }) },
    {
      method: 'GET', re: /^\/api\/v4\/users\/me\/teams$/,
      run: () => ({ status: 200, json: [{ id: teamId, name: teamName, display_name: 'Fake Team', type: 'O', delete_at: 0 }] }),
    },
    {
      method: 'GET', re: /^\/api\/v4\/users\/([a-z0-9]{26})$/,
      run: (m) => {
        const u = users.get(m[1]!);
        if (!u) throw new AppError(404, 'app.user.missing_account.const', 'Unable to find the user.');
        return { status: 200, json: userJson(u, u.id === bot.id) };
      },
    },
    {
      method: 'POST', re: /^\/api\/v4\/users\/ids$/, needsBody: true,
      run: (_m, body) => {
        if (!Array.isArray(body) || body.some((x) => typeof x !== 'string')) throw invalidBody('user_ids');
        const found = body.map((id) => users.get(id)).filter((u): u is MmUser => !!u);
        return { status: 200, json: found.map((u) => userJson(u, u.id === bot.id)) };
      },
    },
    {
      method: 'GET', re: /^\/api\/v4\/channels\/([a-z0-9]{26})$/,
      run: (m) => {
        const ch = channels.get(m[1]!);
        if (!ch) throw new AppError(404, 'app.channel.get.existing.app_error', 'Unable to find the existing channel.');
        if (!canRead(ch, bot)) throw forbidden('read_channel');
        return { status: 200, json: channelJson(ch) };
      },
    },
    { method: 'POST', re: /^\/api\/v4\/channels\/([a-z0-9]{26})\/members$/, needsBody: true, run: (m, b) => addChannelMember(m[1]!, b) },
    { method: 'POST', re: /^\/api\/v4\/posts$/, needsBody: true, run: (_m, b) => createPost(b) },
    { method: 'POST', re: /^\/api\/v4\/posts\/ephemeral$/, needsBody: true, run: (_m, b) => createEphemeral(b) },
    {
      method: 'GET', re: /^\/api\/v4\/posts\/([a-z0-9]{26})$/,
      run: (m) => {
        const post = posts.get(m[1]!);
        if (!post || post.delete_at) throw new AppError(404, 'app.post.get.app_error', 'Unable to get the post.');
        if (!canRead(channels.get(post.channel_id)!, bot)) throw forbidden('read_channel_content');
        return { status: 200, json: stripped(post) };
      },
    },
    { method: 'PUT', re: /^\/api\/v4\/posts\/([a-z0-9]{26})\/patch$/, needsBody: true, run: (m, b) => patchPost(m[1]!, b) },
  ];

  function addChannelMember(channelId: string, body: unknown): { status: number; json: unknown } {
    const userId = (body as any)?.user_id;
    if (typeof userId !== 'string' || userId === '') throw invalidBody('user_id');
    const ch = channels.get(channelId);
    if (!ch) throw new AppError(404, 'app.channel.get.existing.app_error', 'Unable to find the existing channel.');
    if (ch.type === 'D' || ch.type === 'G') {
      throw new AppError(400, 'api.channel.add_user_to_channel.type.app_error', 'Can not add user to this channel type.');
    }
    if (!users.has(userId)) throw new AppError(404, 'app.user.missing_account.const', 'Unable to find the user.');
    const self = userId === bot.id;
    // self-join of a public channel needs join_public_channels (team_user has it);
    // anything else needs manage_*_channel_members, which a non-member bot lacks
    const allowed = isAdmin(bot) || (ch.type === 'O' && self) || (isMember(ch.id, bot.id) && ch.type === 'O');
    if (!allowed) forbiddenMember(ch);
    members.get(ch.id)!.add(userId);
    return {
      status: 201,
      json: {
        channel_id: ch.id, user_id: userId, roles: 'channel_user', last_viewed_at: 0, msg_count: 0, mention_count: 0,
        notify_props: {}, last_update_at: Date.now(), scheme_guest: false, scheme_user: true, scheme_admin: false, explicit_roles: '',
      },
    };
  }

  function forbiddenMember(ch: MmChannel): never {
    throw forbidden(ch.type === 'O' ? 'manage_public_channel_members' : 'manage_private_channel_members');
  }

  function createPost(body: unknown): { status: number; json: unknown } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBody('post');
    const b = body as Record<string, any>;
    const ch = typeof b.channel_id === 'string' ? channels.get(b.channel_id) : undefined;
    // unknown channel: SessionHasPermissionToChannel is false -> permission error, as the server does
    if (!ch) throw forbidden('create_post');
    // system_post_all grants create_post everywhere; without it, membership is required
    const canPost = hasRole(bot, 'system_post_all') || isAdmin(bot) || isMember(ch.id, bot.id) ||
      (ch.type === 'O' && hasRole(bot, 'system_post_all_public'));
    if (!canPost) throw forbidden('create_post');
    const props = b.props === undefined || b.props === null ? {} : clone(b.props);
    const message = b.message ?? '';
    const type = b.type ?? '';
    validatePost(type, message, props);
    const rootId = b.root_id ?? '';
    if (typeof rootId !== 'string') throw invalidBody('post.root_id');
    if (rootId !== '') checkRoot(rootId, ch.id);
    props.from_bot = 'true'; // CreatePost adds it for bot authors
    return { status: 201, json: stripped(storePost({ channel: ch, user: bot, message, type, props, root_id: rootId })) };
  }

  function checkRoot(rootId: string, channelId: string): void {
    const root = posts.get(rootId);
    if (!root || root.delete_at) throw new AppError(400, 'api.post.create_post.root_id.app_error', 'Invalid RootId parameter.');
    if (root.root_id !== '') throw new AppError(400, 'api.post.create_post.root_id.app_error', 'Invalid RootId parameter: not a root post.');
    if (root.channel_id !== channelId) {
      throw new AppError(400, 'api.post.create_post.channel_root_id.app_error', 'Invalid ChannelId for RootId parameter.');
    }
  }

  function createEphemeral(body: unknown): { status: number; json: unknown } {
    // create_post_ephemeral is only in the system_admin role
    if (!isAdmin(bot)) throw forbidden('create_post_ephemeral');
    const b = body as any;
    if (typeof b?.user_id !== 'string' || typeof b?.post?.channel_id !== 'string') throw invalidBody('ephemeral_post');
    const e = { user_id: b.user_id, channel_id: b.post.channel_id, message: String(b.post.message ?? ''), root_id: b.post.root_id ?? '', props: b.post.props };
    ephemerals.push(e);
    return { status: 201, json: { id: newId(), create_at: Date.now(), type: 'system_ephemeral', ...b.post } };
  }

  function patchPost(postId: string, body: unknown): { status: number; json: unknown } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBody('post');
    const b = body as Record<string, any>;
    const post = posts.get(postId);
    // the real handler answers an unknown post with a permission error, not 404
    if (!post || post.delete_at) throw forbidden('edit_post');
    const ch = channels.get(post.channel_id)!;
    const own = post.user_id === bot.id;
    // edit_post comes from channel_user (membership); edit_others_posts from admin roles
    const allowed = isAdmin(bot) || (own && isMember(ch.id, bot.id));
    if (!allowed) throw forbidden(own ? 'edit_post' : 'edit_others_posts');
    if (b.message !== undefined && typeof b.message !== 'string') throw invalidBody('post.message');
    const message = b.message ?? post.message;
    // Post.Patch: props replaced wholesale when present
    const props = b.props === undefined || b.props === null ? clone(post.props) : clone(b.props);
    return { status: 200, json: stripped(applyUpdate(post, message, props)) };
  }

  // ---- HTTP plumbing

  function authorised(req: http.IncomingMessage): boolean {
    const h = req.headers.authorization ?? '';
    const m = /^(bearer|token)\s+(\S+)$/i.exec(h.trim());
    return !!m && m[2] === botToken;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/api/v4/system/ping') {
      return sendJson(res, 200, { status: 'OK', ActiveSearchBackend: 'database', AndroidLatestVersion: '' });
    }
    if (!path.startsWith('/api/v4/')) throw notFound();
    const raw = await readLimited(req, MAX_PAYLOAD);
    if (raw === null) throw new AppError(413, 'api.context.request_body_too_large.app_error', 'The request body is too large.');
    if (!authorised(req)) throw new AppError(401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.');

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
    requests.push({ method, path, body });

    const pathMatches = routes.filter((r) => r.re.test(path));
    const route = pathMatches.find((r) => r.method === method);
    if (!route) {
      if (pathMatches.length > 0) throw new AppError(405, 'api.context.405.app_error', 'Method not allowed.');
      throw notFound();
    }
    if (route.needsBody && (badJson || raw.length === 0)) throw invalidBody('body');
    const out = route.run(path.match(route.re)!, body);
    sendJson(res, out.status, out.json);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      const err = e instanceof AppError ? e : new AppError(500, 'api.context.500.app_error', String(e));
      sendJson(res, err.status, err.body());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // ---- Mattermost -> sidecar: slash command

  async function sendCommand(commandUrl: string, a: { token: string; user: MmUser; channel: MmChannel; text: string; rootId?: string }): Promise<CommandResult> {
    // field order and set as in app/command.go tryExecuteCustomCommand. NOTE: no root_id —
    // the server never puts it in the form; it only uses args.RootId for the response post.
    const form: Record<string, string | string[]> = {
      token: a.token,
      team_id: teamId,
      team_domain: teamName,
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
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' };
    if (a.token !== '') headers.Authorization = 'Token ' + a.token;
    const res = await fetch(commandUrl, { method: 'POST', headers, body: formEncode(form) });
    const contentType = res.headers.get('content-type') ?? '';
    const text = (await res.text()).slice(0, 1024 * 1024); // MaxIntegrationResponseSize
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

  async function clickButton(postId: string, actionId: string, user: MmUser): Promise<ClickResult> {
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
      team_domain: ch.team_id ? teamName : '', // DMs and GMs have no team
      post_id: post.id,
      trigger_id: randomBytes(48).toString('base64'),
      type: action.type,
      data_source: action.data_source ?? '',
    };
    if (action.integration.context && Object.keys(action.integration.context).length > 0) request.context = clone(action.integration.context);

    const integrationFailed = () => fail(new AppError(400, 'api.post.do_action.action_integration.app_error', 'Action integration error.'));
    let res: Response;
    try {
      res = await fetch(action.integration.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(30_000), // OutgoingIntegrationRequestsTimeout
      });
    } catch {
      return integrationFailed();
    }
    const text = await res.text();
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
    applyUpdate(current, typeof update.message === 'string' ? update.message : '', props);
  }

  return {
    url,
    siteUrl: url,
    botToken,
    bot,
    teamId,
    teamName,
    users,
    channels,
    members,
    posts,
    requests,
    ephemerals,
    addUser(u) {
      const user: MmUser = { id: newId(), username: u.username.toLowerCase(), roles: u.roles ?? 'system_user' };
      users.set(user.id, user);
      return user;
    },
    addChannel,
    addMember,
    isMember,
    sendCommand,
    clickButton,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------- small utilities

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
