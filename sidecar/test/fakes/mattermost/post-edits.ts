// Editing posts: PATCH and PUT (api4/post.go patchPost, updatePost), the edit time limit
// (PostEditTimeLimit; strictEditRules of PR #35638), and the edit-history row every update
// writes (app/post.go UpdatePost, store/sqlstore/post_store.go Update).
import type { MmUser } from './types.js';
import type { MmState } from './state.js';
import type { Reply, Route } from './route.js';
import { AppError, forbidden, invalidBody, invalidParam } from './errors.js';
import { clone, newId } from './model.js';
import { canCreatePost, canEditPost } from './permissions.js';
import { attachmentsOf, stripped } from './post-attachments.js';
import { validatePost } from './posts.js';

/**
 * app/post.go UpdatePost + store/sqlstore/post_store.go Update: the message is always taken from
 * the update; edit_at is bumped when the message or the attachments change; and EVERY update,
 * changed or not, inserts the old version as a deleted row (edit history).
 */
export function applyUpdate(s: MmState, post: any, message: string, props: any): any {
  const ch = s.channels.get(post.channel_id)!;
  if (ch.delete_at) {
    throw new AppError(400, 'api.post.update_post.can_not_update_post_in_deleted.error', 'Can not update a post in a deleted channel.');
  }
  const next = { ...post, message, props };
  validatePost(next.type, message, props);
  const at = s.now();
  if (message !== post.message || JSON.stringify(attachmentsOf(props)) !== JSON.stringify(attachmentsOf(post.props))) {
    next.edit_at = at;
  }
  next.update_at = Math.max(at, post.update_at + 1);
  const old = { ...clone(post), id: newId(), original_id: post.id, delete_at: next.update_at, update_at: next.update_at };
  s.postHistory.set(post.id, [...(s.postHistory.get(post.id) ?? []), old]);
  s.posts.set(post.id, next);
  return next;
}

/** api4/post.go: PostEditTimeLimit != -1 && now > create_at + limit*1000 (the caller adds what the patch must carry). */
export const editLimitPassed = (s: MmState, post: any) =>
  s.settings.PostEditTimeLimit !== -1 && s.now() > post.create_at + s.settings.PostEditTimeLimit * 1000;
export const timeLimitError = (s: MmState) => new AppError(400, 'api.post.update_post.permissions_time_limit.app_error',
  `Unable to edit post. The time limit of ${s.settings.PostEditTimeLimit} seconds has expired.`);

/**
 * api4/post.go patchPost + postPatchChecks, app/post.go PatchPost. An unknown post is a permission
 * error, not 404. Own post: edit_post (channel_user, i.e. membership); another's: edit_others_posts
 * (admins here). Past PostEditTimeLimit a patch carrying a non-null `message` is refused, for
 * everybody (bots and system admins included); with strictEditRules (PR #35638) any non-empty
 * patch is, and create_post in the channel is needed too.
 */
function patchPost(s: MmState, postId: string, body: unknown, me: MmUser): Reply {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBody('post');
  const b = body as Record<string, any>;
  if (b.message !== undefined && b.message !== null && typeof b.message !== 'string') throw invalidBody('post.message');
  const post = s.posts.get(postId);
  if (!post || post.delete_at) throw forbidden('edit_post');
  const ch = s.channels.get(post.channel_id)!;
  const own = post.user_id === me.id;
  if (!canEditPost(s, ch, me, own)) throw forbidden(own ? 'edit_post' : 'edit_others_posts');
  if (s.server.strictEditRules && !canCreatePost(s, ch, me)) throw forbidden('create_post');
  const given = (k: string) => b[k] !== undefined && b[k] !== null;
  const carries = s.server.strictEditRules ? ['message', 'props', 'file_ids', 'has_reactions', 'is_pinned'].some(given) : given('message');
  if (editLimitPassed(s, post) && carries) throw timeLimitError(s);
  // PatchPost: an archived channel refuses (before UpdatePost's own check)
  if (ch.delete_at) throw new AppError(400, 'api.post.patch_post.can_not_update_post_in_deleted.error', 'Can not update a post in a deleted channel.');
  const message = given('message') ? b.message : post.message;
  // Post.Patch: props replaced wholesale when present
  const props = given('props') ? clone(b.props) : clone(post.props);
  return { status: 200, json: stripped(applyUpdate(s, post, message, props)) };
}

/**
 * api4/post.go updatePost (PUT /posts/{id}): body id must match; unknown post -> 403 edit_post;
 * edit_post, then edit_others_posts for another's post. Time limit: a changed message (strict
 * rules: a changed message, props, file_ids or is_pinned). UpdatePost(SafeUpdate:false) takes the
 * body's message and props whole: props left out empty the post's props (strict rules keep them).
 */
function updatePost(s: MmState, postId: string, body: unknown, me: MmUser): Reply {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBody('post');
  const b = body as Record<string, any>;
  if (b.id !== postId) throw invalidParam('id');
  const post = s.posts.get(postId);
  if (!post || post.delete_at) throw forbidden('edit_post');
  const ch = s.channels.get(post.channel_id)!;
  if (!canEditPost(s, ch, me, true)) throw forbidden('edit_post');
  if (s.server.strictEditRules && !canCreatePost(s, ch, me)) throw forbidden('create_post');
  const message = typeof b.message === 'string' ? b.message : '';
  const props = b.props === undefined || b.props === null ? (s.server.strictEditRules ? clone(post.props) : {}) : clone(b.props);
  const changed = message !== post.message || (s.server.strictEditRules && JSON.stringify(props) !== JSON.stringify(post.props));
  if (editLimitPassed(s, post) && changed) throw timeLimitError(s);
  if (post.user_id !== me.id && !canEditPost(s, ch, me, false)) throw forbidden('edit_others_posts');
  return { status: 200, json: stripped(applyUpdate(s, post, message, props)) };
}

export function postEditRoutes(s: MmState): Route[] {
  return [
    { method: 'PUT', re: /^\/api\/v4\/posts\/([a-z0-9]{26})\/patch$/, needsBody: true, run: (m, b, c) => patchPost(s, m[1]!, b, c.me) },
    { method: 'PUT', re: /^\/api\/v4\/posts\/([a-z0-9]{26})$/, needsBody: true, run: (m, b, c) => updatePost(s, m[1]!, b, c.me) },
  ];
}

// ---- for tests (FakeMattermost.agePost, rowsWritten, edits, history)

/** Moves a post's create_at back by `ms`, as if it had been posted that long ago (for PostEditTimeLimit). */
export function agePost(s: MmState, postId: string, ms: number): void {
  const p = s.posts.get(postId);
  if (!p) throw new Error(`fake mattermost: no post ${postId}`);
  p.create_at -= ms;
}

/** Rows this post put in the Posts table: its insert plus one edit-history row per update (SqlPostStore.Update). */
export const rowsWritten = (s: MmState, postId: string) => (s.posts.has(postId) ? 1 + (s.postHistory.get(postId)?.length ?? 0) : 0);
export const editCount = (s: MmState, postId: string) => s.postHistory.get(postId)?.length ?? 0;
export const editHistory = (s: MmState, postId: string) => clone(s.postHistory.get(postId) ?? []);
