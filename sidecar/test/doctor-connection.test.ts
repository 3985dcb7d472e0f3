// doctor says why a connection failed (refused, DNS, TLS) and how to fix it, against real sockets:
// a closed port, a host in .invalid (RFC 2606: never resolves) and a local HTTPS server whose
// self-signed certificate openssl makes at test time (skipped, saying so, without openssl).
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer, type Server} from 'node:https';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {explainConnectionError} from '../src/admin/connection.js';
import {runDoctor} from '../src/admin/doctor.js';
import {type Harness, useHarness} from './harness.js';
import {freePort} from './process.js';

let h: Harness;
useHarness((started) => (h = started));

async function doctor(env: Record<string, string>) {
    const lines: string[] = [];
    await runDoctor({env: {...h.env, ...env}, out: (l) => lines.push(l), timeoutMs: 3000});
    return lines.join('\n');
}

describe('doctor: why a connection failed', () => {
    test('a closed port: connection refused, for Mattermost, plugNmeet and the public URL', async () => {
        const port = await freePort(); // free, so closed
        const mm = await doctor({MATTERMOST_URL: `http://127.0.0.1:${port}`});
        assert.match(mm, new RegExp(`^FAIL {2}Mattermost does not answer at http://127\\.0\\.0\\.1:${port}: connection refused: nothing listens on 127\\.0\\.0\\.1:${port}\\. Fix: check the port in the URL, that the server runs.*\\(MATTERMOST_URL\\)$`, 'm'));
        const pnm = await doctor({PLUGNMEET_URL: `http://127.0.0.1:${port}`});
        assert.match(pnm, new RegExp(`^FAIL {2}plugNmeet does not answer at http://127\\.0\\.0\\.1:${port}: connection refused: nothing listens on 127\\.0\\.0\\.1:${port}\\. Fix: .*\\(PLUGNMEET_URL\\)$`, 'm'));
        const pub = await doctor({SIDECAR_PUBLIC_URL: `http://127.0.0.1:${port}`});
        assert.match(pub, new RegExp(`^FAIL {2}http://127\\.0\\.0\\.1:${port}/healthz does not answer: connection refused: nothing listens on 127\\.0\\.0\\.1:${port}\\. Fix: .*start the sidecar`, 'm'));
    });

    test('a host that does not resolve: DNS, naming the host', async () => {
        const mm = await doctor({MATTERMOST_URL: 'http://mattermost.invalid'});
        // ENOTFOUND where a resolver answers; EAI_AGAIN on a machine without any DNS server.
        assert.match(mm, /^FAIL {2}Mattermost does not answer at http:\/\/mattermost\.invalid: DNS: (mattermost\.invalid does not resolve \(no such host name\)\. Fix: check the host name in the URL|the lookup of mattermost\.invalid failed for now)/m);
        const pnm = await doctor({PLUGNMEET_URL: 'https://plugnmeet.invalid'});
        assert.match(pnm, /^FAIL {2}plugNmeet does not answer at https:\/\/plugnmeet\.invalid: DNS: /m);
    });

    test('every known code has a plain cause and a fix; TLS trust problems name NODE_EXTRA_CA_CERTS', () => {
        const err = (code: string) => Object.assign(new TypeError('fetch failed'), {cause: Object.assign(new Error('x'), {code})});
        const url = 'https://chat.example.com';
        const cases: Array<[string, RegExp, RegExp]> = [
            ['ECONNREFUSED', /^connection refused: nothing listens on chat\.example\.com:443$/, /port/],
            ['ENOTFOUND', /^DNS: chat\.example\.com does not resolve/, /host name/],
            ['EAI_AGAIN', /^DNS: the lookup of chat\.example\.com failed for now/, /resolv\.conf/],
            ['ETIMEDOUT', /no answer from chat\.example\.com:443 in time/, /firewall/],
            ['UND_ERR_CONNECT_TIMEOUT', /no answer/, /firewall/],
            ['EHOSTUNREACH', /no route to chat\.example\.com/, /network/],
            ['ECONNRESET', /closed the connection/, /proxy/],
            ['ERR_SSL_WRONG_VERSION_NUMBER', /^TLS: the handshake .* plain HTTP/, /http:\/\//],
            ['CERT_HAS_EXPIRED', /^TLS: the certificate of chat\.example\.com has expired$/, /renew/],
            ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /^TLS: .* intermediate certificates/, /full chain.*NODE_EXTRA_CA_CERTS/],
            ['SELF_SIGNED_CERT_IN_CHAIN', /^TLS: .* not trusted here \(signed by a CA this machine does not know\)$/, /NODE_EXTRA_CA_CERTS=\/path\/to\/ca\.pem/],
            ['DEPTH_ZERO_SELF_SIGNED_CERT', /^TLS: .* not trusted here \(self-signed\)$/, /NODE_EXTRA_CA_CERTS/],
            ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', /not trusted here/, /NODE_EXTRA_CA_CERTS/],
            ['ERR_TLS_CERT_ALTNAME_INVALID', /^TLS: the certificate of chat\.example\.com is issued for other names$/, /host name the certificate names/],
        ];
        for (const [code, cause, fix] of cases) {
            const got = explainConnectionError(err(code), url);
            assert.ok(got, code);
            assert.equal(got.code, code);
            assert.match(got.cause, cause, code);
            assert.match(got.fix, fix, code);
        }
        // undici's request() puts the code on the error itself; a timeout is a TimeoutError.
        assert.equal(explainConnectionError(Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'}), url)?.code, 'ECONNREFUSED');
        assert.equal(explainConnectionError(new DOMException('timed out', 'TimeoutError'), url)?.code, 'ETIMEDOUT');
        assert.equal(explainConnectionError(new Error('something else'), url), undefined);
    });
});

let openssl = true;
try {
    execFileSync('openssl', ['version'], {stdio: 'ignore'});
} catch {
    openssl = false;
}

describe('doctor: TLS against a local HTTPS server with a self-signed certificate', {skip: openssl ? false : 'openssl is not installed: the TLS case is not run'}, () => {
    let dir = '';
    let server: Server;
    let port = 0;
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'pnm-tls-'));
        // Self-signed, for 127.0.0.1 only (no name "localhost" in it).
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
            '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], {stdio: 'ignore'});
        server = createServer({key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem'))}, (_req, res) => {
            res.setHeader('content-type', 'application/json');
            res.end('{"status":"ok"}');
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as {port: number}).port;
    });
    after(async () => {
        await new Promise((resolve) => server?.close(resolve));
        rmSync(dir, {recursive: true, force: true});
    });

    /** The real CLI, as an admin runs it, with the environment given (NODE_EXTRA_CA_CERTS is read at start). */
    const cli = (env: Record<string, string>) => new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../src/cli.ts', import.meta.url)), 'doctor'],
            {cwd: dir, env: {PATH: process.env.PATH, ...h.env, ...env}});
        let stdout = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.on('exit', () => resolve(stdout));
    });

    test('an untrusted certificate: FAIL, self-signed, with NODE_EXTRA_CA_CERTS as the fix; with it set, OK', async () => {
        const url = `https://127.0.0.1:${port}`;
        const untrusted = await doctor({SIDECAR_PUBLIC_URL: url});
        assert.match(untrusted, new RegExp(`^FAIL {2}${url.replace(/\./g, '\\.')}/healthz does not answer: TLS: the certificate of 127\\.0\\.0\\.1 is not trusted here \\(self-signed\\)\\. Fix: .*NODE_EXTRA_CA_CERTS=/path/to/ca\\.pem`, 'm'));

        const trusted = await cli({SIDECAR_PUBLIC_URL: url, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem')});
        assert.match(trusted, new RegExp(`^OK {4}${url.replace(/\./g, '\\.')}/healthz answers`, 'm'), trusted);
    });

    test('a trusted certificate for another name: FAIL, issued for other names', async () => {
        const url = `https://localhost:${port}`;
        const out = await cli({SIDECAR_PUBLIC_URL: url, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem')});
        assert.match(out, /^FAIL {2}https:\/\/localhost:\d+\/healthz does not answer: TLS: the certificate of localhost is issued for other names\. Fix: use a host name the certificate names/m, out);
    });
});
