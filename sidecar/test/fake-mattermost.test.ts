// Self-tests for the fake Mattermost's version-bound and edit rules (issues 11 and 16): each rule
// names the mattermost/mattermost source it copies in test/fakes/mattermost/ (post-edits.ts,
// server-config.ts, command-execution.ts, ...; the map is in test/fakes/mattermost.ts).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as formDecode } from 'node:querystring';
import { startFakeMattermost, type FakeMattermost, type MmUser } from './fakes/mattermost.js';

interface Seen { path: string; remote: string; headers: http.IncomingHttpHeaders; body: string }

/** A stand-in sidecar: records each request (with the address it came from) and answers `reply()`. */
async function receiver(reply: () => unknown = () => ({})) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ path: req.url!, remote: req.socket.remoteAddress ?? '', headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(reply()));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function call(mm: FakeMattermost, method: string, path: string, body?: unknown, token = mm.botToken) {
  const res = await fetch(mm.url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, versionId: res.headers.get('x-version-id'), expires: res.headers.get('expires') };
}

/** A personal access token for a person, made by the admin (POST /users/{id}/tokens). */
async function tokenFor(mm: FakeMattermost, user: MmUser): Promise<string> {
  const r = await call(mm, 'POST', `/api/v4/users/${user.id}/tokens`, { description: 'test' }, mm.adminToken);
  assert.equal(r.status, 200);
  return r.json.token;
}

const card = (channelId: string, actionUrl: string, extra: Record<string, unknown> = {}) => ({
  channel_id: channelId, message: 'Meeting started', type: 'custom_plugnmeet',
  props: { meeting_status: 'live', attachments: [{ actions: [{ id: 'join', type: 'button', name: 'Join', integration: { url: actionUrl } }] }], ...extra },
});

describe('fake Mattermost: X-Version-Id and ping (web/handlers.go, api4/system.go)', () => {
  for (const [version, licensed] of [['9.11.0', false], ['10.11.0', false], ['11.1.0', true]] as const) {
    it(`${version}: every routed answer carries version.build.confighash.licensed`, async () => {
      const mm = await startFakeMattermost({ serverVersion: version, licensed });
      try {
        const me = await call(mm, 'GET', '/api/v4/users/me');
        const re = new RegExp(`^${version.replace(/\./g, '\\.')}\\.\\d+\\.[0-9a-f]{32}\\.${licensed}$`);
        assert.match(me.versionId ?? '', re);
        assert.equal(me.versionId, mm.server.versionId);
        assert.equal(me.expires, '0');
        assert.match((await call(mm, 'GET', '/api/v4/users/me', undefined, 'bad')).versionId ?? '', re, 'set before auth: 401s carry it');
        const ping = await fetch(mm.url + '/api/v4/system/ping'); // no session needed
        assert.equal(ping.status, 200);
        assert.match(ping.headers.get('x-version-id') ?? '', re);
        assert.deepEqual(await ping.json(), {
          ActiveSearchBackend: 'database', AndroidLatestVersion: '', AndroidMinVersion: '', IosLatestVersion: '', IosMinVersion: '', status: 'OK',
        });
        const unknown = await fetch(mm.url + '/api/v4/no/such/route');
        assert.equal(unknown.status, 404);
        assert.equal(unknown.headers.get('x-version-id'), null, 'Handle404 is not a routed handler');
      } finally {
        await mm.close();
      }
    });
  }

  it('default server is 10.11.0, unlicensed', async () => {
    const mm = await startFakeMattermost();
    try {
      assert.match(mm.server.versionId, /^10\.11\.0\.\d+\.[0-9a-f]{32}\.false$/);
    } finally {
      await mm.close();
    }
  });
});

