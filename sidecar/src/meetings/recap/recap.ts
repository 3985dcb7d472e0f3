// After the meeting: attendance, transcript and AI summary posted in the card's thread, once each
// (the store claims each artifact for every replica), from plugNmeet's artifact webhooks or, for
// webhooks that were lost, from the catch-up (catch-up.ts). Only the parts MEETINGS_RECAP names.
import {RECAP_POST_TYPE, type RecapPostProps} from '@plugnmeet/contracts';
import type {FastifyBaseLogger} from 'fastify';
import type {RecapPart} from '../../config/config.js';
import type {Mattermost} from '../../mattermost/bot.js';
import type {Artifact} from '../../plugnmeet/artifacts.js';
import {PlugnmeetError, type PlugnmeetClient} from '../../plugnmeet/client.js';
import type {Meeting, Store} from '../../store/store.js';
import {translator, type Message, type MessageId, type Translate} from '../i18n.js';
import {personalLink} from '../cards/render.js';
import {describePlugnmeetFailure} from '../lifecycle.js';
import {isGuest, type People} from '../people.js';
import {readAttendance, type Attendance} from './attendance.js';
import {attendanceMessage, summaryMessage, transcriptPart, type NamedAttendee} from './render.js';
import {summaryMarkdown} from './summary.js';
import {TRANSCRIPT_LINK_DAYS, checkTranscriptLink, transcriptUrl} from './transcript-link.js';
import {readTranscript} from './transcript.js';

/** Analytics files and transcripts of long meetings stay well under this. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** A Mattermost user id: anything else in ex_user_id is a guest's or another integration's. */
const MATTERMOST_ID = /^[a-z0-9]{26}$/;

/** The post's props: which part of which meeting's recap it is (the webapp's recap card reads them). */
export const RECAP_KIND_PROP = 'plugnmeet_recap' satisfies keyof RecapPostProps;

const PART_NAMES: Record<RecapPart, MessageId> = {
    attendance: 'plugnmeet.recap.part_attendance',
    transcript: 'plugnmeet.recap.part_transcript',
    summary: 'plugnmeet.recap.part_summary',
};

/** The file could not be read: said once in the thread, not tried again. */
class Unreadable extends Error {}

export type RecapOutcome = 'posted' | 'failed_notice' | 'duplicate' | 'skipped';

export interface RecapDeps {
    store: Store;
    plugnmeet: PlugnmeetClient;
    mattermost: Mattermost;
    people: People;
    parts: RecapPart[];
    log: FastifyBaseLogger;
    /** For the transcript's signed links. */
    links: {publicUrl: string; secret: string};
    now: () => number;
    /** Edits the card now if it is behind (cards/updater.ts applyNow). */
    cardDue: (roomId: string) => Promise<void>;
}

/** What a reply carries besides its text: the transcript's file, or where the whole of it is. */
interface Extra {
    fileIds?: string[];
    more?: string;
    url?: string;
}

/** A reply: its Markdown (what every client shows), the webapp card's props, the transcript's file. */
interface Reply {
    message: string;
    props: Partial<RecapPostProps>;
    fileIds?: string[];
}

