// POST /mattermost/action: the card's message-attachment buttons (mobile and plugin-less clients).
// Mattermost sends no credentials to external integrations, so the context carries an HMAC
// over the room and its channel, made with SIDECAR_SECRET and checked in constant time.
import type {FastifyInstance} from 'fastify';
import {inert} from '../meetings/card.js';
import {tooFast} from '../rate-limit.js';
import {verifyRoomSignature} from '../security.js';
import {UserError} from '../meetings/service.js';
import type {Meeting} from '../store/store.js';

interface ActionBody {
    user_id: string;
    user_name?: string;
    channel_id: string;
    post_id?: string;
    context: {action: 'join' | 'refresh' | 'download'; room_id: string; channel_id: string; record_id?: string; signature: string};
}

const id = {type: 'string', minLength: 1, maxLength: 128};

const bodySchema = {
    type: 'object',
    required: ['user_id', 'channel_id', 'context'],
    properties: {
        user_id: id,
        user_name: {type: 'string', maxLength: 128},
        channel_id: id,
        post_id: {type: 'string', maxLength: 128},
        context: {
            type: 'object',
            required: ['action', 'room_id', 'channel_id', 'signature'],
            properties: {
                action: {type: 'string', enum: ['join', 'refresh', 'download']},
                room_id: id,
                channel_id: id,
                record_id: id,
                signature: {type: 'string', maxLength: 128},
            },
        },
    },
} as const;

export default async function actionRoutes(app: FastifyInstance) {
    app.post<{Body: ActionBody}>('/mattermost/action', {schema: {body: bodySchema}, bodyLimit: 64 * 1024}, async (req, reply) => {
        const {context, channel_id: channelId, user_id: userId} = req.body;
        // The click's channel comes from Mattermost (the post's channel); the signature binds the room to it.
        const authentic = context.channel_id === channelId &&
            verifyRoomSignature(app.config.secret, context.room_id, context.channel_id, context.signature);
        if (!authentic) {
            req.log.warn({channelId, roomId: context.room_id}, 'refused a button click with a bad signature');
            app.metrics.actions.inc({action: context.action, outcome: 'forged'});
            return reply.code(403).send({error: 'invalid action context'});
        }
        // After the signature check, so forged clicks cannot use up a real user's budget.
        const wait = app.userRateLimit.take(userId);
        if (wait > 0) {
            app.metrics.actions.inc({action: context.action, outcome: 'limited'});
            return {ephemeral_text: tooFast(wait)};
        }

        const stored = await app.store.getMeeting(context.room_id);
        if (!stored || stored.channelId !== channelId) {
            return {ephemeral_text: 'This meeting is no longer known to the plugNmeet service.'};
        }
        const caller = {userId, username: req.body.user_name || userId};
        app.metrics.actions.inc({action: context.action, outcome: 'handled'});

        if (context.action === 'download') {
            try {
                const link = await app.meetings.recordingLink(stored, context.record_id ?? '');
                return {ephemeral_text: `Your personal download link for the recording of **${inert(stored.topic)}** (valid for a short time): ${link}`};
            } catch (err) {
                if (err instanceof UserError) {
                    return {ephemeral_text: err.message};
                }
                throw err;
            }
        }

        if (context.action === 'refresh') {
            const meeting = await app.meetings.sync(stored).catch(() => stored);
            return {update: app.meetings.card(meeting)};
        }

        try {
            const [joinUrl, meeting] = await Promise.all([
                app.meetings.join(stored, caller),
                app.meetings.sync(stored).catch(() => stored),
            ]);
            return {
                ephemeral_text: `Your personal link to **${inert(meeting.topic)}** (valid for a few minutes, do not share it): ${joinUrl}`,
                update: app.meetings.card(meeting),
            };
        } catch (err) {
            if (err instanceof UserError) {
                const latest: Meeting = err.meeting ?? stored;
                return {ephemeral_text: err.message, update: app.meetings.card((await app.store.getMeeting(latest.roomId)) ?? latest)};
            }
            throw err;
        }
    });
}
