// startFakeMattermost: the state, every module's routes behind one HTTP server, and the
// FakeMattermost handle tests drive (seeding, the calls Mattermost makes to the sidecar, inspection).
import type { FakeMattermost, FakeOptions } from './types.js';
import { createState } from './state.js';
import { pingRoutes, startHttpServer } from './server.js';
import { configRoutes } from './server-config.js';
import { addTeam, addTeamMember, addUser, setTeamAdmin, userTeamRoutes } from './users-teams.js';
import { addBot, botRoleTokenRoutes, setBotActive } from './bots-roles-tokens.js';
import { addChannel, addMember, archive, channelRoutes, setChannelAdmin } from './channels.js';
import { isChannelAdmin, isMember, isTeamAdmin, isTeamMember } from './permissions.js';
import { postRoutes } from './posts.js';
import { fileRoutes } from './files.js';
import { agePost, editCount, editHistory, postEditRoutes, rowsWritten } from './post-edits.js';
import { addCommand, commandRoutes } from './commands.js';
import { commandRequest, sendCommand } from './command-execution.js';
import { clickButton } from './actions.js';
import { pluginRoutes } from './plugins.js';

export async function startFakeMattermost(opts: FakeOptions = {}): Promise<FakeMattermost> {
  const s = createState(opts);
  const routes = [
    ...pingRoutes, ...userTeamRoutes(s), ...botRoleTokenRoutes(s), ...configRoutes(s), ...channelRoutes(s),
    ...commandRoutes(s), ...postRoutes(s), ...postEditRoutes(s), ...pluginRoutes(s), ...fileRoutes(s),
  ];
  const http = await startHttpServer(s, routes);
  return {
    url: http.url,
    siteUrl: http.url,
    botToken: s.botToken,
    bot: s.bot,
    adminToken: s.adminToken,
    admin: s.admin,
    teamId: s.defaultTeam.id,
    teamName: s.defaultTeam.name,
    users: s.users,
    teams: s.teams,
    teamMembers: s.teamMembers,
    teamAdmins: s.teamAdmins,
    channels: s.channels,
    members: s.members,
    channelAdmins: s.channelAdmins,
    posts: s.posts,
    files: s.files,
    commands: s.commands,
    requests: s.requests,
    ephemerals: s.ephemerals,
    bots: s.bots,
    settings: s.settings,
    tokenOwner: (token) => s.users.get(s.tokens.get(token) ?? ''),
    addBot: (b) => addBot(s, b),
    disableBot: (userId) => void setBotActive(s, userId, false),
    addUser: (u) => addUser(s, u),
    addTeam: (t) => addTeam(s, t),
    addTeamMember: (teamId, userId) => addTeamMember(s, teamId, userId),
    isTeamMember: (teamId, userId) => isTeamMember(s, teamId, userId),
    setTeamAdmin: (teamId, userId, admin) => setTeamAdmin(s, teamId, userId, admin),
    isTeamAdmin: (teamId, userId) => isTeamAdmin(s, teamId, userId),
    addChannel: (c) => addChannel(s, c),
    addMember: (channelId, userId) => addMember(s, channelId, userId),
    isMember: (channelId, userId) => isMember(s, channelId, userId),
    setChannelAdmin: (channelId, userId, admin) => setChannelAdmin(s, channelId, userId, admin),
    isChannelAdmin: (channelId, userId) => isChannelAdmin(s, channelId, userId),
    addCommand: (c) => addCommand(s, c),
    commandRequest: (a) => commandRequest(s, a),
    sendCommand: (commandUrl, a) => sendCommand(s, commandUrl, a),
    clickButton: (postId, actionId, user, o) => clickButton(s, postId, actionId, user, o),
    server: s.server,
    agePost: (postId, ms) => agePost(s, postId, ms),
    rowsWritten: (postId) => rowsWritten(s, postId),
    edits: (postId) => editCount(s, postId),
    history: (postId) => editHistory(s, postId),
    archive: (channelId) => archive(s, channelId),
    fault: (f) => http.addFault(f),
    close: () => http.close(),
  };
}
