// Attendance from plugNmeet's analytics file (plugnmeet-protocol v1.5.0 plugnmeet_analytics.proto
// AnalyticsResult, as plugNmeet-server v2.4.0 pkg/models/analytics_export.go writes it: protojson
// with proto names, int64 as strings). There is no per-person duration: a person's `joined` and
// `left` events hold one value per visit (the time in ms), paired here; `talked_duration` is a
// counter (ms) in its `total`.

export interface Attendee {
    /** ex_user_id: the user_id given at the token, i.e. the Mattermost user id for people we let in. */
    userId: string;
    /** The name plugNmeet knew them by (user text). */
    name: string;
    presentMs: number;
    talkedMs: number;
}

export interface Attendance {
    durationMs: number;
    attendees: Attendee[];
}

const num = (v: unknown) => {
    const n = typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0;
};

type Event = {name?: unknown; total?: unknown; values?: Array<{time?: unknown}>};

/** Each visit's [join, leave) in ms; a visit still open at the end lasts until the room ended. */
export function presence(joined: number[], left: number[], endMs: number): number {
    const leaves = [...left].sort((a, b) => a - b);
    let total = 0;
    for (const start of [...joined].sort((a, b) => a - b)) {
        const i = leaves.findIndex((l) => l >= start);
        const end = i >= 0 ? leaves.splice(i, 1)[0]! : endMs;
        total += Math.max(0, end - start);
    }
    return total;
}

/** The attendance in an analytics file, longest present first; undefined when it is not one. */
export function readAttendance(file: string): Attendance | undefined {
    let data: {room?: Record<string, unknown>; users?: unknown};
    try {
        data = JSON.parse(file);
    } catch {
        return undefined;
    }
    if (!data || typeof data.room !== 'object' || data.room === null || (data.users !== undefined && data.users !== null && !Array.isArray(data.users))) {
        return undefined;
    }
    const endMs = num(data.room.room_ended) * 1000;
    const users = (Array.isArray(data.users) ? data.users : []) as Array<Record<string, unknown>>;
    const attendees = users.map((u) => {
        const events = (Array.isArray(u.events) ? u.events : []) as Event[];
        const times = (name: string) => events.filter((e) => e?.name === name).flatMap((e) => (Array.isArray(e.values) ? e.values : []).map((v) => num(v?.time)));
        const talked = events.find((e) => e?.name === 'talked_duration');
        return {
            userId: typeof u.ex_user_id === 'string' && u.ex_user_id ? u.ex_user_id : String(u.user_id ?? ''),
            name: typeof u.name === 'string' ? u.name : '',
            presentMs: presence(times('joined'), times('left'), endMs),
            talkedMs: num(talked?.total),
        };
    });
    attendees.sort((a, b) => b.presentMs - a.presentMs || b.talkedMs - a.talkedMs);
    return {durationMs: num(data.room.room_duration) * 1000, attendees};
}
