// POST /plugnmeet/webhook: plugNmeet's room and recording events keep the card true.
// The body must be hashed exactly as received, so this scope parses it itself.
import type {FastifyInstance} from 'fastify';
import {verifyWebhook} from '../plugnmeet/webhook.js';
import {toInt} from '../plugnmeet/client.js';
import type {Meeting} from '../store/store.js';

const ENDED = new Set(['room_finished', 'session_ended']);
const PRESENCE = new Set(['room_started', 'participant_joined', 'participant_left']);
const KNOWN_EVENTS = new Set([...ENDED, ...PRESENCE, 'recording_proceeded']);

export default async function webhookRoutes(app: FastifyInstance) {
    async function handle(name: string, event: any, meeting: Meeting): Promise<void> {
        const at = toInt(event.created_at) * 1000;
        if (ENDED.has(name)) {
            await app.meetings.markEnded(meeting, at > meeting.startedAt ? at : Date.now());
        } else if (PRESENCE.has(name)) {
            // Events of a room arrive in order, each with the room's count; protojson omits a zero.
            await app.meetings.setParticipants(meeting.roomId, Math.max(0, Math.trunc(toInt(event.room?.num_participants))));
        } else if (name === 'recording_proceeded' && typeof event.recording_info?.record_id === 'string') {
            await app.meetings.postRecording(meeting, {
                recordId: event.recording_info.record_id,
                sizeMb: Number(event.recording_info.file_size) || 0,
                createdAt: at || Date.now(),
            });
        }
    }

    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', {parseAs: 'buffer', bodyLimit: 1024 * 1024}, (_req, body, done) => done(null, body));

    app.post('/plugnmeet/webhook', async (req, reply) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const header = req.headers['hash-token'] ?? req.headers.authorization ?? '';
        const token = Array.isArray(header) ? header[0] : header;
        const check = verifyWebhook(raw, token, app.config.plugnmeetApiKey, app.config.plugnmeetApiSecret);
        if (!check.ok) {
            req.log.warn({reason: check.reason}, 'refused a plugNmeet webhook');
            app.metrics.webhooks.inc({event: 'unverified', outcome: 'refused'});
            return reply.code(401).send({error: 'invalid webhook signature'});
        }

        let event: any;
        try {
            event = JSON.parse(raw.toString('utf8'));
        } catch {
            return reply.code(400).send({error: 'body is not JSON'});
        }
        const name = typeof event?.event === 'string' ? event.event : '';
        const roomId = typeof event?.room?.room_id === 'string' ? event.room.room_id : '';
        const id = typeof event?.id === 'string' ? event.id : '';
        const count = (outcome: string) => app.metrics.webhooks.inc({event: KNOWN_EVENTS.has(name) ? name : 'other', outcome});
        const meeting = roomId ? await app.store.getMeeting(roomId) : undefined;
        if (!meeting || !KNOWN_EVENTS.has(name)) {
            req.log.debug({event: name, roomId}, 'ignored a webhook: not a room of ours, or an event the card does not show');
            count('ignored');
            return {status: 'ignored'}; // e.g. another integration's room on the same plugNmeet
        }
        // plugNmeet retries a delivery it thinks failed: the store remembers event ids for every replica.
        if (id && !(await app.store.claimEvent(id, Date.now()))) {
            count('duplicate');
            return {status: 'duplicate'};
        }

        try {
            await handle(name, event, meeting);
        } catch (err) {
            if (id) {
                await app.store.releaseEvent(id).catch(() => undefined); // so plugNmeet's retry is applied
            }
            throw err;
        }
        count('handled');
        return {status: 'ok'};
    });
}
