// A user clicking a message button (api4/post.go doPostAction, app/integration_action.go
// DoPostActionWithCookie): read permission, the request POSTed to the action's integration URL,
// the post update the answer may carry, and its ephemeral text.
import { randomBytes } from 'node:crypto';
import type { ClickResult, MmUser } from './types.js';
import type { MmState } from './state.js';
import { AppError, forbidden, notFound, postNotFound } from './errors.js';
import { clone, newId } from './model.js';
import { canRead } from './permissions.js';
import { findAction } from './post-attachments.js';
import { applyUpdate, editLimitPassed, timeLimitError } from './post-edits.js';
import { outgoing, type OutgoingResponse } from './outgoing.js';

const RETAINED_PROP_KEYS = ['from_webhook', 'override_username', 'override_icon_url']; // PostActionRetainPropKeys

/** model.ParseSlackLinksToMarkdown: <url|text> -> [text](url). */
function slackLinksToMarkdown(s: string): string {
  return s.replace(/<([^<>|]+)\|([^<>]+)>/g, '[$2]($1)');
}

export async function clickButton(s: MmState, postId: string, actionId: string, user: MmUser, o: { sourceAddress?: string } = {}): Promise<ClickResult> {
  const fail = (e: AppError): ClickResult => ({ status: e.status, body: e.body() });
  if (!/^[A-Za-z0-9_-]+$/.test(actionId)) return fail(notFound()); // router would not match
  const post = s.posts.get(postId);
  if (!post || post.delete_at) return fail(postNotFound());
  const ch = s.channels.get(post.channel_id)!;
  if (!canRead(s, ch, user)) return fail(forbidden('read_channel_content'));
  const action = findAction(post, actionId);
  if (!action?.integration) return fail(new AppError(404, 'api.post.do_action.action_id.app_error', 'Unable to find the action.'));

  const request: Record<string, unknown> = {
    user_id: user.id,
    user_name: user.username,
    channel_id: ch.id,
    channel_name: ch.name,
    team_id: ch.team_id,
    team_domain: s.teams.get(ch.team_id)?.name ?? '', // DMs and GMs have no team
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
    res = await outgoing(action.integration.url, headers, JSON.stringify(request), o.sourceAddress ?? s.server.sourceAddress, 30_000);
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
      applyActionUpdate(s, post, response.update);
    } catch (e) {
      if (e instanceof AppError) return { ...fail(e), integrationResponse: response, integrationRequest: request };
      throw e;
    }
  }
  const out: ClickResult = { status: 200, body: { status: 'OK', trigger_id: newId() }, integrationResponse: response, integrationRequest: request };
  if (typeof response?.ephemeral_text === 'string' && response.ephemeral_text !== '') {
    const message = response.skip_slack_parsing ? response.ephemeral_text : slackLinksToMarkdown(response.ephemeral_text);
    s.ephemerals.push({ user_id: user.id, channel_id: ch.id, message, root_id: post.root_id || post.id });
    out.ephemeralText = message;
  }
  return out;
}

/**
 * DoPostActionWithCookie + UpdatePost(SafeUpdate:false): props nil -> old props kept,
 * else retained keys re-applied and absent ones removed; the message is ALWAYS taken
 * from the update (a missing message empties the post, as on the real server).
 */
function applyActionUpdate(s: MmState, post: any, update: any): void {
  const current = s.posts.get(post.id);
  // App.UpdatePost had its own time limit before MM-51021 (appLevelEditLimit); the REST limit never applies here
  const message = typeof update.message === 'string' ? update.message : '';
  if (s.server.appLevelEditLimit && editLimitPassed(s, current) && message !== current.message) throw timeLimitError(s);
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
  applyUpdate(s, current, message, props);
}