describe('fake Mattermost: PostEditTimeLimit (api4/post.go postPatchChecks, updatePost)', () => {
  let mm: FakeMattermost;
  let ch: string;
  before(async () => {
    mm = await startFakeMattermost();
    ch = mm.addChannel({ type: 'O', members: [mm.bot.id] }).id;
    mm.settings.PostEditTimeLimit = 300;
  });
  after(() => mm.close());

  it('past the limit a patch carrying a message is 400 for the bot and admins alike; props alone and null pass', async () => {
    const p = (await call(mm, 'POST', '/api/v4/posts', card(ch, 'http://127.0.0.1:1'))).json;
    assert.equal((await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { message: 'early' })).status, 200, 'within the limit');
    mm.agePost(p.id, 301_000);
    const late = await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { message: 'late' });
    assert.deepEqual([late.status, late.json.id], [400, 'api.post.update_post.permissions_time_limit.app_error']);
    const byAdmin = await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { message: 'late' }, mm.adminToken);
    assert.equal(byAdmin.status, 400, 'no exemption for system admins');
    assert.equal(mm.posts.get(p.id).message, 'early');
    assert.equal((await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { props: { meeting_status: 'ended' } })).status, 200);
    assert.equal((await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { message: null, props: { a: 1 } })).status, 200);
    assert.deepEqual(mm.posts.get(p.id).props, { a: 1 });
  });

  it('PUT /posts/{id}: a changed message past the limit is 400, the same message is not; props left out are emptied', async () => {
    const p = (await call(mm, 'POST', '/api/v4/posts', { channel_id: ch, message: 'm', props: { k: 'v' } })).json;
    mm.agePost(p.id, 301_000);
    const changed = await call(mm, 'PUT', `/api/v4/posts/${p.id}`, { id: p.id, message: 'other' });
    assert.deepEqual([changed.status, changed.json.id], [400, 'api.post.update_post.permissions_time_limit.app_error']);
    const same = await call(mm, 'PUT', `/api/v4/posts/${p.id}`, { id: p.id, message: 'm' });
    assert.equal(same.status, 200);
    assert.deepEqual(mm.posts.get(p.id).props, {}, 'UpdatePost(SafeUpdate:false) takes the body props, nil included');
    const wrongId = await call(mm, 'PUT', `/api/v4/posts/${p.id}`, { id: 'x', message: 'm' });
    assert.equal(wrongId.status, 400);
  });

  it('an action update past the limit still applies (App.UpdatePost has no limit since MM-51021)', async () => {
    const rx = await receiver(() => ({ update: { message: 'Meeting ended', props: { meeting_status: 'ended' } } }));
    try {
      const alice = mm.addUser({ username: 'alice-limit' });
      mm.addMember(ch, alice.id);
      const p = (await call(mm, 'POST', '/api/v4/posts', card(ch, rx.url))).json;
      mm.agePost(p.id, 3_600_000);
      const click = await mm.clickButton(p.id, 'join', alice);
      assert.equal(click.status, 200);
      assert.equal(mm.posts.get(p.id).message, 'Meeting ended');
    } finally {
      await rx.close();
    }
  });

  it('appLevelEditLimit (servers before MM-51021): the click answers 400 and the post is unchanged', async () => {
    const old = await startFakeMattermost({ appLevelEditLimit: true });
    const rx = await receiver(() => ({ update: { message: 'Meeting ended', props: {} } }));
    try {
      old.settings.PostEditTimeLimit = 60;
      const c = old.addChannel({ type: 'O' });
      const alice = old.addUser({ username: 'alice' });
      old.addMember(c.id, alice.id);
      const p = (await call(old, 'POST', '/api/v4/posts', card(c.id, rx.url))).json;
      old.agePost(p.id, 61_000);
      const click = await old.clickButton(p.id, 'join', alice);
      assert.deepEqual([click.status, click.body.id], [400, 'api.post.update_post.permissions_time_limit.app_error']);
      assert.equal(rx.seen.length, 1, 'the integration was called; only the update failed');
      assert.equal(old.posts.get(p.id).message, 'Meeting started');
      assert.equal(old.edits(p.id), 0);
    } finally {
      await rx.close();
      await old.close();
    }
  });

  it('strictEditRules (PR #35638): past the limit a props-only patch is refused too; an empty one is not', async () => {
    const strict = await startFakeMattermost({ serverVersion: '11.6.0' });
    try {
      assert.equal(strict.server.strictEditRules, true);
      strict.settings.PostEditTimeLimit = 60;
      const c = strict.addChannel({ type: 'O', members: [strict.bot.id] });
      const p = (await call(strict, 'POST', '/api/v4/posts', card(c.id, 'http://127.0.0.1:1'))).json;
      strict.agePost(p.id, 61_000);
      const props = await call(strict, 'PUT', `/api/v4/posts/${p.id}/patch`, { props: { meeting_status: 'ended' } });
      assert.deepEqual([props.status, props.json.id], [400, 'api.post.update_post.permissions_time_limit.app_error']);
      assert.equal((await call(strict, 'PUT', `/api/v4/posts/${p.id}/patch`, {})).status, 200);
      assert.equal((await startFakeMattermost({ serverVersion: '11.1.0' }).then(async (x) => { await x.close(); return x.server.strictEditRules; })), false);
    } finally {
      await strict.close();
    }
  });
});

