// plugNmeet's webhook events, once the route has verified and read them: each is applied once
// (event ids are claimed in the store, for every replica) to a meeting of ours.
import {toInt} from '../plugnmeet/client.js';
import type {WebhookEvent} from '../plugnmeet/webhook.js';
import type {Meeting, Store} from '../store/store.js';
import type {CardUpdates} from './cards/updater.js';
import {artifactKind} from '../plugnmeet/artifacts.js';
import {recordPresence} from './recap/presence.js';
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
        } else if (PRESENCE.has(name)) {
            // Who, for the card's faces: stored before the count, whose change makes the card due.
            const who = event.participant?.identity;
            if (who && name !== 'room_started') {
                await recordPresence(store, meeting, who, event.participant?.name ?? '', name === 'participant_joined');
            }
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
        } else if (ARTIFACTS.has(name)) {
            const kind = name === 'analytics_proceeded' ? 'attendance' : artifactKind(event.room_artifact?.type);
            const id = name === 'analytics_proceeded' ? event.analytics?.file_id : event.room_artifact?.artifact_id;
            if (kind && id) {
                await recap.post(meeting, {id, roomId: meeting.roomId, kind});
            }
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
