// POST /plugnmeet/webhook: plugNmeet's room and recording events keep the card true.
// The body must be hashed exactly as received, so this scope parses it itself.
import type {FastifyInstance} from 'fastify';
import {verifyWebhook} from '../plugnmeet/webhook.js';
import {toInt} from '../plugnmeet/client.js';

const ENDED = new Set(['room_finished', 'session_ended']);
const PRESENCE = new Set(['room_started', 'participant_joined', 'participant_left']);
const SEEN_LIMIT = 2000;
const KNOWN_EVENTS = new Set([...ENDED, ...PRESENCE, 'recording_proceeded']);

export default async function webhookRoutes(app: FastifyInstance) {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', {parseAs: 'buffer', bodyLimit: 1024 * 1024}, (_req, body, done) => done(null, body));

    // plugNmeet retries deliveries: remember recent event ids so each is handled once.
    const seen = new Set<string>();

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
        if (id && seen.has(id)) {
            count('duplicate');
            return {status: 'duplicate'};
        }
        const meeting = roomId ? await app.store.getMeeting(roomId) : undefined;
        if (!meeting) {
            count('ignored');
            return {status: 'ignored'}; // another integration's room on the same plugNmeet
        }

        if (ENDED.has(name)) {
            const at = toInt(event.created_at) * 1000;
            await app.meetings.markEnded(meeting, at > meeting.startedAt ? at : Date.now());
        } else if (PRESENCE.has(name)) {
            app.cardUpdates.schedule(roomId);
        } else if (name === 'recording_proceeded' && typeof event.recording_info?.record_id === 'string') {
            const at = toInt(event.created_at) * 1000;
            await app.meetings.postRecording(meeting, {
                recordId: event.recording_info.record_id,
                sizeMb: Number(event.recording_info.file_size) || 0,
                createdAt: at || Date.now(),
            });
        }

        if (id) {
            seen.add(id);
            if (seen.size > SEEN_LIMIT) {
                seen.delete(seen.values().next().value!);
            }
        }
        count('handled');
        return {status: 'ok'};
    });
}
