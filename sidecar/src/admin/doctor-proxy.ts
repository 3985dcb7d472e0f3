// doctor's round trips through SIDECAR_PUBLIC_URL, as the Internet and people's browsers take it:
// whether the sidecar would take a request that is not Mattermost's for Mattermost (a reverse proxy
// or Docker's port forwarding that hides who calls), and whether /calendar/ is published.
import {randomBytes} from 'node:crypto';
import {request as httpRequest, type IncomingHttpHeaders} from 'node:http';
import {request as httpsRequest} from 'node:https';
import type {Config} from '../config/config.js';
import {isReservedAddress} from './addresses.js';
import {PROBE_HEADER, PROBE_SEEN_HEADER, PROBE_VERDICT_HEADER, SIDECAR_HEADER} from '../http/probe-headers.js';
import type {Verdict} from './doctor.js';

type Report = (verdict: Verdict, line: string) => void;

interface Answer {
    status: number;
    headers: IncomingHttpHeaders;
    /** The address this request left from, as this machine sees it. */
    localAddress: string;
}

/** One request, no redirects followed; the body is read and dropped. */
function send(url: string, method: 'GET' | 'POST', headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
        const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, {method, headers, timeout: timeoutMs}, (res) => {
            const localAddress = res.socket?.localAddress ?? ''; // gone once the socket is released
            res.resume();
            res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, localAddress}));
            res.on('error', reject);
        });
        request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        request.on('error', reject);
        request.end(method === 'POST' ? '{}' : undefined);
    });
}

const plain = (ip: string) => ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
const header = (a: Answer, name: string) => String(a.headers[name] ?? '');

/**
 * A request that is not Mattermost's, sent where the Internet sends it: an empty button click to
 * `/mattermost/action` (refused by its schema even when let in, so nothing is done), with a probe id
 * the sidecar's gate answers with what it saw (http/mattermost-caller.ts).
 */
export async function probeMattermostGate({config, report, timeoutMs}: {config: Config; report: Report; timeoutMs: number}): Promise<void> {
    const url = `${config.publicUrl}/mattermost/action`;
    const id = randomBytes(12).toString('hex');
    let answer: Answer;
    try {
        answer = await send(url, 'POST', {'content-type': 'application/json', [PROBE_HEADER]: id}, timeoutMs);
    } catch {
        return; // the public URL check says why it cannot be reached
    }
    if (header(answer, PROBE_HEADER) !== id) {
        report('FAIL', `${url} answered HTTP ${answer.status}, but not from the sidecar, so Mattermost's button clicks (mobile) cannot reach it. ` +
            'Fix: make your reverse proxy forward /mattermost/command and /mattermost/action to the sidecar (docs/operations.md, "Reverse proxy with TLS").');
        return;
    }
    const seen = plain(header(answer, PROBE_SEEN_HEADER));
    const local = plain(answer.localAddress);
    const verdict = header(answer, PROBE_VERDICT_HEADER);
    if (verdict === 'forwarded') {
        report('FAIL', `requests through ${config.publicUrl} come through a proxy (it says whom it forwards for) while TRUST_PROXY is unset, ` +
            `so the sidecar refuses them all, Mattermost's too. Fix: set TRUST_PROXY=${seen} (the proxy's address as the sidecar sees it) and run doctor again.`);
    } else if (seen !== local && verdict === 'mattermost' && !isReservedAddress(seen)) {
        report('WARN', `a request from this machine (${local}) through ${config.publicUrl} reached the sidecar as ${seen} (a NAT or load balancer address, it seems), ` +
            `and MATTERMOST_SOURCE_ADDRESSES lets ${seen} in: every machine behind that address passes as Mattermost. If that is not only Mattermost, narrow MATTERMOST_SOURCE_ADDRESSES.`);
    } else if (seen !== local && verdict === 'mattermost') {
        report('FAIL', `a request from this machine (${local}) through ${config.publicUrl} reached the sidecar as ${seen}, and MATTERMOST_SOURCE_ADDRESSES lets ${seen} in: ` +
            'something in between (a reverse proxy without X-Forwarded-For, Docker\'s port forwarding) hides who calls, so anyone who reaches SIDECAR_PUBLIC_URL passes as Mattermost. ' +
            `Fix: make the proxy set X-Forwarded-For and set TRUST_PROXY=${seen}; then MATTERMOST_SOURCE_ADDRESSES must hold the address the proxy names for Mattermost (docs/security.md, "Behind a reverse proxy").`);
    } else if (verdict === 'mattermost') {
        report('OK', `the sidecar sees who calls through ${config.publicUrl} (this machine as ${seen}); ${seen} is in MATTERMOST_SOURCE_ADDRESSES, right only if Mattermost runs here`);
    } else if (seen === local) {
        report('OK', `a request through ${config.publicUrl} that is not Mattermost's is refused (the sidecar saw this machine as ${seen}, not in MATTERMOST_SOURCE_ADDRESSES)`);
    } else {
        report('WARN', `a request from this machine (${local}) through ${config.publicUrl} reached the sidecar as ${seen} and was refused as not Mattermost's (right), ` +
            `but Mattermost's own calls through that URL will arrive as ${seen} as well and be refused. If /plugnmeet answers "only Mattermost may call", make the proxy set X-Forwarded-For and set TRUST_PROXY=${seen}.`);
    }
}

