// The fake Mattermost's public types: the records it stores, its options and settings, what a
// slash command or a button click came back with, and the FakeMattermost handle tests drive.
export interface MmUser {
  /** System roles, space-separated; `system_guest` makes a guest (model/user.go IsGuest). */
  id: string; username: string; roles: string; delete_at?: number;
  /** model.User profile fields; the real server's defaults are '' and locale 'en' (model/user.go PreSave). */
  first_name?: string; last_name?: string; nickname?: string; locale?: string;
  /** model.User.Timezone (model/timezone.go): string fields, useAutomaticTimezone "true" or "false". */
  timezone?: { useAutomaticTimezone: string; automaticTimezone: string; manualTimezone: string };
}
/** What addUser takes: a username, and optionally roles and profile fields. */
export type NewUser = { username: string; roles?: string } & Pick<MmUser, 'first_name' | 'last_name' | 'nickname' | 'locale' | 'timezone'>;
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
  /** TeamSettings.TeammateNameDisplay: 'username' (the real default, model/config.go), 'nickname_full_name' or 'full_name'. */
  TeammateNameDisplay: string;
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
/**
 * model.Team: type 'O' (open) as the fake creates them; allow_open_invite (seeded `open: true`) lets any
 * session read the team (api4/team.go getTeam) and users with join_public_teams join it.
 */
export interface MmTeam { id: string; name: string; display_name: string; type: 'O'; allow_open_invite?: boolean }
/** model.Command as the store keeps it (token included). */
export interface MmCommand {
  id: string; token: string; create_at: number; update_at: number; delete_at: number;
  creator_id: string; team_id: string; trigger: string; method: 'P' | 'G';
  username: string; icon_url: string; auto_complete: boolean; auto_complete_desc: string; auto_complete_hint: string;
  display_name: string; description: string; url: string;
}
export interface MmEphemeral { user_id: string; channel_id: string; message: string; root_id: string; props?: Record<string, unknown> }

/** model.AppError as JSON (what every refused REST call answers). */
export interface AppErrorBody { id: string; message: string; detailed_error: string; request_id: string; status_code: number; is_oauth: boolean }

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
  teamAdmins: Map<string, Set<string>>; // team id -> user ids whose team member is scheme_admin (team_admin)
  channels: Map<string, MmChannel>;
  members: Map<string, Set<string>>; // channel id -> user ids
  channelAdmins: Map<string, Set<string>>; // channel id -> user ids whose channel member is scheme_admin (channel_admin)
  posts: Map<string, any>; // stored posts, integrations included
  /** Uploaded files (POST /api/v4/files), by id, with their content. */
  files: Map<string, import('./files.js').MmFile>;
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
  /** A user in the default team; `roles: 'system_guest'` makes a guest (team_guest, channel_guest in what they join). */
  addUser(u: NewUser): MmUser;
  /**
   * A new team; nobody (not even the bot or the admin) is a member of it. `open`: allow_open_invite, so
   * any session may read it (GET /teams/{id}) and join it (join_public_teams).
   */
  addTeam(t: { name: string; display_name?: string; open?: boolean }): MmTeam;
  addTeamMember(teamId: string, userId: string): void;
  isTeamMember(teamId: string, userId: string): boolean;
  /**
   * Makes a team member a team admin (scheme_admin: roles `team_user team_admin`), or not with
   * `admin = false`. The user must be a member; a guest cannot be one (app/team.go
   * UpdateTeamMemberSchemeRoles: api.team.update_team_member_roles.guest.app_error).
   */
  setTeamAdmin(teamId: string, userId: string, admin?: boolean): void;
  isTeamAdmin(teamId: string, userId: string): boolean;
  /** team_id defaults to the default team (ignored for D and G). */
  addChannel(c: { type: MmChannel['type']; name?: string; display_name?: string; members?: string[]; team_id?: string; readOnly?: boolean }): MmChannel;
  addMember(channelId: string, userId: string): void;
  isMember(channelId: string, userId: string): boolean;
  /**
   * Makes a channel member a channel admin (scheme_admin: roles `channel_user channel_admin`), or not
   * with `admin = false`. The user must be a member; a guest cannot be one (app/channel.go
   * UpdateChannelMemberSchemeRoles: api.channel.update_channel_member_roles.guest.app_error).
   */
  setChannelAdmin(channelId: string, userId: string, admin?: boolean): void;
  isChannelAdmin(channelId: string, userId: string): boolean;
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

/** The server played (FakeMattermost.server): version, X-Version-Id and the version-bound rules resolved. */
export type ServerConfig = FakeMattermost['server'];
