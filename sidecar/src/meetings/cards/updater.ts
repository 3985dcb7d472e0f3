// Keeps every card in line with its meeting, and owns when a card is due and how it looks. The
// store is the queue: a change bumps the meeting's version and sets when its card is due; this
// worker leases due cards, re-renders them from the stored state and patches them. A burst of
// changes inside one window gives one edit; a failed edit is retried with back-off; a restart or
// another replica picks up whatever was left, because nothing pending lives only in this process.
import {randomBytes} from 'node:crypto';
import type {MeetingEndedProps} from '@plugnmeet/contracts';
import type {FastifyBaseLogger} from 'fastify';
import type {EditResult, Mattermost} from '../../mattermost/bot.js';
import type {CardJob, Meeting, ParticipantEvent, ParticipantOutcome, Store} from '../../store/store.js';
import type {People} from '../people.js';
import type {RoomSync} from '../room-sync.js';
import {translator} from '../i18n.js';
import {cardFaces} from '../recap/presence.js';
import {endNotice, isMissed, renderCard, renderRecording, visibleKey, type CardContext, type RecordingInfo, type Voice} from './render.js';

/**
 * `refused`: the bot may not edit there (private channels, DMs; the refresh action does instead) or
 * Mattermost refused the edit for good. `unchanged`: nothing a person sees changed, no edit made.
 */
export type EditOutcome = 'edited' | 'unchanged' | 'refused' | 'failed';

export interface CardUpdates {
    /**
     * The card as it shows this meeting now (a new post, or an action's `update`), in the starter's
     * words. A live card also reads the channel's members ahead of their joins, unless `prefetch` is
     * false (a start drawing its card before the bot has joined the channel does that itself after).
     */
    render(m: Meeting, opts?: {prefetch?: boolean}): Promise<ReturnType<typeof renderCard>>;
    renderRecording(m: Meeting, r: RecordingInfo): Promise<ReturnType<typeof renderRecording>>;
    /** Stores a participant webhook (store.participantEvent); its card follows within the window. */
    participantEvent(e: Omit<ParticipantEvent, 'cardDueAt'>): Promise<ParticipantOutcome>;
    /** Ends the meeting in the store once; its card and the thread are told at once. */
    ended(m: Meeting, endedAt: number, by?: string): Promise<Meeting>;
    /** Asks plugNmeet for the room's state, stores it, and returns the meeting as it is now; the card follows. */
    refresh(m: Meeting): Promise<Meeting>;
    /** Brings this card up to date now, if it is behind and no other replica holds it. */
    applyNow(roomId: string): Promise<void>;
    /** Edits every card that is due. */
    flushDue(): Promise<void>;
    /** Edits every card that is behind, due or not (shutdown, tests). One pass: failures stay queued. */
    flushAll(): Promise<void>;
    pending(): Promise<number>;
    /** Sweeps the queue every `sweepMs` (edits left by a restart, another replica or a back-off). */
    start(): void;
    /** Stops timers and waits for edits in flight. */
    stop(): Promise<void>;
}

export interface CardUpdateDeps {
    store: Store;
    mattermost: Mattermost;
    /** The starter's name and language: cards, end notices and recordings are written in them. */
    people: People;
    /**
     * Brings a live meeting in line with plugNmeet just before its card is edited (one call per
     * edit, not per event): webhooks retried out of order cannot leave a wrong count behind.
     */
    syncRoom: RoomSync;
    /** Where the buttons point and what signs them. */
    cardContext: CardContext;
    log: FastifyBaseLogger;
    /** How long changes are gathered before one edit is made. */
    windowMs: number;
    sweepMs?: number;
    now?: () => number;
    onEdit?: (outcome: EditOutcome) => void;
    /** An ended meeting's card shows its final state, after this many edits. */
    onCardFinal?: (edits: number) => void;
}

const LEASE_MS = 30_000;
const BATCH = 50;
const MAX_BACKOFF_MS = 5 * 60_000;

/** 2 s, 4 s, 8 s ... capped at 5 min: Mattermost down or rate-limiting gets room to recover. */
export const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, 1000 * (2 ** Math.min(attempts, 20)));

