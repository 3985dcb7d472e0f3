// The fake plugNmeet's HTTP side: the failure modes tests switch on, /api/verifyToken, the auth
// middleware in front of the whole /auth group, and each /auth request read like
// parseAndValidateRequest (../plugnmeet-rules.ts) before its handler runs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakePlugnmeet } from './types.js';
import { InvalidRequest, parseAndValidate } from '../plugnmeet-rules.js';
import { checkAuth, verifyToken } from './auth.js';
import { ModelError, fail, type Handler } from './responses.js';
import { roomHandlers } from './rooms.js';
import { recordingHandlers } from './recordings.js';
import { artifactHandlers, downloadArtifact, readArtifactRequest, storageObject } from './artifacts.js';

const handlers: Record<string, Handler> = { ...roomHandlers, ...recordingHandlers, ...artifactHandlers };

async function handle(pn: FakePlugnmeet, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  pn.received++;
  const raw = await readRaw(req);
  if (pn.delayMs > 0) await new Promise((r) => setTimeout(r, pn.delayMs));
  if (pn.mode === 'drop') {
    req.socket.destroy();
    return;
  }
  if (pn.mode === 'error500') return sendText(res, 500, 'Internal Server Error');
  if (pn.mode === 'garbage') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<html><body>Welcome to nginx!</body></html>');
    return;
  }

  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/api/verifyToken' && req.method === 'POST') return verifyToken(pn, req, res);
  // router.go: GET|HEAD /download/artifact/:token, outside /auth (the token is the only credential)
  const download = /^\/download\/artifact\/([^/]+)$/.exec(path);
  if (download && req.method === 'GET') return downloadArtifact(pn, decodeURIComponent(download[1]!), res);
  const stored = /^\/storage\/([^/]+)$/.exec(path);
  if (stored && req.method === 'GET') return storageObject(pn, decodeURIComponent(stored[1]!), res);
  // pkg/app/router.go registerBaseRoutes: GET and HEAD "/" render the client's index page.
  if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...pn.proxyHeaders });
    res.end(req.method === 'HEAD' ? undefined : '<!DOCTYPE html><html><head><title>plugNmeet</title></head><body><div id="plugNmeet-app"></div></body></html>');
    return;
  }
  // the auth middleware guards the whole /auth group, so it runs before the router miss
  if (!path.startsWith('/auth/') && path !== '/auth') return sendText(res, 404, `Cannot ${req.method} ${path}`);
  const authErr = checkAuth(pn, req, raw);
  if (authErr) return sendJson(res, 401, authErr);
  const handler = req.method === 'POST' ? handlers[path] : undefined;
  if (!handler) return sendText(res, 404, `Cannot ${req.method} ${path}`);

  const text = raw.toString('utf8');
  try {
    pn.calls.push({ path, body: JSON.parse(text) });
  } catch {
    // not JSON: refused below, and not a call the tests count
  }
  let body: Record<string, any>;
  try {
    body = path.startsWith('/auth/artifact/') ? readArtifactRequest(text) : parseAndValidate(path, text, pn.version) ?? {};
  } catch (e) {
    if (e instanceof InvalidRequest) return sendJson(res, 200, fail(e.message, 'INVALID_PARAMETERS'));
    throw e;
  }
  try {
    sendJson(res, 200, await handler(pn, body));
  } catch (e) {
    if (e instanceof ModelError) return sendJson(res, 200, fail(e.message, e.code));
    throw e;
  }
}

/** Listens on 127.0.0.1 (a free port) for `pn`, whose mode, delay and data it reads on every request. */
export async function startHttpServer(pn: FakePlugnmeet): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    handle(pn, req, res).catch((e) => {
      if (!res.headersSent) sendText(res, 500, String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function readRaw(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
