// Authentication: the API-KEY + HASH-SIGNATURE check of every /auth request, and
// POST /api/verifyToken, which checks a join token (pkg/controllers/auth.go, v2.4.0).
import type http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FakePlugnmeet } from './types.js';
import { verifyHs256, type JwtClaims } from '../jwt.js';
import { verifyTokenResponse, type PlugnmeetVersion } from '../plugnmeet-rules.js';
import { fail, type Json } from './responses.js';
import { activeRoom } from './rooms.js';

/** What /api/verifyToken reports as server_version for each fake version (version/version.go). */
export const FAKE_SERVER_VERSIONS: Record<PlugnmeetVersion, string> = {
  '1.x': '1.9.4', '2.0': '2.0.3', '2.1': '2.1.9', '2.2': '2.2.0', '2.3': '2.3.0', '2.4': '2.4.0',
};

export function header(req: http.IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function constantEq(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---- auth: API-KEY + lowercase hex HMAC-SHA256 of the raw body, constant-time compare
// (pkg/controllers/auth.go HandleAuthHeaderCheck, its messages as in v2.4.0)

/** The refusal to answer with HTTP 401, or undefined when the request is authentic. */
export function checkAuth(pn: FakePlugnmeet, req: http.IncomingMessage, raw: Buffer): Json | undefined {
  const key = header(req, 'api-key');
  const signature = header(req, 'hash-signature');
  if (!key) return fail('Missing API-KEY header.', 'MISSING_REQUIRED_PARAMETER');
  if (!constantEq(key, pn.apiKey)) return fail('Invalid API key provided.', 'INVALID_API_KEY');
  if (!signature) return fail('Missing HASH-SIGNATURE header.', 'MISSING_REQUIRED_PARAMETER');
  const expected = createHmac('sha256', pn.apiSecret).update(raw).digest('hex');
  if (!constantEq(signature, expected)) return fail('Failed to verify provided authentication details.', 'INVALID_TOKEN_OR_SIGNATURE');
  return undefined;
}

/**
 * POST /api/verifyToken (pkg/controllers/auth.go HandleVerifyHeaderToken + HandleVerifyToken):
 * a join token in Authorization, an (empty) protobuf VerifyTokenReq; the answer is a protobuf
 * VerifyTokenRes carrying server_version. Read only: nothing changes.
 */
export async function verifyToken(pn: FakePlugnmeet, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let claims: JwtClaims | undefined;
  try {
    claims = await verifyHs256(header(req, 'authorization'), pn.apiSecret, { issuer: pn.apiKey });
  } catch {
    claims = undefined;
  }
  const room = claims && activeRoom(pn, String(claims.room_id));
  const binary = (status: number, bytes: Uint8Array) => {
    res.writeHead(status, { 'Content-Type': 'application/protobuf', 'Content-Length': bytes.length });
    res.end(bytes);
  };
  if (!claims) return binary(401, verifyTokenResponse({ status: false, msg: 'notifications.invalid-token' }));
  if (!room) return binary(401, verifyTokenResponse({ status: false, msg: 'notifications.room-not-active' }));
  if (room.participants.has(String(claims.user_id))) {
    return binary(200, verifyTokenResponse({ status: false, msg: 'notifications.room-disconnected-duplicate-entry' }));
  }
  binary(200, verifyTokenResponse({ status: true, msg: 'token is valid', serverVersion: FAKE_SERVER_VERSIONS[pn.version], roomId: room.room_id, userId: String(claims.user_id) }));
}
