// HS256 JWTs for the fakes, with jose. plugNmeet signs join tokens, download tokens and webhook
// tokens this way (header {"alg":"HS256","typ":"JWT"}, the API secret as the HMAC key).
import { createHmac } from 'node:crypto';
import { SignJWT, base64url, decodeJwt as decodePayload, decodeProtectedHeader, jwtVerify } from 'jose';

export type JwtClaims = Record<string, unknown>;

const HEADER = { alg: 'HS256', typ: 'JWT' } as const;
const hmacKey = (secret: string) => new TextEncoder().encode(secret);

export function b64url(data: Buffer | string): string {
  return base64url.encode(data);
}

/**
 * Signs `claims` as they are (no claim added or checked), as plugNmeet does: jose's SignJWT
 * output byte for byte (the self-test in fakes.test.ts holds it to jose), without jose importing
 * the key on every call, which was most of the fake's work per join token in the bench.
 */
export async function signJwt(claims: JwtClaims, secret: string): Promise<string> {
  return signHs256(claims, secret);
}

/** jose's own signing, for the self-test. */
export function joseSignJwt(claims: JwtClaims, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(HEADER).sign(hmacKey(secret));
}

/** The same token, synchronously, for callers that cannot await (fast-check properties). */
export function signHs256(claims: JwtClaims, secret: string): string {
  const signingInput = `${b64url(JSON.stringify(HEADER))}.${b64url(JSON.stringify(claims))}`;
  return `${signingInput}.${b64url(createHmac('sha256', secret).update(signingInput).digest())}`;
}

/** Decodes without checking anything: for tests that inspect claims. */
export function decodeJwt(token: string): { header: JwtClaims; claims: JwtClaims } {
  return { header: decodeProtectedHeader(token) as JwtClaims, claims: decodePayload(token) };
}

/**
 * Verifies with jose: signature, alg HS256 only, nbf/exp with `leewaySec` of clock tolerance
 * (default 30), and the issuer when given. Rejects with jose's error for the first failure.
 */
export async function verifyHs256(
  token: string,
  secret: string,
  opts: { nowSec?: number; leewaySec?: number; issuer?: string } = {},
): Promise<JwtClaims> {
  const { payload } = await jwtVerify(token, hmacKey(secret), {
    algorithms: ['HS256'],
    clockTolerance: opts.leewaySec ?? 30,
    ...(opts.issuer !== undefined ? { issuer: opts.issuer } : {}),
    ...(opts.nowSec !== undefined ? { currentDate: new Date(opts.nowSec * 1000) } : {}),
  });
  return payload;
}
