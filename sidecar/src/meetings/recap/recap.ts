// After the meeting: attendance, transcript and AI summary posted in the card's thread, once each
// (the store claims each artifact for every replica), from plugNmeet's artifact webhooks or, for
// webhooks that were lost, from the catch-up (catch-up.ts). Only the parts MEETINGS_RECAP names.
import type {FastifyBaseLogger} from 'fastify';
import type {RecapPart} from '../../config/config.js';
import type {Mattermost} from '../../mattermost/bot.js';
import type {Artifact} from '../../plugnmeet/artifacts.js';
import {PlugnmeetError, type PlugnmeetClient} from '../../plugnmeet/client.js';
import type {Meeting, Store} from '../../store/store.js';
import {translator, type Message, type MessageId, type Translate} from '../i18n.js';
import {describePlugnmeetFailure} from '../lifecycle.js';
import {isGuest, type People} from '../people.js';
import {readAttendance, type Attendance} from './attendance.js';
import {attendanceMessage, summaryMessage, transcriptMessage, type NamedAttendee} from './render.js';
import {summaryMarkdown} from './summary.js';
import {readTranscript} from './transcript.js';

/** Analytics files and transcripts of long meetings stay well under this. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** A Mattermost user id: anything else in ex_user_id is a guest's or another integration's. */
const MATTERMOST_ID = /^[a-z0-9]{26}$/;

/** The post's props: which part of which meeting's recap it is (the webapp's recap card reads them). */
export const RECAP_KIND_PROP = 'plugnmeet_recap';

const PART_NAMES: Record<RecapPart, MessageId> = {
    attendance: 'plugnmeet.recap.part_attendance',
    transcript: 'plugnmeet.recap.part_transcript',
    summary: 'plugnmeet.recap.part_summary',
};

/** The file could not be read: said once in the thread, not tried again. */
class Unreadable extends Error {}

export type RecapOutcome = 'posted' | 'failed_notice' | 'duplicate' | 'skipped';

export function createRecap(deps: {store: Store; plugnmeet: PlugnmeetClient; mattermost: Mattermost; people: People; parts: RecapPart[]; log: FastifyBaseLogger}) {
    const {store, plugnmeet, mattermost, people, parts, log} = deps;

    async function named(a: Attendance): Promise<NamedAttendee[]> {
        return Promise.all(a.attendees.map(async (x) => {
            const p = MATTERMOST_ID.test(x.userId) ? await people.byId(x.userId, '') : undefined;
            // TeammateNameDisplay for people Mattermost knows; plugNmeet's name for guests and strangers.
            const known = p?.known === true;
            return {name: known ? p.name : x.name || x.userId, guest: !known || isGuest(p), presentMs: x.presentMs, talkedMs: x.talkedMs};
        }));
    }

    async function render(m: Meeting, kind: RecapPart, file: string, t: Translate): Promise<string> {
        if (kind === 'attendance') {
            const a = readAttendance(file);
            if (!a) {
                throw new Unreadable();
            }
            return attendanceMessage(a, await named(a), m.topic, t);
        }
        if (kind === 'transcript') {
            const cues = readTranscript(file);
            if (!cues) {
                throw new Unreadable();
            }
            return transcriptMessage(cues, m.topic, t);
        }
        return summaryMessage(summaryMarkdown(file), m.topic, t);
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
        let failed = false;
        try {
            message = await render(m, a.kind, await plugnmeet.downloadArtifact(a.id, MAX_FILE_BYTES), t);
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
                channel_id: m.channelId, root_id: m.rootId || m.postId, message, type: '', // a plain reply: every client shows it
                props: {[RECAP_KIND_PROP]: a.kind, plugnmeet_room_id: m.roomId, plugnmeet_artifact_id: a.id},
            });
            await store.setArtifactPost(a.id, created.id);
        } catch (err) {
            await store.releaseArtifact(a.id);
            throw err;
        }
        return failed ? 'failed_notice' : 'posted';
    }

    return {post, parts, wanted};
}

export type Recap = ReturnType<typeof createRecap>;