/**
 * A public page fetched through SIDECAR_PUBLIC_URL as a browser would: its status, and which page of
 * the sidecar's answered (SIDECAR_HEADER; '' when a proxy answered instead); undefined when unreachable.
 */
async function publicPage(url: string, timeoutMs: number): Promise<{status: number; page: string} | undefined> {
    try {
        const answer = await send(url, 'GET', {}, timeoutMs);
        return {status: answer.status, page: header(answer, SIDECAR_HEADER)};
    } catch {
        return undefined;
    }
}

/**
 * Guests' browsers open guest links at SIDECAR_PUBLIC_URL/guest/, from anywhere. An unknown link
 * gets the sidecar's 404 page with SIDECAR_HEADER; a proxy's own 404 does not. Not published is a
 * failure only while the environment turns guest links on (an admin may still turn them on at
 * runtime: the line says so).
 */
export async function probeGuestPage({config, report, timeoutMs}: {config: Config; report: Report; timeoutMs: number}): Promise<void> {
    const answer = await publicPage(`${config.publicUrl}/guest/${randomBytes(16).toString('base64url')}`, timeoutMs);
    if (!answer) {
        return; // the public URL check says why it cannot be reached
    }
    if (answer.status === 404 && answer.page === 'guest') {
        report('OK', `guests' browsers reach the sidecar's guest page at ${config.publicUrl}/guest/ (an unknown link got the sidecar's 404)`);
        return;
    }
    const on = config.policy.guestLinks !== 'off';
    report(on ? 'FAIL' : 'INFO', `${config.publicUrl}/guest/ is not the sidecar's (HTTP ${answer.status} from something else), so guest links ` +
        `${on ? `fail for everyone (MEETINGS_GUEST_LINKS=${config.policy.guestLinks})` : 'would fail if they were turned on (MEETINGS_GUEST_LINKS)'}. ` +
        'Fix: make your reverse proxy forward /guest/ to the sidecar (docs/operations.md, "Reverse proxy with TLS").');
}

/**
 * People's browsers fetch calendar links at SIDECAR_PUBLIC_URL/calendar/. A link that names no
 * schedule gets the sidecar's 404, which carries SIDECAR_HEADER; a proxy's own 404 does not.
 */
export async function probeCalendar({config, report, timeoutMs}: {config: Config; report: Report; timeoutMs: number}): Promise<void> {
    const answer = await publicPage(`${config.publicUrl}/calendar/${randomBytes(16).toString('hex')}.ics`, timeoutMs);
    if (!answer) {
        return; // the public URL check says why it cannot be reached
    }
    if (answer.status === 404 && answer.page === 'calendar') {
        report('OK', `people's browsers reach the sidecar's calendar links at ${config.publicUrl}/calendar/ (an unknown link got the sidecar's 404)`);
    } else {
        report('FAIL', `${config.publicUrl}/calendar/ is not the sidecar's (HTTP ${answer.status} from something else), so "Add to calendar" links fail for everyone. ` +
            'Fix: make your reverse proxy forward /calendar/ to the sidecar (docs/operations.md, "Reverse proxy with TLS").');
    }
}

/**
 * plugNmeet sends everyone to SIDECAR_PUBLIC_URL/meeting-ended when a meeting ends (its logout_url):
 * the sidecar's page carries SIDECAR_HEADER; a proxy that does not publish it answers its own page.
 */
export async function probeEndPage({config, report, timeoutMs}: {config: Config; report: Report; timeoutMs: number}): Promise<void> {
    const url = `${config.publicUrl}/meeting-ended`;
    const answer = await publicPage(url, timeoutMs);
    if (!answer) {
        return; // the public URL check says why it cannot be reached
    }
    if (answer.status === 200 && answer.page === 'meeting-ended') {
        report('OK', `people's browsers reach the sidecar's end page at ${url} (plugNmeet's logout_url)`);
    } else {
        report('WARN', `${url} is not the sidecar's (HTTP ${answer.status} from something else): when a meeting ends, plugNmeet sends everyone there, ` +
            'so they see that page instead, and a meeting window inside Mattermost does not close by itself. ' +
            'Fix: make your reverse proxy forward /meeting-ended to the sidecar (docs/operations.md, "Reverse proxy with TLS").');
    }
}
