// Who is in a meeting, for its card: kept from the participant webhooks (no call to plugNmeet or
// Mattermost: the webhook path stays as cheap as it was), whose identity is the user_id we put in each
// join token (the Mattermost user id; guests have ids of their own). Once it ends, the card keeps who came.
// The store keeps one row a person (changed in SQL, one event at a time); only the card reads them.
import type {CardPerson} from '@plugnmeet/contracts';
import type {Meeting, ParticipantEvent, Store} from '../../store/store.js';

/** Faces on the card; the rest are "+N". */
export const FACES = 8;
/** People remembered per meeting (a card is not a register: the attendance reply is). */
const MAX_PEOPLE = 200;
const MAX_NAME = 64;
const MATTERMOST_ID = /^[a-z0-9]{26}$/;

/** What a participant event stores of who joined or left: the name shortened (by characters), a newcomer within the cap. */
export function presenceOf(identity: string, name: string, online: boolean): NonNullable<ParticipantEvent['presence']> {
    return {identity, name: [...(name || identity)].slice(0, MAX_NAME).join(''), online, cap: MAX_PEOPLE};
}

/** A card's faces: the first FACES people, and how many more. */
export interface CardFaces {
    people: CardPerson[];
    more: number;
}

export const NO_FACES: CardFaces = {people: [], more: 0};

/** The card's people: those online while live (all who came once ended), the first FACES of them, and how many more. */
export async function cardFaces(store: Store, m: Pick<Meeting, 'roomId' | 'status'>): Promise<CardFaces> {
    const {people, total} = await store.meetingPeople(m.roomId, {everyone: m.status === 'ended', limit: FACES});
    return {
        people: people.map((p) => ({id: MATTERMOST_ID.test(p.identity) ? p.identity : '', name: p.name})),
        more: Math.max(0, total - people.length),
    };
}
