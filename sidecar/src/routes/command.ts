// POST /mattermost/command: the /plugnmeet slash command (DESIGN.md sections 3-4).
// Always HTTP 200 with JSON, except a wrong or missing token: 401 and nothing done.
import formbody from '@fastify/formbody';
import type {FastifyInstance, FastifyRequest} from 'fastify';
import {inert, mention, personalLink} from '../meetings/card.js';
import {assertSameTeam, createScopes, meetingTeam, type Scope} from '../meetings/scope.js';
import {describePlugnmeetFailure, UserError} from '../meetings/service.js';
import {tooFast} from '../rate-limit.js';
import type {Meeting} from '../store/store.js';
import {createCommandTokens, onlyFromMattermost} from './mattermost-caller.js';

export const MAX_TOPIC_LENGTH = 200;
const MAX_RECORDING_ROOMS = 100;
const MAX_LISTED_RECORDINGS = 10;
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
// User and channel ids end up in Mattermost API paths (join the channel, look up the user):
// id characters only, so "../users/me" cannot reach another route as the bot.
const MM_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const HELP = [
    '**plugNmeet video meetings**',
    '- `/plugnmeet start [topic]`: start a meeting in this channel or thread (same as `/plugnmeet`)',
    '- `/plugnmeet join [meeting id]`: get your personal link to this channel\'s live meeting',
    '- `/plugnmeet end`: end this channel\'s meeting (who started it, or a system admin)',
    '- `/plugnmeet recordings [recording id]`: this channel\'s recordings, with your personal download links',
    '- `/plugnmeet help`: show this help',
    'You can also use the camera button in the channel header, and the Join button on a meeting card.',
].join('\n');

type Form = Record<string, string>;

export interface ParsedCommand {
    sub: string;
    arg: string;
}

/** `/plugnmeet` alone means start; the first word is the subcommand, the rest its argument. */
export function parseCommandText(text: string): ParsedCommand {
    const trimmed = text.trim();
    const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
    if (!match) {
        return {sub: 'start', arg: ''};
    }
    return {sub: match[1].toLowerCase(), arg: match[2].trim()};
}

type Answer = {response_type: 'ephemeral'; text: string; goto_location?: string; props?: Record<string, unknown>; attachments?: Array<{text: string}>};
const ephemeral = (text: string, extra: Omit<Answer, 'response_type' | 'text'> = {}): Answer => ({response_type: 'ephemeral', text, ...extra});
const KNOWN_SUBCOMMANDS = new Set(['start', 'join', 'end', 'recordings', 'help']);

/**
 * The slash-command form. URLSearchParams never throws: invalid UTF-8 or a stray % become U+FFFD
 * instead of a 500. A repeated field keeps its last value; `__proto__` is just an own key.
 */
export function parseForm(body: string): Form {
    return Object.fromEntries(new URLSearchParams(body));
}

/** A form field as a string: '' when missing (a repeated field keeps its last value). */
function field(form: unknown, name: string): string {
    const v = (form as Record<string, unknown> | undefined)?.[name];
    return typeof v === 'string' ? v : '';
}

function presentedToken(req: FastifyRequest): string {
    const fromForm = field(req.body, 'token');
    if (fromForm) {
        return fromForm;
    }
    const header = req.headers.authorization ?? '';
    const m = /^Token\s+(\S+)$/i.exec(header);
    return m ? m[1] : '';
}

