// Which addresses Mattermost refuses to call without AllowedUntrustedInternalConnections, and
// whether the sidecar's public URL is one of them: shared by setup (what to allow) and doctor.
import {lookup} from 'node:dns/promises';
import {BlockList, isIP} from 'node:net';
import {networkInterfaces} from 'node:os';

type AddressKind = {kind: 'public'} | {kind: 'unresolved'; host: string} | {kind: 'private'; host: string; address: string};

/**
 * The ranges Mattermost refuses to call unless listed in AllowedUntrustedInternalConnections:
 * reservedIPRanges in server/platform/services/httpservice/client.go (ten ranges at
 * mattermost/mattermost 196d42dc), plus 100.64.0.0/10 (shared address space) and 198.18.0.0/15
 * (benchmarking), which newer sources list too. A warning where a server would not need the
 * setting costs one line in it; a missing warning costs a start that cannot reach the sidecar.
 */
export const MATTERMOST_RESERVED_RANGES = [
    '0.0.0.0/8', // This host on this network
    '10.0.0.0/8', // Private-Use (RFC 1918)
    '127.0.0.0/8', // Loopback
    '169.254.0.0/16', // Link Local
    '172.16.0.0/12', // Private-Use (RFC 1918)
    '192.168.0.0/16', // Private-Use (RFC 1918)
    '::/128', // Unspecified Address
    '::1/128', // Loopback Address
    'fc00::/7', // Unique-Local
    'fe80::/10', // Linked-Scoped Unicast
    '100.64.0.0/10', // Shared Address Space (RFC 6598)
    '198.18.0.0/15', // Benchmarking (RFC 2544)
] as const;

const RESERVED = new BlockList();
for (const range of MATTERMOST_RESERVED_RANGES) {
    const [net, bits] = range.split('/');
    RESERVED.addSubnet(net, Number(bits), isIP(net) === 6 ? 'ipv6' : 'ipv4');
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** httpservice IsReservedIP (an IPv4-mapped IPv6 address counts as its IPv4 address, as net.IP.Contains does). */
export function isReservedAddress(address: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    return mapped ? RESERVED.check(mapped, 'ipv4') : RESERVED.check(address, family(address));
}

/** This machine's addresses: httpservice IsOwnIP refuses them too, when Mattermost runs here. */
export function ownAddresses(): string[] {
    return Object.values(networkInterfaces()).flat().map((a) => a!.address.replace(/%.*$/, ''));
}

/** Whether MATTERMOST_URL names this machine (then its own addresses count as private for Mattermost). */
export async function mattermostIsHere(mattermostUrl: string): Promise<boolean> {
    const host = new URL(mattermostUrl).hostname.replace(/^\[|\]$/g, '');
    try {
        const addresses = isIP(host) ? [host] : (await lookup(host, {all: true})).map((a) => a.address);
        const own = new Set(ownAddresses());
        return addresses.some((a) => own.has(a) || /^127\./.test(a) || a === '::1');
    } catch {
        return false;
    }
}

/** Whether Mattermost would refuse to call publicUrl: a reserved address, or one of `own` (its host's addresses). */
export async function privateAddress(publicUrl: string, own: string[] = []): Promise<AddressKind> {
    const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    try {
        addresses = isIP(host) ? [host] : (await lookup(host, {all: true})).map((a) => a.address);
    } catch {
        return {kind: 'unresolved', host};
    }
    const address = addresses.find((a) => isReservedAddress(a) || own.includes(a));
    return address ? {kind: 'private', host, address} : {kind: 'public'};
}

/**
 * As Mattermost checks it: the host name itself, or a CIDR range holding the address. Entries are
 * separated by whitespace only (strings.Fields in httpservice), so "a,b" is one entry that matches nothing.
 */
export function allowsInternal(setting: string, host: string, address: string): boolean {
    return setting.split(/\s+/).filter(Boolean).some((entry) => {
        if (entry === host) {
            return true;
        }
        const [net, bits] = entry.split('/');
        if (bits === undefined || !isIP(net) || family(net) !== family(address)) {
            return false;
        }
        const list = new BlockList();
        try {
            list.addSubnet(net, Number(bits), family(net));
        } catch {
            return false;
        }
        return list.check(address, family(address));
    });
}
