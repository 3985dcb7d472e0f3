// The production entry points as `npm start`, systemd and the Dockerfile run them: the compiled
// JavaScript in sidecar/dist with the runtime dependencies only. `setup`, then the server, then
// `doctor`, against the fakes, from an empty directory with nothing but a .env.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {builtinModules, createRequire} from 'node:module';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {before, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {startFakeMattermost} from './fakes/mattermost.js';
import {startFakePlugnmeet} from './fakes/plugnmeet.js';

const sidecarDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(sidecarDir, 'dist');

const files = (dir: string, ext: string): string[] => readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((e) => e.isFile() && e.name.endsWith(ext)).map((e) => join(e.parentPath, e.name));

/** Builds dist when it is missing or older than the sources, as `npm start` does. */
before(() => {
    const stale = files(join(sidecarDir, 'src'), '.ts').some((src) => {
        const out = join(dist, relative(join(sidecarDir, 'src'), src).replace(/\.ts$/, '.js'));
        return !existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs;
    });
    if (stale) {
        const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
        const built = spawnSync(process.execPath, [tsc, '-p', join(sidecarDir, 'tsconfig.json')], {encoding: 'utf8'});
        assert.equal(built.status, 0, built.stdout + built.stderr);
    }
});

test('npm start, make run, the Dockerfile, the systemd unit and the bench give Node the same flags, and Node takes them', () => {
    const root = join(sidecarDir, '..');
    const read = (path: string) => readFileSync(join(root, path), 'utf8');
    const flagsIn = (text: string) => [...text.matchAll(/--(?:max-semi-space-size|heap-growing-percent)=\d+/g)].map((m) => m[0]).join(' ');
    const launchers: Record<string, string> = {
        'sidecar/package.json (npm start)': flagsIn(JSON.parse(read('sidecar/package.json')).scripts.start),
        'build/start.mjs (make run)': flagsIn(read('build/start.mjs')),
        'sidecar/Dockerfile': flagsIn(read('sidecar/Dockerfile').split('\n').find((l) => l.startsWith('CMD')) ?? ''),
        'deploy/plugnmeet-sidecar.service': flagsIn(read('deploy/plugnmeet-sidecar.service').split('\n').find((l) => l.startsWith('ExecStart')) ?? ''),
        'bench/run.mts': flagsIn(read('bench/run.mts').split('\n').find((l) => l.includes('BENCH_SIDECAR_ARGS ??')) ?? ''),
    };
    const expected = launchers['sidecar/package.json (npm start)'];
    assert.match(expected, /--max-semi-space-size=\d+ --heap-growing-percent=\d+/);
    for (const [where, flags] of Object.entries(launchers)) {
        assert.equal(flags, expected, where);
    }
    const run = spawnSync(process.execPath, [...expected.split(' '), '-e', '0'], {encoding: 'utf8'});
    assert.equal(run.status, 0, run.stderr);
});

test('everything the compiled sidecar imports is a production dependency (the runtime image has no dev ones)', () => {
    const pkg = JSON.parse(readFileSync(join(sidecarDir, 'package.json'), 'utf8'));
    const builtins = new Set(builtinModules);
    const imported = new Set<string>();
    for (const file of files(dist, '.js')) {
        for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
            if (!spec || spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) {
                continue;
            }
            imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
        }
    }
    assert.ok(imported.has('fastify'), 'the scan found the imports');
    const missing = [...imported].filter((name) => !(name in (pkg.dependencies ?? {})));
    assert.deepEqual(missing, [], 'imported at runtime but not in "dependencies"');
});

function freePort(): Promise<number> {
    return new Promise((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
            const {port} = s.address() as {port: number};
            s.close(() => resolve(port));
        });
    });
}

/** Runs a compiled entry point; never blocks, since the fakes answer from this process. */
function run(script: string, args: string[], cwd: string) {
    const child = spawn(process.execPath, [join(dist, script), ...args], {cwd, env: {PATH: process.env.PATH}});
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    return {child, exited, output: () => output};
}

