// The sidecar under test as its own process: the real entry point (sidecar/dist/main.js) with
// production defaults, so it has a core of its own and its RSS is the sidecar's alone.
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sidecarDir = join(root, 'sidecar');
const mainJs = join(sidecarDir, 'dist', 'main.js');

function newestMtime(path: string): number {
    if (!existsSync(path)) {
        return 0;
    }
    if (!statSync(path).isDirectory()) {
        return statSync(path).mtimeMs;
    }
    return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** True when `output` is missing or older than any file under `sources`. */
export function isStale(output: string, sources: string[]): boolean {
    return !existsSync(output) || statSync(output).mtimeMs < Math.max(...sources.map(newestMtime));
}

/** Builds sidecar/dist when it is missing or older than its sources, so the bench measures the code as it is. */
export function ensureBuilt(): void {
    if (!isStale(mainJs, [join(sidecarDir, 'src')])) {
        return;
    }
    console.error('bench: building the sidecar (tsc -p sidecar/tsconfig.json)');
    try {
        execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(sidecarDir, 'tsconfig.json')], {stdio: 'inherit'});
    } catch {
        // tsc still emits on type errors; only a missing entry point stops the bench.
        if (!existsSync(mainJs)) {
            throw new Error('the sidecar could not be built');
        }
        console.error('bench: tsc reported errors (above); measuring what it emitted');
    }
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
            const {port} = s.address() as {port: number};
            s.close(() => resolve(port));
        }).on('error', reject);
    });
}

export interface SidecarProcess {
    url: string;
    pid: number;
    /** Resident set size in bytes, from /proc (what the kernel charges the process). */
    rss(): number;
    /** CPU time (user + system) the process has used so far, in ms: steadier than wall time on a shared machine. */
    cpuMs(): number;
    /** SIGTERM; resolves with the exit code. */
    stop(): Promise<number | null>;
    /** The last lines the sidecar logged (its log goes to a file, as under a process manager). */
    logTail(lines?: number): string;
}

export async function startSidecar(env: Record<string, string>, nodeArgs: string[] = [], entry = mainJs): Promise<SidecarProcess> {
    const port = await freePort();
    // Its own working directory: no stray .env, and the SQLite file (DATABASE_URL default) lands here.
    const cwd = mkdtempSync(join(tmpdir(), 'pnm-bench-'));
    const logFile = join(cwd, 'sidecar.log');
    const out = openSync(logFile, 'a');
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [...nodeArgs, entry], {
        cwd,
        env: {PATH: process.env.PATH ?? '', SIDECAR_PORT: String(port), SIDECAR_PUBLIC_URL: url, ...env},
        stdio: ['ignore', out, out],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const logTail = (lines = 20) => (existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '');

    let ready = false;
    for (let i = 0; i < 200 && !ready && child.exitCode === null; i++) {
        ready = (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200;
        if (!ready) {
            await new Promise((r) => setTimeout(r, 50));
        }
    }
    if (!ready) {
        child.kill('SIGKILL');
        throw new Error(`the sidecar did not become ready:\n${logTail()}`);
    }

    return {
        url,
        pid: child.pid!,
        rss() {
            const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            return m ? Number(m[1]) * 1024 : NaN;
        },
        cpuMs() {
            // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name), in clock ticks (100 Hz on Linux).
            const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
            return (Number(fields[11]) + Number(fields[12])) * 10;
        },
        async stop() {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            const code = await exited;
            clearTimeout(timer);
            rmSync(cwd, {recursive: true, force: true});
            return code;
        },
        logTail,
    };
}
