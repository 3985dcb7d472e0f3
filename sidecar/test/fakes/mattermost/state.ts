// What the fake Mattermost holds (its database and config), shared by every module, and the
// state a fresh server starts with: the bot and a system admin, each with an access token, and
// the default team they both belong to.
import type { FakeMattermost, FakeOptions, FakeSettings, MmBot, MmChannel, MmCommand, MmEphemeral, MmTeam, MmUser, ServerConfig } from './types.js';
import { newId } from './model.js';
import { defaultSettings, resolveServerConfig } from './server-config.js';
import { addTeam, addTeamMember } from './users-teams.js';
import { botRecord } from './bots-roles-tokens.js';

export interface MmState {
  users: Map<string, MmUser>;
  /** Access token -> user id (bots' and personal access tokens alike). */
  tokens: Map<string, string>;
  bots: Map<string, MmBot>; // by user id
  teams: Map<string, MmTeam>;
  teamMembers: Map<string, Set<string>>; // team id -> user ids
  teamAdmins: Map<string, Set<string>>; // team id -> user ids whose team member is scheme_admin
  channels: Map<string, MmChannel>;
  members: Map<string, Set<string>>; // channel id -> user ids
  channelAdmins: Map<string, Set<string>>; // channel id -> user ids whose channel member is scheme_admin
  /** ChannelMember.LastUpdateAt by `${channelId}/${userId}` (PreSave, PreUpdate: model.GetMillis). */
  channelMemberUpdateAt: Map<string, number>;
  posts: Map<string, any>; // stored posts, integrations included
  /** Uploaded files (files.ts), by id. */
  files: Map<string, import('./files.js').MmFile>;
  /** Old versions of each post: SqlPostStore.Update inserts the pre-update row (new id, delete_at set, original_id). */
  postHistory: Map<string, any[]>;
  commands: Map<string, MmCommand>;
  requests: FakeMattermost['requests'];
  ephemerals: MmEphemeral[];
  settings: FakeSettings;
  server: ServerConfig;
  /** The server's clock (model.GetMillis). */
  now: () => number;
  bot: MmUser;
  botToken: string;
  admin: MmUser;
  adminToken: string;
  defaultTeam: MmTeam;
  /** The server's address; set once it listens. */
  url: string;
}

export function createState(opts: FakeOptions): MmState {
  const botToken = newId();
  const bot: MmUser = { id: newId(), username: opts.botUsername ?? 'plugnmeet', roles: 'system_user system_post_all' };
  const adminToken = newId();
  const admin: MmUser = { id: newId(), username: 'sysadmin', roles: 'system_user system_admin' };
  const teams = new Map<string, MmTeam>();
  const teamMembers = new Map<string, Set<string>>();
  const defaultTeam = addTeam({ teams, teamMembers }, { name: 'fake-team', display_name: 'Fake Team' });
  const clock = opts.now ?? Date.now;
  const s: MmState = {
    users: new Map([[bot.id, bot], [admin.id, admin]]),
    tokens: new Map([[botToken, bot.id], [adminToken, admin.id]]),
    bots: new Map(),
    teams,
    teamMembers,
    teamAdmins: new Map(),
    channels: new Map(),
    members: new Map(),
    channelAdmins: new Map(),
    channelMemberUpdateAt: new Map(),
    posts: new Map(),
    files: new Map(),
    postHistory: new Map(),
    commands: new Map(),
    requests: [],
    ephemerals: [],
    settings: defaultSettings(),
    server: resolveServerConfig(opts),
    now: () => clock(),
    bot,
    botToken,
    admin,
    adminToken,
    defaultTeam,
    url: '',
  };
  botRecord(s, bot, 'plugNmeet');
  addTeamMember(s, defaultTeam.id, bot.id);
  addTeamMember(s, defaultTeam.id, admin.id);
  return s;
}
