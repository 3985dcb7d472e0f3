// The scheduler's round (run every 15 s by one replica at a time, reconciler.ts startScheduler):
// reminders and starts that are due, and series whose occurrence ended. Bounded: the round stops
// after a time budget and the next one carries on where it stopped, so no row waits behind the
// others for ever; an occurrence that could not start (its channel busy, plugNmeet down) is tried
// again with a growing pause, and one whose channel stays busy gives up after BUSY_GIVE_UP_MS,
// saying so; failures make one warning a round, not one per row.
import {performance} from 'node:perf_hooks';
import type {FastifyBaseLogger} from 'fastify';
import type {Meeting, Schedule, Store} from '../../store/store.js';
import {inert} from '../cards/render.js';
import type {Occurrences} from './occurrences.js';

/** Started more than this late (the sidecar was down): the thread is told. */
export const LATE_MS = 5 * 60_000;
/** Another meeting still live this long after the planned time: the occurrence is skipped. */
export const BUSY_GIVE_UP_MS = 30 * 60_000;
/** The pauses between tries of an occurrence that could not start: doubling, up to the last. */
export const RETRY_MS = [15_000, 30_000, 60_000, 120_000, 300_000] as const;
/** Work one round may do before it leaves the rest to the next (the round runs every 15 s). */
export const ROUND_BUDGET_MS = 5_000;
/** Mattermost's longest message (model/post.go PostMessageMaxRunesV2). */
export const POST_MAX_RUNES = 16_383;

const runes = (s: string) => [...s].length;

/**
 * `head` followed by the mentions, over as few posts as fit under Mattermost's limit; each post
 * starts with `head`, so each says what it is about.
 */
export function mentionPosts(head: string, mentions: string[], maxRunes = POST_MAX_RUNES): string[] {
    const posts: string[] = [];
    let current = head;
    let room = maxRunes - runes(head);
    for (const m of mentions) {
        const cost = 1 + runes(m);
        if (cost > room && current !== head) {
            posts.push(current);
            current = head;
            room = maxRunes - runes(head);
        }
        current += ` ${m}`;
        room -= cost;
    }
    posts.push(current);
    return posts;
}

interface Waiting {
    tries: number;
    /** When it may be tried again. */
    next: number;
    /** The thread and the card were told the channel is busy. */
    told: boolean;
}

export interface SchedulerDeps {
    store: Store;
    occurrences: Occurrences;
    log: FastifyBaseLogger;
    now: () => number;
    reminderMinutes: number;
    /** The round's budget (ms of real time); the clock it is measured on. */
    budgetMs?: number;
    clock?: () => number;
}

