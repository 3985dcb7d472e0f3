// The Fastify app factory: routes and shared services (as decorators). `listen` lives in main.ts.
import Fastify, {type FastifyServerOptions} from 'fastify';
import type {Config} from './config.js';
import type {Mattermost} from './mattermost/adapter.js';
import {createMetrics, type Metrics} from './metrics.js';
import {createCardUpdates, type CardUpdates} from './meetings/card-updates.js';
import {createMeetings, type Meetings} from './meetings/service.js';
import type {PlugnmeetClient} from './plugnmeet/client.js';
import actionRoutes from './routes/action.js';
import commandRoutes from './routes/command.js';
import healthRoutes from './routes/health.js';
import webhookRoutes from './routes/webhook.js';
import type {Store} from './store/store.js';

declare module 'fastify' {
    interface FastifyInstance {
        config: Config;
        store: Store;
        plugnmeet: PlugnmeetClient;
        mattermost: Mattermost;
        meetings: Meetings;
        cardUpdates: CardUpdates;
        metrics: Metrics;
    }
}

export interface AppDeps {
    config: Config;
    store: Store;
    plugnmeet: PlugnmeetClient;
    mattermost: Mattermost;
    now?: () => number;
    /** How long card edits from webhooks are gathered before one edit is made. */
    cardUpdateWindowMs?: number;
}

export async function buildApp(deps: AppDeps, opts: FastifyServerOptions = {}) {
    const app = Fastify({
        // Tokens and secrets travel in bodies and headers; the default serializers log neither.
        logger: {level: deps.config.logLevel},
        ...opts,
    });
    app.decorate('config', deps.config);
    app.decorate('store', deps.store);
    app.decorate('plugnmeet', deps.plugnmeet);
    app.decorate('mattermost', deps.mattermost);
    app.decorate('metrics', createMetrics(deps.store));
    const meetings = createMeetings({...deps, log: app.log});
    app.decorate('meetings', meetings);
    app.decorate('cardUpdates', createCardUpdates(deps.store, meetings, app.log, deps.cardUpdateWindowMs ?? 2000));
    app.addHook('onClose', async () => app.cardUpdates.flushAll());

    // Malformed input is the caller's problem: answer 4xx and never crash.
    app.setErrorHandler((err: {statusCode?: number; message: string}, req, reply) => {
        const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
        if (status === 500) {
            req.log.error({err: String(err)}, 'request failed');
        }
        return reply.code(status).send({error: status === 500 ? 'internal error' : err.message});
    });

    await app.register(healthRoutes);
    await app.register(commandRoutes);
    await app.register(actionRoutes);
    await app.register(webhookRoutes);
    return app;
}
