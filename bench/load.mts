// A closed-loop load generator: `concurrency` workers each send their next request as soon as
// the previous one is answered. Latency is measured per request, throughput over the whole run.
import {performance} from 'node:perf_hooks';

export interface LoadResult {
    requests: number;
    failures: number;
    firstFailure?: string;
    seconds: number;
    perSecond: number;
    p50: number; // ms
    p99: number; // ms
}

/** `once` throws (or rejects) for a failed request; failures are counted, not fatal. */
export async function runLoad(n: number, concurrency: number, once: (i: number) => Promise<void>): Promise<LoadResult> {
    const latencies = new Float64Array(n);
    let next = 0;
    let failures = 0;
    let firstFailure: string | undefined;
    const t0 = performance.now();
    await Promise.all(Array.from({length: concurrency}, async () => {
        while (next < n) {
            const i = next++;
            const s = performance.now();
            try {
                await once(i);
            } catch (err) {
                failures++;
                firstFailure ??= (err as Error).message;
            }
            latencies[i] = performance.now() - s;
        }
    }));
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort();
    const pct = (p: number) => latencies[Math.min(n - 1, Math.floor(n * p))];
    return {requests: n, failures, firstFailure, seconds, perSecond: n / seconds, p50: pct(0.5), p99: pct(0.99)};
}
