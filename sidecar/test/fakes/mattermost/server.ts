// The fake's HTTP side (web/handlers.go): routing, 404/405, the body size limit, authentication
// by access token (every request acts as the user its token belongs to), X-Version-Id, AppError
// answers, and the faults tests inject.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MmFault, MmUser } from './types.js';
import type { MmState } from './state.js';
import type { Route } from './route.js';
import { AppError, invalidBody, notFound } from './errors.js';
import { newId } from './model.js';
import { isBotUser } from './permissions.js';

const MAX_PAYLOAD = 300_000; // ServiceSettings.MaximumPayloadSizeBytes default
const PING_PATH = '/api/v4/system/ping';

/** Listed so the router knows the path; answered in handle(), unauthenticated. */
export const pingRoutes: Route[] = [
  { method: 'GET', re: /^\/api\/v4\/system\/ping$/, run: () => ({ status: 200, json: {} }) },
];

/** The user the request's token belongs to, if any. */
function authorised(s: MmState, req: http.IncomingMessage): MmUser | undefined {
  const h = req.headers.authorization ?? '';
  const m = /^(bearer|token)\s+(\S+)$/i.exec(h.trim());
  const user = m ? s.users.get(s.tokens.get(m[2]!) ?? '') : undefined;
  // createSessionForUserAccessToken: deactivated users, and non-bots while PATs are off, are refused
  if (!user || user.delete_at || (!s.settings.EnableUserAccessTokens && !isBotUser(s, user))) return undefined;
  return user;
}

async function handle(s: MmState, routes: Route[], req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const [path, search = ''] = (req.url ?? '/').split(/\?(.*)/s) as [string, string?];
  const query = new URLSearchParams(search);
  const method = req.method ?? 'GET';
  // web/handlers.go ServeHTTP sets X-Version-Id on every routed API answer, before auth (so 401s
  // carry it too); the catch-all Handle404 is a plain handler and does not. GETs get Expires: 0.
  if (!path.startsWith('/api/v4/') || !routes.some((r) => r.re.test(path))) throw notFound();
  res.setHeader('X-Version-Id', s.server.versionId);
  if (method === 'GET') res.setHeader('Expires', '0');
  if (method === 'GET' && path === PING_PATH) {
    // api4/system.go getSystemPing (APIHandler: no session needed); Go marshals map keys sorted
    return sendJson(res, 200, {
      ActiveSearchBackend: 'database', AndroidLatestVersion: '', AndroidMinVersion: '', IosLatestVersion: '', IosMinVersion: '', status: 'OK',
    });
  }
  const raw = await readLimited(req, MAX_PAYLOAD);
  if (raw === null) throw new AppError(413, 'api.context.request_body_too_large.app_error', 'The request body is too large.');
  const me = authorised(s, req);
  if (!me) throw new AppError(401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.');

  let body: unknown;
  let badJson = false;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = raw.toString('utf8');
      badJson = true;
    }
  }
  s.requests.push({ method, path, query: search, userId: me.id, body });

  const pathMatches = routes.filter((r) => r.re.test(path));
  const route = pathMatches.find((r) => r.method === method);
  if (!route) {
    if (pathMatches.length > 0) throw new AppError(405, 'api.context.405.app_error', 'Method not allowed.');
    throw notFound();
  }
  if (route.needsBody && (badJson || raw.length === 0)) throw invalidBody('body');
  const out = route.run(path.match(route.re)!, body, { me, query });
  sendJson(res, out.status, out.json);
}

export interface RunningServer { url: string; addFault(f: MmFault): () => void; close(): Promise<void> }

/** Listens on 127.0.0.1 (a free port) and answers `routes`; sets s.url. */
export async function startHttpServer(s: MmState, routes: Route[]): Promise<RunningServer> {
  const faults = new Set<MmFault>();
  /** The first fault that matches this request, used up by one. */
  function faultFor(req: http.IncomingMessage): MmFault | undefined {
    const path = (req.url ?? '/').split('?')[0]!;
    for (const f of faults) {
      if ((f.method && f.method !== req.method) || (f.path && !f.path.test(path))) continue;
      if (f.times !== undefined && --f.times <= 0) faults.delete(f);
      return f;
    }
    return undefined;
  }

  const server = http.createServer(async (req, res) => {
    const f = faultFor(req);
    if (f?.slowMs) await new Promise((r) => setTimeout(r, f.slowMs));
    if (f?.drop) {
      req.socket.destroy();
      return;
    }
    if (f?.status) {
      const e = f.status === 429 ?
        new AppError(429, 'api.context.rate_limit.app_error', 'Too many requests.') :
        new AppError(f.status, 'api.context.500.app_error', 'An internal error occurred.');
      if (f.status === 429) res.setHeader('Retry-After', '1');
      res.setHeader('X-Version-Id', s.server.versionId); // set before the rate limiter runs (web/handlers.go)
      sendJson(res, e.status, e.body());
      return;
    }
    handle(s, routes, req, res).catch((e) => {
      const err = e instanceof AppError ? e : new AppError(500, 'api.context.500.app_error', String(e));
      sendJson(res, err.status, err.body());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: s.url,
    addFault(f) {
      const own = { ...f };
      faults.add(own);
      return () => faults.delete(own);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads the body; null when it exceeds `limit` (MaxBytesReader -> 413). */
function readLimited(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'X-Request-Id': newId() });
  res.end(text);
}
