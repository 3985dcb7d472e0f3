// The /plugnmeet subcommands as use cases: each resolves the request's scope (channel and team),
// looks the meeting up and answers what the user sees. The route turns a Reply into Mattermost's
// ephemeral command answer.
import type {Meeting, Store} from '../store/store.js';
import {inert, mention, personalLink} from './cards/render.js';
import {defaultTopic, HELP, isSubcommand, MAX_TOPIC_LENGTH, oneLine, splitRoot} from './command-grammar.js';
import type {Caller, Lifecycle} from './lifecycle.js';
import type {Recordings} from './recordings.js';
import {assertSameTeam, meetingTeam, type Scope, type Scopes} from './scope.js';

/** What the user is told: text, and optionally a window to open, props for the webapp, a link attachment. */
export interface Reply {
    text: string;
    goto_location?: string;
    props?: Record<string, unknown>;
    attachments?: Array<{text: string}>;
}

export interface CommandRequest extends Caller {
    channelId: string;
    teamId: string;
    channelName: string;
    /** The thread, when Mattermost sends it (newer servers); '' otherwise. */
    rootId: string;
}

const MAX_LISTED_RECORDINGS = 10;
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
// A root id ends up in Mattermost API paths: id characters only.
const MM_ID = /^[A-Za-z0-9_-]{1,64}$/;

const reply = (text: string, extra: Omit<Reply, 'text'> = {}): Reply => ({text, ...extra});

export function createCommands(deps: {store: Store; scopes: Scopes; lifecycle: Lifecycle; recordings: Recordings}) {
    const {store, scopes, lifecycle, recordings} = deps;

    /** `sub` and `arg` as parseCommandText splits them. */
    async function run(sub: string, arg: string, req: CommandRequest): Promise<Reply> {
        if (!isSubcommand(sub)) {
            return reply(`Unknown command \`${sub.slice(0, 40)}\`.\n\n${HELP}`);
        }
        if (sub === 'help') {
            return reply(HELP);
        }
        const scope = await scopes.resolve(req);
        switch (sub) {
        case 'start':
            return start(req, scope, arg);
        case 'join':
            return join(req, scope, arg);
        case 'end':
            return end(req, scope);
        default:
            return listRecordings(scope, arg);
        }
    }

    async function start(req: CommandRequest, scope: Scope, arg: string): Promise<Reply> {
        // Newer servers send the thread (app/command.go); older ones only get it from the webapp as `--root`.
        const {rootId: rootFromText, topic: topicArg} = splitRoot(arg);
        const rootId = MM_ID.test(req.rootId) ? req.rootId : rootFromText;
        const topic = oneLine(topicArg) || oneLine(defaultTopic(req.channelName, req.username));
        if ([...topic].length > MAX_TOPIC_LENGTH) {
            return reply(`That topic is ${[...topic].length} characters long; keep it to ${MAX_TOPIC_LENGTH} characters or fewer.`);
        }
        const result = await lifecycle.start({userId: req.userId, username: req.username, channelId: scope.channelId, teamId: meetingTeam(scope), rootId, topic});
        if (!result.started) {
            return alreadyOpen(result.meeting);
        }
        return opening(result.meeting, result.joinUrl, 'You started');
    }

    async function join(caller: Caller, scope: Scope, roomArg: string): Promise<Reply> {
        let meeting: Meeting | undefined;
        if (roomArg) {
            if (!ROOM_ID.test(roomArg)) {
                return reply('That is not a meeting id. Use `/plugnmeet join` to join this channel\'s live meeting.');
            }
            meeting = await store.getMeeting(roomArg);
            // Same answer for "unknown" and "another channel's": ids from elsewhere reveal nothing.
            if (!meeting || meeting.channelId !== scope.channelId) {
                return reply('There is no meeting with that id in this channel. Use `/plugnmeet join` to join this channel\'s live meeting.');
            }
        } else {
            meeting = await store.openMeetingInChannel(scope.channelId);
            if (!meeting) {
                return reply('There is no live meeting in this channel. Start one with `/plugnmeet start [topic]`.');
            }
        }
        assertSameTeam(meeting, scope);
        const joinUrl = await lifecycle.join(meeting, {userId: caller.userId, username: caller.username});
        return opening(meeting, joinUrl, 'You are joining');
    }

    async function end(caller: Caller, scope: Scope): Promise<Reply> {
        const meeting = await store.openMeetingInChannel(scope.channelId);
        if (!meeting || meeting.status !== 'live') {
            return reply('There is no live meeting in this channel to end.');
        }
        assertSameTeam(meeting, scope);
        const ended = await lifecycle.end(meeting, {userId: caller.userId, username: caller.username});
        return reply(`You ended **${inert(ended.topic)}**.`, {props: {plugnmeet_room_id: ended.roomId}});
    }

    async function listRecordings(scope: Scope, recordArg: string): Promise<Reply> {
        if (recordArg && !ROOM_ID.test(recordArg)) {
            return reply('That is not a recording id. Use `/plugnmeet recordings` to list this channel\'s recordings.');
        }
        const list = await recordings.ofChannel(scope);
        const wanted = recordArg ? list.filter((r) => r.recordId === recordArg) : list.slice(0, MAX_LISTED_RECORDINGS);
        if (wanted.length === 0) {
            return reply(recordArg ?
                'There is no recording with that id in this channel. Use `/plugnmeet recordings` to list this channel\'s recordings.' :
                'This channel has no recordings yet.');
        }
        const links = await recordings.links(wanted);
        if (recordArg) {
            return reply('', {goto_location: links[0], props: {download_url: links[0], plugnmeet_record_id: recordArg}});
        }
        const lines = wanted.map((r, i) => `- ${new Date(r.createdAt * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${r.fileSizeMb.toFixed(1)} MB: [download](${links[i]})`);
        const more = list.length > wanted.length ? `\n(${list.length - wanted.length} older recordings not shown.)` : '';
        return reply(`**Recordings in this channel** (personal links, valid for a short time):\n${lines.join('\n')}${more}`);
    }

    return {run};
}

/**
 * The answer to a start or join: the window opens at `goto_location`; the text (shown to this
 * person only) carries the link too, for when a popup blocker or a client ignores it. The link sits
 * in an attachment, where Mattermost fetches no link preview (see personalLink).
 */
function opening(m: Meeting, joinUrl: string, what: string): Reply {
    return reply(`${what} **${inert(m.topic)}**; it opens in a new window.`, {
        goto_location: joinUrl,
        props: {join_url: joinUrl, plugnmeet_room_id: m.roomId},
        attachments: [{text: `${personalLink('Open the meeting', joinUrl)} (your personal link, valid for a few minutes; do not share it)`}],
    });
}

function alreadyOpen(m: Meeting): Reply {
    const what = m.status === 'starting' ? 'is starting' : 'is already live';
    return reply(
        `A meeting ${what} in this channel: **${inert(m.topic)}**, started by ${mention(m.creatorUsername)}. Join it with the Join button on its card or with \`/plugnmeet join\`.`,
        {props: {plugnmeet_room_id: m.roomId}},
    );
}
