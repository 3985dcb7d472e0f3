// Message attachments and their actions (buttons, selects): validation and action ids when a
// post is saved, and the integrations (url, context) removed from every post sent to a client.
import { invalidPost } from './errors.js';
import { clone, isHttpUrl, newId } from './model.js';

const ACTION_STYLES = new Set(['', 'default', 'primary', 'success', 'good', 'warning', 'danger']);

export function attachmentsOf(props: any): any[] {
  return Array.isArray(props?.attachments) ? props.attachments : [];
}

/** PostAction.IsValid + GenerateActionIds (PreCommit). Mutates: fills missing ids. */
export function validateAndFillActions(props: any): void {
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

/** Post.EncodeJSON: a deep copy with every action's integration removed. */
export function stripped(post: any): any {
  const out = clone(post);
  for (const att of attachmentsOf(out.props)) {
    for (const a of Array.isArray(att?.actions) ? att.actions : []) delete a.integration;
  }
  return out;
}

export function findAction(post: any, actionId: string): any | undefined {
  for (const att of attachmentsOf(post.props)) {
    for (const a of Array.isArray(att?.actions) ? att.actions : []) if (a?.id === actionId) return a;
  }
  return undefined;
}
