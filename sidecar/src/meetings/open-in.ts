// Where meetings open (issue 26): the admin's default travels in the props of the answers the
// webapp reads (start, join, `/plugnmeet options`), since a webapp plugin cannot read its System
// Console settings as a normal user (mattermost/mattermost server/channels/api4/config.go).
import {DESKTOP_EMBED_PROP, END_PAGE_ORIGIN_PROP, FRAME_REFUSED_PROP, OPEN_IN_PROP} from '@plugnmeet/contracts';
import type {Policy} from '../config/policy.js';

/** The props that say where a meeting opens and whose end page the meeting window believes. */
export function openInProps(policy: Pick<Policy, 'openIn' | 'desktopEmbed'>, endPageOrigin: string, frameRefused: boolean): Record<string, unknown> {
    return {
        [OPEN_IN_PROP]: policy.openIn, [DESKTOP_EMBED_PROP]: policy.desktopEmbed, [END_PAGE_ORIGIN_PROP]: endPageOrigin,
        // Only when a proxy refuses framing: the window then offers the new tab at once.
        ...(frameRefused ? {[FRAME_REFUSED_PROP]: true} : {}),
    };
}
