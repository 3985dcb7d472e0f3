// One upstream round trip as the sidecar pays it: a signed getJoinToken to the (delayed) fake
// plugNmeet, made with the sidecar's own client from a process of its own. The fakes share the
// bench's process; a call from that same process skips the wake-up of another process that every
// call the sidecar makes pays on the way out and back (1 to 3 ms on this kind of virtual machine).
// Run by network.mts: `node --import tsx bench/round-trip.mts` with ROUND_TRIP_* in the environment;
// prints the median in ms.
import {performance} from 'node:perf_hooks';
import {createPlugnmeetClient} from '../sidecar/src/plugnmeet/client.js';

const env = (name: string) => process.env[`ROUND_TRIP_${name}`] ?? '';
const client = createPlugnmeetClient({url: env('URL'), apiKey: env('KEY'), apiSecret: env('SECRET'), connections: 1});
const times: number[] = [];
for (let i = 0; i < Number(env('SAMPLES')); i++) {
    const t0 = performance.now();
    await client.getJoinToken({roomId: env('ROOM'), userId: 'net-floor', name: 'Floor', isAdmin: false});
    times.push(performance.now() - t0);
}
await client.close();
times.sort((a, b) => a - b);
console.log(JSON.stringify({medianMs: times[Math.floor((times.length - 1) / 2)]}));
