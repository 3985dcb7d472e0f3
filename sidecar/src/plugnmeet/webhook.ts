// plugNmeet's webhook contract (signed as test/fakes/plugnmeet.ts signs it): the token that signs a
// delivery and the event it carries. The token is an HS256 JWT made with the API secret, issued
// by the API key, within its validity window, with a `sha256` claim equal to base64(sha256(raw body)).
import {createHash, timingSafeEqual} from 'node:crypto';
import {type Static, Type} from '@sinclair/typebox';
import {TypeCompiler} from '@sinclair/typebox/compiler';
import {errors as joseErrors, jwtVerify} from 'jose';

/** plugNmeet's clocks and ours may differ a little. */
const CLOCK_TOLERANCE_SECONDS = 30;

export type WebhookCheck = {ok: true} | {ok: false; reason: string};

const REASONS: Record<string, string> = {
    ERR_JWT_EXPIRED: 'JWT expired',
    ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'bad JWT signature',
    ERR_JOSE_ALG_NOT_ALLOWED: 'unexpected JWT algorithm',
};

/** A key per secret, imported once: importing it again on every delivery costs more than the check. */
const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
    let key = keys.get(secret);
    if (!key) {
        key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), {name: 'HMAC', hash: 'SHA-256'}, false, ['verify']);
        keys.set(secret, key);
    }
    return key;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

export async function verifyWebhook(rawBody: Buffer, token: string, apiKey: string, apiSecret: string, nowSeconds = Date.now() / 1000): Promise<WebhookCheck> {
    const jwt = token.replace(/^Bearer\s+/i, '');
    const signature = jwt.split('.')[2] ?? '';
    // Only the canonical spelling: base64url decoders skip stray characters and unused low bits,
    // so many spellings of one signature would pass. plugNmeet sends the canonical one.
    if (Buffer.from(signature, 'base64url').toString('base64url') !== signature) {
        return {ok: false, reason: 'bad JWT signature'};
    }
    let claims;
    try {
        ({payload: claims} = await jwtVerify(jwt, await hmacKey(apiSecret), {
            algorithms: ['HS256'],
            issuer: apiKey,
            requiredClaims: ['exp'],
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
            currentDate: new Date(nowSeconds * 1000),
        }));
    } catch (err) {
        const code = err instanceof joseErrors.JOSEError ? err.code : '';
        return {ok: false, reason: REASONS[code] ?? (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `JWT claim ${(err as joseErrors.JWTClaimValidationFailed).claim} refused` : 'no valid JWT')};
    }
    const claimed = typeof claims.sha256 === 'string' ? Buffer.from(claims.sha256, 'utf8') : Buffer.alloc(0);
    const actual = Buffer.from(sha256(rawBody).toString('base64'), 'utf8');
    if (claimed.length !== actual.length || !timingSafeEqual(sha256(claimed), sha256(actual))) {
        return {ok: false, reason: 'body does not match the JWT hash'};
    }
    return {ok: true};
}

/** protojson writes int64 as a string and int32 as a number. */
const Int = Type.Union([Type.String(), Type.Number()]);

/** The fields of an event the sidecar reads; plugNmeet sends more, which are let through. */
export const WebhookEventSchema = Type.Object({
    event: Type.String(),
    id: Type.Optional(Type.String()),
    created_at: Type.Optional(Int),
    room: Type.Optional(Type.Object({
        room_id: Type.Optional(Type.String()),
        num_participants: Type.Optional(Int),
    })),
    participant: Type.Optional(Type.Object({
        identity: Type.Optional(Type.String()),
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
