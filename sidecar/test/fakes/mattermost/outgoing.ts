// Mattermost's own HTTP client, for the calls it makes TO the sidecar (command URL, action URL).
import http from 'node:http';
import https from 'node:https';

export interface OutgoingResponse { status: number; headers: http.IncomingHttpHeaders; text: string }

/** A POST from Mattermost's HTTP client, bound to `localAddress` (any of 127.0.0.0/8 is loopback on Linux). */
export function outgoing(target: string, headers: Record<string, string>, body: string, localAddress: string, timeoutMs: number): Promise<OutgoingResponse> {
  const u = new URL(target);
  const mod = u.protocol === 'https:' ? https : http;
  const data = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = mod.request(u, {
      // a fresh connection each time (no pool): a sidecar restarted on the same port never meets a stale socket
      method: 'POST', localAddress, timeout: timeoutMs, agent: false,
      headers: { 'User-Agent': 'Go-http-client/1.1', ...headers, 'Content-Length': String(data.length) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(data);
  });
}
