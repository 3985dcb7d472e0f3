// GET /calendar/<schedule id>.ics: a scheduled meeting's "Add to calendar" file. People's browsers
// fetch it (no Mattermost session, no source-address check): the link's signature and expiry are
// the credential. Anything wrong answers the same 404, so links reveal nothing.
import type {FastifyPluginAsyncTypebox} from '@fastify/type-provider-typebox';
import {Type} from '@sinclair/typebox';

const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
    app.get('/calendar/:file', {
        schema: {
            params: Type.Object({file: Type.String({maxLength: 80})}),
            querystring: Type.Object({expires: Type.Optional(Type.String({maxLength: 20})), signature: Type.Optional(Type.String({maxLength: 128}))}),
        },
    }, async (req, reply) => {
        const id = /^([A-Za-z0-9_-]{1,64})\.ics$/.exec(req.params.file)?.[1];
        const ics = id ? await app.meetings.schedules.calendar(id, req.query.expires ?? '', req.query.signature ?? '') : undefined;
        if (!ics) {
            return reply.code(404).send({error: 'not found'});
        }
        return reply
            .header('content-type', 'text/calendar; charset=utf-8')
            .header('content-disposition', 'attachment; filename="meeting.ics"')
            .header('cache-control', 'private, no-store')
            .send(ics);
    });
};

export default calendarRoutes;
