// The /plugnmeet subcommands as use cases: each resolves the request's scope (channel and team),
// looks the meeting up and answers what the user sees, in their Mattermost language. The route
// turns a Reply into Mattermost's ephemeral command answer.
import {OPTIONS_SHEET_PROP} from '@plugnmeet/contracts';
import type {Meeting, Store} from '../store/store.js';
import type {Access} from './access.js';
import type {AdminCommands} from './admin-commands.js';
import type {Admit} from './admission.js';
import type {Calls} from './calls.js';
import {inert, personalLink} from './cards/render.js';
import {isSubcommand} from './command-grammar.js';
import {UserError} from './errors.js';
import type {MessageId, Translate} from './i18n.js';
import type {Lifecycle} from './lifecycle.js';
import {optionsSheet, readStartArgs} from './options.js';
import type {People, Person} from './people.js';
import type {PolicySource} from './policy-source.js';
import type {Recordings} from './recordings.js';
import type {Guests} from './guests/guests.js';
import type {Schedules} from './schedules/schedules.js';
import {assertSameTeam, meetingTeam, type Scope, type Scopes} from './scope.js';

/** What the user is told: text, and optionally a window to open, props for the webapp, a link attachment. */
export interface Reply {
    text: string;
    goto_location?: string;
    props?: Record<string, unknown>;
    attachments?: Array<{text: string}>;
}

export interface CommandRequest {
    userId: string;
    username: string;
    channelId: string;
    teamId: string;
    /** The team's URL name (the form's team_domain), '' when not sent. */
    teamName?: string;
    channelName: string;
    /** The thread, when Mattermost sends it (newer servers); '' otherwise. */
    rootId: string;
}

const MAX_LISTED_RECORDINGS = 10;
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The help: the commands, the start options, scheduling. */
const HELP: readonly MessageId[] = ['plugnmeet.help', 'plugnmeet.help_options', 'plugnmeet.help_schedule', 'plugnmeet.help_guests'];

const reply = (text: string, extra: Omit<Reply, 'text'> = {}): Reply => ({text, ...extra});

export interface CommandsDeps {
    store: Store;
    scopes: Scopes;
    lifecycle: Lifecycle;
    recordings: Recordings;
    people: People;
    access: Access;
    policy: PolicySource;
    admit: Admit;
    admin: AdminCommands;
    calls: Calls;
    schedules: Schedules;
    guests: Guests;
}

