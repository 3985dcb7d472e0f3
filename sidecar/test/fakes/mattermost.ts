// Fake Mattermost server for sidecar tests: the REST v4 subset the sidecar uses as a bot
// (and, for `setup`, as a system admin: teams, team members, slash commands), plus the two
// calls Mattermost makes TO the sidecar (slash command form, button action).
// Each rule names the Mattermost server file it was read in (docs/development.md, "The fakes"):
// AppError JSON, permission checks by role and channel/team membership, props
// replaced wholesale on patch, action integrations stripped from every post sent to a client.
// Every request acts as the user its token belongs to: botToken -> bot, adminToken -> admin.
// It plays one server version (option serverVersion, default 10.11.0): X-Version-Id, the command
// form's root_id and the edit rules follow it (see COMMAND_ROOT_ID_SINCE, STRICT_EDIT_RULES_SINCE).
// Self-tests: test/fakes.test.ts ('fake Mattermost…') and test/fake-mattermost.test.ts.
//
// Each rule lives in ./mattermost/, in the module its concern names:
//   server.ts            HTTP: routing, 404/405, body limit, token auth, X-Version-Id, AppError answers, faults
//   server-config.ts     the version played and its rules, ServiceSettings, GET /config
//   permissions.ts       roles, guests, team and channel membership and admins, member roles, read / create_post / edit_post
//   users-teams.ts       users/* lookups, teams (GET /teams/{id}), team members and their roles, team admins
//   bots-roles-tokens.ts bots, user roles, personal access tokens
//   channels.ts          channels, channel members and their roles, channel admins, archiving
//   posts.ts             Post.IsValid, create, read, ephemeral, delete
//   post-edits.ts        patch, PUT, edit time limit, edit-history rows
//   post-attachments.ts  attachment and action validation, integrations stripped
//   commands.ts          GET/POST /commands, Command.IsValid, built-in triggers
//   command-execution.ts executing a command: checks, the form sent to the command URL, the answer
//   actions.ts           a button click: the integration request, update and ephemeral text
//   outgoing.ts          Mattermost's HTTP client for those two calls
//   errors.ts, model.ts, route.ts, state.ts, types.ts, start.ts: shared pieces and assembly
export type {
  AppErrorBody, ClickResult, CommandResult, FakeMattermost, FakeOptions, FakeSettings,
  MmBot, MmChannel, MmCommand, MmEphemeral, MmFault, MmTeam, MmUser,
} from './mattermost/types.js';
export { newId } from './mattermost/model.js';
export { COMMAND_ROOT_ID_SINCE, STRICT_EDIT_RULES_SINCE, compareVersions } from './mattermost/server-config.js';
export { goFormEncode } from './mattermost/command-execution.js';
export { startFakeMattermost } from './mattermost/start.js';
