// GET and POST /guest/<link token>: the public page where someone without a Mattermost account
// joins a live meeting (meetings/guests/). People's browsers call it, from anywhere: no source
// address check, the link is the credential. GET only shows (link previewers and scanners mint
// nothing); POST with the page's signed form token mints and redirects to the meeting. Hardened:
// no-store, no referrer (the link must not leak to the meeting's server), a CSP that allows one
// inline style and forbids framing, and limits per address and per link on top of
// RATE_LIMIT_PER_ADDRESS.
import formbody from '@fastify/formbody';
import type {FastifyPluginAsyncTypebox} from '@fastify/type-provider-typebox';
import {Type} from '@sinclair/typebox';
import type {FastifyReply} from 'fastify';
import {hashLinkToken} from '../../meetings/guests/links.js';
import {pageLocale, renderGuestPage, renderProblemOnly, STYLE_HASH, type PageProblem} from '../guest-page.js';
import {createUserRateLimit} from '../rate-limit.js';
import {parseForm} from './command.js';

/** Page views one address may make a minute: a class behind one school address opening the link and waiting. */
export const GUEST_VIEWS_PER_ADDRESS_PER_MINUTE = 600;
/** Joins (tokens minted) a minute from one address, and for one link: a class of 60 joins at once, twice over. */
export const GUEST_JOINS_PER_ADDRESS_PER_MINUTE = 120;
export const GUEST_JOINS_PER_LINK_PER_MINUTE = 120;

// Any token: one of another length gets the page of a link that never existed, not a schema error.
const Params = Type.Object({token: Type.String()});
const Form = Type.Object({name: Type.Optional(Type.String({maxLength: 1000})), form: Type.Optional(Type.String({maxLength: 200}))});

const guestRoutes: FastifyPluginAsyncTypebox = async (app) => {
    const clock = {now: () => Date.now()};
    const views = createUserRateLimit({max: GUEST_VIEWS_PER_ADDRESS_PER_MINUTE, windowMs: 60_000, ...clock});
    const joinsByAddress = createUserRateLimit({max: GUEST_JOINS_PER_ADDRESS_PER_MINUTE, windowMs: 60_000, ...clock});
    const joinsByLink = createUserRateLimit({max: GUEST_JOINS_PER_LINK_PER_MINUTE, windowMs: 60_000, ...clock});
    // The meeting's server is where the form's redirect goes: the only other place a form may lead.
    const csp = [
        "default-src 'none'", `style-src ${STYLE_HASH}`, "img-src 'none'", "base-uri 'none'",
        `form-action 'self' ${new URL(app.config.plugnmeetUrl).origin}`, "frame-ancestors 'none'",
    ].join('; ');

    app.removeAllContentTypeParsers();
    await app.register(formbody, {bodyLimit: 4096, parser: parseForm});
    app.addHook('onSend', (_req, reply, payload, done) => {
        reply
            .header('cache-control', 'no-store')
            .header('referrer-policy', 'no-referrer')
            .header('content-security-policy', csp)
            .header('x-content-type-options', 'nosniff')
            .header('x-frame-options', 'DENY')
            .header('x-robots-tag', 'noindex, nofollow');
        done(null, payload);
    });

    const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);
    const tooMany = (reply: FastifyReply, wait: number, lang: string | undefined, problem: PageProblem = 'busy') =>
        html(reply.header('retry-after', String(wait)), 429, renderProblemOnly(pageLocale(lang), problem));

    app.get(`/guest/:token`, {schema: {params: Params}}, async (req, reply) => {
        const wait = views.take(req.ip);
        if (wait > 0) {
            return tooMany(reply, wait, req.headers['accept-language']);
        }
        const view = await app.meetings.guests.page(req.params.token);
        return html(reply, view.state === 'invalid' ? 404 : 200, renderGuestPage(pageLocale(req.headers['accept-language']), view));
    });

    app.post(`/guest/:token`, {schema: {params: Params, body: Form}, attachValidation: true}, async (req, reply) => {
        const lang = req.headers['accept-language'];
        const wait = Math.max(views.take(req.ip), joinsByAddress.take(req.ip)) || joinsByLink.take(hashLinkToken(req.params.token));
        if (wait > 0) {
            app.metrics.guestJoins.inc({outcome: 'limited'});
            return tooMany(reply, wait, lang);
        }
        const body = req.validationError ? {} : (req.body ?? {});
        const result = await app.meetings.guests.join(req.params.token, {name: body.name ?? '', form: body.form ?? ''});
        app.metrics.guestJoins.inc({outcome: result.state === 'open' ? (result.problem ?? 'again') : result.state});
        if (result.state === 'joined') {
            return reply.redirect(result.url, 303);
        }
        return html(reply, result.state === 'invalid' ? 404 : 200, renderGuestPage(pageLocale(lang), result, {problem: result.problem, name: body.name?.slice(0, 64)}));
    });
};

export default guestRoutes;
