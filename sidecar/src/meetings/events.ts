// plugNmeet's webhook events, once the route has verified and read them: each is applied once
// (event ids are claimed in the store, for every replica) to a meeting of ours.
import {toInt} from '../plugnmeet/client.js';
import type {WebhookEvent} from '../plugnmeet/webhook.js';
import type {Meeting, Store} from '../store/store.js';
import type {CardUpdates} from './cards/updater.js';
import {artifactKind} from '../plugnmeet/artifacts.js';
import {presenceOf} from './recap/presence.js';
import type {Recap} from './recap/recap.js';
import type {Guests} from './guests/guests.js';
import type {Recordings} from './recordings.js';

const ENDED = new Set(['room_finished', 'session_ended']);
const PRESENCE = new Set(['room_started', 'participant_joined', 'participant_left']);
/** The recap's: an artifact, and the analytics file's own notice (its id as file_id), either may be lost. */
const ARTIFACTS = new Set(['artifact_created', 'analytics_proceeded']);
const KNOWN_EVENTS = new Set([...ENDED, ...PRESENCE, 'recording_proceeded', ...ARTIFACTS]);

/** `ignored`: not a room of ours, or an event the card does not show. */
export type EventOutcome = 'handled' | 'ignored' | 'duplicate';

/** The event's name as metrics count it: known ones by name, the rest as `other`. */
export const eventLabel = (name: string) => (KNOWN_EVENTS.has(name) ? name : 'other');

export function createEvents(deps: {store: Store; cards: CardUpdates; recordings: Recordings; recap: Recap; now: () => number; guests: Pick<Guests, 'arrived'>}) {
    const {store, cards, recordings, recap, now, guests} = deps;

    async function apply(name: string, event: WebhookEvent, meeting: Meeting): Promise<void> {
        const at = toInt(event.created_at) * 1000;
        if (ENDED.has(name)) {
            await cards.ended(meeting, at > meeting.startedAt ? at : now());
        } else if (name === 'recording_proceeded' && typeof event.recording_info?.record_id === 'string') {
            await recordings.post(meeting, {
                recordId: event.recording_info.record_id,
                sizeMb: Number(event.recording_info.file_size) || 0,
                createdAt: at || now(),
            });
        } else if (ARTIFACTS.has(name)) {
            const kind = name === 'analytics_proceeded' ? 'attendance' : artifactKind(event.room_artifact?.type);
            const id = name === 'analytics_proceeded' ? event.analytics?.file_id : event.room_artifact?.artifact_id;
            if (kind && id) {
                await recap.post(meeting, {id, roomId: meeting.roomId, kind});
            }
        }
    }

    /**
     * The hot path (one a join and a leave): the id claimed, who came or went and the room's count
     * stored in one write, without reading the meeting first. A guest's first arrival then gets its reply.
     */
    async function presence(name: string, event: WebhookEvent, roomId: string, id: string): Promise<EventOutcome> {
        const who = event.participant?.identity ?? '';
        const outcome = await cards.participantEvent({
            roomId, eventId: id, receivedAt: now(),
            // Who, for the card's faces (room_started names nobody).
            presence: who && name !== 'room_started' ? presenceOf(who, event.participant?.name ?? '', name === 'participant_joined') : undefined,
            // Events of a room arrive in order, each with the room's count; protojson omits a zero.
            participants: Math.max(0, Math.trunc(toInt(event.room?.num_participants))),
        });
        if (outcome !== 'applied') {
            return outcome;
        }
        if (name === 'participant_joined') {
            await released(id, guests.arrived(roomId, who)); // a guest's first arrival: one thread reply
        }
        return 'handled';
    }

    /** A failure after the id was claimed gives it back, so plugNmeet's retry is applied. */
    async function released<T>(id: string, work: Promise<T>): Promise<T> {
        try {
            return await work;
        } catch (err) {
            if (id) {
                await store.releaseEvent(id).catch(() => undefined);
            }
            throw err;
        }
    }

    /** `event` undefined: a verified body without an event's shape, ignored. */
    async function handle(event: WebhookEvent | undefined): Promise<EventOutcome> {
        const name = event?.event ?? '';
        const roomId = event?.room?.room_id ?? '';
        if (!event || !roomId || !KNOWN_EVENTS.has(name)) {
            return 'ignored';
        }
        const id = event.id ?? '';
        if (PRESENCE.has(name)) {
            return presence(name, event, roomId, id);
        }
        const meeting = await store.getMeeting(roomId);
        if (!meeting) {
            return 'ignored'; // e.g. another integration's room on the same plugNmeet
        }
        // plugNmeet retries a delivery it thinks failed: the store remembers event ids for every replica.
        if (id && !(await store.claimEvent(id, now()))) {
            return 'duplicate';
        }
        await released(id, apply(name, event, meeting));
        return 'handled';
    }

    return {handle};
}
