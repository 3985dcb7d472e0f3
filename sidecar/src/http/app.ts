// The Fastify app: HTTP hardening (limits, slow clients, errors, metrics), the routes, and the
// wiring of the domain to its adapters. Routes reach the domain only (app.meetings); the adapters
// are decorated as well so that whoever owns the process (main.ts, the tests) can close them.
// `listen` lives in main.ts.
import rateLimit from '@fastify/rate-limit';
import type {TypeBoxTypeProvider} from '@fastify/type-provider-typebox';
import Fastify, {LogController, type FastifyRequest, type FastifyServerOptions} from 'fastify';
import type {Config} from '../config/config.js';
import type {Mattermost} from '../mattermost/bot.js';
import type {CardUpdates} from '../meetings/cards/updater.js';
import {createMeetings, type Meetings} from '../meetings/domain.js';
import type {PlugnmeetClient} from '../plugnmeet/client.js';
import type {Store} from '../store/store.js';
import {loggedUrl} from './logged-url.js';
import {mattermostGate} from './mattermost-caller.js';
import {addLiveMeetingsGauge, createMetrics, instrument, type Metrics} from './metrics.js';
import {SIDECAR_HEADER} from './probe-headers.js';
import {createUserRateLimit, type UserRateLimit} from './rate-limit.js';
import actionRoutes from './routes/action.js';
import calendarRoutes from './routes/calendar.js';
import recapRoutes from './routes/recap.js';
import commandRoutes from './routes/command.js';
import guestRoutes from './routes/guest.js';
import healthRoutes from './routes/health.js';
import meetingEndedRoutes from './routes/meeting-ended.js';
import webhookRoutes from './routes/webhook.js';
import {dropSlowBodies} from './slow-clients.js';

declare module 'fastify' {
    interface FastifyInstance {
        config: Config;
        meetings: Meetings;
        metrics: Metrics;
        userRateLimit: UserRateLimit;
        /** The card updater of `meetings` (tests flush it). */
        cardUpdates: CardUpdates;
        /** Adapters, for the process owner to close; routes never use them. */
        store: Store;
        plugnmeet: PlugnmeetClient;
        mattermost: Mattermost;
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
        logController: new LogController({disableRequestLogging: true}),
        ...opts,
    }).withTypeProvider<TypeBoxTypeProvider>();
    const answeredAtDebug = app.log.level === 'debug' || app.log.level === 'trace';
    app.addHook('onResponse', (req, reply, done) => {
        // Answered requests at debug: at info, this line was a sixth of a join's CPU (a synchronous
        // write per request), and probes come every few seconds. Refusals and failures stay at
        // info; /metrics counts every answer.
        const level = reply.statusCode >= 400 ? 'info' : 'debug';
        if (level === 'info' || answeredAtDebug) {
            req.log[level]({method: req.method, url: loggedUrl(req.url), statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime)}, 'request');
        }
        done();
    });

    const metrics = createMetrics();
    // Every plugNmeet and Mattermost call is timed: the domain gets the timed adapters.
    const plugnmeet = instrument(deps.plugnmeet, metrics.plugnmeetCalls);
    const mattermost = instrument(deps.mattermost, metrics.mattermostCalls);
    const meetings = createMeetings({
        config: deps.config, store: deps.store, plugnmeet, mattermost, log: app.log, now: deps.now,
        // Participant counts reach a card at most once per 10 s (each edit is a row in Mattermost's database); the end at once.
        cardWindowMs: deps.cardUpdateWindowMs ?? 10_000,
        cardSweepMs: deps.cardSweepMs,
        onCardEdit: (outcome) => metrics.cardEdits.inc({outcome}),
        onCardFinal: (edits) => metrics.cardEditsPerMeeting.observe(edits),
    });
    addLiveMeetingsGauge(metrics, meetings.liveMeetings);
    app.decorate('config', deps.config);
    app.decorate('meetings', meetings);
    app.decorate('metrics', metrics);
    app.decorate('cardUpdates', meetings.cards);
    app.decorate('store', deps.store);
    app.decorate('plugnmeet', plugnmeet);
    app.decorate('mattermost', mattermost);

    app.addHook('onReady', async () => meetings.cards.start());
    // Requests have finished by now: edits still gathering in their window are made before the store closes.
    app.addHook('onClose', async () => {
        await meetings.cards.stop();
        await meetings.cards.flushAll().catch((err) => app.log.warn({err: String(err)}, 'card edits left for the next start'));
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
            keyGenerator: rateLimitKey(deps.config),
            // The counts only matter to whoever is refused (429 keeps them, with Retry-After): three
            // headers less to format and send on every answer to Mattermost.
            addHeadersOnExceeding: {'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false},
        });
    }
    app.decorate('userRateLimit', createUserRateLimit({max: deps.config.rateLimitPerUser, now: deps.now}));
    dropSlowBodies(app, app.server.requestTimeout);

    await app.register(healthRoutes, {readinessCacheMs: deps.readinessCacheMs});
    await app.register(commandRoutes);
    await app.register(actionRoutes);
    await app.register(webhookRoutes);
    // The pages people's browsers reach through the proxy: the header tells doctor that the sidecar
    // answered, not the proxy (admin/doctor-proxy.ts). Transcript links are only ever followed
    // from the thread, so doctor does not look for them.
    const publicPages = [['calendar', calendarRoutes], ['guest', guestRoutes], ['meeting-ended', meetingEndedRoutes]] as const;
    for (const [page, routes] of publicPages) {
        await app.register(async (scope) => {
            scope.addHook('onSend', (_req, reply, payload, done) => {
                reply.header(SIDECAR_HEADER, page);
                done(null, payload);
            });
            await scope.register(routes);
        });
    }
    await app.register(recapRoutes);
    return app;
}

/**
 * The per-address bucket: Mattermost's calls to /mattermost/ (those that pass its gate) never share
 * one with anyone else's, so anonymous requests from the same address (a proxy without
 * TRUST_PROXY, a Docker gateway) cannot use up Mattermost's budget and lock every user out.
 */
function rateLimitKey(config: Config): (req: FastifyRequest) => string {
    const gate = mattermostGate(config);
    return (req) => (req.url.startsWith('/mattermost/') && gate(req) === 'mattermost' ? `mattermost ${req.ip}` : req.ip);
}
