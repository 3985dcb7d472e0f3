// Which channels have a live meeting, as far as this tab knows: the live panel's last sheet for a
// team, and the cards and end replies the websocket brought since (a live card posted, a card
// edited to ended, the bot's "ended" reply). The sidebar badge reads it; nothing here asks the
// server by itself.
import {createListeners} from './listeners';

export type LiveStore = {
    subscribe(listener: () => void): () => void;

    /** Changes whenever the set of live channels does (for re-rendering). */
    version(): number;
    isLive(channelId: string): boolean;
    markLive(roomId: string, channelId: string, teamId: string): void;
    markEnded(roomId: string): void;

    /** What `/plugnmeet live` said for `teamId`: its rooms are live, that team's others are not. */
    setTeamSheet(teamId: string, meetings: Array<{room_id: string; channel_id: string}>): void;
    clear(): void;
};

export function createLiveStore(): LiveStore {
    const rooms = new Map<string, {channelId: string; teamId: string}>();
    let version = 0;
    const listeners = createListeners();
    const changed = () => {
        version++;
        listeners.emit();
    };

    return {
        subscribe: listeners.subscribe,
        version: () => version,
        isLive(channelId) {
            for (const room of rooms.values()) {
                if (room.channelId === channelId) {
                    return true;
                }
            }
            return false;
        },
        markLive(roomId, channelId, teamId) {
            const known = rooms.get(roomId);
            if (known?.channelId !== channelId || known.teamId !== teamId) {
                rooms.set(roomId, {channelId, teamId});
                changed();
            }
        },
        markEnded(roomId) {
            if (rooms.delete(roomId)) {
                changed();
            }
        },
        setTeamSheet(teamId, meetings) {
            const before = JSON.stringify([...rooms]);
            for (const [roomId, room] of rooms) {
                if (room.teamId === teamId) {
                    rooms.delete(roomId);
                }
            }
            for (const m of meetings) {
                rooms.set(m.room_id, {channelId: m.channel_id, teamId});
            }
            if (JSON.stringify([...rooms]) !== before) {
                changed();
            }
        },
        clear() {
            rooms.clear();
            changed();
            listeners.clear();
        },
    };
}
