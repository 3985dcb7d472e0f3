// The sidecar as a real child process (src/main.ts through tsx), for tests of what only a
// process shows: start-up, SIGTERM, and kill -9.
import {spawn, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:net';
import {fileURLToPath} from 'node:url';

export function freePort(): Promise<number> {
    return new Promise((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
            const {port} = s.address() as {port: number};
            s.close(() => resolve(port));
        });
    });
}

export interface SidecarProcess {
    child: ChildProcess;
    /** stdout and stderr so far. */
    output(): string;
    exited: Promise<number | null>;
    /** Resolves once /readyz answers 200; throws with the output after ~20 s. */
    ready(): Promise<void>;
}

export function spawnSidecar(cwd: string, env: Record<string, string>): SidecarProcess {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../src/main.ts', import.meta.url))], {
        cwd,
        env: {PATH: process.env.PATH ?? '', ...env},
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    return {
        child,
        output: () => output,
        exited,
        async ready() {
            for (let i = 0; i < 200; i++) {
                const res = await fetch(`http://127.0.0.1:${env.SIDECAR_PORT}/readyz`).catch(() => undefined);
                if (res?.status === 200) {
                    return;
                }
                await new Promise((r) => setTimeout(r, 100));
            }
            throw new Error(`the sidecar did not become ready:\n${output}`);
        },
    };
}
