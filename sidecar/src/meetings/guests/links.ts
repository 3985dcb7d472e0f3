// What a guest link is made of: 128 random bits the store keeps only as their sha256, a short
// public id, the `/plugnmeet invite` flags, and the signed form token of the guest page (its POST
// is valid only from a page this sidecar served for that very link, and only for a while).
import {createHash, createHmac, randomBytes, timingSafeEqual} from 'node:crypto';

/** The link's secret: 128 random bits, base64url (22 characters). */
export const newLinkToken = () => randomBytes(16).toString('base64url');
export const LINK_TOKEN = /^[A-Za-z0-9_-]{22}$/;
export const hashLinkToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Public, short: what `invite list` shows and `invite revoke` takes (40 bits, unique per meeting in practice; the store's primary key catches a clash). */
export const newInviteId = () => randomBytes(5).toString('hex');
export const INVITE_ID = /^[0-9a-f]{10}$/;
/** A guest's plugNmeet user_id: `guest-` and 128 random bits in hex, so no two guests share one and nobody is kicked (pkg/models/user_join.go). */
export const newGuestId = () => `guest-${randomBytes(16).toString('hex')}`;
export const isGuestId = (id: string) => /^guest-[0-9a-f]{32}$/.test(id);

export const MAX_LINK_MS = 24 * 60 * 60_000;
export const MAX_USES = 1000;

/** `--expires 30m|2h|1d` and `--uses N`, in any order; undefined for anything else. */
export function readInviteFlags(arg: string): {validMs: number; maxUses: number} | undefined {
    const words = arg.trim().split(/\s+/).filter(Boolean);
    let validMs = MAX_LINK_MS;
    let maxUses = 0;
    for (let i = 0; i < words.length; i += 2) {
        const flag = words[i].toLowerCase().replace(/^[\u2013\u2014]/, '--'); // a phone's dash
        const value = words[i + 1] ?? '';
        if (flag === '--expires') {
            const m = /^(\d{1,4})([mhd])$/i.exec(value);
            validMs = m ? Number(m[1]) * {m: 60_000, h: 3_600_000, d: 86_400_000}[m[2].toLowerCase() as 'm' | 'h' | 'd'] : 0;
            if (validMs < 60_000 || validMs > MAX_LINK_MS) {
                return undefined;
            }
        } else if (flag === '--uses' && /^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_USES) {
            maxUses = Number(value);
        } else {
            return undefined;
        }
    }
    return {validMs, maxUses};
}

/** How long a served page's form may be sent back. */
export const FORM_TTL_MS = 2 * 60 * 60_000;

const formMac = (secret: string, tokenHash: string, issuedAt: number) =>
    createHmac('sha256', secret).update(`plugnmeet guest form\n${tokenHash}\n${issuedAt}`).digest('base64url');

/** The hidden field of the guest page's form: when it was served, and an HMAC over that and the link. */
export function formToken(secret: string, tokenHash: string, now: number): string {
    return `${now}.${formMac(secret, tokenHash, now)}`;
}

export type FormCheck = 'ok' | 'stale' | 'forged';

export function checkFormToken(secret: string, tokenHash: string, value: string, now: number): FormCheck {
    const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!m) {
        return 'forged';
    }
    const expected = Buffer.from(formMac(secret, tokenHash, Number(m[1])));
    const given = Buffer.from(m[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        return 'forged';
    }
    const age = now - Number(m[1]);
    return age >= 0 && age <= FORM_TTL_MS ? 'ok' : 'stale';
}

export const MAX_GUEST_NAME = 64;

/**
 * A guest's name as typed: control, format (bidi overrides, zero-width) and line characters out,
 * spaces collapsed, trimmed, at most MAX_GUEST_NAME characters (whole code points). '' when
 * nothing is left. It is still user text: escaped wherever it is shown.
 */
export function cleanGuestName(raw: string): string {
    const cleaned = raw.normalize('NFC')
        .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return [...cleaned].slice(0, MAX_GUEST_NAME).join('').trim();
}