export function createRecap(deps: RecapDeps) {
    const {store, plugnmeet, mattermost, people, parts, log, links, now, cardDue} = deps;

    async function named(a: Attendance): Promise<NamedAttendee[]> {
        return Promise.all(a.attendees.map(async (x) => {
            const p = MATTERMOST_ID.test(x.userId) ? await people.byId(x.userId, '') : undefined;
            // TeammateNameDisplay for people Mattermost knows; plugNmeet's name for guests and strangers.
            const known = p?.known === true;
            return {name: known ? p.name : x.name || x.userId, guest: !known || isGuest(p), presentMs: x.presentMs, talkedMs: x.talkedMs};
        }));
    }

    /**
     * The whole transcript: a .vtt file where the bot may upload (upload_file: members, so public
     * channels it joined), else a signed, expiring link to the sidecar.
     */
    async function transcriptFile(m: Meeting, a: Artifact, file: string, t: Translate): Promise<Extra> {
        const info = await mattermost.channelInfo(m.channelId).catch(() => undefined);
        if (info?.type === 'O' && (await mattermost.joinChannel(m.channelId).catch(() => false))) {
            const id = await mattermost.uploadFile(m.channelId, 'transcript.vtt', 'text/vtt', file).catch((err) => {
                log.warn({err: String(err), roomId: m.roomId}, 'could not upload the transcript; linking to it instead');
                return undefined;
            });
            if (id) {
                return {fileIds: [id]};
            }
        }
        const url = transcriptUrl(links.publicUrl, links.secret, m.roomId, a.id, now());
        return {more: t('plugnmeet.recap.transcript_file', {link: personalLink('transcript.vtt', url), days: TRANSCRIPT_LINK_DAYS}), url};
    }

    async function render(m: Meeting, a: Artifact, file: string, t: Translate): Promise<Reply> {
        const kind = a.kind;
        if (kind === 'attendance') {
            const att = readAttendance(file);
            if (!att) {
                throw new Unreadable();
            }
            const people = await named(att);
            return {
                message: attendanceMessage(att, people, m.topic, t),
                props: {recap_duration_ms: att.durationMs, recap_people: people.map((p) => ({name: p.name, guest: p.guest, present_ms: p.presentMs, talked_ms: p.talkedMs}))},
            };
        }
        if (kind === 'transcript') {
            const cues = readTranscript(file);
            if (!cues) {
                throw new Unreadable();
            }
            const extra: Extra = cues.length > 0 ? await transcriptFile(m, a, file, t) : {};
            const {message, shown} = transcriptPart(cues, m.topic, t, extra.more);
            return {
                message, fileIds: extra.fileIds,
                props: {recap_cues: cues.slice(0, shown), recap_cut: shown < cues.length, ...(extra.url ? {recap_file_url: extra.url} : {})},
            };
        }
        return {message: summaryMessage(summaryMarkdown(file), m.topic, t), props: {}};
    }

    /**
     * The admin's parts (MEETINGS_RECAP); a transcript or summary only for a meeting started with that
     * option: plugNmeet allows both in every room by default, so the option is the starter's (and the
     * policy's) say over whether the result reaches the channel.
     */
    const wanted = (m: Meeting, kind: RecapPart) => parts.includes(kind) && (kind === 'attendance' || m.options?.[kind] === true);

    /** plugNmeet could not be reached or failed for now: the claim is given back and tried again later. */
    const isTransient = (err: unknown) => err instanceof PlugnmeetError && (err.kind === 'unreachable' || err.kind === 'http');

    /**
     * Posts one artifact of this meeting in its thread, once. Throws (the claim given back) when
     * plugNmeet or Mattermost fail for now, so plugNmeet's redelivery or the catch-up tries again.
     * A file that cannot be read is said in the thread instead, once.
     */
    async function post(m: Meeting, a: Artifact): Promise<RecapOutcome> {
        if (a.roomId !== m.roomId || !wanted(m, a.kind)) {
            return 'skipped';
        }
        if (!(await store.claimArtifact(a.id, m.roomId, a.kind))) {
            return 'duplicate';
        }
        const t = translator(m.creatorLocale);
        let message: string;
        let fileIds: string[] | undefined;
        let props: Partial<RecapPostProps> = {};
        let failed = false;
        try {
            ({message, fileIds, props} = await render(m, a, await plugnmeet.downloadArtifact(a.id, MAX_FILE_BYTES), t));
        } catch (err) {
            if (isTransient(err)) {
                await store.releaseArtifact(a.id);
                throw err;
            }
            log.warn({err: String(err), roomId: m.roomId, artifact: a.id, kind: a.kind}, 'a recap file could not be read; saying so in the thread');
            const reason: Message = err instanceof Unreadable || err instanceof PlugnmeetError ? {id: 'plugnmeet.recap.unreadable'} : describePlugnmeetFailure(err);
            message = t('plugnmeet.recap.failed', {part: {id: PART_NAMES[a.kind]}, reason});
            failed = true;
        }
        try {
            const created = await mattermost.createPost({
                // The webapp draws a card; mobile and other clients show the message (and any attached file).
                channel_id: m.channelId, root_id: m.rootId || m.postId, message, type: RECAP_POST_TYPE,
                ...(fileIds ? {file_ids: fileIds} : {}),
                props: {
                    ...props, [RECAP_KIND_PROP]: a.kind, plugnmeet_room_id: m.roomId, plugnmeet_artifact_id: a.id, recap_topic: m.topic,
                    ...(failed ? {recap_failed: true} : {}),
                } satisfies RecapPostProps,
            });
            await store.setArtifactPost(a.id, created.id);
        } catch (err) {
            await store.releaseArtifact(a.id);
            throw err;
        }
        if (a.kind === 'summary' && (await store.markSummaryPosted(m.roomId))) {
            await cardDue(m.roomId); // "on its way" leaves the ended card
        }
        return failed ? 'failed_notice' : 'posted';
    }

    /** The whole transcript behind a signed link, when the link is ours and unexpired and the meeting is ours; undefined otherwise. */
    async function transcript(roomId: string, artifactId: string, expires: string, signature: string): Promise<string | undefined> {
        if (!checkTranscriptLink(links.secret, roomId, artifactId, expires, signature, now()) || !(await store.getMeeting(roomId))) {
            return undefined;
        }
        return plugnmeet.downloadArtifact(artifactId, MAX_FILE_BYTES).catch((err) => {
            log.warn({err: String(err), roomId}, 'could not fetch a transcript for its link');
            return undefined;
        });
    }

    return {post, parts, wanted, transcript};
}

export type Recap = ReturnType<typeof createRecap>;
