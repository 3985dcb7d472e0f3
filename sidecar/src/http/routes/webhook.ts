// POST /plugnmeet/webhook: plugNmeet's room and recording events. HTTP only: the body is hashed
// exactly as received (so this scope reads it itself), the token checked, the event read against
// its schema; applying it is the domain's (meetings/events.ts).
import type {FastifyPluginAsyncTypebox} from '@fastify/type-provider-typebox';
import {eventLabel} from '../../meetings/events.js';
import {readWebhookEvent, verifyWebhook} from '../../plugnmeet/webhook.js';

const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
    const {meetings, metrics, config} = app;
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', {parseAs: 'buffer', bodyLimit: 1024 * 1024}, (_req, body, done) => done(null, body));

    app.post('/plugnmeet/webhook', async (req, reply) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const header = req.headers['hash-token'] ?? req.headers.authorization ?? '';
        const token = Array.isArray(header) ? header[0] : header;
        const check = await verifyWebhook(raw, token, config.plugnmeetApiKey, config.plugnmeetApiSecret);
        if (!check.ok) {
            req.log.warn({reason: check.reason}, 'refused a plugNmeet webhook');
            metrics.webhooks.inc({event: 'unverified', outcome: 'refused'});
            return reply.code(401).send({error: 'invalid webhook signature'});
        }
        let body: unknown;
        try {
            body = JSON.parse(raw.toString('utf8'));
        } catch {
            return reply.code(400).send({error: 'body is not JSON'});
        }
        const event = readWebhookEvent(body);
        const outcome = await meetings.event(event);
        if (outcome === 'ignored') {
            req.log.debug({event: event?.event, roomId: event?.room?.room_id}, 'ignored a webhook: not a room of ours, or an event the card does not show');
        }
        metrics.webhooks.inc({event: eventLabel(event?.event ?? ''), outcome});
        return {status: outcome === 'handled' ? 'ok' : outcome};
    });
};

export default webhookRoutes;
