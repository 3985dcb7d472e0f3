// Where meetings open (issue 26): in the meeting window inside Mattermost, or in a new tab. A
// person's own choice (Settings > plugNmeet, a user preference) wins over the admin's default
// (MEETINGS_OPEN_IN), which the webapp cannot read from the System Console as a normal user: the
// sidecar's start, join and options answers carry it in their props, and it is remembered in
// localStorage so that the next click knows before the request whether to open a tab.
import {DESKTOP_EMBED_PROP, END_PAGE_ORIGIN_PROP, OPEN_IN_PROP} from '@plugnmeet/contracts';
import type {OpenIn} from '@plugnmeet/contracts';

import {statusCategory} from '../actions/meeting_status';
import {httpOrigin} from '../actions/open_command';
import {getPreferenceValue} from '../selectors/state';

/** The user setting's name in the plugin's preference category (shared with the status setting). */
export const OPEN_IN_SETTING = 'open_in';

/** The user setting's value meaning "as my admin set it". */
export const OPEN_IN_DEFAULT = 'default';

const STORAGE_KEY = 'plugnmeet.open_in';

/** How old a remembered default may be before the webapp asks the sidecar again at start-up. */
export const ASK_AGAIN_AFTER_MS = 24 * 60 * 60 * 1000;

export type AdminDefault = {openIn: OpenIn; desktopEmbed: boolean; endOrigin: string; learnedAt: number};

export type OpenInStore = {

    /** Learns the admin's default from an answer's props; answers without it teach nothing. */
    learn(props: unknown): void;

    /** Whether the next start or join opens in the meeting window (else a tab or the system browser). */
    opensInside(desktop: boolean): boolean;

    /** The origin of the sidecar's end page, '' before the first answer. */
    endOrigin(): string;

    /** Whether the admin's default should be asked for (never learned, or long ago). */
    isStale(): boolean;
};

export type OpenInDeps = {
    pluginId: string;
    getState: () => unknown;
    storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
    now?: () => number;
};

function defaultStorage(): OpenInDeps['storage'] {
    try {
        return typeof window === 'undefined' ? null : window.localStorage;
    } catch {
        return null;
    }
}

const isOpenIn = (value: unknown): value is OpenIn => value === 'browser' || value === 'mattermost';

function read(value: unknown): AdminDefault | null {
    if (!value || typeof value !== 'object') {
        return null;
    }
    const v = value as Record<string, unknown>;
    if (!isOpenIn(v.openIn) || typeof v.desktopEmbed !== 'boolean' || typeof v.learnedAt !== 'number') {
        return null;
    }
    return {openIn: v.openIn, desktopEmbed: v.desktopEmbed, endOrigin: httpOrigin(v.endOrigin), learnedAt: v.learnedAt};
}

export function createOpenInStore({pluginId, getState, storage = defaultStorage(), now = Date.now}: OpenInDeps): OpenInStore {
    let admin: AdminDefault | null = null;
    try {
        admin = read(JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null'));
    } catch {
        admin = null;
    }

    const personal = (): OpenIn | null => {
        const value = getPreferenceValue(getState(), statusCategory(pluginId), OPEN_IN_SETTING);
        return isOpenIn(value) ? value : null;
    };

    return {
        learn(props) {
            if (!props || typeof props !== 'object') {
                return;
            }
            const p = props as Record<string, unknown>;
            if (!isOpenIn(p[OPEN_IN_PROP])) {
                return;
            }
            admin = {openIn: p[OPEN_IN_PROP] as OpenIn, desktopEmbed: p[DESKTOP_EMBED_PROP] === true, endOrigin: httpOrigin(p[END_PAGE_ORIGIN_PROP]), learnedAt: now()};
            try {
                storage?.setItem(STORAGE_KEY, JSON.stringify(admin));
            } catch {
                // Private mode or full storage: remembered for this page only.
            }
        },
        opensInside(desktop) {
            const choice = personal() ?? admin?.openIn ?? 'browser';
            if (choice !== 'mattermost') {
                return false;
            }

            // The Desktop app gives a framed meeting no camera unless its admin trusts plugNmeet's
            // origin (mattermost/desktop src/main/security/permissionsManager.ts): only then.
            return !desktop || admin?.desktopEmbed === true;
        },
        endOrigin: () => admin?.endOrigin ?? '',
        isStale: () => !admin || now() - admin.learnedAt > ASK_AGAIN_AFTER_MS || now() < admin.learnedAt,
    };
}
