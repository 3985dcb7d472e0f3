// Secret comparisons and the HMAC that authenticates button contexts.
import {createHash, createHmac, timingSafeEqual} from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time string equality: hashing first makes lengths equal, so length leaks nothing either. */
export function safeEqual(a: string, b: string): boolean {
    return timingSafeEqual(digest(a), digest(b));
}

/** True when `candidate` equals one of `secrets`; compares against every one, no early exit. */
export function matchesAny(candidate: string, secrets: readonly string[]): boolean {
    let found = false;
    for (const s of secrets) {
        found = safeEqual(candidate, s) || found;
    }
    return found;
}

/** Signature over a room and the channel it belongs to, carried in button contexts. */
export function signRoom(secret: string, roomId: string, channelId: string): string {
    return createHmac('sha256', secret).update(`room:${roomId}\nchannel:${channelId}`).digest('hex');
}

export function verifyRoomSignature(secret: string, roomId: string, channelId: string, signature: string): boolean {
    return safeEqual(signRoom(secret, roomId, channelId), signature);
}