export function createScheduler(deps: SchedulerDeps) {
    const {store, occurrences, log, now} = deps;
    const reminderMs = deps.reminderMinutes * 60_000;
    const budgetMs = deps.budgetMs ?? ROUND_BUDGET_MS;
    const clock = deps.clock ?? (() => performance.now());
    // Kept by the replica that runs the rounds; after a restart an occurrence is tried at once.
    const waiting = new Map<string, Waiting>();
    let resumeAfter = '';

    const keyOf = (s: Schedule) => `${s.id}:${s.at}`;

    function backOff(s: Schedule): void {
        const w = waiting.get(keyOf(s));
        const tries = (w?.tries ?? 0) + 1;
        waiting.set(keyOf(s), {tries, next: now() + RETRY_MS[Math.min(tries, RETRY_MS.length) - 1], told: w?.told ?? false});
    }

    /** The reminder, once, mentioning who chose Notify me; refused by Mattermost before any post: tried again. */
    async function remind(s: Schedule): Promise<void> {
        if (!(await store.moveSchedule(s.id, {status: 'scheduled', at: s.at, reminded: false}, {reminded: true}))) {
            return;
        }
        const watchers = await store.watchers(s.id);
        if (watchers.length === 0) {
            return;
        }
        const minutes = Math.max(1, Math.round((s.at - now()) / 60_000));
        const head = occurrences.voiceOf(s).t('plugnmeet.schedule.reminder', {topic: inert(s.topic), minutes});
        let sent = 0;
        try {
            for (const message of mentionPosts(head, watchers.map((w) => `@${w.username}`))) {
                await occurrences.tell(s, message);
                sent += 1;
            }
        } catch (err) {
            if (sent === 0) {
                await store.moveSchedule(s.id, {status: 'scheduled', at: s.at, reminded: true}, {reminded: false});
            }
            throw err;
        }
    }

    /** A due occurrence: started, or waiting for its busy channel (with `busy` the channels found busy this round). */
    async function startDue(s: Schedule, busy: Map<string, Meeting>): Promise<void> {
        const key = keyOf(s);
        const w = waiting.get(key);
        if (w && w.next > now()) {
            return; // pausing between tries
        }
        const blocker = busy.get(s.channelId);
        const outcome = blocker ? {kind: 'busy' as const, live: blocker} : await occurrences.start(s);
        switch (outcome.kind) {
        case 'started': {
            waiting.delete(key);
            const late = now() - s.at;
            if (late > LATE_MS) {
                const {t} = occurrences.voiceOf(s);
                const minutes = Math.round(late / 60_000);
                await occurrences.tell(s, w?.told ?
                    t('plugnmeet.schedule.started_after_busy', {topic: inert(s.topic), minutes}) :
                    t('plugnmeet.schedule.started_late', {topic: inert(s.topic), minutes}));
            }
            return;
        }
        case 'busy':
            busy.set(s.channelId, outcome.live);
            if (now() - s.at >= BUSY_GIVE_UP_MS) {
                waiting.delete(key);
                await occurrences.giveUp(s, outcome.live);
            } else {
                backOff(s);
                if (!w?.told) {
                    await occurrences.waitFor(s, outcome.live, s.at + BUSY_GIVE_UP_MS);
                    waiting.get(keyOf(s))!.told = true; // told once it is said: a failed reply is said again next time
                }
            }
            return;
        case 'refused':
            waiting.delete(key);
            await occurrences.refuse(s, outcome.verdict);
            return;
        case 'failed':
            backOff(s);
            throw outcome.err;
        default:
             // raced: someone else started it
        }
    }

    async function step(s: Schedule, at: number, busy: Map<string, Meeting>): Promise<void> {
        if (s.status === 'live') {
            const m = await store.getMeeting(s.roomId);
            if (!m || m.status === 'ended') {
                await occurrences.moveOn(s, 'live');
            }
        } else if (s.at <= at) {
            await startDue(s, busy);
        } else if (!s.reminded && reminderMs > 0) {
            await remind(s);
        }
    }

    return async function tick(): Promise<void> {
        const at = now();
        const due = await store.dueSchedules(at + reminderMs);
        // Carry on after the row the last round stopped at.
        const from = due.findIndex((s) => s.id === resumeAfter) + 1;
        const ordered = [...due.slice(from), ...due.slice(0, from)];
        const stopAt = clock() + budgetMs;
        const busy = new Map<string, Meeting>();
        const failed: Array<{scheduleId: string; err: string}> = [];
        let done = 0;
        for (const s of ordered) {
            if (clock() > stopAt) {
                break;
            }
            try {
                await step(s, at, busy);
            } catch (err) {
                failed.push({scheduleId: s.id, err: String(err)});
            }
            done += 1;
        }
        resumeAfter = done < ordered.length ? ordered[done - 1]?.id ?? '' : '';
        const current = new Set(due.map(keyOf));
        for (const key of waiting.keys()) {
            if (!current.has(key)) {
                waiting.delete(key); // started, cancelled or moved on elsewhere
            }
        }
        const left = ordered.length - done;
        if (failed.length > 0 || left > 0) {
            log.warn({failed: failed.length, left, first: failed.slice(0, 3)},
                `the scheduler's round: ${failed.length} step(s) failed, ${left} left for the next round; they will be tried again`);
        }
    };
}
