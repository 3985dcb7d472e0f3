// Why a connection failed, in plain words with the fix: `doctor` and `setup` print this instead of
// "fetch failed". Node's fetch (undici) puts the system or TLS error code in `cause.code`
// (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, ...); undici's own request() puts it on the error.

export interface ConnectionCause {
    /** The error code, e.g. ECONNREFUSED; '' when there was none. */
    code: string;
    /** What happened, e.g. "connection refused: nothing listens on chat.example.com:8065". */
    cause: string;
    /** What to do about it. */
    fix: string;
}

/** The first `code` on the error or its chain of causes (AggregateError: its first error). */
export function errorCode(err: unknown): string {
    let e: unknown = err;
    for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
        const {code, name, errors} = e as {code?: unknown; name?: unknown; errors?: unknown[]};
        if (typeof code === 'string' && code) {
            return code;
        }
        if (name === 'TimeoutError') {
            return 'ETIMEDOUT';
        }
        e = (e as {cause?: unknown}).cause ?? errors?.[0];
    }
    return '';
}

const UNTRUSTED = new Set(['UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_UNTRUSTED']);
const PRIVATE_CA = 'If it comes from a private CA (or is self-signed), start the sidecar and doctor with NODE_EXTRA_CA_CERTS=/path/to/ca.pem ' +
    '(the CA\'s certificate, PEM) in their environment: Node reads it when it starts, so a line in .env works only where .env is also the ' +
    'process environment (the systemd unit\'s EnvironmentFile); with Docker, mount the file and set it under `environment:`.';

/** The plain cause and fix for a failed connection to `url`; undefined when the error says nothing about the connection. */
export function explainConnectionError(err: unknown, url: string): ConnectionCause | undefined {
    let host = url;
    let port = '';
    let https = false;
    try {
        const u = new URL(url);
        host = u.hostname;
        https = u.protocol === 'https:';
        port = u.port || (https ? '443' : '80');
    } catch {
        // not a URL: name it as given
    }
    const code = errorCode(err);
    const at = `${host}:${port}`;
    const plain = (cause: string, fix: string): ConnectionCause => ({code, cause, fix});
    switch (code) {
    case 'ECONNREFUSED':
        return plain(`connection refused: nothing listens on ${at}`,
            'check the port in the URL, that the server runs, and that no firewall rejects this machine.');
    case 'ENOTFOUND':
        return plain(`DNS: ${host} does not resolve (no such host name)`,
            `check the host name in the URL, and that this machine's DNS (or /etc/hosts) knows ${host}.`);
    case 'EAI_AGAIN':
        return plain(`DNS: the lookup of ${host} failed for now (no DNS server answered)`,
            'check this machine\'s DNS servers (/etc/resolv.conf) and network, then try again.');
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
        return plain(`no answer from ${at} in time`,
            'a firewall may drop the packets, or the server is overloaded: check the network path from this machine.');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
        return plain(`no route to ${host}`, 'check this machine\'s network and routes to that address.');
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
        return plain(`${at} closed the connection`,
            https ? 'check that the port speaks HTTPS, and any proxy or firewall in between.' : 'if the port speaks HTTPS, use https:// in the URL; check any proxy or firewall in between.');
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
        return plain(`TLS: the handshake with ${at} failed, probably because that port speaks plain HTTP`,
            'use http:// in the URL, or the port where the server speaks HTTPS.');
    case 'CERT_HAS_EXPIRED':
        return plain(`TLS: the certificate of ${host} has expired`, 'renew the server\'s certificate (and reload the server or proxy that serves it).');
    case 'CERT_NOT_YET_VALID':
        return plain(`TLS: the certificate of ${host} is not valid yet`, 'check the clock of this machine and of the server.');
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
        return plain(`TLS: the certificate of ${host} is issued for other names`,
            'use a host name the certificate names in the URL, or get a certificate that includes this one.');
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
        return plain(`TLS: the certificate of ${host} cannot be verified: the server does not send its intermediate certificates, or they come from a CA this machine does not trust`,
            `serve the full chain (e.g. fullchain.pem, not cert.pem). ${PRIVATE_CA}`);
    default:
        if (!code && innermostMessage(err) === 'bad port') {
            // fetch (undici) refuses the ports browsers block (1, 25, 6000, ...) before connecting.
            return plain(`port ${port} is one that fetch refuses to use (a "bad port" that browsers block too)`, 'run the server on another port.');
        }
        if (UNTRUSTED.has(code)) {
            return plain(`TLS: the certificate of ${host} is not trusted here (${code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? 'self-signed' : 'signed by a CA this machine does not know'})`,
                `use a certificate from a public CA. ${PRIVATE_CA}`);
        }
        if (/CERT|TLS|SSL/.test(code)) {
            return plain(`TLS: ${code}`, `check the certificate of ${host}. ${PRIVATE_CA}`);
        }
        return undefined;
    }
}

/** `explainConnectionError` as one line: "cause. Fix: fix", or the error's own message. */
export function describeConnectionError(err: unknown, url: string): string {
    const known = explainConnectionError(err, url);
    return known ? `${known.cause}. Fix: ${known.fix}` : (err as Error)?.message ?? String(err);
}

/**
 * Clients that hide the network error (Mattermost's Client4 says "Received invalid response from
 * the server.") leave doctor nothing to explain: a plain GET of the URL finds the cause again.
 * Undefined when that GET gets through (the failure was not the connection).
 */
export async function probeConnection(url: string, timeoutMs: number): Promise<ConnectionCause | undefined> {
    try {
        const res = await fetch(url, {signal: AbortSignal.timeout(timeoutMs), redirect: 'manual'});
        await res.body?.cancel();
        return undefined;
    } catch (err) {
        return explainConnectionError(err, url) ?? {code: errorCode(err), cause: innermostMessage(err), fix: 'check the URL, and that this machine can reach it.'};
    }
}

/** The message of the last cause in the chain ("bad port" rather than fetch's "fetch failed"). */
export function innermostMessage(err: unknown): string {
    let e = err as {message?: string; cause?: unknown} | undefined;
    let message = String(e?.message ?? err);
    for (let depth = 0; depth < 5 && e?.cause && typeof e.cause === 'object'; depth++) {
        e = e.cause as {message?: string; cause?: unknown};
        message = e.message ? String(e.message) : message;
    }
    return message;
}
