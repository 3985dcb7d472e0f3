// GET /calendar/<schedule id>.ics: a scheduled meeting's "Add to calendar" file. People's browsers
// fetch it (no Mattermost session, no source-address check): the link's signature and expiry are
// the credential. Anything wrong answers the same 404, so links reveal nothing. Anyone with a
// link can call it, so it has its own low per-address limit (on top of RATE_LIMIT_PER_ADDRESS):
// a calendar client polls a link now and then, a loop is refused before any work is done.
import {createHash} from 'node:crypto';
import type {FastifyPluginAsyncTypebox} from '@fastify/type-provider-typebox';
import {Type} from '@sinclair/typebox';
import {perAddressPerMinute} from '../rate-limit.js';

/** Calendar files one address may fetch a minute (adding a meeting takes one). */
export const CALENDAR_PER_ADDRESS_PER_MINUTE = 30;
/** How long a browser or calendar client may keep a file before asking again (ETag then answers 304). */
const MAX_AGE_SECONDS = 300;

/** `filename="<ASCII>"` for old clients and `filename*` (RFC 6266, RFC 8187) with the topic as written. */
function disposition(filename: string): string {
    const ascii = filename.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
    return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
    app.get('/calendar/:file', {
        preHandler: perAddressPerMinute(CALENDAR_PER_ADDRESS_PER_MINUTE),
        schema: {
            params: Type.Object({file: Type.String({maxLength: 80})}),
            querystring: Type.Object({expires: Type.Optional(Type.String({maxLength: 20})), signature: Type.Optional(Type.String({maxLength: 128}))}),
        },
    }, async (req, reply) => {
        const id = /^([A-Za-z0-9_-]{1,64})\.ics$/.exec(req.params.file)?.[1];
        const file = id ? await app.meetings.schedules.calendar(id, req.query.expires ?? '', req.query.signature ?? '') : undefined;
        if (!file) {
            return reply.code(404).send({error: 'not found'});
        }
        const etag = `"${createHash('sha256').update(file.ics).digest('base64url').slice(0, 27)}"`;
        reply
            .header('etag', etag)
            // The link carries a signature: private, never in a shared cache.
            .header('cache-control', `private, max-age=${MAX_AGE_SECONDS}`);
        // RFC 9110 13.1.2: a list of tags, weak ones compared by their opaque part.
        if ((req.headers['if-none-match'] ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
            return reply.code(304).send();
        }
        return reply
            .header('content-type', 'text/calendar; charset=utf-8')
            .header('content-disposition', disposition(file.filename))
            .send(file.ics);
    });
};

export default calendarRoutes;
