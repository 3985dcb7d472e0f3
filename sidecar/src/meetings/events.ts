// plugNmeet's webhook events, once the route has verified and read them: each is applied once
// (event ids are claimed in the store, for every replica) to a meeting of ours.
import {toInt} from '../plugnmeet/client.js';
import type {WebhookEvent} from '../plugnmeet/webhook.js';
import type {Meeting, Store} from '../store/store.js';
import type {CardUpdates} from './cards/updater.js';
import type {Guests} from './guests/guests.js';
import type {Recordings} from './recordings.js';

const ENDED = new Set(['room_finished', 'session_ended']);
const PRESENCE = new Set(['room_started', 'participant_joined', 'participant_left']);
const KNOWN_EVENTS = new Set([...ENDED, ...PRESENCE, 'recording_proceeded']);

/** `ignored`: not a room of ours, or an event the card does not show. */
export type EventOutcome = 'handled' | 'ignored' | 'duplicate';

/** The event's name as metrics count it: known ones by name, the rest as `other`. */
export const eventLabel = (name: string) => (KNOWN_EVENTS.has(name) ? name : 'other');

export function createEvents(deps: {store: Store; cards: CardUpdates; recordings: Recordings; now: () => number; guests: Pick<Guests, 'arrived'>}) {
    const {store, cards, recordings, now, guests} = deps;

    async function apply(name: string, event: WebhookEvent, meeting: Meeting): Promise<void> {
        const at = toInt(event.created_at) * 1000;
        if (ENDED.has(name)) {
            await cards.ended(meeting, at > meeting.startedAt ? at : now());
        } else if (PRESENCE.has(name)) {
            // Events of a room arrive in order, each with the room's count; protojson omits a zero.
            await cards.participantsChanged(meeting.roomId, Math.max(0, Math.trunc(toInt(event.room?.num_participants))));
            if (name === 'participant_joined') {
                await guests.arrived(meeting, event.participant?.identity ?? ''); // a guest's first arrival: one thread reply
            }
        } else if (name === 'recording_proceeded' && typeof event.recording_info?.record_id === 'string') {
            await recordings.post(meeting, {
                recordId: event.recording_info.record_id,
                sizeMb: Number(event.recording_info.file_size) || 0,
                createdAt: at || now(),
            });
        }
    }

    /** `event` undefined: a verified body without an event's shape, ignored. */
    async function handle(event: WebhookEvent | undefined): Promise<EventOutcome> {
        const name = event?.event ?? '';
        const roomId = event?.room?.room_id ?? '';
        const meeting = event && roomId ? await store.getMeeting(roomId) : undefined;
        if (!event || !meeting || !KNOWN_EVENTS.has(name)) {
            return 'ignored'; // e.g. another integration's room on the same plugNmeet
        }
        const id = event.id ?? '';
        // plugNmeet retries a delivery it thinks failed: the store remembers event ids for every replica.
        if (id && !(await store.claimEvent(id, now()))) {
            return 'duplicate';
        }
        try {
            await apply(name, event, meeting);
        } catch (err) {
            if (id) {
                await store.releaseEvent(id).catch(() => undefined); // so plugNmeet's retry is applied
            }
            throw err;
        }
        return 'handled';
    }

    return {handle};
}
