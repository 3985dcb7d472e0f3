// Minimal HS256 JWT helpers for the fakes (node:crypto only).
// plugNmeet signs join tokens, download tokens and webhook tokens this way.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

const HEADER = { alg: 'HS256', typ: 'JWT' };

export function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function signHs256(claims: JwtClaims, secret: string): string {
  const head = b64url(JSON.stringify(HEADER));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  return `${head}.${body}.${b64url(sig)}`;
}

/** Decodes without checking anything: for tests that inspect claims. */
export function decodeJwt(token: string): { header: JwtClaims; claims: JwtClaims } {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('jwt: expected 3 parts');
  const parse = (p: string) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as JwtClaims;
  return { header: parse(parts[0]!), claims: parse(parts[1]!) };
}

/**
 * Verifies signature (constant time), alg, and nbf/exp with a small leeway.
 * Throws an Error describing the first failure.
 */
export function verifyHs256(
  token: string,
  secret: string,
  opts: { nowSec?: number; leewaySec?: number; issuer?: string } = {},
): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('jwt: expected 3 parts');
  const { header, claims } = decodeJwt(token);
  if (header.alg !== 'HS256') throw new Error(`jwt: unexpected alg ${String(header.alg)}`);
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Error('jwt: bad signature');
  }
  const now = opts.nowSec ?? Math.floor(Date.now() / 1000);
  const leeway = opts.leewaySec ?? 30;
  if (typeof claims.exp === 'number' && now > claims.exp + leeway) throw new Error('jwt: expired');
  if (typeof claims.nbf === 'number' && now + leeway < claims.nbf) throw new Error('jwt: not yet valid');
  if (opts.issuer !== undefined && claims.iss !== opts.issuer) throw new Error('jwt: wrong issuer');
  return claims;
}