describe('fake Mattermost: rows written (store/sqlstore/post_store.go Update)', () => {
  it('creation is one row; every update, changed or not, adds a deleted history row; refused ones add none', async () => {
    const mm = await startFakeMattermost();
    const rx = await receiver(() => ({ update: { message: 'clicked', props: { s: 1 } } }));
    try {
      const c = mm.addChannel({ type: 'O', members: [mm.bot.id] });
      const p = (await call(mm, 'POST', '/api/v4/posts', card(c.id, rx.url))).json;
      assert.deepEqual([mm.rowsWritten(p.id), mm.edits(p.id)], [1, 0]);
      await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { props: { s: 0 } });
      await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { props: { s: 0 } }); // no change: still a row
      const alice = mm.addUser({ username: 'alice' });
      mm.addMember(c.id, alice.id);
      // the card's buttons are gone after the first patch; put them back, then click
      await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { props: card(c.id, rx.url).props });
      assert.equal((await mm.clickButton(p.id, 'join', alice)).status, 200);
      assert.deepEqual([mm.rowsWritten(p.id), mm.edits(p.id)], [5, 4]);
      mm.settings.PostEditTimeLimit = 1;
      mm.agePost(p.id, 2_000);
      assert.equal((await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { message: 'x' })).status, 400);
      assert.equal(mm.rowsWritten(p.id), 5);
      const h = mm.history(p.id);
      assert.equal(h.length, 4);
      assert.ok(h.every((row) => row.original_id === p.id && row.delete_at > 0 && row.id !== p.id));
      assert.equal(h[0].message, 'Meeting started');
      assert.equal(mm.rowsWritten('n'.repeat(26)), 0);
    } finally {
      await rx.close();
      await mm.close();
    }
  });
});

describe('fake Mattermost: root_id in the command form (app/command.go tryExecuteCustomCommand)', () => {
  const formOf = async (opts: Parameters<typeof startFakeMattermost>[0], rootId?: string) => {
    const mm = await startFakeMattermost(opts);
    const rx = await receiver();
    try {
      const u = mm.addUser({ username: 'tina' });
      const c = mm.addChannel({ type: 'O', members: [u.id] });
      await mm.sendCommand(rx.url, { token: 't', user: u, channel: c, text: 'start', rootId });
      return formDecode(rx.seen[0]!.body);
    } finally {
      await rx.close();
      await mm.close();
    }
  };

  it('9.11 and 10.11 never send it; 11.1 is assumed not to either', async () => {
    for (const v of ['9.11.0', '10.11.0', '11.1.0']) {
      assert.equal('root_id' in (await formOf({ serverVersion: v }, 'r'.repeat(26))), false, v);
    }
  });

  it(`from the assumed release on (and with commandRootId) it is always set, empty outside a thread`, async () => {
    assert.equal((await formOf({ serverVersion: '11.7.0' }, 'r'.repeat(26))).root_id, 'r'.repeat(26));
    assert.equal((await formOf({ serverVersion: '11.7.0' })).root_id, '');
    assert.equal((await formOf({ serverVersion: '9.11.0', commandRootId: true }, 'q'.repeat(26))).root_id, 'q'.repeat(26));
  });
});

