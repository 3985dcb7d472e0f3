// Verifies plugNmeet webhooks (reference/plugnmeet-api.md section 4): an HS256 JWT signed with
// the API secret, iss = API key, a short validity window, and a `sha256` claim that must equal
// base64(sha256(raw body)). Every comparison is constant time.
import {createHash, createHmac} from 'node:crypto';
import {safeEqual} from '../security.js';

const LEEWAY_SECONDS = 30;

export type WebhookCheck = {ok: true} | {ok: false; reason: string};

function decodeSegment(segment: string): any {
    try {
        return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    } catch {
        return undefined;
    }
}

export function verifyWebhook(rawBody: Buffer, token: string, apiKey: string, apiSecret: string, nowSeconds = Date.now() / 1000): WebhookCheck {
    const parts = token.replace(/^Bearer\s+/i, '').split('.');
    if (parts.length !== 3) {
        return {ok: false, reason: 'no JWT'};
    }
    const [header, payload, signature] = parts;
    if (decodeSegment(header)?.alg !== 'HS256') {
        return {ok: false, reason: 'unexpected JWT algorithm'};
    }
    // Compared as text: decoding would skip stray characters, so many spellings of one signature
    // (a newline inserted, other unused low bits) would pass. plugNmeet sends the canonical one.
    const expected = createHmac('sha256', apiSecret).update(`${header}.${payload}`).digest('base64url');
    if (!safeEqual(signature, expected)) {
        return {ok: false, reason: 'bad JWT signature'};
    }
    const claims = decodeSegment(payload);
    if (typeof claims !== 'object' || claims === null) {
        return {ok: false, reason: 'unreadable JWT claims'};
    }
    if (typeof claims.iss !== 'string' || !safeEqual(claims.iss, apiKey)) {
        return {ok: false, reason: 'JWT issuer is not our API key'};
    }
    if (typeof claims.exp !== 'number' || claims.exp < nowSeconds - LEEWAY_SECONDS) {
        return {ok: false, reason: 'JWT expired'};
    }
    if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + LEEWAY_SECONDS) {
        return {ok: false, reason: 'JWT not valid yet'};
    }
    const bodyHash = createHash('sha256').update(rawBody).digest('base64');
    if (typeof claims.sha256 !== 'string' || !safeEqual(claims.sha256, bodyHash)) {
        return {ok: false, reason: 'body does not match the JWT hash'};
    }
    return {ok: true};
}