export function createCommands(deps: CommandsDeps) {
    const {store, scopes, lifecycle, recordings, people, access, policy, admit, admin, calls, schedules, guests} = deps;

    /**
     * `sub` and `arg` as parseCommandText splits them. A refusal (UserError) is thrown in the
     * asker's language.
     */
    async function run(sub: string, arg: string, req: CommandRequest): Promise<Reply> {
        const me = await people.byId(req.userId, req.username);
        try {
            return await answer(sub, arg, req, me);
        } catch (err) {
            throw err instanceof UserError ? err.localized(me.t) : err;
        }
    }

    async function answer(sub: string, arg: string, req: CommandRequest, me: Person): Promise<Reply> {
        if (sub === 'help' || !isSubcommand(sub)) {
            return reply(HELP.map((id) => me.t(id)).join('\n'));
        }
        if (sub === 'admin') {
            return reply(await admin.run(me, arg));
        }
        const scope = await scopes.resolve(req);
        switch (sub) {
        case 'start':
            return start(req, me, scope, arg);
        case 'options':
            return options(req, me, scope);
        case 'schedule': {
            const planned = await schedules.plan(me, req, scope, arg);
            return reply(planned.text, {props: {plugnmeet_room_id: planned.roomId}});
        }
        case 'list':
            return reply(await schedules.list(me, scope));
        case 'live':
            return reply('', {props: await calls.live(me, scope)});
        case 'decline':
            await calls.decline(me, scope, arg);
            return reply(me.t('plugnmeet.reply.declined'));
        case 'status':
            return reply(me.t('plugnmeet.reply.status_in_webapp'));
        case 'join':
            return join(req, me, scope, arg);
        case 'end':
            return end(me, scope);
        case 'invite':
            return guests.command(me, scope, arg);
        default:
            return listRecordings(me.t, scope, arg);
        }
    }

    async function start(req: CommandRequest, me: Person, scope: Scope, arg: string): Promise<Reply> {
        const {t} = me;
        const {asked, rootId: rootFromText, topic: topicArg} = readStartArgs(arg);
        const {rootId, topic, options: chosen} = await admit(me, req, scope, {options: asked, rootId: rootFromText, topic: topicArg});
        const result = await lifecycle.start({caller: me, channelId: scope.channelId, teamId: meetingTeam(scope), rootId, topic, options: chosen});
        if (!result.started) {
            const starter = await people.byId(result.meeting.creatorId, result.meeting.creatorUsername);
            return alreadyOpen(t, result.meeting, starter.name);
        }
        return opening(t, result.meeting, result.joinUrl, 'plugnmeet.reply.started');
    }

    /** For the webapp's dialog: nothing is shown (empty text), the sheet travels in the props. */
    async function options(req: CommandRequest, me: Person, scope: Scope): Promise<Reply> {
        const rules = await policy.current();
        const refusal = await access.assertMayStart(me, {scope, teamName: req.teamName}, rules).then(() => undefined, (err: unknown) => {
            if (err instanceof UserError) {
                return err.in(me.t);
            }
            throw err;
        });
        return reply('', {props: {[OPTIONS_SHEET_PROP]: optionsSheet(rules, refusal)}});
    }

    async function join(req: CommandRequest, me: Person, scope: Scope, roomArg: string): Promise<Reply> {
        const {t} = me;
        let meeting: Meeting | undefined;
        if (roomArg) {
            if (!ROOM_ID.test(roomArg)) {
                return reply(t('plugnmeet.reply.not_a_meeting_id'));
            }
            meeting = await store.getMeeting(roomArg);
            const planned = meeting ? undefined : await store.scheduleByRoom(roomArg);
            if (planned && planned.channelId === scope.channelId) {
                meeting = await schedules.startEarly(planned); // a scheduled meeting's Join: the first one starts it
            }
            // Same answer for "unknown" and "another channel's": ids from elsewhere reveal nothing.
            if (!meeting || meeting.channelId !== scope.channelId) {
                return reply(t('plugnmeet.reply.no_such_meeting'));
            }
        } else {
            meeting = await store.openMeetingInChannel(scope.channelId);
            if (!meeting) {
                return reply(t('plugnmeet.reply.no_live_meeting'));
            }
        }
        assertSameTeam(meeting, scope);
        const joinUrl = await lifecycle.join(meeting, me);
        return opening(t, meeting, joinUrl, 'plugnmeet.reply.joining');
    }

    async function end(me: Person, scope: Scope): Promise<Reply> {
        const meeting = await store.openMeetingInChannel(scope.channelId);
        if (!meeting || meeting.status !== 'live') {
            return reply(me.t('plugnmeet.reply.nothing_to_end'));
        }
        assertSameTeam(meeting, scope);
        const ended = await lifecycle.end(meeting, me);
        return reply(me.t('plugnmeet.reply.ended', {topic: inert(ended.topic)}), {props: {plugnmeet_room_id: ended.roomId}});
    }

    async function listRecordings(t: Translate, scope: Scope, recordArg: string): Promise<Reply> {
        if (recordArg && !ROOM_ID.test(recordArg)) {
            return reply(t('plugnmeet.reply.not_a_recording_id'));
        }
        const list = await recordings.ofChannel(scope);
        const wanted = recordArg ? list.filter((r) => r.recordId === recordArg) : list.slice(0, MAX_LISTED_RECORDINGS);
        if (wanted.length === 0) {
            return reply(t(recordArg ? 'plugnmeet.reply.no_such_recording' : 'plugnmeet.reply.no_recordings'));
        }
        const links = await recordings.links(wanted);
        if (recordArg) {
            return reply('', {goto_location: links[0], props: {download_url: links[0], plugnmeet_record_id: recordArg}});
        }
        const label = t('plugnmeet.reply.recording_link_label');
        const lines = wanted.map((r, i) => t('plugnmeet.reply.recording_line', {
            date: new Date(r.createdAt * 1000).toISOString().slice(0, 16).replace('T', ' '),
            size: `${r.fileSizeMb.toFixed(1)} MB`,
            link: personalLink(label, links[i]),
        }));
        const more = list.length > wanted.length ? `\n${t('plugnmeet.reply.recordings_more', {count: list.length - wanted.length})}` : '';
        return reply(`${t('plugnmeet.reply.recordings')}\n${lines.join('\n')}${more}`);
    }

    return {run};
}

/**
 * The answer to a start or join: the window opens at `goto_location`; the text (shown to this
 * person only) carries the link too, for when a popup blocker or a client ignores it. The link sits
 * in an attachment, where Mattermost fetches no link preview (see personalLink).
 */
function opening(t: Translate, m: Meeting, joinUrl: string, what: 'plugnmeet.reply.started' | 'plugnmeet.reply.joining'): Reply {
    return reply(t(what, {topic: inert(m.topic)}), {
        goto_location: joinUrl,
        props: {join_url: joinUrl, plugnmeet_room_id: m.roomId},
        attachments: [{text: t('plugnmeet.reply.open_link', {link: personalLink(t('plugnmeet.reply.open_link_label'), joinUrl)})}],
    });
}

function alreadyOpen(t: Translate, m: Meeting, starterName: string): Reply {
    return reply(
        t(m.status === 'starting' ? 'plugnmeet.reply.already_starting' : 'plugnmeet.reply.already_live', {topic: inert(m.topic), name: inert(starterName)}),
        {props: {plugnmeet_room_id: m.roomId}},
    );
}
