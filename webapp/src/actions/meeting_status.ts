// The opt-in "In a meeting" custom status. The choice is a user preference, kept where Mattermost
// keeps plugin user settings (category pp_<plugin id>, cut to 32 characters: utils/plugins/
// preferences.ts getPluginPreferenceKey), so Settings > plugNmeet and a typed `/plugnmeet status
// on|off` change the same value. On a join from this webapp the status is set through the user's
// own session (Client4.updateCustomStatus); once that meeting ends it is cleared, but only if it
// is still the one set here: a status the user changed in the meantime is theirs.
import type {PreferenceType} from '@mattermost/types/preferences';

import type {Client, UserCustomStatus} from '../client/client';
import {getTranslations} from '../i18n';
import {getCurrentLocale, getCurrentUserId, getMyCustomStatus, getPreferenceValue} from '../selectors/state';

/** The preference category Mattermost gives a plugin's user settings (utils/plugins/preferences.ts). */
export function statusCategory(pluginId: string): string {
    return `pp_${pluginId}`.slice(0, 32);
}
export const STATUS_SETTING = 'in_meeting_status';
export const STATUS_EMOJI = 'video_camera';

/** When a card names no time limit: the status expires on its own after an hour at the latest. */
export const DEFAULT_STATUS_MINUTES = 60;

// mattermost-redux's PreferenceTypes.RECEIVED_PREFERENCES (action_types/preferences.ts), what its
// savePreferences dispatches so the store has the value before the server's preferences_changed.
const RECEIVED_PREFERENCES = 'RECEIVED_PREFERENCES';

type Remembered = UserCustomStatus & {roomId: string};

export type MeetingStatus = {
    isOptedIn(): boolean;
    setOptedIn(on: boolean): Promise<void>;

    /** The user opened `roomId` from this webapp; resolves once the status is set (or left alone). */
    joined(roomId: string, durationMinutes?: number): Promise<void>;

    /** `roomId` ended; resolves once the status is cleared (or left alone). */
    ended(roomId: string): Promise<void>;

    /** The room whose end would clear the status set here, or null. */
    pendingRoom(): string | null;
};

export type MeetingStatusDeps = {

    // plugin.json's id, which names the preference category.
    pluginId: string;
    client: Client;
    getState: () => unknown;
    dispatch?: (action: unknown) => unknown;
    now?: () => number;
    storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
};

function defaultStorage(): MeetingStatusDeps['storage'] {
    try {
        return typeof window === 'undefined' ? null : window.localStorage;
    } catch {
        return null;
    }
}

/** The same status, whatever the server did to the time's format (Go writes RFC 3339 without milliseconds). */
function sameStatus(a: {emoji: string; text: string; expires_at: string}, b: {emoji: string; text: string; expires_at: string}): boolean {
    const at = Date.parse(a.expires_at);
    const bt = Date.parse(b.expires_at);
    return a.emoji === b.emoji && a.text === b.text && Number.isFinite(at) && Math.floor(at / 1000) === Math.floor(bt / 1000);
}

export function createMeetingStatus({pluginId, client, getState, dispatch, now = Date.now, storage = defaultStorage()}: MeetingStatusDeps): MeetingStatus {
    const category = statusCategory(pluginId);
    const optedIn = () => getPreferenceValue(getState(), category, STATUS_SETTING) === 'on';

    // Remembered per user in localStorage, so a reload (or another tab) can still clear it.
    let inMemory: Remembered | null = null;
    const key = () => `plugnmeet:status:${getCurrentUserId(getState())}`;

    const remember = (value: Remembered | null) => {
        inMemory = value;
        try {
            if (value) {
                storage?.setItem(key(), JSON.stringify(value));
            } else {
                storage?.removeItem(key());
            }
        } catch {
            // Storage full or off: this tab still remembers.
        }
    };
    const recall = (): Remembered | null => {
        try {
            const raw = storage?.getItem(key());
            if (raw) {
                return JSON.parse(raw) as Remembered;
            }
            if (storage) {
                return null;
            }
        } catch {
            // Unreadable: fall back to this tab's memory.
        }
        return inMemory;
    };

    return {
        isOptedIn: optedIn,

        async setOptedIn(on) {
            const userId = getCurrentUserId(getState());
            if (!client.savePreferences || !userId) {
                throw new Error('preferences are not available');
            }
            const preference: PreferenceType = {user_id: userId, category, name: STATUS_SETTING, value: on ? 'on' : 'off'};
            await client.savePreferences(userId, [preference]);
            dispatch?.({type: RECEIVED_PREFERENCES, data: [preference]});
        },

        async joined(roomId, durationMinutes) {
            if (!client.updateCustomStatus || !optedIn()) {
                return;
            }
            const minutes = durationMinutes && durationMinutes > 0 ? durationMinutes : DEFAULT_STATUS_MINUTES;
            const status: UserCustomStatus = {
                emoji: STATUS_EMOJI,
                text: getTranslations(getCurrentLocale(getState()))['plugnmeet.status.in_meeting'],
                duration: 'date_and_time',
                expires_at: new Date(now() + (minutes * 60 * 1000)).toISOString(),
            };
            await client.updateCustomStatus(status);
            remember({...status, roomId});
        },

        pendingRoom: () => recall()?.roomId ?? null,

        async ended(roomId) {
            const ours = recall();
            if (!ours || ours.roomId !== roomId) {
                return;
            }
            remember(null);
            const current = getMyCustomStatus(getState());
            if (current && sameStatus(current, ours) && client.unsetCustomStatus) {
                await client.unsetCustomStatus();
            }
        },
    };
}
