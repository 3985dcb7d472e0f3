// Reads `/plugnmeet live`'s answer (contracts/src/calls.ts, LIVE_SHEET_PROP) defensively: an
// older sidecar answers help text instead, and ids go back into commands, so only well-formed
// entries are kept.
import {LIVE_SHEET_PROP, RECURRENCES} from '@plugnmeet/contracts';
import type {LiveMeeting, LiveRecording, LiveSheet, LiveUpcoming, Recurrence} from '@plugnmeet/contracts';

import {count, readRecordingName, text, timestamp} from './post_props';
import type {RecordingName} from './post_props';

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MM_ID = /^[A-Za-z0-9]{1,64}$/;

function entries(value: unknown): Array<Record<string, unknown>> {
    return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => Boolean(v) && typeof v === 'object') : [];
}

/** A channel recording as the panel shows it: with its meeting's name when the sidecar sends it. */
export type NamedLiveRecording = LiveRecording & {name: RecordingName};
export type ReadLiveSheet = Omit<LiveSheet, 'recordings'> & {recordings: NamedLiveRecording[]};

/** The sheet in a command answer's props, or null when there is none. */
export function readLiveSheet(props: unknown): ReadLiveSheet | null {
    const sheet = props && typeof props === 'object' ? (props as Record<string, unknown>)[LIVE_SHEET_PROP] : undefined;
    if (!sheet || typeof sheet !== 'object') {
        return null;
    }
    const {meetings, recordings, upcoming} = sheet as Record<string, unknown>;
    const live: LiveMeeting[] = [];
    for (const m of entries(meetings)) {
        const roomId = text(m.room_id, 64);
        const channelId = text(m.channel_id, 64);
        if (ROOM_ID.test(roomId) && MM_ID.test(channelId)) {
            live.push({
                room_id: roomId,
                channel_id: channelId,
                topic: text(m.topic, 300),
                started_at: timestamp(m.started_at) ?? 0,
                participants: Math.floor(count(m.participants) ?? 0),
                creator_display_name: text(m.creator_display_name, 128),
            });
        }
    }
    const recorded: NamedLiveRecording[] = [];
    for (const r of entries(recordings)) {
        const recordId = text(r.record_id, 64) || text(r.recording_id, 64);
        if (ROOM_ID.test(recordId)) {
            recorded.push({
                record_id: recordId,
                room_id: text(r.room_id, 64),
                created_at: timestamp(r.created_at) ?? 0,
                size_mb: count(r.size_mb) ?? 0,
                name: readRecordingName(r),
            });
        }
    }
    const planned: LiveUpcoming[] = [];
    for (const u of entries(upcoming)) {
        const roomId = text(u.room_id, 64);
        const at = timestamp(u.scheduled_at);
        if (ROOM_ID.test(roomId) && at !== undefined) {
            const every = text(u.recurrence, 16);
            const recurrence: Recurrence = (RECURRENCES as readonly string[]).includes(every) ? every as Recurrence : '';
            planned.push({room_id: roomId, topic: text(u.topic, 300), scheduled_at: at, recurrence});
        }
    }
    return {meetings: live, recordings: recorded, upcoming: planned};
}
