// Secret comparisons and the HMAC that authenticates button contexts.
import {createHash, createHmac, timingSafeEqual} from 'node:crypto';

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

/** Signature over a room and the channel it belongs to, carried in button contexts. */
export function signRoom(secret: string, roomId: string, channelId: string): string {
    return createHmac('sha256', secret).update(`room:${roomId}\nchannel:${channelId}`).digest('hex');
}

// Mattermost and room ids are [A-Za-z0-9_-]; anything else could move the room/channel boundary
// inside the signed text ("a\nchannel:b" + "c" signs like "a" + "b\nchannel:c").
const ID = /^[A-Za-z0-9_-]{1,128}$/;

export function verifyRoomSignature(secret: string, roomId: string, channelId: string, signature: string): boolean {
    const expected = signRoom(secret, roomId, channelId);
    return safeEqual(expected, signature) && ID.test(roomId) && ID.test(channelId);
}
