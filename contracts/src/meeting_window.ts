// The meeting inside Mattermost (issue 26): what the sidecar's answers tell the webapp about where
// meetings open, and the message its end page sends the meeting window.

/** Props of the start, join and `/plugnmeet options` answers: the admin's default (MEETINGS_OPEN_IN). */
export const OPEN_IN_PROP = 'open_in';
/** Whether the Desktop app frames meetings too (MEETINGS_DESKTOP_EMBED): true or false. */
export const DESKTOP_EMBED_PROP = 'desktop_embed';
/** The origin of the sidecar's end page: the only origin whose "ended" message the window believes. */
export const END_PAGE_ORIGIN_PROP = 'meeting_end_origin';

/** Present (true) when plugNmeet's proxy refuses framing: the window offers a new tab instead. */
export const FRAME_REFUSED_PROP = 'plugnmeet_frame_refused';

export type OpenIn = 'browser' | 'mattermost';

/** plugNmeet's logout_url: the page plugNmeet's client goes to when the meeting ends. */
export const MEETING_ENDED_PATH = '/meeting-ended';

/** What the end page posts to its parent, the Mattermost window (exactly this shape). */
export const MEETING_ENDED_MESSAGE = {type: 'plugnmeet-meeting-ended', version: 1} as const;

/** Whether a message is the end page's, by shape alone (the origin is checked by the receiver). */
export function isMeetingEndedMessage(data: unknown): boolean {
    if (!data || typeof data !== 'object') {
        return false;
    }
    const d = data as Record<string, unknown>;
    return Object.keys(d).length === 2 && d.type === MEETING_ENDED_MESSAGE.type && d.version === MEETING_ENDED_MESSAGE.version;
}
