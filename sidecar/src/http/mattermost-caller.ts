// Who may call the command and action endpoints. Mattermost sends no credentials with a button
// click and a command token that a team admin can read, so the first gate is the caller's
// address (MATTERMOST_SOURCE_ADDRESSES); the command's token is then checked by the domain
// (meetings/command-tokens.ts).
import {BlockList, isIP} from 'node:net';
import type {FastifyReply, FastifyRequest} from 'fastify';
import type {Config} from '../config/config.js';
import {loggedUrl} from './logged-url.js';
import {PROBE_HEADER, PROBE_SEEN_HEADER, PROBE_VERDICT_HEADER} from './probe-headers.js';

/** Headers a proxy adds to say whom it forwards for (Forwarded is RFC 7239). */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/** doctor's probe id (probe-headers.ts). */
const PROBE_ID = /^[A-Za-z0-9_-]{8,64}$/;

export type GateVerdict = 'mattermost' | 'forwarded' | 'address';

type GateConfig = Pick<Config, 'mattermostSourceAddresses' | 'trustProxy'>;

/**
 * Whether a request may pass as Mattermost. `req.ip` is the socket's address, or with TRUST_PROXY
 * the client named by the trusted proxy's X-Forwarded-For. Without TRUST_PROXY, a request that
 * names whom it forwards for came through a proxy: its socket address is the proxy's, which says
 * nothing of the caller (a proxy on Mattermost's host would make everyone look like Mattermost).
 */
export function mattermostGate(config: GateConfig): (req: FastifyRequest) => GateVerdict {
    const allowed = config.mattermostSourceAddresses.length > 0 ? addressMatcher(config.mattermostSourceAddresses) : () => true;
    const trustsProxy = config.trustProxy.length > 0;
    return (req) => {
        if (!trustsProxy && FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined)) {
            return 'forwarded';
        }
        return allowed(req.ip) ? 'mattermost' : 'address';
    };
}

/** Refusals are warnings at most once a minute per cause (a flood must not flood the log); the rest are debug lines. */
const REFUSAL_WARNING_INTERVAL_MS = 60_000;

type Hook = (req: FastifyRequest, reply: FastifyReply, done: () => void) => void;
/** One hook per configuration: the command and action routes share it, and its once-a-minute warnings. */
const hooks = new WeakMap<GateConfig, Hook>();

/** An onRequest hook: requests from anywhere but Mattermost get 403 and nothing is done. */
export function onlyFromMattermost(config: GateConfig): Hook {
    let hook = hooks.get(config);
    if (!hook) {
        hook = gateHook(config, Date.now);
        hooks.set(config, hook);
    }
    return hook;
}

function gateHook(config: GateConfig, now: () => number): Hook {
    const gate = mattermostGate(config);
    const warnedAt: Record<string, number> = {};
    const level = (verdict: GateVerdict): 'warn' | 'debug' => {
        const at = now();
        if (at - (warnedAt[verdict] ?? -Infinity) < REFUSAL_WARNING_INTERVAL_MS) {
            return 'debug';
        }
        warnedAt[verdict] = at;
        return 'warn';
    };
    return (req, reply, done) => {
        const verdict = gate(req);
        const probe = req.headers[PROBE_HEADER];
        if (typeof probe === 'string' && PROBE_ID.test(probe)) {
            void reply.header(PROBE_HEADER, probe).header(PROBE_SEEN_HEADER, req.ip).header(PROBE_VERDICT_HEADER, verdict);
        }
        if (verdict === 'mattermost') {
            done();
            return;
        }
        if (verdict === 'forwarded') {
            req.log[level(verdict)]({ip: req.ip, url: loggedUrl(req.url)}, 'refused a request to /mattermost/ that came through a proxy while TRUST_PROXY is unset: set TRUST_PROXY to the proxy\'s address (docs/security.md)');
        } else {
            req.log[level(verdict)]({ip: req.ip, url: loggedUrl(req.url)}, 'refused a request that did not come from Mattermost (MATTERMOST_SOURCE_ADDRESSES)');
        }
        void reply.code(403).send({error: 'only Mattermost may call this endpoint'});
    };
}

/** Which of these addresses or CIDR ranges `ip` is in; IPv4-mapped IPv6 counts as IPv4. */
export function addressMatcher(list: readonly string[]): (ip: string) => boolean {
    const allowed = new BlockList();
    for (const entry of list) {
        const [address, bits] = entry.split('/');
        const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
        if (bits === undefined) {
            allowed.addAddress(address, family);
        } else {
            allowed.addSubnet(address, Number(bits), family);
        }
    }
    return (ip) => {
        const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
        const family = isIP(plain);
        return family !== 0 && allowed.check(plain, family === 6 ? 'ipv6' : 'ipv4');
    };
}