describe('fake Mattermost: read-only and archived channels', () => {
  let mm: FakeMattermost;
  let rx: Awaited<ReturnType<typeof receiver>>;
  let alice: MmUser;
  let aliceToken: string;
  before(async () => {
    mm = await startFakeMattermost();
    rx = await receiver(() => ({ response_type: 'ephemeral', text: 'ok' }));
    alice = mm.addUser({ username: 'alice' });
    aliceToken = await tokenFor(mm, alice);
  });
  after(async () => {
    await rx.close();
    await mm.close();
  });

  it('moderated channel: a member may not post (403) nor run a command; the bot and admins may post; clicks work', async () => {
    const ro = mm.addChannel({ type: 'O', members: [alice.id, mm.bot.id], readOnly: true });
    const byMember = await call(mm, 'POST', '/api/v4/posts', { channel_id: ro.id, message: 'hi' }, aliceToken);
    assert.deepEqual([byMember.status, byMember.json.id], [403, 'api.context.permissions.app_error']);
    assert.equal((await call(mm, 'POST', '/api/v4/posts', { channel_id: ro.id, message: 'hi' }, mm.adminToken)).status, 201);
    const botCard = await call(mm, 'POST', '/api/v4/posts', card(ro.id, rx.url));
    assert.equal(botCard.status, 201, 'system_post_all is a system role: moderation does not reach it');

    const before = rx.seen.length;
    const cmd = await mm.sendCommand(rx.url, { token: 't', user: alice, channel: ro, text: 'start' });
    assert.deepEqual([cmd.status, cmd.mmError?.id, cmd.mmError?.status_code], [0, 'api.context.permissions.app_error', 403]);
    assert.equal(rx.seen.length, before, 'the command URL is never called');

    assert.equal((await mm.clickButton(botCard.json.id, 'join', alice)).status, 200, 'post actions need read access only');
    assert.equal((await call(mm, 'PUT', `/api/v4/posts/${botCard.json.id}/patch`, { props: {} })).status, 200, 'the bot (member) may still edit');
  });

  it('archived channel: posts 400 even for the bot, commands 400, patches 400', async () => {
    const c = mm.addChannel({ type: 'O', members: [alice.id, mm.bot.id] });
    const p = (await call(mm, 'POST', '/api/v4/posts', card(c.id, rx.url))).json;
    mm.archive(c.id);
    const post = await call(mm, 'POST', '/api/v4/posts', { channel_id: c.id, message: 'x' });
    assert.deepEqual([post.status, post.json.id], [400, 'api.post.create_post.can_not_post_to_deleted.error']);
    const cmd = await mm.sendCommand(rx.url, { token: 't', user: alice, channel: c, text: 'start' });
    assert.deepEqual([cmd.status, cmd.mmError?.id], [0, 'api.command.execute_command.deleted.error']);
    const patch = await call(mm, 'PUT', `/api/v4/posts/${p.id}/patch`, { props: {} });
    assert.deepEqual([patch.status, patch.json.id], [400, 'api.post.patch_post.can_not_update_post_in_deleted.error']);
    assert.ok((await call(mm, 'GET', `/api/v4/channels/${c.id}`)).json.delete_at > 0);
  });

  it('commandMembershipCheck: an outsider is refused like POST /commands/execute does', async () => {
    const strict = await startFakeMattermost({ commandMembershipCheck: true });
    try {
      const u = strict.addUser({ username: 'outsider' });
      const cmd = await strict.sendCommand(rx.url, { token: 't', user: u, channel: strict.addChannel({ type: 'O' }), text: 'start' });
      assert.deepEqual([cmd.status, cmd.mmError?.status_code], [0, 403]);
    } finally {
      await strict.close();
    }
  });
});

describe('fake Mattermost: where its calls come from', () => {
  it('sendCommand and clickButton connect from sourceAddress (default 127.0.0.1; per call too)', async () => {
    const mm = await startFakeMattermost({ sourceAddress: '127.0.0.2' });
    const rx = await receiver();
    try {
      const u = mm.addUser({ username: 'sam' });
      const c = mm.addChannel({ type: 'O', members: [u.id] });
      await mm.sendCommand(rx.url, { token: 't', user: u, channel: c, text: 'x' });
      await mm.sendCommand(rx.url, { token: 't', user: u, channel: c, text: 'x', sourceAddress: '127.0.0.3' });
      const p = (await call(mm, 'POST', '/api/v4/posts', card(c.id, rx.url))).json;
      await mm.clickButton(p.id, 'join', u);
      await mm.clickButton(p.id, 'join', u, { sourceAddress: '127.0.0.1' });
      assert.deepEqual(rx.seen.map((s) => s.remote.replace(/^::ffff:/, '')), ['127.0.0.2', '127.0.0.3', '127.0.0.2', '127.0.0.1']);
      assert.equal(rx.seen[0]!.headers['user-agent'], 'Go-http-client/1.1');
    } finally {
      await rx.close();
      await mm.close();
    }
  });
});

