import {randomBytes} from 'node:crypto';
import {Pool} from 'undici';
import {startFakeMattermost} from '../sidecar/test/fakes/mattermost.js';
import {startFakePlugnmeet} from '../sidecar/test/fakes/plugnmeet.js';
import {createPlugnmeetClient} from '../sidecar/src/plugnmeet/client.js';
import {sendOpening} from './command.mjs';
import {runLoad} from './load.mjs';
import {ensureBuilt, startSidecar} from './sidecar-process.mjs';
ensureBuilt();
const mm = await startFakeMattermost();
const pnm = await startFakePlugnmeet();
const c = createPlugnmeetClient({url: pnm.url, apiKey: pnm.apiKey, apiSecret: pnm.apiSecret});
const roomId = 'floorroom1';
await c.createRoom({roomId, title: 'x', webhookUrl: 'http://127.0.0.1:1/x'} as any);
const minimal = await startSidecar({PLUGNMEET_URL: pnm.url, PLUGNMEET_API_KEY: pnm.apiKey, PLUGNMEET_API_SECRET: pnm.apiSecret, X_ROOM: roomId}, ['--max-semi-space-size=8'], process.cwd() + '/sidecar/dist/floor.tmp.js');
const commandToken = 'bench' + randomBytes(16).toString('hex');
const real = await startSidecar({MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: mm.botToken, MATTERMOST_COMMAND_TOKENS: commandToken, PLUGNMEET_URL: pnm.url, PLUGNMEET_API_KEY: pnm.apiKey, PLUGNMEET_API_SECRET: pnm.apiSecret, SIDECAR_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_PER_ADDRESS: process.env.X_RL ?? '1000000', ...(process.env.X_ENV ? JSON.parse(process.env.X_ENV) : {})}, (process.env.BENCH_SIDECAR_ARGS ?? '--max-semi-space-size=8').split(' '));
const host = mm.addUser({username: 'host'});
const channel = mm.addChannel({type: 'O', name: 'c', members: [host.id]});
const pools = {minimal: new Pool(minimal.url, {connections: 32}), real: new Pool(real.url, {connections: 32})};
await sendOpening(pools.real, mm.commandRequest({token: commandToken, channel, user: host, text: 'start x'}));
const users = Array.from({length: 2000}, (_, i) => mm.addUser({username: `u${i}`}));
const reqs = users.map((user) => mm.commandRequest({token: commandToken, channel, user, text: 'join'}));
const res: Record<string, number[]> = {minimal: [], real: []};
for (let r = 0; r < Number(process.env.R ?? 10); r++) {
  for (const [name, proc] of [['minimal', minimal], ['real', real]] as const) {
    const cpu = proc.cpuMs();
    const out = await runLoad(2000, 32, (i) => sendOpening(pools[name], reqs[i]));
    if (out.failures) console.log(name, out.firstFailure);
    if (r >= 3) res[name].push((proc.cpuMs() - cpu) * 1000 / 2000);
  }
}
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`µs/join median: minimal ${med(res.minimal)}, real ${med(res.real)}  (real rounds: ${res.real.join(' ')})`);
await pools.minimal.close(); await pools.real.close(); await minimal.stop(); await real.stop(); process.exit(0);
