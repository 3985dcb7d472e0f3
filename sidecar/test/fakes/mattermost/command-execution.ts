// A user running a custom slash command: POST /commands/execute's checks (api4/command.go
// executeCommand), the form Mattermost sends to the command URL (app/command.go
// tryExecuteCustomCommand), and what it does with the answer (HandleCommandResponsePost).
import { randomBytes } from 'node:crypto';
import type { CommandResult, MmChannel, MmUser } from './types.js';
import type { MmState } from './state.js';
import { AppError, forbidden } from './errors.js';
import { clone, newId } from './model.js';
import { canCreatePost, isMember } from './permissions.js';
import { storePost } from './posts.js';
import { outgoing } from './outgoing.js';

export type CommandInput = { token: string; user: MmUser; channel: MmChannel; text: string; rootId?: string };

/** url.Values.Encode (Go): keys sorted, each value encoded with QueryEscape (space -> '+'). */
export function goFormEncode(form: Record<string, string | string[]>): string {
  const esc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return Object.keys(form).sort().flatMap((k) => [form[k]!].flat().map((v) => `${esc(k)}=${esc(v)}`)).join('&');
}

/** MentionsToTeamMembers / MentionsToPublicChannels -> user_mentions(_ids), channel_mentions(_ids). */
function mentionFields(s: MmState, text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (k: string, v: string) => (out[k] ??= []).push(v);
  for (const [, name] of text.matchAll(/@([a-z0-9.\-_]+)/gi)) {
    const u = [...s.users.values()].find((x) => x.username === name!.toLowerCase());
    if (u && !out.user_mentions?.includes(u.username)) (add('user_mentions', u.username), add('user_mentions_ids', u.id));
  }
  for (const [, name] of text.matchAll(/~([a-z0-9\-_]+)/gi)) {
    const ch = [...s.channels.values()].find((c) => c.type === 'O' && c.name === name);
    if (ch && !out.channel_mentions?.includes(ch.name)) (add('channel_mentions', ch.name), add('channel_mentions_ids', ch.id));
  }
  return out;
}

/** The slash-command request the server sends to the command URL (headers and form body). */
export function commandRequest(s: MmState, a: CommandInput): { headers: Record<string, string>; body: string } {
  // fields as in app/command.go tryExecuteCustomCommand, encoded by url.Values.Encode (keys sorted).
  // root_id: release-10.11 has no such field; master sets it always (empty outside a thread).
  // The team is the channel's (DMs and GMs: the default team, where the user typed it).
  const team = s.teams.get(a.channel.team_id) ?? s.defaultTeam;
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
    ...mentionFields(s, a.text),
    response_url: `${s.url}/hooks/commands/${newId()}`,
  };
  if (s.server.commandRootId) form.root_id = a.rootId ?? '';
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' };
  if (a.token !== '') headers.Authorization = 'Token ' + a.token;
  return { headers, body: goFormEncode(form) };
}

/**
 * api4/command.go executeCommand's checks, before any request leaves: create_post in the channel
 * (403), then archived (400). A non-member is refused only with `commandMembershipCheck` (older
 * tests use sendCommand to play forged requests from outsiders); a member of a read-only channel always is.
 */
function executeChecks(s: MmState, user: MmUser, ch: MmChannel): AppError | undefined {
  const outsider = !isMember(s, ch.id, user.id) && !s.server.commandMembershipCheck;
  if (!outsider && !canCreatePost(s, ch, user)) return forbidden('create_post');
  if (ch.delete_at) return new AppError(400, 'api.command.execute_command.deleted.error', 'Can not execute command in a deleted channel.');
  return undefined;
}

/**
 * A user typing the command: the checks first (when they refuse, the URL is not called: status 0
 * with mmError), then the request to the command URL from `sourceAddress`, then the answer handled.
 */
export async function sendCommand(s: MmState, commandUrl: string, a: CommandInput & { sourceAddress?: string }): Promise<CommandResult> {
  const refused = executeChecks(s, a.user, a.channel);
  if (refused) return { status: 0, body: undefined, contentType: '', mmError: refused.body() };
  const { headers, body: form } = commandRequest(s, a);
  const res = await outgoing(commandUrl, headers, form, a.sourceAddress ?? s.server.sourceAddress, 30_000);
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
    handleCommandResponse(s, body, a);
  }
  return result;
}

/** HandleCommandResponsePost: in_channel -> a post BY THE INVOKING USER; ephemeral with text -> ephemeral. */
function handleCommandResponse(s: MmState, resp: any, a: { user: MmUser; channel: MmChannel; rootId?: string }): void {
  const type = resp.response_type ?? '';
  const hasText = typeof resp.text === 'string' && resp.text !== '';
  if (type === 'in_channel') {
    const props = { ...(resp.props ?? {}), from_webhook: 'true' };
    if (resp.attachments) props.attachments = clone(resp.attachments);
    storePost(s, { channel: a.channel, user: a.user, message: resp.text ?? '', type: resp.attachments ? 'slack_attachment' : (resp.type ?? ''), props, root_id: a.rootId ?? '' });
  } else if ((type === '' || type === 'ephemeral') && (hasText || resp.attachments)) {
    s.ephemerals.push({ user_id: a.user.id, channel_id: a.channel.id, message: resp.text ?? '', root_id: a.rootId ?? '', props: resp.props });
  }
}
