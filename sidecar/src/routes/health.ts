// Liveness, readiness and metrics for load balancers and Prometheus.
import type {FastifyInstance} from 'fastify';

const CHECK_TIMEOUT_MS = 3000;

async function check(run: () => Promise<unknown>): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
        await Promise.race([run(), timeout]);
        return 'ok';
    } catch (err) {
        return `failing: ${(err as Error).message}`;
    } finally {
        clearTimeout(timer);
    }
}

export default async function healthRoutes(app: FastifyInstance) {
    app.get('/healthz', async () => ({status: 'ok'}));

    // Ready only when every dependency answers: the store, Mattermost (with our bot token)
    // and plugNmeet (with our API credentials).
    app.get('/readyz', async (_req, reply) => {
        const [store, mattermost, plugnmeet] = await Promise.all([
            check(() => app.store.liveMeetings()),
            check(() => app.mattermost.whoAmI()),
            check(() => app.plugnmeet.ping()),
        ]);
        const checks = {store, mattermost, plugnmeet};
        const ready = Object.values(checks).every((c) => c === 'ok');
        return reply.code(ready ? 200 : 503).send({status: ready ? 'ready' : 'not ready', checks});
    });

    app.get('/metrics', async (_req, reply) => {
        reply.type(app.metrics.registry.contentType);
        return app.metrics.registry.metrics();
    });
}
