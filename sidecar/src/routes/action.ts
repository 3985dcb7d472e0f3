// POST /mattermost/action: the card's message-attachment buttons (mobile, plugin-less clients, and
// the webapp's refresh and read-only fallbacks). Mattermost sends no credentials to integrations:
// only its addresses may call (see mattermost-caller.ts), and each button's context is signed
// for one action, room, channel and post, until it expires (security.ts).
import type {FastifyInstance} from 'fastify';
import {inert, personalLink} from '../meetings/card.js';
import {UserError} from '../meetings/service.js';
import {tooFast} from '../rate-limit.js';
import {checkContext, isLegacyContext, type ActionName, type ButtonContext} from '../security.js';
import type {Meeting} from '../store/store.js';
import {onlyFromMattermost} from './mattermost-caller.js';

interface ActionBody {
    user_id: string;
    user_name?: string;
    channel_id: string;
    post_id?: string;
    context: ButtonContext;
}

const ACTIONS: ActionName[] = ['join', 'refresh', 'download', 'start'];
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
                action: {type: 'string', enum: ACTIONS},
                room_id: id,
                channel_id: id,
                post_id: {type: 'string', maxLength: 128},
                record_id: id,
                expires_at: {type: 'integer'},
                signature: {type: 'string', maxLength: 128},
            },
        },
    },
} as const;

const querySchema = {type: 'object', properties: {action: {type: 'string', enum: ACTIONS}}} as const;

/** What an out-of-date button says instead, with the command that does the same. */
const OUT_OF_DATE: Record<ActionName, string> = {
    join: 'This card is out of date. Use `/plugnmeet join` in this channel to join its live meeting.',
    refresh: 'This card is out of date. Use `/plugnmeet join` in this channel to join its live meeting.',
    download: 'This card is out of date. Use `/plugnmeet recordings` in this channel for your download links.',
    start: 'This card is out of date. Use `/plugnmeet start` in this channel to start a meeting.',
};

export default async function actionRoutes(app: FastifyInstance) {
    app.addHook('onRequest', onlyFromMattermost(app.config));

    app.post<{Body: ActionBody; Querystring: {action?: ActionName}}>('/mattermost/action', {
        schema: {body: bodySchema, querystring: querySchema},
        bodyLimit: 64 * 1024,
    }, async (req, reply) => {
        const {context, channel_id: channelId, user_id: userId} = req.body;
        const postId = req.body.post_id ?? '';
        const legacy = context.expires_at === undefined && context.post_id === undefined && isLegacyContext(app.config.secret, context);
        const check = legacy ? 'expired' : checkContext(app.config.secret, {...context, post_id: context.post_id ?? ''}, Date.now());
        if (check === 'forged') {
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

        // Ours and signed, but copied: to another channel, post or button, or kept past its time.
        const stored = await app.store.getMeeting(context.room_id);
        const misplaced = check === 'expired' || context.channel_id !== channelId ||
            (req.query.action !== undefined && req.query.action !== context.action) ||
            (stored !== undefined && (context.post_id ? context.post_id !== postId : !(await isOwnPost(stored, context, postId))));
        if (misplaced) {
            app.metrics.actions.inc({action: context.action, outcome: 'out_of_date'});
            return {ephemeral_text: OUT_OF_DATE[context.action]};
        }
        if (!stored || stored.channelId !== channelId) {
            return {ephemeral_text: 'This meeting is no longer known to the plugNmeet service.'};
        }
        const caller = {userId, username: req.body.user_name || userId};
        app.metrics.actions.inc({action: context.action, outcome: 'handled'});

        try {
            switch (context.action) {
            case 'download': {
                const link = await app.meetings.recordingLink(stored, context.record_id ?? '');
                return {ephemeral_text: `Your download link for the recording of **${inert(stored.topic)}**: ${personalLink('Download', link)} (personal, valid for a short time)`};
            }
            case 'refresh': {
                const meeting = await app.meetings.sync(stored).catch(() => stored);
                return {update: app.meetings.card(meeting)};
            }
            case 'start':
                return await startAgain(stored, caller);
            default: {
                const [joinUrl, meeting] = await Promise.all([
                    app.meetings.join(stored, caller),
                    app.meetings.sync(stored).catch(() => stored),
                ]);
                return {
                    ephemeral_text: `Your personal link to **${inert(meeting.topic)}**: ${personalLink('Join the meeting', joinUrl)} (valid for a few minutes; do not share it)`,
                    update: app.meetings.card(meeting),
                };
            }
            }
        } catch (err) {
            if (!(err instanceof UserError)) {
                throw err;
            }
            if (context.action !== 'join') {
                return {ephemeral_text: err.message};
            }
            const latest: Meeting = err.meeting ?? stored;
            return {ephemeral_text: err.message, update: app.meetings.card((await app.store.getMeeting(latest.roomId)) ?? latest)};
        }
    });

    /** The ended card's "Start a new meeting": same channel, same thread (or none), same topic. */
    async function startAgain(ended: Meeting, caller: {userId: string; username: string}) {
        const result = await app.meetings.start({
            ...caller, channelId: ended.channelId, teamId: ended.teamId, rootId: ended.rootId, topic: ended.topic,
        });
        if (!result.started) {
            return {ephemeral_text: `A meeting is already open in this channel: **${inert(result.meeting.topic)}**. Join it from its card.`};
        }
        return {ephemeral_text: `You started **${inert(ended.topic)}** again: ${personalLink('Join the meeting', result.joinUrl)} (your personal link, valid for a few minutes; do not share it)`};
    }

    /** A context made before its post existed names none: the store knows which post it belongs on. */
    async function isOwnPost(m: Meeting, context: ButtonContext, postId: string): Promise<boolean> {
        if (context.action !== 'download') {
            return postId !== '' && postId === m.postId;
        }
        const posted = await app.store.recordingPost(context.record_id ?? '');
        return posted !== undefined && posted.roomId === m.roomId && posted.postId === postId;
    }
}
