// The /plugnmeet subcommands as use cases: each resolves the request's scope (channel and team),
// looks the meeting up and answers what the user sees, in their Mattermost language. The route
// turns a Reply into Mattermost's ephemeral command answer.
import {formatFlags, LIVE_SHEET_PROP, OPTIONS_SHEET_PROP, type LiveSheet} from '@plugnmeet/contracts';
import {DateTime} from 'luxon';
import type {Mattermost} from '../mattermost/bot.js';
import type {Meeting, Store} from '../store/store.js';
import type {Access} from './access.js';
import type {AdminCommands} from './admin-commands.js';
import type {Admit} from './admission.js';
import type {Calls, DeclineOutcome} from './calls.js';
import {formatDuration, inert, personalLink, readerTime} from './cards/render.js';
import {isSubcommand, MISTYPED, nearestSubcommand, takeQuiet} from './command-grammar.js';
import {UserError} from './errors.js';
import type {MessageId, Translate} from './i18n.js';
import type {Lifecycle} from './lifecycle.js';
import {OPTION_LABELS, optionsSheet, readStartArgs} from './options.js';
import {openInProps} from './open-in.js';
import type {People, Person} from './people.js';
import type {PolicySource} from './policy-source.js';
import {recordingItem, type NamedRecording, type Recordings} from './recordings.js';
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

/** `help <topic>`: the details the short list points to. */
const HELP_TOPICS: Readonly<Record<string, 'options' | 'schedule' | 'guests'>> = {
    options: 'options', option: 'options', flags: 'options', schedule: 'schedule', scheduling: 'schedule', when: 'schedule',
    guests: 'guests', guest: 'guests', invite: 'guests',
};

const DECLINE_REPLIES: Readonly<Record<DeclineOutcome, MessageId>> = {
    declined: 'plugnmeet.reply.declined', over: 'plugnmeet.reply.decline_over', own: 'plugnmeet.reply.decline_own',
};

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
    /** The sidecar's public origin, where plugNmeet's logout_url (the end page) lives. */
    endPageOrigin: string;
    /** Whether plugNmeet refuses to be framed by Mattermost, as last seen (framing.ts). */
    frameRefused: () => boolean;
    now: () => number;
    mattermost: Pick<Mattermost, 'prefetchChannel'>;
    guests: Guests;
}

