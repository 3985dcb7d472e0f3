// Liveness, readiness and metrics for load balancers and Prometheus.
import type {FastifyInstance} from 'fastify';
import {checkDependencies} from '../readiness.js';

export default async function healthRoutes(app: FastifyInstance) {
    app.get('/healthz', async () => ({status: 'ok'}));

    app.get('/readyz', async (_req, reply) => {
        const {ready, checks} = await checkDependencies(app);
        return reply.code(ready ? 200 : 503).send({status: ready ? 'ready' : 'not ready', checks});
    });

    app.get('/metrics', async (_req, reply) => {
        reply.type(app.metrics.registry.contentType);
        return app.metrics.registry.metrics();
    });
}
