// Prometheus metrics, on a registry of the app's own (no global state between app instances).
import {Counter, Gauge, Registry, collectDefaultMetrics} from 'prom-client';
import type {Store} from './store/store.js';

export function createMetrics(store: Store) {
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
        liveMeetings: new Gauge({
            name: 'plugnmeet_sidecar_live_meetings',
            help: 'Meetings currently marked live',
            registers: [registry],
            async collect() {
                this.set((await store.liveMeetings()).length);
            },
        }),
    };
}

export type Metrics = ReturnType<typeof createMetrics>;
