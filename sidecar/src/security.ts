// Secret comparisons, the HMAC that authenticates button contexts, and the caller address check.
import {createHash, createHmac, timingSafeEqual} from 'node:crypto';
import {BlockList, isIP} from 'node:net';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time string equality: hashing first makes lengths equal, so length leaks nothing either. */
export function safeEqual(a: string, b: string): boolean {
    return timingSafeEqual(digest(a), digest(b));
}

/**
 * A constant-time test for membership in `secrets`, hashed once here so each test hashes only the
 * candidate. It compares against every secret, no early exit.
 */
export function secretMatcher(secrets: readonly string[]): (candidate: string) => boolean {
    const hashed = secrets.map(digest);
    return (candidate) => {
        const d = digest(candidate);
        let found = false;
        for (const h of hashed) {
            found = timingSafeEqual(d, h) || found;
        }
        return found;
    };
}

/** True when `candidate` equals one of `secrets`; compares against every one, no early exit. */
export function matchesAny(candidate: string, secrets: readonly string[]): boolean {
    return secretMatcher(secrets)(candidate);
}

export type ActionName = 'join' | 'refresh' | 'download' | 'start';

/**
 * What a button may do, signed: the action, the room, the channel, the post (once the post
 * exists; the card's first render precedes its id), the recording, and until when. Mattermost
 * keeps contexts in its database, exports, backups and edit history, so a copy must not work
 * forever, nor on another post, channel or action.
 */
export interface ButtonContext {
    action: ActionName;
    room_id: string;
    channel_id: string;
    post_id: string;
    record_id?: string;
    expires_at: number; // ms
    signature: string;
}

// Mattermost and room ids are [A-Za-z0-9_-]; anything else could move a boundary inside the
// signed text ("a\nchannel:b" + "c" signs like "a" + "b\nchannel:c").
const ID = /^[A-Za-z0-9_-]{1,128}$/;

function signedText(c: Omit<ButtonContext, 'signature'>): string {
    return `v2\naction:${c.action}\nroom:${c.room_id}\nchannel:${c.channel_id}\npost:${c.post_id}\nrecord:${c.record_id ?? ''}\nexpires:${c.expires_at}`;
}

export function signContext(secret: string, c: Omit<ButtonContext, 'signature'>): ButtonContext {
    return {...c, signature: createHmac('sha256', secret).update(signedText(c)).digest('hex')};
}

export type ContextCheck = 'valid' | 'forged' | 'expired';

/** `forged`: not made with our secret. `expired`: ours, but past its time. */
export function checkContext(secret: string, c: ButtonContext, now: number): ContextCheck {
    const wellFormed = ID.test(c.room_id) && ID.test(c.channel_id) && (c.post_id === '' || ID.test(c.post_id)) &&
        (c.record_id === undefined || ID.test(c.record_id)) && Number.isSafeInteger(c.expires_at);
    const expected = wellFormed ? signContext(secret, c).signature : '';
    // Compared even when malformed, so the answer takes as long either way.
    if (!safeEqual(expected, c.signature) || !wellFormed) {
        return 'forged';
    }
    return c.expires_at > now ? 'valid' : 'expired';
}

/**
 * Contexts of cards posted before contexts expired (version 1: room and channel only). Still told
 * apart from forgeries, so their clicks answer "out of date" rather than an integration error.
 */
export function isLegacyContext(secret: string, c: {room_id: string; channel_id: string; signature: string}): boolean {
    const expected = createHmac('sha256', secret).update(`room:${c.room_id}\nchannel:${c.channel_id}`).digest('hex');
    return safeEqual(expected, c.signature) && ID.test(c.room_id) && ID.test(c.channel_id);
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
