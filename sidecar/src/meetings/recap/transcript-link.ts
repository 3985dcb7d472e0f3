// The whole transcript where the bot may not upload it (private channels, DMs, group messages): a
// signed, expiring link to the sidecar (like the calendar links), which fetches the file from plugNmeet
// when the link is opened. The signature binds the room and the artifact: nothing else can be asked for.
import {createHmac} from 'node:crypto';
import {safeEqual} from '../secrets.js';

/** How long a transcript link works. */
export const TRANSCRIPT_LINK_DAYS = 7;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const sign = (secret: string, roomId: string, artifactId: string, expires: number) =>
    createHmac('sha256', secret).update(`v1\ntranscript:${roomId}:${artifactId}\nexpires:${expires}`).digest('hex');

/** `<public url>/recap/<room id>/<artifact id>.vtt?expires=<ms>&signature=<hmac>` */
export function transcriptUrl(publicUrl: string, secret: string, roomId: string, artifactId: string, now: number): string {
    const expires = now + (TRANSCRIPT_LINK_DAYS * 24 * 3600_000);
    return `${publicUrl}/recap/${roomId}/${artifactId}.vtt?expires=${expires}&signature=${sign(secret, roomId, artifactId, expires)}`;
}

/** Whether a link is ours and unexpired. */
export function checkTranscriptLink(secret: string, roomId: string, artifactId: string, expires: string, signature: string, now: number): boolean {
    const at = /^\d{1,16}$/.test(expires) ? Number(expires) : NaN;
    const expected = ID.test(roomId) && ID.test(artifactId) && Number.isSafeInteger(at) ? sign(secret, roomId, artifactId, at) : '';
    return safeEqual(expected, signature) && expected !== '' && at > now;
}
