// doctor's round trips through SIDECAR_PUBLIC_URL (issue 21 finding 4, issue 25 items 2 and 4): a
// proxy in front of the sidecar that hides who calls (as a same-host reverse proxy without
// TRUST_PROXY, or Docker's port forwarding, does) is caught, with what to set; a proxy that does
// not publish /calendar/ (or /guest/) is told apart from the sidecar's own 404. The proxy here listens on
// 127.0.0.2 and forwards from 127.0.0.3, so the sidecar sees another address than doctor's own.
import assert from 'node:assert/strict';
import {createServer, request, type Server} from 'node:http';
import {after, before, describe, test} from 'node:test';
import {runDoctor} from '../src/admin/doctor.js';
import {type Harness, startHarness} from './harness.js';

interface ProxyOptions {
    /** Add X-Forwarded-For with the client's address, as the documented Caddy and nginx set-ups do. */
    forwardedFor: boolean;
    /** Paths the proxy publishes; anything else gets the proxy's own 404 page. */
    publishes?: RegExp;
}

async function startProxy(target: string, o: ProxyOptions): Promise<{url: string; server: Server}> {
    const to = new URL(target);
    const server = createServer((req, res) => {
        if (o.publishes && !o.publishes.test(req.url ?? '')) {
            res.writeHead(404, {'content-type': 'text/html'}).end('<h1>404 Not Found</h1>');
            return;
        }
        const headers = {...req.headers, ...(o.forwardedFor ? {'x-forwarded-for': req.socket.remoteAddress ?? ''} : {})};
        const out = request({host: to.hostname, port: to.port, path: req.url, method: req.method, headers, localAddress: '127.0.0.3'}, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
        });
        out.on('error', () => res.writeHead(502).end());
        req.pipe(out);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    return {url: `http://127.0.0.2:${(server.address() as {port: number}).port}`, server};
}

async function doctorThrough(h: Harness, proxy: ProxyOptions & {env?: Record<string, string>}) {
    const {url, server} = await startProxy(h.url, proxy);
    try {
        const lines: string[] = [];
        await runDoctor({env: {...h.env, SIDECAR_PUBLIC_URL: url, ...proxy.env}, out: (l) => lines.push(l), timeoutMs: 3000});
        return lines;
    } finally {
        await new Promise((resolve) => server.close(resolve));
    }
}

const find = (lines: string[], re: RegExp) => lines.find((l) => re.test(l)) ?? `(no line matches ${re})\n${lines.join('\n')}`;

describe('doctor sends a probe through SIDECAR_PUBLIC_URL', () => {
    let h: Harness;
    before(async () => {
        // Loopback allowed, as `setup` writes it for a Mattermost on this host.
        h = await startHarness({env: {MATTERMOST_SOURCE_ADDRESSES: '127.0.0.0/8,::1'}, logLevel: 'warn'});
    });
    after(() => h.close());

    test('a proxy that hides who calls, with a loopback Mattermost address: FAIL, and what to set', async () => {
        const lines = await doctorThrough(h, {forwardedFor: false});
        assert.match(find(lines, /reached the sidecar as/), /^FAIL {2}a request from this machine \(127\.0\.0\.1\) through http:\/\/127\.0\.0\.2:\d+ reached the sidecar as 127\.0\.0\.3, and MATTERMOST_SOURCE_ADDRESSES lets 127\.0\.0\.3 in: .*anyone who reaches SIDECAR_PUBLIC_URL passes as Mattermost\. Fix: make the proxy set X-Forwarded-For and set TRUST_PROXY=127\.0\.0\.3/);
    });

    test('a proxy that says whom it forwards for while TRUST_PROXY is unset: FAIL (Mattermost is refused too)', async () => {
        const lines = await doctorThrough(h, {forwardedFor: true});
        assert.match(find(lines, /come through a proxy/), /^FAIL {2}requests through http:\/\/127\.0\.0\.2:\d+ come through a proxy .* TRUST_PROXY is unset, so the sidecar refuses them all, Mattermost's too\. Fix: set TRUST_PROXY=127\.0\.0\.3/);
    });

    test('/calendar/ not published (the old Caddy example): FAIL; published: OK', async () => {
        const old = await doctorThrough(h, {forwardedFor: false, publishes: /^\/(mattermost\/(command|action)|plugnmeet\/webhook|healthz|readyz)$/});
        assert.match(find(old, /calendar/), /^FAIL {2}http:\/\/127\.0\.0\.2:\d+\/calendar\/ is not the sidecar's \(HTTP 404 from something else\), so "Add to calendar" links fail for everyone\. Fix: make your reverse proxy forward \/calendar\/ to the sidecar/);
        const published = await doctorThrough(h, {forwardedFor: false, publishes: /^\/(mattermost\/(command|action)|plugnmeet\/webhook|healthz|readyz|calendar\/.*)$/});
        assert.match(find(published, /calendar/), /^OK {4}people's browsers reach the sidecar's calendar links at http:\/\/127\.0\.0\.2:\d+\/calendar\//);
    });

    test('/guest/ not published: FAIL while guest links are on, a note while off; published: OK', async () => {
        const calendarOnly = /^\/(mattermost\/(command|action)|plugnmeet\/webhook|healthz|readyz|calendar\/.*)$/;
        const off = await doctorThrough(h, {forwardedFor: false, publishes: calendarOnly});
        assert.match(find(off, /\/guest\//), /^INFO {2}http:\/\/127\.0\.0\.2:\d+\/guest\/ is not the sidecar's \(HTTP 404 from something else\), so guest links would fail if they were turned on/);
        const on = await doctorThrough(h, {forwardedFor: false, publishes: calendarOnly, env: {MEETINGS_GUEST_LINKS: 'moderators'}});
        assert.match(find(on, /\/guest\//), /^FAIL {2}http:\/\/127\.0\.0\.2:\d+\/guest\/ is not the sidecar's .* fail for everyone \(MEETINGS_GUEST_LINKS=moderators\)\. Fix: make your reverse proxy forward \/guest\/ to the sidecar/);
        const published = await doctorThrough(h, {forwardedFor: false, publishes: /^\/(mattermost\/(command|action)|plugnmeet\/webhook|healthz|readyz|calendar\/.*|guest\/.*)$/, env: {MEETINGS_GUEST_LINKS: 'moderators'}});
        assert.match(find(published, /\/guest\//), /^OK {4}guests' browsers reach the sidecar's guest page at http:\/\/127\.0\.0\.2:\d+\/guest\//);
    });

    test('/meeting-ended (plugNmeet\'s logout_url, issue 26) not published: WARN with the fix; published: OK', async () => {
        const old = await doctorThrough(h, {forwardedFor: false, publishes: /^\/(mattermost\/(command|action)|plugnmeet\/webhook|healthz|readyz|calendar\/.*)$/});
        assert.match(find(old, /meeting-ended/), /^WARN {2}http:\/\/127\.0\.0\.2:\d+\/meeting-ended is not the sidecar's \(HTTP 404 from something else\): .*Fix: make your reverse proxy forward \/meeting-ended to the sidecar/);
        const published = await doctorThrough(h, {forwardedFor: false, publishes: /^\/(mattermost\/(command|action)|plugnmeet\/webhook|healthz|readyz|calendar\/.*|meeting-ended)$/});
        assert.match(find(published, /meeting-ended/), /^OK {4}people's browsers reach the sidecar's end page at http:\/\/127\.0\.0\.2:\d+\/meeting-ended/);
    });
});

describe('Docker behind a host proxy (issue 25, item 4)', () => {
    // In the container every request comes from the Docker network's gateway (played by 127.0.0.3,
    // the forwarder's address). The tempting fix, the gateway in MATTERMOST_SOURCE_ADDRESSES, lets
    // everyone in; doctor catches it whether or not the host's proxy writes X-Forwarded-For.
    test('the gateway as Mattermost\'s address: FAIL, naming TRUST_PROXY', async () => {
        const h = await startHarness({env: {MATTERMOST_SOURCE_ADDRESSES: '127.0.0.3'}, logLevel: 'warn'});
        try {
            assert.match(find(await doctorThrough(h, {forwardedFor: false}), /reached the sidecar as/), /^FAIL {2}.*reached the sidecar as 127\.0\.0\.3, and MATTERMOST_SOURCE_ADDRESSES lets 127\.0\.0\.3 in.*set TRUST_PROXY=127\.0\.0\.3/);
            assert.match(find(await doctorThrough(h, {forwardedFor: true}), /come through a proxy/), /^FAIL {2}.*Fix: set TRUST_PROXY=127\.0\.0\.3/);
        } finally {
            await h.close();
        }
    });
});

describe('doctor\'s probe through a proxy the sidecar trusts', () => {
    test('the sidecar sees doctor itself: OK whether or not this machine may pass as Mattermost', async () => {
        for (const [sources, expected] of [
            ['127.0.0.0/8', /^OK {4}the sidecar sees who calls through http:\/\/127\.0\.0\.2:\d+ \(this machine as 127\.0\.0\.1\); 127\.0\.0\.1 is in MATTERMOST_SOURCE_ADDRESSES, right only if Mattermost runs here$/],
            ['10.0.0.5', /^OK {4}a request through http:\/\/127\.0\.0\.2:\d+ that is not Mattermost's is refused \(the sidecar saw this machine as 127\.0\.0\.1/],
        ] as const) {
            const h = await startHarness({env: {MATTERMOST_SOURCE_ADDRESSES: sources, TRUST_PROXY: '127.0.0.3'}, logLevel: 'warn'});
            try {
                const lines = await doctorThrough(h, {forwardedFor: true});
                assert.match(find(lines, /through http:\/\/127\.0\.0\.2/), expected);
            } finally {
                await h.close();
            }
        }
    });
});