test('node dist/cli.js setup, node dist/main.js, node dist/cli.js doctor: ready, working, and a clean stop', async () => {
    const mm = await startFakeMattermost();
    const pnm = await startFakePlugnmeet();
    const cwd = mkdtempSync(join(tmpdir(), 'pnm-prod-'));
    const port = await freePort();
    let server: ReturnType<typeof run> | undefined;
    try {
        writeFileSync(join(cwd, '.env'), [
            '# as an admin would start it: plugNmeet and the public URL; setup does the rest',
            `PLUGNMEET_URL=${pnm.url}`,
            `PLUGNMEET_API_KEY=${pnm.apiKey}`,
            `PLUGNMEET_API_SECRET=${pnm.apiSecret}`,
            `SIDECAR_PUBLIC_URL=http://127.0.0.1:${port}`,
            `SIDECAR_PORT=${port}`,
        ].join('\n') + '\n');

        const setup = run('cli.js', ['setup', '--mattermost-url', mm.url, '--admin-token', mm.adminToken], cwd);
        assert.equal(await setup.exited, 0, setup.output());
        assert.ok(existsSync(join(cwd, 'data', 'plugnmeet.sqlite')), 'the default store under ./data');

        server = run('main.js', [], cwd);
        let ready: Response | undefined;
        for (let i = 0; i < 200 && ready?.status !== 200; i++) {
            ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
            if (ready?.status !== 200) {
                await new Promise((r) => setTimeout(r, 100));
            }
        }
        assert.equal(ready?.status, 200, server.output());

        // The command setup registered works with the token it recorded.
        const [command] = [...mm.commands.values()].filter((c) => c.trigger === 'plugnmeet');
        const town = mm.addChannel({type: 'O', name: 'town-square'});
        const res = await mm.sendCommand(command.url, {token: command.token, user: mm.addUser({username: 'alice'}), channel: town, text: 'help'});
        assert.equal(res.status, 200);
        assert.match(res.body.text, /plugNmeet video meetings/);

        const doctor = run('cli.js', ['doctor'], cwd);
        assert.equal(await doctor.exited, 0, doctor.output());
        assert.match(doctor.output(), /All checks passed/);

        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 0, server.output());
        const env = readFileSync(join(cwd, '.env'), 'utf8');
        for (const secret of [/^MATTERMOST_BOT_TOKEN=(.+)$/m.exec(env)![1], mm.adminToken, pnm.apiSecret, command.token]) {
            assert.ok(!(setup.output() + server.output() + doctor.output()).includes(secret), 'a secret was printed or logged');
        }
    } finally {
        server?.child.kill('SIGKILL');
        await mm.close();
        await pnm.close();
        rmSync(cwd, {recursive: true, force: true});
    }
});

test('the production build writes the plugin bundle, and `npx plugnmeet-sidecar` runs the built CLI', () => {
    const root = join(sidecarDir, '..');
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    // `make build` (npm run build) is what the docs, the systemd unit and the release workflow run.
    assert.match(scripts.build, /node build\/bundle\.mjs/);
    assert.match(scripts.build, /node build\/sidecar-bin\.mjs/);
    const marked = spawnSync(process.execPath, [join(root, 'build', 'sidecar-bin.mjs')], {encoding: 'utf8'});
    assert.equal(marked.status, 0, marked.stderr);
    assert.ok(statSync(join(dist, 'cli.js')).mode & 0o100, 'dist/cli.js is not executable');
    const npx = spawnSync('npx', ['--no-install', 'plugnmeet-sidecar', '--help'], {cwd: root, encoding: 'utf8'});
    assert.equal(npx.status, 0, npx.stdout + npx.stderr);
    assert.match(npx.stdout, /^usage: plugnmeet-sidecar setup/);
});