export function createCardUpdates(deps: CardUpdateDeps): CardUpdates {
    const {store, mattermost, log, windowMs, cardContext} = deps;
    const now = deps.now ?? Date.now;
    // The starter's name and language as stored at the start, so every render reads the same;
    // meetings from before they were stored (schema v4) look them up once per render.
    const voiceOf = async (m: Meeting): Promise<Voice> => {
        if (m.creatorName) {
            return {name: m.creatorName, t: translator(m.creatorLocale)};
        }
        const starter = await deps.people.byId(m.creatorId, m.creatorUsername);
        return {name: starter.name, t: starter.t};
    };
    const render = async (m: Meeting, opts: {prefetch?: boolean} = {}) => {
        if (m.status === 'live' && opts.prefetch !== false) {
            void mattermost.prefetchChannel(m.channelId); // who may join it next: named without a look-up
        }
        // Side by side: none of them waits for another.
        const [voice, guests, faces] = await Promise.all([voiceOf(m), store.guestCount(m.roomId), cardFaces(store, m)]);
        return renderCard(m, cardContext, voice, guests, faces);
    };
    /** When a change made now is shown: the end of the window that gathers changes into one edit. */
    const dueAt = () => now() + windowMs;
    const owner = randomBytes(8).toString('hex');
    const timers = new Map<string, {at: number; timer: NodeJS.Timeout}>();
    const inFlight = new Set<Promise<unknown>>();
    let sweeper: NodeJS.Timeout | undefined;
    let stopped = false;

    const track = <T>(p: Promise<T>): Promise<T> => {
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p)).catch(() => undefined);
        return p;
    };

    /**
     * Patches the card's props (never its message: past PostEditTimeLimit Mattermost refuses a patch
     * that carries one). In a public channel the bot was removed from, it joins again and retries once.
     */
    async function patch(m: Meeting, props: object): Promise<EditResult> {
        const first = await mattermost.updatePost(m.postId, props);
        if (first !== 'forbidden' || !(await mattermost.joinChannel(m.channelId, {again: true}))) {
            return first;
        }
        return mattermost.updatePost(m.postId, props);
    }

    async function apply(job: CardJob): Promise<void> {
        let m = job;
        try {
            if (m.status === 'live') {
                // Best effort: if plugNmeet does not answer, the stored count is shown. Written to the
                // store only: this very edit shows it, and a later change schedules the next one below.
                const synced = await deps.syncRoom(m, dueAt()).then((r) => r.meeting, () => m);
                m = {...synced, cardAttempts: job.cardAttempts};
            }
            const ended = m;
            // The end notice and the card's edit go side by side: the card shows the end one round trip after it.
            const notice = m.status === 'ended' && !m.endNoticePosted ? (async () => {
                // A thread reply needs only create_post: mobile users see the end even where the card cannot be edited.
                const ender = ended.endedBy && ended.endedBy !== ended.creatorUsername ? await deps.people.nameOf(ended.endedBy) : '';
                const message = endNotice(ended, await voiceOf(ended), ender);
                // The props tell clients the call is over where the card cannot be edited (DMs, GMs).
                const props: MeetingEndedProps = {
                    plugnmeet_room_id: ended.roomId, meeting_status: 'ended', meeting_started_at: ended.startedAt, meeting_ended_at: ended.endedAt ?? ended.startedAt,
                    ...(isMissed(ended) ? {meeting_missed: true} : {}),
                };
                await mattermost.createPost({channel_id: ended.channelId, root_id: ended.rootId || ended.postId, message, type: '', props});
                await store.markEndNoticePosted(ended.roomId);
            })() : undefined;
            // Each edit is a row in Mattermost's database: none when nobody would see a difference.
            const {props} = await render(m);
            const key = visibleKey(props);
            const [result] = await Promise.all([key === m.cardShown ? 'unchanged' as const : patch(m, props), notice]);
            if (result === 'forbidden') {
                // Private channels, DMs, group messages: the card's refresh action updates it instead.
                log.debug({roomId: m.roomId}, 'the bot may not edit this card; its refresh button brings it up to date');
            } else if (result === 'invalid') {
                // Not worth retrying: the same edit would be refused again.
                log.warn({roomId: m.roomId}, 'Mattermost refused a card edit as invalid; the card keeps what it shows');
            }
            const edited = result === 'edited';
            const nextDueAt = dueAt();
            await store.cardEditDone(m.roomId, owner, m.version, nextDueAt, {key: edited ? key : m.cardShown, edited});
            if (m.status === 'ended' && (edited || result === 'unchanged')) {
                deps.onCardFinal?.(m.cardEdits + (edited ? 1 : 0));
            }
            // Changes that came in during the edit are due at the next window: look then.
            changed(m.roomId, nextDueAt);
            deps.onEdit?.(result === 'edited' || result === 'unchanged' ? result : 'refused');
        } catch (err) {
            const retryIn = backoffMs(m.cardAttempts + 1);
            await store.cardEditFailed(m.roomId, owner, now() + retryIn).catch(() => undefined);
            log.warn({err: String(err), roomId: m.roomId, attempts: m.cardAttempts + 1, retryInMs: retryIn}, 'could not update a meeting card; will retry');
            deps.onEdit?.('failed');
        }
    }

    async function run(claim: {force?: boolean; roomId?: string}): Promise<number> {
        const due = await store.claimCardEdits({owner, now: now(), leaseMs: LEASE_MS, limit: BATCH, ...claim});
        await Promise.all(due.map(apply));
        return due.length;
    }

    async function flushDue(): Promise<void> {
        try {
            // A full batch: there may be more (unless stop() came meanwhile).
            // eslint-disable-next-line no-unmodified-loop-condition -- stop() sets `stopped` while this awaits
            for (let full = true; full && !stopped;) {
                full = (await track(run({}))) === BATCH; // eslint-disable-line no-await-in-loop
            }
        } catch (err) {
            log.warn({err: String(err)}, 'could not read pending card edits; will retry');
        }
    }

    function changed(roomId: string, at: number): void {
        const existing = timers.get(roomId);
        if (stopped || (existing && existing.at <= at)) {
            return;
        }
        if (existing) {
            clearTimeout(existing.timer);
        }
        const timer = setTimeout(() => {
            timers.delete(roomId);
            void flushDue();
        }, Math.max(0, at - now()));
        timer.unref();
        timers.set(roomId, {at, timer});
    }

    async function applyNow(roomId: string): Promise<void> {
        await track(run({roomId, force: true})).catch((err) => {
            log.warn({err: String(err), roomId}, 'could not read a pending card edit; will retry');
        });
    }

    async function ended(m: Meeting, endedAt: number, by?: string): Promise<Meeting> {
        const done = await store.endMeeting(m.roomId, endedAt, by);
        if (!done) {
            return (await store.getMeeting(m.roomId)) ?? m; // someone else already ended it
        }
        await applyNow(done.roomId);
        return done;
    }

    return {
        render,
        renderRecording: async (m, r) => renderRecording(m, r, cardContext, (await voiceOf(m)).t),
        async participantEvent(e) {
            const at = dueAt();
            const outcome = await store.participantEvent({...e, cardDueAt: at});
            if (outcome === 'applied') {
                changed(e.roomId, at);
            }
            return outcome;
        },
        ended,
        async refresh(m) {
            const at = dueAt();
            const synced = await deps.syncRoom(m, at);
            if (synced.ended) {
                await applyNow(m.roomId);
            } else if (m.status === 'live') {
                changed(m.roomId, at);
            }
            return synced.meeting;
        },
        applyNow,
        flushDue,
        async flushAll() {
            await track(run({force: true}));
        },
        pending: () => store.pendingCardEdits(),
        start() {
            const sweepMs = deps.sweepMs ?? 5000;
            sweeper = setInterval(() => void flushDue(), sweepMs);
            sweeper.unref();
            void flushDue();
        },
        async stop() {
            stopped = true;
            clearInterval(sweeper);
            for (const {timer} of timers.values()) {
                clearTimeout(timer);
            }
            timers.clear();
            await Promise.allSettled([...inFlight]);
        },
    };
}
