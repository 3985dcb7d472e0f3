// The HMAC that authenticates a card button's context. Mattermost sends no credentials with a
// click, and it keeps contexts in its database, exports, backups and edit history, so a context
// is signed for one action, room, channel and post, until it expires.
import {createHmac} from 'node:crypto';
import type {ButtonAction, ButtonContext} from '@plugnmeet/contracts';
import {safeEqual} from '../secrets.js';

export type {ButtonAction, ButtonContext} from '@plugnmeet/contracts';
/** The old name of ButtonAction, kept for callers (tests) that use it. */
export type ActionName = ButtonAction;

// Mattermost and room ids are [A-Za-z0-9_-]; anything else could move a boundary inside the
// signed text ("a\nchannel:b" + "c" signs like "a" + "b\nchannel:c").
const ID = /^[A-Za-z0-9_-]{1,128}$/;

function signedText(c: Omit<ButtonContext, 'signature'>): string {
    return `v2\naction:${c.action}\nroom:${c.room_id}\nchannel:${c.channel_id}\npost:${c.post_id}\nrecord:${c.record_id ?? ''}\nexpires:${c.expires_at}`;
}

export function signContext(secret: string, c: Omit<ButtonContext, 'signature'>): ButtonContext {
    return {...c, signature: createHmac('sha256', secret).update(signedText(c)).digest('hex')};
}

export type ContextCheck = 'valid' | 'forged' | 'expired';

/** `forged`: not made with our secret. `expired`: ours, but past its time. */
export function checkContext(secret: string, c: ButtonContext, now: number): ContextCheck {
    const wellFormed = ID.test(c.room_id) && ID.test(c.channel_id) && (c.post_id === '' || ID.test(c.post_id)) &&
        (c.record_id === undefined || ID.test(c.record_id)) && Number.isSafeInteger(c.expires_at);
    const expected = wellFormed ? signContext(secret, c).signature : '';
    // Compared even when malformed, so the answer takes as long either way.
    if (!safeEqual(expected, c.signature) || !wellFormed) {
        return 'forged';
    }
    return c.expires_at > now ? 'valid' : 'expired';
}

/**
 * Contexts of cards posted before contexts expired (version 1: room and channel only). Still told
 * apart from forgeries, so their clicks answer "out of date" rather than an integration error.
 */
export function isLegacyContext(secret: string, c: {room_id: string; channel_id: string; signature: string}): boolean {
    const expected = createHmac('sha256', secret).update(`room:${c.room_id}\nchannel:${c.channel_id}`).digest('hex');
    return safeEqual(expected, c.signature) && ID.test(c.room_id) && ID.test(c.channel_id);
}

/**
 * What a click's context says, checked: `legacy` contexts predate expiry and post ids (their
 * clicks answer "out of date"); a context without post id gets '' (see signContext's callers).
 */
export function verifyClickContext(secret: string, c: Omit<ButtonContext, 'post_id' | 'expires_at'> & {post_id?: string; expires_at?: number}, now: number): ContextCheck {
    const legacy = c.expires_at === undefined && c.post_id === undefined && isLegacyContext(secret, c);
    if (legacy) {
        return 'expired';
    }
    return checkContext(secret, {...c, post_id: c.post_id ?? '', expires_at: c.expires_at as number}, now);
}
