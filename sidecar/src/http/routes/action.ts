// POST /mattermost/action: the card's message-attachment buttons (mobile, plugin-less clients, and
// the webapp's refresh and read-only fallbacks). HTTP only: Mattermost sends no credentials to
// integrations, so only its addresses may call (mattermost-caller.ts) and the context's signature
// is checked here (button-context.ts); what the click does is the domain's (meetings/clicks.ts).
import type {FastifyPluginAsyncTypebox} from '@fastify/type-provider-typebox';
import {verifyClickContext} from '../../meetings/cards/button-context.js';
import {onlyFromMattermost} from '../mattermost-caller.js';
import {tooFast} from '../rate-limit.js';
import {ActionBody, ActionQuery} from '../schemas.js';

const actionRoutes: FastifyPluginAsyncTypebox = async (app) => {
    app.addHook('onRequest', onlyFromMattermost(app.config));
    const {meetings, metrics, userRateLimit, config} = app;

    app.post('/mattermost/action', {
        schema: {body: ActionBody, querystring: ActionQuery},
        bodyLimit: 64 * 1024,
    }, async (req, reply) => {
        const {context, channel_id: channelId, user_id: userId} = req.body;
        const check = verifyClickContext(config.secret, context, Date.now());
        if (check === 'forged') {
            req.log.warn({channelId, roomId: context.room_id}, 'refused a button click with a bad signature');
            metrics.actions.inc({action: context.action, outcome: 'forged'});
            return reply.code(403).send({error: 'invalid action context'});
        }
        // After the signature check, so forged clicks cannot use up a real user's budget.
        const wait = userRateLimit.take(userId);
        if (wait > 0) {
            metrics.actions.inc({action: context.action, outcome: 'limited'});
            return {ephemeral_text: tooFast(await meetings.translatorFor(userId, req.body.user_name || userId), wait)};
        }
        let answer;
        try {
            answer = await meetings.click({
                userId, username: req.body.user_name || userId, channelId, postId: req.body.post_id ?? '',
                channelName: req.body.channel_name ?? '', teamId: req.body.team_id ?? '', teamName: req.body.team_domain ?? '',
                context, expired: check === 'expired', urlAction: req.query.action,
            });
        } catch (err) {
            metrics.actions.inc({action: context.action, outcome: 'handled'});
            throw err;
        }
        const {outcome, ...response} = answer;
        if (outcome !== 'unknown') {
            metrics.actions.inc({action: context.action, outcome});
        }
        return response;
    });
};

export default actionRoutes;
