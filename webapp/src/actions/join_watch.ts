// Every start and join this webapp runs goes through one client: the card's Join, the call button,
// the options dialog, a typed /plugnmeet, the live panel and the ringing notice. When the answer
// opens a meeting (a link in goto_location and the room in props.plugnmeet_room_id, as the
// sidecar's start and join answer: sidecar/src/meetings/commands.ts opening()), the user is on
// their way into that room.
import {safeHttpUrl} from './open_command';

import type {Client} from '../client/client';

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

export type Joined = (roomId: string, command: string) => void;

/** The room a start or join answer opens, or ''. */
export function joinedRoom(command: string, response: {goto_location?: unknown; props?: unknown}): string {
    const sub = command.trim().split(/\s+/)[1]?.toLowerCase();
    if ((sub !== 'start' && sub !== 'join') || !safeHttpUrl(response.goto_location)) {
        return '';
    }
    const props = response.props && typeof response.props === 'object' ? response.props as Record<string, unknown> : {};
    const roomId = props.plugnmeet_room_id;
    return typeof roomId === 'string' && ROOM_ID.test(roomId) ? roomId : '';
}

export function watchJoins(client: Client, onJoined: Joined): Client {
    return {
        ...client,
        async executeCommand(command, args) {
            const response = await client.executeCommand(command, args);
            const roomId = joinedRoom(command, response);
            if (roomId) {
                try {
                    onJoined(roomId, command);
                } catch (error) {
                    console.warn('plugnmeet: after the join', error); // eslint-disable-line no-console
                }
            }
            return response;
        },
    };
}
