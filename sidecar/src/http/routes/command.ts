// POST /mattermost/command: the /plugnmeet slash command. HTTP only: the caller's address, the
// form, the token, the per-user limit and metrics; the subcommand itself is the domain's
// (meetings/commands.ts). Always HTTP 200 with JSON, except a wrong or missing token: 401 and nothing done.
import formbody from '@fastify/formbody';
import type {FastifyPluginAsyncTypebox} from '@fastify/type-provider-typebox';
import type {FastifyRequest} from 'fastify';
import {isSubcommand, parseCommandText} from '../../meetings/command-grammar.js';
import {english, UserError} from '../../meetings/domain.js';
import {onlyFromMattermost} from '../mattermost-caller.js';
import {tooFast} from '../rate-limit.js';
import {CommandForm} from '../schemas.js';

// User and channel ids end up in Mattermost API paths (join the channel, look up the user):
// id characters only, so "../users/me" cannot reach another route as the bot.
const MM_ID = /^[A-Za-z0-9_-]{1,64}$/;

type Answer = {response_type: 'ephemeral'; text: string; goto_location?: string; props?: Record<string, unknown>; attachments?: Array<{text: string}>};
const ephemeral = (text: string, extra: Omit<Answer, 'response_type' | 'text'> = {}): Answer => ({response_type: 'ephemeral', text, ...extra});

/**
 * The slash-command form. URLSearchParams never throws: invalid UTF-8 or a stray % become U+FFFD
 * instead of a 500. A repeated field keeps its last value; `__proto__` is just an own key.
 */
export function parseForm(body: string): Record<string, string> {
    return Object.fromEntries(new URLSearchParams(body));
}

/** A form field as a string: '' when missing (a repeated field keeps its last value). */
function field(form: unknown, name: string): string {
    const v = (form as Record<string, unknown> | undefined)?.[name];
    return typeof v === 'string' ? v : '';
}

function presentedToken(req: FastifyRequest): string {
    const fromForm = field(req.body, 'token');
    if (fromForm) {
        return fromForm;
    }
    const header = req.headers.authorization ?? '';
    const m = /^Token\s+(\S+)$/i.exec(header);
    return m ? m[1] : '';
}

const commandRoutes: FastifyPluginAsyncTypebox = async (app) => {
    // Mattermost posts slash commands as a form; nothing else is accepted here.
    app.removeAllContentTypeParsers();
    // Mattermost reads a command answer as JSON only when the Content-Type says exactly that.
    // A callback hook, not an async one: no promise per answer.
    app.addHook('onSend', (_req, reply, payload, done) => {
        if (reply.statusCode === 200) {
            reply.header('content-type', 'application/json');
        }
        done(null, payload);
    });
    await app.register(formbody, {bodyLimit: 512 * 1024, parser: parseForm});
    app.addHook('onRequest', onlyFromMattermost(app.config));
    const {meetings, metrics, userRateLimit} = app;

    app.post('/mattermost/command', {
        schema: {body: CommandForm},
        // Schema errors (e.g. an empty body) are answered by the handler, after the token check.
        attachValidation: true,
    }, async (req, reply) => {
        const form = req.body ?? {};
        // A refusal is logged as a warning naming the team and the fix (meetings/command-tokens.ts).
        if (!(await meetings.isCommandToken(presentedToken(req), field(form, 'team_id'), field(form, 'team_domain')))) {
            return reply.code(401).send({error: 'invalid or missing slash command token'});
        }
        const userId = field(form, 'user_id');
        const channelId = field(form, 'channel_id');
        if (req.validationError || !MM_ID.test(userId) || !MM_ID.test(channelId)) {
            return ephemeral(english('plugnmeet.reply.missing_user')); // no user: no language to answer in
        }

        const {sub, arg} = parseCommandText(field(form, 'text'));
        const subcommand = isSubcommand(sub) ? sub : 'unknown';
        // Counted only once the token is good: a forged user_id cannot use up someone else's budget.
        const wait = userRateLimit.take(userId);
        if (wait > 0) {
            metrics.commands.inc({subcommand, outcome: 'limited'});
            return ephemeral(tooFast(await meetings.translatorFor(userId, field(form, 'user_name') || userId), wait));
        }
        try {
            const {text, ...extra} = await meetings.command(sub, arg, {
                userId, username: field(form, 'user_name') || userId, channelId,
                teamId: field(form, 'team_id'), teamName: field(form, 'team_domain'), channelName: field(form, 'channel_name'), rootId: field(form, 'root_id'),
            });
            metrics.commands.inc({subcommand, outcome: extra.goto_location ? 'opened' : 'answered'});
            return ephemeral(text, extra);
        } catch (err) {
            metrics.commands.inc({subcommand, outcome: err instanceof UserError ? 'refused' : 'failed'});
            if (err instanceof UserError) {
                return ephemeral(err.message);
            }
            req.log.error({err: String(err)}, 'slash command failed');
            const t = await meetings.translatorFor(userId, field(form, 'user_name') || userId);
            return ephemeral(t('plugnmeet.reply.failed'));
        }
    });
};

export default commandRoutes;
