// Liveness, readiness and metrics for load balancers and Prometheus.
import type {FastifyInstance} from 'fastify';
import {cachedReadiness} from '../readiness.js';

export interface HealthOptions {
    /** How long a readiness result is reused (default 5 s). */
    readinessCacheMs?: number;
}

export default async function healthRoutes(app: FastifyInstance, opts: HealthOptions) {
    const readiness = cachedReadiness(async () => {
        const result = await app.meetings.checkDependencies();
        if (!result.ready) {
            app.log.warn({checks: result.checks}, 'not ready');
        }
        return result;
    }, opts.readinessCacheMs ?? 5000);

    app.get('/healthz', async () => ({status: 'ok'}));

    app.get('/readyz', async (_req, reply) => {
        const {ready, checks} = await readiness();
        if (ready) {
            return reply.code(200).send({status: 'ready'});
        }
        // Only the names: the reasons (addresses, connection errors) are for the log, not for whoever asks.
        const failing = Object.entries(checks).filter(([, state]) => state !== 'ok').map(([name]) => name);
        return reply.code(503).send({status: 'not ready', failing});
    });

    app.get('/metrics', async (_req, reply) => {
        reply.type(app.metrics.registry.contentType);
        return app.metrics.registry.metrics();
    });
}
