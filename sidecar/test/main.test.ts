// The real entry point: starts with a .env-style environment, serves, and stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {startFakeMattermost} from './fakes/mattermost.js';
import {startFakePlugnmeet} from './fakes/plugnmeet.js';

function freePort(): Promise<number> {
    return new Promise((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
            const {port} = s.address() as {port: number};
            s.close(() => resolve(port));
        });
    });
}

test('main listens, is ready, and exits 0 on SIGTERM without logging secrets', async () => {
    const mm = await startFakeMattermost();
    const pnm = await startFakePlugnmeet();
    const cwd = mkdtempSync(join(tmpdir(), 'pnm-main-'));
    const port = await freePort();
    const secret = 'q'.repeat(40);
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../src/main.ts', import.meta.url))], {
        cwd,
        env: {
            PATH: process.env.PATH, MATTERMOST_URL: mm.url, MATTERMOST_BOT_TOKEN: mm.botToken, MATTERMOST_COMMAND_TOKENS: 'cmd-token-abcdef',
            PLUGNMEET_URL: pnm.url, PLUGNMEET_API_KEY: pnm.apiKey, PLUGNMEET_API_SECRET: pnm.apiSecret,
            SIDECAR_PUBLIC_URL: `http://127.0.0.1:${port}`, SIDECAR_SECRET: secret, SIDECAR_PORT: String(port), LOG_LEVEL: 'debug',
        },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
        let ready: Response | undefined;
        for (let i = 0; i < 200 && !ready; i++) {
            ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
            if (!ready) {
                await new Promise((r) => setTimeout(r, 100));
            }
        }
        assert.equal(ready?.status, 200, output);
        child.kill('SIGTERM');
        assert.equal(await exited, 0, output);
        assert.match(output, /"msg":"stopping"/);
        for (const s of [mm.botToken, pnm.apiSecret, secret, 'cmd-token-abcdef']) {
            assert.ok(!output.includes(s), 'a secret reached the log');
        }
    } finally {
        child.kill('SIGKILL');
        await mm.close();
        await pnm.close();
        rmSync(cwd, {recursive: true, force: true});
    }
});
