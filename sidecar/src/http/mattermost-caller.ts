// Who may call the command and action endpoints. Mattermost sends no credentials with a button
// click and a command token that a team admin can read, so the first gate is the caller's
// address (MATTERMOST_SOURCE_ADDRESSES); the command's token is then checked by the domain
// (meetings/command-tokens.ts).
import {BlockList, isIP} from 'node:net';
import type {FastifyReply, FastifyRequest} from 'fastify';
import type {Config} from '../config/config.js';

/**
 * An onRequest hook: requests from anywhere but Mattermost get 403 and nothing is done. `req.ip` is
 * the socket's address, or with TRUST_PROXY the client named by the trusted proxy's X-Forwarded-For.
 */
export function onlyFromMattermost(config: Pick<Config, 'mattermostSourceAddresses'>) {
    const allowed = config.mattermostSourceAddresses.length > 0 ? addressMatcher(config.mattermostSourceAddresses) : () => true;
    return (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
        if (allowed(req.ip)) {
            done();
            return;
        }
        req.log.warn({ip: req.ip, url: req.url}, 'refused a request that did not come from Mattermost (MATTERMOST_SOURCE_ADDRESSES)');
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
