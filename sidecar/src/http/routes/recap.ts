// GET /recap/<room id>/<artifact id>.vtt: a meeting's whole transcript, where the bot could not
// upload it into the thread. People's browsers fetch it (no Mattermost session, no source-address
// check): the link's signature and expiry are the credential, as for /calendar/. Anything wrong
// answers the same 404, so links reveal nothing. The file is served as a download, never rendered.
// Each fetch asks plugNmeet twice (a download token, then the file), so one address may fetch a
// few a minute, checked before any work, as for /calendar/.
import type {FastifyPluginAsyncTypebox} from '@fastify/type-provider-typebox';
import {Type} from '@sinclair/typebox';
import {perAddressPerMinute} from '../rate-limit.js';

/** Transcript files one address may fetch a minute (reading one takes one). */
export const TRANSCRIPTS_PER_ADDRESS_PER_MINUTE = 20;

const recapRoutes: FastifyPluginAsyncTypebox = async (app) => {
    app.get('/recap/:room/:file', {
        preHandler: perAddressPerMinute(TRANSCRIPTS_PER_ADDRESS_PER_MINUTE),
        schema: {
            params: Type.Object({room: Type.String({maxLength: 64}), file: Type.String({maxLength: 80})}),
            querystring: Type.Object({expires: Type.Optional(Type.String({maxLength: 20})), signature: Type.Optional(Type.String({maxLength: 128}))}),
        },
    }, async (req, reply) => {
        const id = /^([A-Za-z0-9_-]{1,64})\.vtt$/.exec(req.params.file)?.[1];
        const vtt = id ? await app.meetings.recapTranscript(req.params.room, id, req.query.expires ?? '', req.query.signature ?? '') : undefined;
        if (vtt === undefined) {
            return reply.code(404).send({error: 'not found'});
        }
        return reply
            .header('content-type', 'text/vtt; charset=utf-8')
            .header('content-disposition', 'attachment; filename="transcript.vtt"')
            .header('cache-control', 'private, no-store')
            .header('x-content-type-options', 'nosniff')
            .send(vtt);
    });
};

export default recapRoutes;