export default async function commandRoutes(app: FastifyInstance) {
    // Mattermost posts slash commands as a form; nothing else is accepted here.
    app.removeAllContentTypeParsers();
    // Mattermost reads a command answer as JSON only when the Content-Type says exactly that.
    // A callback hook, not an async one: no promise per answer.
    app.addHook('onSend', (_req, reply, payload, done) => {
        if (reply.statusCode === 200) {
            reply.header('content-type', 'application/json');
        }
        done(null, payload);
    });
    await app.register(formbody, {
        bodyLimit: 512 * 1024,
        parser: parseForm,
    });

    app.addHook('onRequest', onlyFromMattermost(app.config));
    const isTeamToken = createCommandTokens(app.config, app.store, app.log);
    const scopes = createScopes(app.mattermost);

    app.post('/mattermost/command', {
        schema: {
            body: {type: 'object', additionalProperties: {type: 'string'}},
        },
        // Schema errors (e.g. an empty body) are answered by the handler, after the token check.
        attachValidation: true,
    }, async (req, reply) => {
        const form = (req.body ?? {}) as Form;
        if (!(await isTeamToken(presentedToken(req), field(form, 'team_id')))) {
            return reply.code(401).send({error: 'invalid or missing slash command token'});
        }

        const userId = field(form, 'user_id');
        const channelId = field(form, 'channel_id');
        if (req.validationError || !MM_ID.test(userId) || !MM_ID.test(channelId)) {
            return ephemeral('This request is missing the user or channel; run `/plugnmeet` from a channel in Mattermost.');
        }

        const caller = {userId, username: field(form, 'user_name') || userId};
        const {sub, arg} = parseCommandText(field(form, 'text'));
        const known = KNOWN_SUBCOMMANDS.has(sub);
        // Counted only once the token is good: a forged user_id cannot use up someone else's budget.
        const wait = app.userRateLimit.take(userId);
        if (wait > 0) {
            app.metrics.commands.inc({subcommand: known ? sub : 'unknown', outcome: 'limited'});
            return ephemeral(tooFast(wait));
        }
        try {
            const answer = known && sub !== 'help' ? await dispatch(sub, arg, form, caller) : dispatchHelp(sub);
            app.metrics.commands.inc({subcommand: known ? sub : 'unknown', outcome: answer.goto_location ? 'opened' : 'answered'});
            return answer;
        } catch (err) {
            app.metrics.commands.inc({subcommand: known ? sub : 'unknown', outcome: err instanceof UserError ? 'refused' : 'failed'});
            if (err instanceof UserError) {
                return ephemeral(err.message);
            }
            req.log.error({err: String(err)}, 'slash command failed');
            return ephemeral('Something went wrong on the plugNmeet service. Try again; if it keeps failing, tell your system admin.');
        }
    });

    function dispatchHelp(sub: string): Answer {
        return sub === 'help' ? ephemeral(HELP) : ephemeral(`Unknown command \`${sub.slice(0, 40)}\`.\n\n${HELP}`);
    }

    async function dispatch(sub: string, arg: string, form: Form, caller: {userId: string; username: string}): Promise<Answer> {
        const scope = await scopes.resolve({channelId: field(form, 'channel_id'), teamId: field(form, 'team_id'), channelName: field(form, 'channel_name')});
        switch (sub) {
        case 'start':
            return start(form, scope, caller, arg);
        case 'join':
            return join(scope, caller, arg);
        case 'end':
            return end(scope, caller);
        default:
            return recordings(scope, arg);
        }
    }

    async function start(form: Form, scope: Scope, caller: {userId: string; username: string}, arg: string) {
        // Newer servers send the thread (app/command.go); older ones only get it from the webapp as `--root`.
        const {rootId: rootFromText, topic: topicArg} = splitRoot(arg);
        const rootId = MM_ID.test(field(form, 'root_id')) ? field(form, 'root_id') : rootFromText;
        const topic = oneLine(topicArg) || oneLine(defaultTopic(field(form, 'channel_name'), caller.username));
        if ([...topic].length > MAX_TOPIC_LENGTH) {
            return ephemeral(`That topic is ${[...topic].length} characters long; keep it to ${MAX_TOPIC_LENGTH} characters or fewer.`);
        }
        const result = await app.meetings.start({
            ...caller, channelId: scope.channelId, teamId: meetingTeam(scope), rootId, topic,
        });
        if (!result.started) {
            return alreadyOpen(result.meeting);
        }
        return opening(result.meeting, result.joinUrl, 'You started');
    }

    async function join(scope: Scope, caller: {userId: string; username: string}, roomArg: string) {
        let meeting: Meeting | undefined;
        if (roomArg) {
            if (!ROOM_ID.test(roomArg)) {
                return ephemeral('That is not a meeting id. Use `/plugnmeet join` to join this channel\'s live meeting.');
            }
            meeting = await app.store.getMeeting(roomArg);
            // Same answer for "unknown" and "another channel's": ids from elsewhere reveal nothing.
            if (!meeting || meeting.channelId !== scope.channelId) {
                return ephemeral('There is no meeting with that id in this channel. Use `/plugnmeet join` to join this channel\'s live meeting.');
            }
        } else {
            meeting = await app.store.openMeetingInChannel(scope.channelId);
            if (!meeting) {
                return ephemeral('There is no live meeting in this channel. Start one with `/plugnmeet start [topic]`.');
            }
        }
        assertSameTeam(meeting, scope);
        const joinUrl = await app.meetings.join(meeting, caller);
        return opening(meeting, joinUrl, 'You are joining');
    }

    async function recordings(scope: Scope, recordArg: string) {
        if (recordArg && !ROOM_ID.test(recordArg)) {
            return ephemeral('That is not a recording id. Use `/plugnmeet recordings` to list this channel\'s recordings.');
        }
        const list = await channelRecordings(app, scope);
        const wanted = recordArg ? list.filter((r) => r.recordId === recordArg) : list.slice(0, MAX_LISTED_RECORDINGS);
        if (wanted.length === 0) {
            return ephemeral(recordArg ?
                'There is no recording with that id in this channel. Use `/plugnmeet recordings` to list this channel\'s recordings.' :
                'This channel has no recordings yet.');
        }
        const links = await Promise.all(wanted.map(async (r) => {
            try {
                return app.plugnmeet.recordingDownloadUrl(await app.plugnmeet.getRecordingDownloadToken(r.recordId));
            } catch (err) {
                throw new UserError(`Could not get a download link: ${describePlugnmeetFailure(err)}`);
            }
        }));
        if (recordArg) {
            return ephemeral('', {goto_location: links[0], props: {download_url: links[0], plugnmeet_record_id: recordArg}});
        }
        const lines = wanted.map((r, i) => `- ${new Date(r.createdAt * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${r.fileSizeMb.toFixed(1)} MB: [download](${links[i]})`);
        const more = list.length > wanted.length ? `\n(${list.length - wanted.length} older recordings not shown.)` : '';
        return ephemeral(`**Recordings in this channel** (personal links, valid for a short time):\n${lines.join('\n')}${more}`);
    }

    async function end(scope: Scope, caller: {userId: string; username: string}) {
        const meeting = await app.store.openMeetingInChannel(scope.channelId);
        if (!meeting || meeting.status !== 'live') {
            return ephemeral('There is no live meeting in this channel to end.');
        }
        assertSameTeam(meeting, scope);
        const ended = await app.meetings.end(meeting, caller);
        return ephemeral(`You ended **${inert(ended.topic)}**.`, {props: {plugnmeet_room_id: ended.roomId}});
    }
}

