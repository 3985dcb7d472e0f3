// Posts: Post.IsValid, creating one (create_post, thread roots, archived channels), reading one,
// ephemeral posts, deleting (api4/post.go, app/post.go). Editing: post-edits.ts.
import type { MmChannel, MmUser } from './types.js';
import type { MmState } from './state.js';
import type { Reply, Route } from './route.js';
import { AppError, forbidden, invalidBody, invalidPost, postNotFound } from './errors.js';
import { clone, newId, parseBool, runes } from './model.js';
import { canCreatePost, canDeletePost, canRead, isAdmin, isBotUser } from './permissions.js';
import { stripped, validateAndFillActions } from './post-attachments.js';
import { attachFiles } from './files.js';

const PROPS_MAX_RUNES = 800_000; // model.PostPropsMaxRunes
const MESSAGE_MAX_RUNES = 16_383; // model.PostMessageMaxRunesV2

/** Saves a new post as the store does (ids and timestamps filled in); no checks. */
export function storePost(s: MmState, p: { channel: MmChannel; user: MmUser; message: string; type: string; props: any; root_id: string }): any {
  const at = s.now();
  const post = {
    id: newId(), create_at: at, update_at: at, edit_at: 0, delete_at: 0, is_pinned: false,
    user_id: p.user.id, channel_id: p.channel.id, root_id: p.root_id, original_id: '',
    message: p.message, type: p.type, props: p.props, hashtags: '', pending_post_id: '',
    reply_count: 0, last_reply_at: 0, participants: null, metadata: {},
  };
  s.posts.set(post.id, post);
  return post;
}

/** Post.IsValid for the parts the sidecar can get wrong. */
export function validatePost(type: unknown, message: unknown, props: unknown): void {
  if (typeof type !== 'string' || (type !== '' && !type.startsWith('custom_'))) {
    throw invalidPost('type', `Invalid type ${JSON.stringify(type)}: must be empty or start with custom_`);
  }
  if (typeof message !== 'string') throw invalidBody('post.message');
  if (runes(message) > MESSAGE_MAX_RUNES) throw invalidPost('message_length', 'Message too long');
  if (props !== null && (typeof props !== 'object' || Array.isArray(props))) throw invalidBody('post.props');
  if (runes(JSON.stringify(props ?? {})) > PROPS_MAX_RUNES) throw invalidPost('props', 'Invalid props: too long');
  validateAndFillActions(props);
}

function createPost(s: MmState, body: unknown, me: MmUser): Reply {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBody('post');
  const b = body as Record<string, any>;
  const ch = typeof b.channel_id === 'string' ? s.channels.get(b.channel_id) : undefined;
  // unknown channel: SessionHasPermissionToChannel is false -> permission error, as the server does
  if (!ch) throw forbidden('create_post');
  if (!canCreatePost(s, ch, me)) throw forbidden('create_post');
  // app/post.go CreatePostAsUser: an archived channel takes no posts, whoever asks
  if (ch.delete_at) throw new AppError(400, 'api.post.create_post.can_not_post_to_deleted.error', 'Can not post to a deleted channel.');
  const props = b.props === undefined || b.props === null ? {} : clone(b.props);
  const message = b.message ?? '';
  const type = b.type ?? '';
  validatePost(type, message, props);
  const rootId = b.root_id ?? '';
  if (typeof rootId !== 'string') throw invalidBody('post.root_id');
  if (rootId !== '') checkRoot(s, rootId, ch.id);
  if (isBotUser(s, me)) props.from_bot = 'true'; // CreatePost adds it for bot authors
  const post = storePost(s, { channel: ch, user: me, message, type, props, root_id: rootId });
  post.file_ids = attachFiles(s, b.file_ids, post.id, me.id, ch.id);
  return { status: 201, json: stripped(post) };
}

function checkRoot(s: MmState, rootId: string, channelId: string): void {
  const root = s.posts.get(rootId);
  if (!root || root.delete_at) throw new AppError(400, 'api.post.create_post.root_id.app_error', 'Invalid RootId parameter.');
  if (root.root_id !== '') throw new AppError(400, 'api.post.create_post.root_id.app_error', 'Invalid RootId parameter: not a root post.');
  if (root.channel_id !== channelId) {
    throw new AppError(400, 'api.post.create_post.channel_root_id.app_error', 'Invalid ChannelId for RootId parameter.');
  }
}

function createEphemeral(s: MmState, body: unknown, me: MmUser): Reply {
  // create_post_ephemeral is only in the system_admin role
  if (!isAdmin(me)) throw forbidden('create_post_ephemeral');
  const b = body as any;
  if (typeof b?.user_id !== 'string' || typeof b?.post?.channel_id !== 'string') throw invalidBody('ephemeral_post');
  const e = { user_id: b.user_id, channel_id: b.post.channel_id, message: String(b.post.message ?? ''), root_id: b.post.root_id ?? '', props: b.post.props };
  s.ephemerals.push(e);
  return { status: 201, json: { id: newId(), create_at: s.now(), type: 'system_ephemeral', ...b.post } };
}

/**
 * api4/post.go deletePost: permanent needs EnableAPIPostDeletion (off: 501) and manage_system;
 * unknown or deleted post -> 404 app.post.get.app_error; own post: delete_post (channel_user, i.e.
 * membership, not channel_guest; team_admin — system_post_all does not give it); another's:
 * delete_others_posts (team and system admins).
 * App.DeletePost soft-deletes (delete_at) the post and, for a root, its replies.
 */
function deletePost(s: MmState, postId: string, query: URLSearchParams, me: MmUser): Reply {
  if (parseBool(query.get('permanent'))) {
    throw new AppError(501, 'api.post.delete_post.not_enabled.app_error', 'Permanent post deletion is not enabled.');
  }
  const post = s.posts.get(postId);
  if (!post || post.delete_at) throw postNotFound();
  const ch = s.channels.get(post.channel_id)!;
  const own = post.user_id === me.id;
  if (!canDeletePost(s, ch, me, own)) throw forbidden(own ? 'delete_post' : 'delete_others_posts');
  const at = s.now();
  for (const p of [...s.posts.values()]) {
    if (p.id === postId || (post.root_id === '' && p.root_id === postId)) s.posts.set(p.id, { ...p, delete_at: at, update_at: at });
  }
  return { status: 200, json: { status: 'OK' } };
}

export function postRoutes(s: MmState): Route[] {
  return [
    { method: 'POST', re: /^\/api\/v4\/posts$/, needsBody: true, run: (_m, b, c) => createPost(s, b, c.me) },
    { method: 'POST', re: /^\/api\/v4\/posts\/ephemeral$/, needsBody: true, run: (_m, b, c) => createEphemeral(s, b, c.me) },
    {
      method: 'GET', re: /^\/api\/v4\/posts\/([a-z0-9]{26})$/,
      run: (m, _b, { me }) => {
        const post = s.posts.get(m[1]!);
        if (!post || post.delete_at) throw postNotFound();
        if (!canRead(s, s.channels.get(post.channel_id)!, me)) throw forbidden('read_channel_content');
        return { status: 200, json: stripped(post) };
      },
    },
    { method: 'DELETE', re: /^\/api\/v4\/posts\/([a-z0-9]{26})$/, run: (m, _b, c) => deletePost(s, m[1]!, c.query, c.me) },
  ];
}