describe('fake Mattermost: DELETE /posts/{id} and GET /channels/{id} (api4/post.go deletePost, app/authorization.go)', () => {
  let mm: FakeMattermost;
  before(async () => {
    mm = await startFakeMattermost();
  });
  after(() => mm.close());

  it('own post in a channel it belongs to: 200, soft delete (replies too), then 404', async () => {
    const c = mm.addChannel({ type: 'O', members: [mm.bot.id] });
    const root = (await call(mm, 'POST', '/api/v4/posts', { channel_id: c.id, message: 'root' })).json;
    const reply = (await call(mm, 'POST', '/api/v4/posts', { channel_id: c.id, message: 're', root_id: root.id })).json;
    const del = await call(mm, 'DELETE', `/api/v4/posts/${root.id}`);
    assert.deepEqual([del.status, del.json], [200, { status: 'OK' }]);
    assert.ok(mm.posts.get(root.id).delete_at > 0 && mm.posts.get(reply.id).delete_at > 0);
    assert.equal((await call(mm, 'GET', `/api/v4/posts/${root.id}`)).status, 404);
    assert.deepEqual([(await call(mm, 'DELETE', `/api/v4/posts/${root.id}`)).json.id], ['app.post.get.app_error']);
  });

  it('the bot may not delete its own post where it is no member (system_post_all gives create_post only)', async () => {
    const other = mm.addUser({ username: 'olga' });
    const c = mm.addChannel({ type: 'P', members: [other.id] });
    const p = (await call(mm, 'POST', '/api/v4/posts', { channel_id: c.id, message: 'card' })).json;
    const del = await call(mm, 'DELETE', `/api/v4/posts/${p.id}`);
    assert.deepEqual([del.status, del.json.id], [403, 'api.context.permissions.app_error']);
    assert.match(del.json.message, /delete_post/);
    const otherToken = await tokenFor(mm, other);
    const byOther = await call(mm, 'DELETE', `/api/v4/posts/${p.id}`, undefined, otherToken);
    assert.equal(byOther.status, 403);
    assert.match(byOther.json.message, /delete_others_posts/);
    assert.equal((await call(mm, 'DELETE', `/api/v4/posts/${p.id}?permanent=true`, undefined, mm.adminToken)).status, 501);
    assert.equal((await call(mm, 'DELETE', `/api/v4/posts/${p.id}`, undefined, mm.adminToken)).status, 200);
  });

  it('GET /channels/{id}: public channels for team members, others for members; system_post_all reads nothing', async () => {
    const a = mm.addUser({ username: 'ann' });
    const b = mm.addUser({ username: 'ben' });
    const dm = mm.addChannel({ type: 'D', members: [a.id, b.id] });
    assert.equal((await call(mm, 'POST', '/api/v4/posts', { channel_id: dm.id, message: 'x' })).status, 201, 'may post there');
    assert.equal((await call(mm, 'GET', `/api/v4/channels/${dm.id}`)).status, 403, 'but not read it');
    const pub = mm.addChannel({ type: 'O' });
    const got = await call(mm, 'GET', `/api/v4/channels/${pub.id}`);
    assert.deepEqual([got.status, got.json.team_id, got.json.read_only], [200, mm.teamId, undefined]);
    const elsewhere = mm.addChannel({ type: 'O', team_id: mm.addTeam({ name: 'far' }).id });
    assert.equal((await call(mm, 'GET', `/api/v4/channels/${elsewhere.id}`)).status, 403);
    assert.equal((await call(mm, 'GET', `/api/v4/channels/${'z'.repeat(26)}`)).json.id, 'app.channel.get.existing.app_error');
  });
});

describe('fake Mattermost: action update semantics (app/integration_action.go DoPostActionWithCookie)', () => {
  it('message and whole props replaced; only from_webhook and override_* kept, so from_bot goes', async () => {
    const mm = await startFakeMattermost();
    const rx = await receiver(() => ({ update: { message: 'new', props: { meeting_status: 'ended', override_username: 'evil' } } }));
    try {
      const u = mm.addUser({ username: 'uma' });
      const c = mm.addChannel({ type: 'O', members: [u.id] });
      const p = (await call(mm, 'POST', '/api/v4/posts', card(c.id, rx.url, { override_icon_url: 'http://i/x.png' }))).json;
      assert.equal(mm.posts.get(p.id).props.from_bot, 'true');
      assert.equal((await mm.clickButton(p.id, 'join', u)).status, 200);
      assert.deepEqual(mm.posts.get(p.id).props, { meeting_status: 'ended', override_icon_url: 'http://i/x.png' });
      assert.equal(mm.posts.get(p.id).message, 'new');
    } finally {
      await rx.close();
      await mm.close();
    }
  });
});