/**
 * The answer to a start or join: the window opens at `goto_location`; the ephemeral line (shown to
 * this person only) carries the link too, for when a popup blocker or a client ignores it. The
 * link sits in an attachment, where Mattermost fetches no link preview (see personalLink).
 */
function opening(m: Meeting, joinUrl: string, what: string): Answer {
    return ephemeral(`${what} **${inert(m.topic)}**; it opens in a new window.`, {
        goto_location: joinUrl,
        props: {join_url: joinUrl, plugnmeet_room_id: m.roomId},
        attachments: [{text: `${personalLink('Open the meeting', joinUrl)} (your personal link, valid for a few minutes; do not share it)`}],
    });
}

/** Recordings are looked up only among this channel's rooms, so ids from elsewhere get nothing. */
async function channelRecordings(app: FastifyInstance, scope: Scope) {
    const roomIds = await app.store.roomIdsInChannel(scope.channelId, MAX_RECORDING_ROOMS);
    // A channel's meetings are all of its team: the newest tells whether this request's team is it.
    const newest = roomIds.length > 0 ? await app.store.getMeeting(roomIds[0]) : undefined;
    if (newest) {
        assertSameTeam(newest, scope);
    }
    try {
        return await app.plugnmeet.fetchRecordings(roomIds);
    } catch (err) {
        throw new UserError(`Could not list recordings: ${describePlugnmeetFailure(err)}`);
    }
}

function alreadyOpen(m: Meeting) {
    const what = m.status === 'starting' ? 'is starting' : 'is already live';
    return ephemeral(
        `A meeting ${what} in this channel: **${inert(m.topic)}**, started by ${mention(m.creatorUsername)}. Join it with the Join button on its card or with \`/plugnmeet join\`.`,
        {props: {plugnmeet_room_id: m.roomId}},
    );
}

/**
 * Mattermost does not forward a command's thread (root_id) to the command URL, so the webapp
 * names it: `start --root <post id> [topic]`. Mattermost itself refuses a root from another channel.
 */
export function splitRoot(arg: string): {rootId: string; topic: string} {
    const m = /^--root[= ]([a-z0-9]{26})(?:\s+|$)([\s\S]*)$/.exec(arg);
    return m ? {rootId: m[1], topic: m[2].trim()} : {rootId: '', topic: arg};
}

/** Topics are shown everywhere: one line, without control characters (NUL, NEL) or bidi overrides. */
function oneLine(s: string): string {
    return s.replace(/[\s\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu, ' ').trim();
}

/** DM and group channel names are made of user ids; those get a name-based topic instead. */
function defaultTopic(channelName: string, username: string): string {
    if (!channelName || channelName.includes('__') || /^[a-z0-9]{40,}$/.test(channelName)) {
        return `@${username}'s meeting`;
    }
    return `~${channelName} meeting`;
}
