// The Fastify app factory: routes and shared services (as decorators). `listen` lives in main.ts.
import rateLimit from '@fastify/rate-limit';
import Fastify, {type FastifyServerOptions} from 'fastify';
import type {Config} from './config.js';
import type {Mattermost} from './mattermost/adapter.js';
import {createMetrics, instrument, type Metrics} from './metrics.js';
import {createCardUpdates, type CardUpdates} from './meetings/card-updates.js';
import {createMeetings, type Meetings} from './meetings/service.js';
import type {PlugnmeetClient} from './plugnmeet/client.js';
import {createUserRateLimit, type UserRateLimit} from './rate-limit.js';
import {dropSlowBodies} from './slow-clients.js';
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
        userRateLimit: UserRateLimit;
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
    /** How often the card-edit queue is swept for edits left by restarts, back-offs or other replicas. */
    cardSweepMs?: number;
    /** How long a /readyz result is reused (default 5 s). */
    readinessCacheMs?: number;
}

export async function buildApp(deps: AppDeps, opts: FastifyServerOptions = {}) {
    const app = Fastify({
        // Tokens and secrets travel in bodies and headers; the default serializers log neither.
        logger: {level: deps.config.logLevel},
        // Slow-loris: a request must arrive whole within 30 s (Mattermost gives up after 30 s anyway).
        requestTimeout: 30_000,
        trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
        // One line per request (below) instead of Fastify's two: a join is cheaper, the log shorter.
        disableRequestLogging: true,
        ...opts,
    });
    app.addHook('onResponse', (req, reply, done) => {
        req.log.info({method: req.method, url: req.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime)}, 'request');
        done();
    });
    app.decorate('config', deps.config);
    app.decorate('store', deps.store);
    const metrics = createMetrics(deps.store);
    // Every plugNmeet and Mattermost call is timed: the services below get the timed clients.
    const plugnmeet = instrument(deps.plugnmeet, metrics.plugnmeetCalls);
    const mattermost = instrument(deps.mattermost, metrics.mattermostCalls);
    app.decorate('plugnmeet', plugnmeet);
    app.decorate('mattermost', mattermost);
    app.decorate('metrics', metrics);
    // Participant counts reach a card at most once per 10 s (each edit is a row in Mattermost's database); the end at once.
    const cardWindowMs = deps.cardUpdateWindowMs ?? 10_000;
    const cardUpdates = createCardUpdates({
        store: deps.store, mattermost, log: app.log, windowMs: cardWindowMs, sweepMs: deps.cardSweepMs, now: deps.now,
        render: (m) => meetings.card(m),
        syncLive: (m) => meetings.sync(m),
        onEdit: (outcome) => metrics.cardEdits.inc({outcome}),
        onCardFinal: (edits) => metrics.cardEditsPerMeeting.observe(edits),
    });
    const meetings = createMeetings({...deps, plugnmeet, mattermost, cardUpdates, cardWindowMs, log: app.log});
    app.decorate('meetings', meetings);
    app.decorate('cardUpdates', cardUpdates);
    app.addHook('onReady', async () => cardUpdates.start());
    // Requests have finished by now: edits still gathering in their window are made before the store closes.
    app.addHook('onClose', async () => {
        await cardUpdates.stop();
        await cardUpdates.flushAll().catch((err) => app.log.warn({err: String(err)}, 'card edits left for the next start'));
    });

    // Malformed input is the caller's problem: answer 4xx and never crash.
    app.setErrorHandler((err: {statusCode?: number; message: string}, req, reply) => {
        const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
        if (status === 500) {
            req.log.error({err: String(err)}, 'request failed');
        }
        return reply.code(status).send({error: status === 500 ? 'internal error' : err.message});
    });

    // HTTP 429 for addresses that flood; before the routes, so its onRequest hook covers them all.
    // Liveness probes are exempt; /readyz is not, as it calls Mattermost and plugNmeet.
    if (deps.config.rateLimitPerAddress > 0) {
        await app.register(rateLimit, {
            max: deps.config.rateLimitPerAddress,
            timeWindow: 60_000,
            allowList: (req) => req.routeOptions.url === '/healthz',
        });
    }
    app.decorate('userRateLimit', createUserRateLimit({max: deps.config.rateLimitPerUser, now: deps.now}));
    dropSlowBodies(app, app.server.requestTimeout);

    await app.register(healthRoutes, {readinessCacheMs: deps.readinessCacheMs});
    await app.register(commandRoutes);
    await app.register(actionRoutes);
    await app.register(webhookRoutes);
    return app;
}
