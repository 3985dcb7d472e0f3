// Prometheus metrics, on a registry of the app's own (no global state between app instances).
import {Counter, Gauge, Histogram, Registry, collectDefaultMetrics} from 'prom-client';

export function createMetrics() {
    const registry = new Registry();
    collectDefaultMetrics({register: registry, prefix: 'plugnmeet_sidecar_'});
    return {
        registry,
        commands: new Counter({
            name: 'plugnmeet_sidecar_commands_total',
            help: 'Slash commands handled, by subcommand and outcome',
            labelNames: ['subcommand', 'outcome'] as const,
            registers: [registry],
        }),
        actions: new Counter({
            name: 'plugnmeet_sidecar_actions_total',
            help: 'Card button clicks handled, by action and outcome',
            labelNames: ['action', 'outcome'] as const,
            registers: [registry],
        }),
        webhooks: new Counter({
            name: 'plugnmeet_sidecar_webhooks_total',
            help: 'plugNmeet webhooks received, by event and outcome',
            labelNames: ['event', 'outcome'] as const,
            registers: [registry],
        }),
        /**
         * Incremented by the card-edit code: outcome `edited`, `unchanged` (nothing visible changed, no
         * edit), `refused` (the bot may not edit there) or `failed`.
         */
        cardEdits: new Counter({
            name: 'plugnmeet_sidecar_card_edits_total',
            help: 'Meeting card edits (PUT /posts/{id}/patch), by outcome',
            labelNames: ['outcome'] as const,
            registers: [registry],
        }),
        /** Each edit keeps the old post as a row in Mattermost's database: what one meeting cost it. */
        cardEditsPerMeeting: new Histogram({
            name: 'plugnmeet_sidecar_card_edits_per_meeting',
            help: 'Edits made to one meeting card over its whole life, observed when it shows the end',
            buckets: [0, 1, 2, 3, 5, 10, 20, 50, 100],
            registers: [registry],
        }),
        /** The guest page's Joins (routes/guest.ts): `joined`, `invalid`, `waiting`, `again`, `name`, `failed` or `limited`. */
        guestJoins: new Counter({
            name: 'plugnmeet_sidecar_guest_joins_total',
            help: 'Joins on the guest page, by outcome',
            labelNames: ['outcome'] as const,
            registers: [registry],
        }),
        plugnmeetCalls: callHistogram(registry, 'plugnmeet', 'plugNmeet API calls'),
        mattermostCalls: callHistogram(registry, 'mattermost', 'Mattermost REST calls made as the bot'),
    };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** How many meetings are marked live, asked of the domain when Prometheus scrapes (the domain is built after the metrics). */
export function addLiveMeetingsGauge(metrics: Metrics, liveMeetings: () => Promise<number>): void {
    metrics.registry.registerMetric(new Gauge({
        name: 'plugnmeet_sidecar_live_meetings',
        help: 'Meetings currently marked live',
        registers: [],
        async collect() {
            this.set(await liveMeetings());
        },
    }));
}

type CallHistogram = Histogram<'method' | 'outcome'>;

function callHistogram(registry: Registry, system: string, what: string): CallHistogram {
    return new Histogram({
        name: `plugnmeet_sidecar_${system}_request_duration_seconds`,
        help: `Duration of ${what}, by client method and outcome (ok or error)`,
        labelNames: ['method', 'outcome'] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
    });
}

/**
 * The same client with every async method timed into `histogram` (label `method` = its name).
 * Wrapping keeps the clients themselves free of metrics; sync helpers and `close` pass through.
 */
export function instrument<T extends object>(client: T, histogram: CallHistogram): T {
    const timed: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(client)) {
        if (typeof value !== 'function' || name === 'close') {
            timed[name] = value;
            continue;
        }
        timed[name] = (...args: unknown[]) => {
            const stop = histogram.startTimer({method: name});
            let result: unknown;
            try {
                result = value.apply(client, args);
            } catch (err) {
                stop({outcome: 'error'});
                throw err;
            }
            if (result instanceof Promise) {
                return result.then((v) => {
                    stop({outcome: 'ok'});
                    return v;
                }, (err) => {
                    stop({outcome: 'error'});
                    throw err;
                });
            }
            return result; // a sync helper (joinUrl, ...): not a call worth timing
        };
    }
    return timed as T;
}
