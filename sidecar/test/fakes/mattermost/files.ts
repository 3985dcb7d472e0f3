// File uploads and their attachment to posts (mattermost/mattermost server/channels/api4/file.go
// uploadFileStream, app/file.go, app/post.go attachFilesToPost): POST /api/v4/files takes a multipart
// form (channel_id, files) and needs upload_file on the channel, which channel_user grants to members
// and system_admin everywhere; the bot's system_post_all does not include it. A post's file_ids are
// kept only if the same user uploaded them to the same channel and no other post has them.
import type { MmState } from './state.js';
import type { Reply, Route } from './route.js';
import { AppError, forbidden } from './errors.js';
import { newId } from './model.js';
import { isAdmin, isMember } from './permissions.js';

export interface MmFile { id: string; user_id: string; channel_id: string; name: string; size: number; mime_type: string; content: string; post_id: string }

/** The parts of a multipart/form-data body (text only: the fake stores what the sidecar uploads, text files). */
function parts(raw: string): Array<{ name: string; filename?: string; type: string; data: string }> {
  const boundary = /^--([^\r\n]+)\r\n/.exec(raw)?.[1];
  if (!boundary) return [];
  return raw.split(`--${boundary}`).slice(1, -1).flatMap((chunk) => {
    const [head = '', ...body] = chunk.replace(/^\r\n/, '').split('\r\n\r\n');
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (!name) return [];
    return [{ name, filename: /filename="([^"]*)"/.exec(head)?.[1], type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream', data: body.join('\r\n').replace(/\r\n$/, '') }];
  });
}

function upload(s: MmState, body: unknown, me: Parameters<Route['run']>[2]['me'], query: URLSearchParams): Reply {
  const form = typeof body === 'string' ? parts(body) : [];
  const channelId = form.find((p) => p.name === 'channel_id')?.data ?? query.get('channel_id') ?? '';
  const files = form.filter((p) => p.name === 'files' && p.filename !== undefined);
  if (!channelId || files.length === 0) throw new AppError(400, 'api.file.upload_file.incorrect_number_of_files.app_error', 'Unable to upload files. Incorrect number of files specified.');
  const ch = s.channels.get(channelId);
  if (!ch || !(isAdmin(me) || isMember(s, ch.id, me.id))) throw forbidden('upload_file');
  const infos = files.map((f) => {
    const file: MmFile = { id: newId(), user_id: me.id, channel_id: ch.id, name: f.filename!, size: Buffer.byteLength(f.data), mime_type: f.type, content: f.data, post_id: '' };
    s.files.set(file.id, file);
    const { content: _content, ...info } = file;
    return { ...info, extension: f.filename!.split('.').pop() ?? '' };
  });
  return { status: 201, json: { file_infos: infos, client_ids: [] } };
}

/** attachFilesToPost: the ids that are the author's, of this channel and on no post yet; the rest are dropped. */
export function attachFiles(s: MmState, ids: unknown, postId: string, userId: string, channelId: string): string[] {
  if (!Array.isArray(ids)) return [];
  return ids.filter((id) => {
    const f = typeof id === 'string' ? s.files.get(id) : undefined;
    if (!f || f.user_id !== userId || f.channel_id !== channelId || f.post_id) return false;
    f.post_id = postId;
    return true;
  });
}

export function fileRoutes(s: MmState): Route[] {
  return [{ method: 'POST', re: /^\/api\/v4\/files$/, run: (_m, b, c) => upload(s, b, c.me, c.query) }];
}