describe('fake Mattermost: channel members and their roles (api4/channel.go getChannelMember, addChannelMember; app/authorization.go)', () => {
  let mm: FakeMattermost;
  before(async () => {
    mm = await startFakeMattermost();
  });
  after(() => mm.close());

  const member = (channelId: string, userId: string, token?: string) => call(mm, 'GET', `/api/v4/channels/${channelId}/members/${userId}`, undefined, token);

  it('read_channel comes from channel membership alone: the bot outside a private, public or DM channel gets 403', async () => {
    const ada = mm.addUser({ username: 'ada' });
    const bea = mm.addUser({ username: 'bea' });
    const priv = mm.addChannel({ type: 'P', members: [ada.id] });
    const refused = await member(priv.id, ada.id);
    assert.deepEqual([refused.status, refused.json.id], [403, 'api.context.permissions.app_error']);
    assert.match(refused.json.message, /read_channel/);
    // team_user has read_public_channel, not read_channel (model/role.go): a team member outside a public channel is refused too
    const pub = mm.addChannel({ type: 'O', members: [ada.id] });
    assert.equal(mm.isTeamMember(mm.teamId, mm.bot.id), true);
    assert.equal((await member(pub.id, ada.id)).status, 403);
    assert.equal((await call(mm, 'GET', `/api/v4/channels/${pub.id}`)).status, 200, 'while the channel itself is readable');
    const dm = mm.addChannel({ type: 'D', members: [ada.id, bea.id] });
    assert.equal((await member(dm.id, ada.id)).status, 403);
    assert.equal((await member('z'.repeat(26), ada.id)).status, 403, 'an unknown channel is a permission error, not a 404');
    assert.equal((await member(priv.id, ada.id, mm.adminToken)).status, 200, 'manage_system reads any channel');
  });

  it('a member reads any member: roles with the scheme roles, another user\'s timestamps left out; a non-member is 404', async () => {
    const cid = mm.addUser({ username: 'cid' });
    const ch = mm.addChannel({ type: 'P', members: [mm.bot.id, cid.id] });
    mm.setChannelAdmin(ch.id, cid.id);
    assert.equal(mm.isChannelAdmin(ch.id, cid.id), true);
    const admin = await member(ch.id, cid.id);
    assert.equal(admin.status, 200);
    assert.deepEqual(
      [admin.json.channel_id, admin.json.user_id, admin.json.roles, admin.json.scheme_guest, admin.json.scheme_user, admin.json.scheme_admin, admin.json.explicit_roles],
      [ch.id, cid.id, 'channel_user channel_admin', false, true, true, ''],
    );
    assert.equal('last_viewed_at' in admin.json || 'last_update_at' in admin.json, false, 'ChannelMember.SanitizeForCurrentUser');
    const own = await member(ch.id, mm.bot.id);
    assert.deepEqual([own.json.roles, own.json.scheme_admin, typeof own.json.last_update_at, own.json.last_viewed_at], ['channel_user', false, 'number', 0]);
    assert.equal(own.json.notify_props.mark_unread, 'all');
    mm.setChannelAdmin(ch.id, cid.id, false);
    assert.equal((await member(ch.id, cid.id)).json.roles, 'channel_user');
    const outsider = mm.addUser({ username: 'dee' });
    const missing = await member(ch.id, outsider.id);
    assert.deepEqual([missing.status, missing.json.id], [404, 'app.channel.get_member.missing.app_error']);
    assert.equal((await member(ch.id, 'q'.repeat(26))).status, 404, 'an unknown user is not a member either');
    assert.throws(() => mm.setChannelAdmin(ch.id, outsider.id), /not a member/);
  });

  it('guests: channel_guest in the channels they are added to, never admins, and no public channel beyond them', async () => {
    const gus = mm.addUser({ username: 'gus', roles: 'system_guest' });
    const ch = mm.addChannel({ type: 'O', members: [mm.bot.id, gus.id] });
    const got = await member(ch.id, gus.id);
    assert.deepEqual([got.json.roles, got.json.scheme_guest, got.json.scheme_user, got.json.scheme_admin], ['channel_guest', true, false, false]);
    assert.throws(() => mm.setChannelAdmin(ch.id, gus.id), /guest/);
    const gusToken = await tokenFor(mm, gus);
    assert.equal((await member(ch.id, mm.bot.id, gusToken)).status, 200, 'channel_guest has read_channel');
    const other = mm.addChannel({ type: 'O' });
    // team_guest has view_team only: no read_public_channel, no join_public_channels
    assert.equal((await call(mm, 'GET', `/api/v4/channels/${other.id}`, undefined, gusToken)).status, 403);
    const join = await call(mm, 'POST', `/api/v4/channels/${other.id}/members`, { user_id: gus.id }, gusToken);
    assert.equal(join.status, 403);
    // channel_guest has create_post and edit_post but not delete_post
    const p = await call(mm, 'POST', '/api/v4/posts', { channel_id: ch.id, message: 'hi' }, gusToken);
    assert.equal(p.status, 201);
    assert.equal((await call(mm, 'DELETE', `/api/v4/posts/${p.json.id}`, undefined, gusToken)).status, 403);
  });

  it('POST /channels/{id}/members answers the member as GET does; private members may add others; the user must be in the team', async () => {
    const eve = mm.addUser({ username: 'eve' });
    const fay = mm.addUser({ username: 'fay' });
    const pub = mm.addChannel({ type: 'O' });
    const self = await call(mm, 'POST', `/api/v4/channels/${pub.id}/members`, { user_id: mm.bot.id });
    assert.deepEqual([self.status, self.json.roles, self.json.scheme_user, typeof self.json.last_update_at], [201, 'channel_user', true, 'number']);
    const again = await call(mm, 'POST', `/api/v4/channels/${pub.id}/members`, { user_id: mm.bot.id });
    assert.equal(again.status, 201, 'a member adding itself again gets its member back');
    const priv = mm.addChannel({ type: 'P', members: [mm.bot.id] });
    const added = await call(mm, 'POST', `/api/v4/channels/${priv.id}/members`, { user_id: eve.id });
    assert.deepEqual([added.status, added.json.user_id, added.json.roles, 'last_update_at' in added.json], [201, eve.id, 'channel_user', false]);
    assert.equal(mm.isMember(priv.id, eve.id), true, 'channel_user has manage_private_channel_members');
    const far = mm.addTeam({ name: 'far-team' });
    mm.addTeamMember(far.id, mm.bot.id);
    const farCh = mm.addChannel({ type: 'O', team_id: far.id, members: [mm.bot.id] });
    const notInTeam = await call(mm, 'POST', `/api/v4/channels/${farCh.id}/members`, { user_id: fay.id });
    assert.deepEqual([notInTeam.status, notInTeam.json.id], [404, 'app.team.get_member.missing.app_error']);
    const gal = mm.addUser({ username: 'gal', roles: 'system_guest' });
    const guestAdded = await call(mm, 'POST', `/api/v4/channels/${priv.id}/members`, { user_id: gal.id });
    assert.deepEqual([guestAdded.status, guestAdded.json.roles], [201, 'channel_guest']);
  });
});