export function createCommands(deps: CommandsDeps) {
    const {store, scopes, lifecycle, recordings, people, access, policy, admit, admin, calls, schedules, endPageOrigin, frameRefused, now, mattermost, guests} = deps;

    /** Where a meeting opens: the policy is cached (policy-source.ts), no round trip. */
    const whereItOpens = async () => openInProps(await policy.current(), endPageOrigin, frameRefused());

    /**
     * `sub` and `arg` as parseCommandText splits them. A refusal (UserError) is thrown in the
     * asker's language.
     */
    async function run(sub: string, arg: string, req: CommandRequest): Promise<Reply> {
        // Who asks and where: two look-ups that do not wait for each other.
        const scoped = isSubcommand(sub) && sub !== 'help' && sub !== 'admin';
        const where = scoped ? scopes.resolve(req) : undefined;
        where?.catch(() => undefined); // awaited below; a refusal is answered in the asker's language
        if (sub === 'join') {
            void mattermost.prefetchChannel(req.channelId); // the next joiners here are named without a look-up
        }
        const me = await people.byId(req.userId, req.username);
        try {
            return await answer(sub, arg, req, me, where);
        } catch (err) {
            throw err instanceof UserError ? err.localized(me.t) : err;
        }
    }

    async function answer(sub: string, given: string, req: CommandRequest, me: Person, where: Promise<Scope> | undefined): Promise<Reply> {
        if (sub === MISTYPED) {
            return mistyped(me, given);
        }
        if (sub === 'help' || !isSubcommand(sub)) {
            return reply(help(me, sub === 'help' ? given : ''));
        }
        if (sub === 'admin' || !where) {
            return reply(await admin.run(me, given));
        }
        // What the webapp runs for its props only answers no text (QUIET_FLAG).
        const {quiet, arg} = sub === 'start' || sub === 'schedule' ? {quiet: false, arg: given} : takeQuiet(given);
        const scope = await where;
        switch (sub) {
        case 'start':
            return start(req, me, scope, arg);
        case 'options':
            return options(req, me, scope, quiet);
        case 'schedule': {
            const planned = await schedules.plan(me, req, scope, arg);
            return reply(planned.text, {props: {plugnmeet_room_id: planned.roomId}});
        }
        case 'list':
            return reply(await schedules.list(me, scope));
        case 'live': {
            const props = await calls.live(me, scope);
            return reply(quiet ? '' : liveText(me, scope, props[LIVE_SHEET_PROP]), {props});
        }
        case 'decline': {
            // Typed on mobile without an id: the call live in this DM or GM.
            const roomId = arg || (await store.openMeetingInChannel(scope.channelId))?.roomId;
            if (!roomId) {
                return reply(quiet ? '' : me.t('plugnmeet.reply.decline_none'));
            }
            const outcome = await calls.decline(me, scope, roomId);
            return reply(quiet ? '' : me.t(DECLINE_REPLIES[outcome]));
        }
        case 'status':
            return reply(me.t('plugnmeet.reply.status_in_webapp'));
        case 'join':
            return join(req, me, scope, arg);
        case 'end':
            return end(me, scope);
        case 'invite':
            return guests.command(me, scope, arg);
        default:
            return listRecordings(me, scope, arg, quiet);
        }
    }

    /** The short list, or `help options` / `help schedule`; the schedule's example date is a week ahead. */
    function help(me: Person, topic: string): string {
        const which = HELP_TOPICS[topic.split(/\s/, 1)[0].toLowerCase()];
        if (which === 'options') {
            return me.t('plugnmeet.help_options');
        }
        if (which === 'guests') {
            return me.t('plugnmeet.help_guests');
        }
        if (which === 'schedule') {
            return me.t('plugnmeet.help_schedule', {date: DateTime.fromMillis(now(), {zone: me.zone}).plus({days: 7}).toISODate() ?? ''});
        }
        return me.t('plugnmeet.help');
    }

    /** A single word close to a subcommand: what they likely meant, and how to start a meeting so named. */
    function mistyped(me: Person, word: string): Reply {
        const near = nearestSubcommand(word);
        // The word is letters, digits and dashes (nearestSubcommand): nothing in it is markdown.
        return reply(near ? me.t('plugnmeet.reply.did_you_mean', {command: near, topic: word}) : me.t('plugnmeet.help'));
    }

    /** The live meetings of the team, in words, for clients without the live panel. */
    function liveText(me: Person, scope: Scope, sheet: LiveSheet): string {
        const {t} = me;
        if (sheet.meetings.length === 0) {
            return `${t('plugnmeet.reply.live_none')}\n${t('plugnmeet.reply.live_more')}`;
        }
        const lines = sheet.meetings.map((m) => t('plugnmeet.reply.live_line', {
            topic: inert(m.topic), name: inert(m.creator_display_name), time: readerTime(m.started_at, me.zone, me.locale),
            count: m.participants, here: m.channel_id === scope.channelId ? t('plugnmeet.reply.live_here') : '',
        }));
        return [t('plugnmeet.reply.live_title', {zone: me.zone}), ...lines, t('plugnmeet.reply.live_more')].join('\n');
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
        return opening(t, result.meeting, result.joinUrl, 'plugnmeet.reply.started', await whereItOpens());
    }

    /**
     * The webapp's dialog reads the sheet in the props (quietly); other clients read how to give
     * options as flags, with the admin's defaults and fixed options.
     */
    async function options(req: CommandRequest, me: Person, scope: Scope, quiet: boolean): Promise<Reply> {
        const rules = await policy.current();
        const refusal = await access.assertMayStart(me, {scope, teamName: req.teamName}, rules).then(() => undefined, (err: unknown) => {
            if (err instanceof UserError) {
                return err.in(me.t);
            }
            throw err;
        });
        const props = {[OPTIONS_SHEET_PROP]: optionsSheet(rules, refusal), ...openInProps(rules, endPageOrigin, frameRefused())};
        if (quiet || refusal) {
            return reply(quiet ? '' : refusal ?? '', {props});
        }
        const {t} = me;
        const defaults = formatFlags(rules.defaults).replace(/\s*--$/, '');
        const lines = [
            t('plugnmeet.reply.options_text'),
            defaults && t('plugnmeet.reply.options_defaults', {flags: defaults}),
            rules.fixed.length > 0 && t('plugnmeet.reply.options_fixed', {options: rules.fixed.map((n) => t(OPTION_LABELS[n])).join(', ')}),
        ];
        return reply(lines.filter(Boolean).join('\n'), {props});
    }

    async function join(req: CommandRequest, me: Person, scope: Scope, roomArg: string): Promise<Reply> {
        const {t} = me;
        let meeting: Meeting | undefined;
        if (roomArg) {
            // `join <id> early`: opens a scheduled meeting ahead of its time, as its Join asked to confirm.
            const [roomId = '', confirm = ''] = roomArg.split(/\s+/);
            if (!ROOM_ID.test(roomId) || (confirm !== '' && confirm.toLowerCase() !== 'early')) {
                return reply(t('plugnmeet.reply.not_a_meeting_id'));
            }
            meeting = await store.getMeeting(roomId);
            const planned = meeting ? undefined : await store.scheduleByRoom(roomId);
            if (planned && planned.channelId === scope.channelId) {
                meeting = await schedules.startEarly(planned, me, scope, confirm !== ''); // a scheduled meeting's Join: the first one opens it
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
        return opening(t, meeting, joinUrl, 'plugnmeet.reply.joining', await whereItOpens());
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

    async function listRecordings(me: Person, scope: Scope, recordArg: string, quiet: boolean): Promise<Reply> {
        const {t} = me;
        if (recordArg && !ROOM_ID.test(recordArg)) {
            return reply(t('plugnmeet.reply.not_a_recording_id'));
        }
        const list = await recordings.ofChannel(scope);
        const wanted = recordArg ? list.filter((r) => r.recordId === recordArg) : list.slice(0, MAX_LISTED_RECORDINGS);
        if (wanted.length === 0) {
            return reply(t(recordArg ? 'plugnmeet.reply.no_such_recording' : 'plugnmeet.reply.no_recordings'));
        }
        const [named, links] = await Promise.all([recordings.named(wanted), recordings.links(wanted)]);
        const label = t('plugnmeet.reply.recording_link_label');
        if (recordArg) {
            const text = quiet ? '' : t('plugnmeet.reply.recording_one', {details: recordingDetails(me, named[0]), link: personalLink(label, links[0])});
            return reply(text, {goto_location: links[0], props: {download_url: links[0], plugnmeet_record_id: recordArg, ...recordingItem(named[0])}});
        }
        const lines = named.map((r, i) => t('plugnmeet.reply.recording_line', {details: recordingDetails(me, r), id: r.recordId, link: personalLink(label, links[i])}));
        const more = list.length > wanted.length ? `\n${t('plugnmeet.reply.recordings_more', {count: list.length - wanted.length})}` : '';
        return reply(`${t('plugnmeet.reply.recordings', {zone: me.zone})}\n${lines.join('\n')}${more}`);
    }

    return {run};
}

/**
 * The answer to a start or join: the window opens at `goto_location`; the text (shown to this
 * person only) carries the link too, for when a popup blocker or a client ignores it. The link sits
 * in an attachment, where Mattermost fetches no link preview (see personalLink).
 */
function opening(t: Translate, m: Meeting, joinUrl: string, what: 'plugnmeet.reply.started' | 'plugnmeet.reply.joining', where: Record<string, unknown>): Reply {
    return reply(t(what, {topic: inert(m.topic)}), {
        goto_location: joinUrl,
        // The topic names the meeting window's bar (the webapp shows it as text).
        props: {join_url: joinUrl, plugnmeet_room_id: m.roomId, meeting_topic: m.topic, ...where},
        attachments: [{text: t('plugnmeet.reply.open_link', {link: personalLink(t('plugnmeet.reply.open_link_label'), joinUrl)})}],
    });
}

/** A recording as people name it: the meeting's topic, when it started (the reader's zone), its length, the size. */
function recordingDetails(me: Person, r: NamedRecording): string {
    return [
        r.topic && `**${inert(r.topic)}**`,
        readerTime(r.startedAt, me.zone, me.locale),
        r.durationMs > 0 && formatDuration(r.durationMs, me.t),
        `${r.fileSizeMb.toFixed(1)} MB`,
    ].filter(Boolean).join(' · ');
}

function alreadyOpen(t: Translate, m: Meeting, starterName: string): Reply {
    return reply(
        t(m.status === 'starting' ? 'plugnmeet.reply.already_starting' : 'plugnmeet.reply.already_live', {topic: inert(m.topic), name: inert(starterName)}),
        {props: {plugnmeet_room_id: m.roomId}},
    );
}
