import {randomBytes} from 'node:crypto';
import {Pool} from 'undici';
import {startFakeMattermost} from '../sidecar/test/fakes/mattermost.js';
import {startFakePlugnmeet} from '../sidecar/test/fakes/plugnmeet.js';
import {sendOpening} from './command.mjs';
import {ensureBuilt, startSidecar} from './sidecar-process.mjs';
ensureBuilt();
const mm = await startFakeMattermost();
const pnm = await startFakePlugnmeet();
const commandToken = 'bench' + randomBytes(16).toString('hex');
const sidecar = await startSidecar({MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: mm.botToken, MATTERMOST_COMMAND_TOKENS: commandToken, PLUGNMEET_URL: pnm.url, PLUGNMEET_API_KEY: pnm.apiKey, PLUGNMEET_API_SECRET: pnm.apiSecret, SIDECAR_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_PER_ADDRESS: '1000000'}, ['--max-semi-space-size=8']);
const toSidecar = new Pool(sidecar.url, {connections: 4});
const D = 20;
mm.fault({slowMs: D}); pnm.delayMs = D;
let t0 = 0;
const log: string[] = [];
const mpush = mm.requests.push; mm.requests.push = function (...items: any[]) { for (const r of items) log.push(`${(performance.now() - t0).toFixed(1).padStart(7)} MM  ${r.method} ${r.path}`); return mpush.apply(this, items); };
const ppush = pnm.calls.push; pnm.calls.push = function (...items: any[]) { for (const r of items) log.push(`${(performance.now() - t0).toFixed(1).padStart(7)} PNM ${r.path}`); return ppush.apply(this, items); };
for (let i = 0; i < 4; i++) {
  const user = mm.addUser({username: `s${i}`});
  const channel = mm.addChannel({type: 'O', name: `c${i}`, members: [user.id]});
  log.length = 0; t0 = performance.now();
  await sendOpening(toSidecar, mm.commandRequest({token: commandToken, channel, user, text: `start T${i}`}));
  const total = performance.now() - t0;
  if (i >= 2) { console.log(`--- start ${i}: ${total.toFixed(1)} ms (requests logged when they arrive at the fake, answered ${D} ms later)`); console.log(log.join('\n')); }
}
await toSidecar.close(); await sidecar.stop(); process.exit(0);