describe('fake Mattermost: teams and team members (api4/team.go getTeam, getTeamMember)', () => {
  let mm: FakeMattermost;
  before(async () => {
    mm = await startFakeMattermost();
  });
  after(() => mm.close());

  const member = (teamId: string, userId: string, token?: string) => call(mm, 'GET', `/api/v4/teams/${teamId}/members/${userId}`, undefined, token);

  it('GET /teams/{id}/members/{user}: view_team (members, system admins) or 403; roles with the scheme roles; 404 for a non-member', async () => {
    const ivy = mm.addUser({ username: 'ivy' });
    const plain = await member(mm.teamId, ivy.id);
    assert.equal(plain.status, 200);
    assert.deepEqual(plain.json, {
      team_id: mm.teamId, user_id: ivy.id, roles: 'team_user', delete_at: 0, scheme_guest: false, scheme_user: true, scheme_admin: false, explicit_roles: '',
    });
    mm.setTeamAdmin(mm.teamId, ivy.id);
    assert.deepEqual([(await member(mm.teamId, ivy.id)).json.roles, mm.isTeamAdmin(mm.teamId, ivy.id)], ['team_user team_admin', true]);
    const other = mm.addTeam({ name: 'other' });
    mm.addTeamMember(other.id, ivy.id);
    const refused = await member(other.id, ivy.id);
    assert.deepEqual([refused.status, refused.json.id], [403, 'api.context.permissions.app_error']);
    assert.match(refused.json.message, /view_team/);
    assert.equal((await member(other.id, ivy.id, mm.adminToken)).status, 200);
    const missing = await member(mm.teamId, 'q'.repeat(26));
    assert.deepEqual([missing.status, missing.json.id], [404, 'app.team.get_member.missing.app_error']);
    assert.equal((await member(other.id, mm.bot.id, mm.adminToken)).status, 404);
    assert.equal((await member('n'.repeat(26), ivy.id)).status, 403, 'an unknown team: view_team fails first');
    assert.throws(() => mm.setTeamAdmin(other.id, mm.bot.id), /not a member/);
  });

  it('guests are team_guest, may not be admins, and see only the users they share a channel with (view_members)', async () => {
    const gil = mm.addUser({ username: 'gil', roles: 'system_guest' });
    const g = await member(mm.teamId, gil.id);
    assert.deepEqual([g.json.roles, g.json.scheme_guest, g.json.scheme_user], ['team_guest', true, false]);
    assert.throws(() => mm.setTeamAdmin(mm.teamId, gil.id), /guest/);
    const gilToken = await tokenFor(mm, gil);
    const jan = mm.addUser({ username: 'jan' });
    const unseen = await member(mm.teamId, jan.id, gilToken);
    assert.equal(unseen.status, 403);
    assert.match(unseen.json.message, /view_members/);
    mm.addChannel({ type: 'P', members: [gil.id, jan.id] });
    assert.equal((await member(mm.teamId, jan.id, gilToken)).status, 200);
    const invite = await call(mm, 'POST', `/api/v4/teams/${mm.teamId}/members`, { team_id: mm.teamId, user_id: jan.id }, gilToken);
    assert.equal(invite.status, 403, 'team_guest has no add_user_to_team');
  });

  it('GET /teams/{id}: members and system admins; an open team (allow_open_invite) for any session; 404 for an unknown team', async () => {
    const mine = await call(mm, 'GET', `/api/v4/teams/${mm.teamId}`);
    assert.equal(mine.status, 200);
    assert.deepEqual([mine.json.id, mine.json.name, mine.json.display_name, mine.json.type], [mm.teamId, mm.teamName, 'Fake Team', 'O']);
    assert.equal(mine.json.email, '', 'SanitizeTeam: no manage_team');
    assert.notEqual(mine.json.invite_id, '', 'invite_user (team_user) keeps the invite id');
    const closed = mm.addTeam({ name: 'closed' });
    const refused = await call(mm, 'GET', `/api/v4/teams/${closed.id}`);
    assert.deepEqual([refused.status, refused.json.id], [403, 'api.context.permissions.app_error']);
    assert.equal((await call(mm, 'GET', `/api/v4/teams/${closed.id}`, undefined, mm.adminToken)).json.email, 'closed@example.test');
    const open = mm.addTeam({ name: 'open', open: true });
    const read = await call(mm, 'GET', `/api/v4/teams/${open.id}`);
    assert.deepEqual([read.status, read.json.allow_open_invite, read.json.invite_id], [200, true, '']);
    const notFound = await call(mm, 'GET', `/api/v4/teams/${'n'.repeat(26)}`);
    assert.deepEqual([notFound.status, notFound.json.id], [404, 'app.team.get.find.app_error']);
    // join_public_teams (system_user) lets the bot join the open team itself, not the closed one
    assert.equal((await call(mm, 'POST', `/api/v4/teams/${open.id}/members`, { team_id: open.id, user_id: mm.bot.id })).status, 201);
    assert.equal((await call(mm, 'POST', `/api/v4/teams/${closed.id}/members`, { team_id: closed.id, user_id: mm.bot.id })).status, 403);
    // a team admin has manage_team: the whole team, email included
    const kim = mm.addUser({ username: 'kim' });
    mm.setTeamAdmin(mm.teamId, kim.id);
    assert.equal((await call(mm, 'GET', `/api/v4/teams/${mm.teamId}`, undefined, await tokenFor(mm, kim))).json.email, `${mm.teamName}@example.test`);
  });
});
