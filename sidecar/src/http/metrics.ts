// Prometheus metrics, on a registry of the app's own (no global state between app instances).
import {performance} from 'node:perf_hooks';
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

const CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A histogram of upstream call durations by client method and outcome, in Prometheus' histogram
 * format. Not prom-client's Histogram: that one validates and hashes the labels on every
 * observation, which was a measurable part of a start's CPU (issue 22); here each method and
 * outcome has its own counts, found by one map lookup, and the labels are only written when scraped.
 */
export class CallHistogram {
    readonly type = 'histogram';
    readonly aggregator = 'sum';
    private readonly series = new Map<string, {method: string; outcome: string; buckets: number[]; sum: number; count: number}>();

    constructor(readonly name: string, readonly help: string) {}

    observe(method: string, outcome: 'ok' | 'error', seconds: number): void {
        const key = outcome === 'ok' ? method : `${method}\u0000error`;
        let s = this.series.get(key);
        if (!s) {
            s = {method, outcome, buckets: CALL_BUCKETS.map(() => 0), sum: 0, count: 0};
            this.series.set(key, s);
        }
        const i = CALL_BUCKETS.findIndex((le) => seconds <= le);
        if (i >= 0) {
            s.buckets[i]++;
        }
        s.sum += seconds;
        s.count++;
    }

    /** What prom-client's registry formats: cumulative buckets, +Inf, sum and count per series. */
    get() {
        const values: Array<{labels: Record<string, string | number>; value: number; metricName: string}> = [];
        for (const s of this.series.values()) {
            const labels = {method: s.method, outcome: s.outcome};
            let below = 0;
            CALL_BUCKETS.forEach((le, i) => {
                below += s.buckets[i];
                values.push({labels: {le, ...labels}, value: below, metricName: `${this.name}_bucket`});
            });
            values.push({labels: {le: '+Inf', ...labels}, value: s.count, metricName: `${this.name}_bucket`});
            values.push({labels, value: s.sum, metricName: `${this.name}_sum`});
            values.push({labels, value: s.count, metricName: `${this.name}_count`});
        }
        return {name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator};
    }
}

function callHistogram(registry: Registry, system: string, what: string): CallHistogram {
    const histogram = new CallHistogram(`plugnmeet_sidecar_${system}_request_duration_seconds`, `Duration of ${what}, by client method and outcome (ok or error)`);
    registry.registerMetric(histogram as unknown as Parameters<Registry['registerMetric']>[0]);
    return histogram;
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
            const started = performance.now();
            const stop = (outcome: 'ok' | 'error') => histogram.observe(name, outcome, (performance.now() - started) / 1000);
            let result: unknown;
            try {
                result = value.apply(client, args);
            } catch (err) {
                stop('error');
                throw err;
            }
            if (result instanceof Promise) {
                return result.then((v) => {
                    stop('ok');
                    return v;
                }, (err) => {
                    stop('error');
                    throw err;
                });
            }
            return result; // a sync helper (joinUrl, ...): not a call worth timing
        };
    }
    return timed as T;
}
