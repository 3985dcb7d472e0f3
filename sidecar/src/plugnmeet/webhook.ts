// plugNmeet's webhook contract (signed as test/fakes/plugnmeet.ts signs it): the token that signs a
// delivery and the event it carries. The token is an HS256 JWT made with the API secret, issued
// by the API key, within its validity window, with a `sha256` claim equal to base64(sha256(raw body)).
import {createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject} from 'node:crypto';
import {type Static, Type} from '@sinclair/typebox';
import {TypeCompiler} from '@sinclair/typebox/compiler';

/** plugNmeet's clocks and ours may differ a little. */
const CLOCK_TOLERANCE_SECONDS = 30;

export type WebhookCheck = {ok: true} | {ok: false; reason: string};

/** A key per secret, made once: making it again on every delivery costs more than the check. */
const keys = new Map<string, KeyObject>();
function hmacKey(secret: string): KeyObject {
    let key = keys.get(secret);
    if (!key) {
        key = createSecretKey(Buffer.from(secret, 'utf8'));
        keys.set(secret, key);
    }
    return key;
}

/** A JWS segment's JSON object; undefined for anything else. */
function segment(part: string): Record<string, unknown> | undefined {
    try {
        const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
        return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
    } catch {
        return undefined;
    }
}

const refused = (reason: string): WebhookCheck => ({ok: false, reason});

/**
 * RFC 7519 with HS256 only, checked in place (synchronously: the WebCrypto verify jose made cost a
 * hop to the thread pool per delivery, which plugNmeet's one-at-a-time sender waited for): the
 * signature over the exact header and payload text, then issuer, expiry (required) and not-before
 * with the clock tolerance, then the body's hash. Async for the callers it had.
 */
export async function verifyWebhook(rawBody: Buffer, token: string, apiKey: string, apiSecret: string, nowSeconds = Date.now() / 1000): Promise<WebhookCheck> {
    const parts = token.replace(/^Bearer\s+/i, '').split('.');
    if (parts.length !== 3) {
        return refused('no valid JWT');
    }
    const [head, body, signature] = parts as [string, string, string];
    // Only the canonical spelling: base64url decoders skip stray characters and unused low bits,
    // so many spellings of one signature would pass. plugNmeet sends the canonical one.
    const given = Buffer.from(signature, 'base64url');
    if (given.toString('base64url') !== signature) {
        return refused('bad JWT signature');
    }
    const headerRefusal = checkHeader(head);
    if (headerRefusal) {
        return refused(headerRefusal);
    }
    const expected = createHmac('sha256', hmacKey(apiSecret)).update(`${head}.${body}`).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return refused('bad JWT signature');
    }
    const claims = segment(body);
    if (!claims) {
        return refused('no valid JWT');
    }
    if (claims.iss !== apiKey) {
        return refused('JWT claim iss refused');
    }
    for (const name of ['exp', 'nbf', 'iat'] as const) {
        if (claims[name] !== undefined && typeof claims[name] !== 'number') {
            return refused(`JWT claim ${name} refused`);
        }
    }
    if (typeof claims.exp !== 'number') {
        return refused('JWT claim exp refused');
    }
    if (claims.exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS) {
        return refused('JWT expired');
    }
    if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS) {
        return refused('JWT claim nbf refused');
    }
    // Neither value is a secret (anyone can hash the body): the lengths may be compared first.
    const claimed = typeof claims.sha256 === 'string' ? Buffer.from(claims.sha256, 'utf8') : Buffer.alloc(0);
    const actual = Buffer.from(createHash('sha256').update(rawBody).digest('base64'), 'utf8');
    if (claimed.length !== actual.length || !timingSafeEqual(claimed, actual)) {
        return refused('body does not match the JWT hash');
    }
    return {ok: true};
}

/**
 * Why a JWS header is refused ('' when it is not), remembered for the last header seen: plugNmeet
 * signs every delivery with the same one, so it is decoded once, not per delivery.
 */
let lastHeader = {text: '', refusal: ''};
function checkHeader(text: string): string {
    if (text !== lastHeader.text) {
        const header = segment(text);
        let refusal = '';
        if (!header || 'crit' in header || 'b64' in header) {
            refusal = 'no valid JWT';
        } else if (header.alg !== 'HS256') {
            refusal = 'unexpected JWT algorithm';
        }
        lastHeader = {text, refusal};
    }
    return lastHeader.refusal;
}

/** protojson writes int64 as a string and int32 as a number. */
const Int = Type.Union([Type.String(), Type.Number()]);

/** The fields of an event the sidecar reads; plugNmeet sends more, which are let through. */
export const WebhookEventSchema = Type.Object({
    event: Type.String(),
    id: Type.Optional(Type.String()),
    created_at: Type.Optional(Int),
    room: Type.Optional(Type.Object({
        sid: Type.Optional(Type.String()),
        room_id: Type.Optional(Type.String()),
        num_participants: Type.Optional(Int),
    })),
    // participant_joined / participant_left: livekit.ParticipantInfo; identity = the join token's user_id.
    participant: Type.Optional(Type.Object({
        identity: Type.Optional(Type.String()),
        name: Type.Optional(Type.String()),
    })),
    // artifact_created (plugNmeet-server pkg/models/artifact.go sendWebhookNotification): the type by name.
    room_artifact: Type.Optional(Type.Object({
        type: Type.Optional(Type.Union([Type.String(), Type.Number()])),
        artifact_id: Type.Optional(Type.String()),
    })),
    // analytics_proceeded (pkg/models/analytics_export.go sendToWebhookNotifier): the analytics artifact's id.
    analytics: Type.Optional(Type.Object({
        file_id: Type.Optional(Type.String()),
    })),
    recording_info: Type.Optional(Type.Object({
        record_id: Type.Optional(Type.String()),
        file_size: Type.Optional(Int),
    })),
});

export type WebhookEvent = Static<typeof WebhookEventSchema>;

const compiled = TypeCompiler.Compile(WebhookEventSchema);

/** The event, if the verified body has the shape plugNmeet sends; undefined otherwise (ignored, never handled). */
export function readWebhookEvent(body: unknown): WebhookEvent | undefined {
    return compiled.Check(body) ? body : undefined;
}
