// Brings a live meeting in line with plugNmeet, writing to the store only: the caller decides what
// follows. The card updater calls it for the card it is editing (so the card shows the truth even
// after webhooks retried out of order); everyone else goes through the updater's refresh.
import type {PlugnmeetClient} from '../plugnmeet/client.js';
import type {Meeting, Store} from '../store/store.js';

export interface Synced {
    meeting: Meeting;
    /** This call found the room gone and ended the meeting (so its side effects run once). */
    ended: boolean;
}

/** `cardDueAt`: when a changed count makes the card due (the card updater's window). */
export type RoomSync = (m: Meeting, cardDueAt: number) => Promise<Synced>;

export function createRoomSync(store: Store, plugnmeet: Pick<PlugnmeetClient, 'getActiveRoomInfo'>, now: () => number): RoomSync {
    return async (m, cardDueAt) => {
        if (m.status !== 'live') {
            return {meeting: m, ended: false};
        }
        const info = await plugnmeet.getActiveRoomInfo(m.roomId);
        if (!info) {
            const ended = await store.endMeeting(m.roomId, now());
            // Not ended here: someone else already did.
            return ended ? {meeting: ended, ended: true} : {meeting: (await store.getMeeting(m.roomId)) ?? m, ended: false};
        }
        return {meeting: (await store.setParticipants(m.roomId, info.participants, cardDueAt)) ?? m, ended: false};
    };
}
