// Who is in a meeting, for its card: kept from the participant webhooks (no call to plugNmeet or
// Mattermost: the webhook path stays as cheap as it was), whose identity is the user_id we put in each
// join token (the Mattermost user id; guests have ids of their own). Once it ends, the card keeps who came.
import type {CardPerson} from '@plugnmeet/contracts';
import type {Meeting, PresentPerson, Store} from '../../store/store.js';

/** Faces on the card; the rest are "+N". */
export const FACES = 8;
/** People remembered per meeting (a card is not a register: the attendance reply is). */
const MAX_PEOPLE = 200;
const MAX_NAME = 64;
const MATTERMOST_ID = /^[a-z0-9]{26}$/;

/** The list after `identity` joined or left: a newcomer is appended, a known person's state changes. */
export function withPresence(list: PresentPerson[], identity: string, name: string, online: boolean): PresentPerson[] {
    const i = list.findIndex((p) => p.identity === identity);
    if (i < 0) {
        return online && list.length < MAX_PEOPLE ? [...list, {identity, name: [...name].slice(0, MAX_NAME).join(''), online}] : list;
    }
    return list[i]!.online === online ? list : list.map((p, j) => (j === i ? {...p, online} : p));
}

/**
 * Stores the change, compare-and-set so that replicas handling a room's events at once lose
 * none; a few tries, then the card's count still holds (the faces catch up with the next event).
 */
export async function recordPresence(store: Store, m: Meeting, identity: string, name: string, online: boolean): Promise<void> {
    let from = m.people ?? [];
    for (let attempt = 0; attempt < 4; attempt++) {
        const to = withPresence(from, identity, name || identity, online);
        if (to === from || (await store.setPeople(m.roomId, from, to))) {
            return;
        }
        from = (await store.getMeeting(m.roomId))?.people ?? [];
    }
}

/** The card's people: those online while live (all who came once ended), the first FACES of them, and how many more. */
export function cardPeople(m: Pick<Meeting, 'people' | 'status'>): {people: CardPerson[]; more: number} {
    const all = m.people ?? []; // a meeting read before v8, or built by hand
    const shown = m.status === 'ended' ? all : all.filter((p) => p.online);
    return {
        people: shown.slice(0, FACES).map((p) => ({id: MATTERMOST_ID.test(p.identity) ? p.identity : '', name: p.name})),
        more: Math.max(0, shown.length - FACES),
    };
}
