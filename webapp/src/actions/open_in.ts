// "Window or tab" for a meeting about to open (issue 26). The open path (open_command.ts) asks
// before the request, since a tab must be opened within the click and a meeting inside Mattermost
// must not flash a blank tab first. The plugin registers the meeting window here as it starts
// (index.tsx) and takes it away in uninitialize(); without one every meeting opens as before.

/** The meeting window as the open path sees it. */
export type MeetingWindowHost = {

    /** Whether the next start or join opens inside Mattermost. */
    opensInside(desktop: boolean): boolean;

    /** Shows the meeting at `url`; `props` are the answer's (topic, room, end page origin). */
    open(url: string, props: unknown): void;
};

let registered: MeetingWindowHost | null = null;

/** Registers the meeting window; returns how to take it away again. */
export function setMeetingWindowHost(host: MeetingWindowHost): () => void {
    registered = host;
    return () => {
        if (registered === host) {
            registered = null;
        }
    };
}

/** Only starts and joins open meetings; downloads and the rest always open as before. */
function opensMeeting(command: string): boolean {
    const sub = command.trim().split(/\s+/)[1]?.toLowerCase();
    return sub === 'start' || sub === 'join';
}

/** The meeting window when this command's meeting opens there, else null (a tab, or the Desktop's browser). */
export function meetingWindowFor(command: string, desktop: boolean, given?: MeetingWindowHost | null): MeetingWindowHost | null {
    const host = given === undefined ? registered : given;
    if (!host || !opensMeeting(command)) {
        return null;
    }
    try {
        return host.opensInside(desktop) ? host : null;
    } catch {
        return null;
    }
}
