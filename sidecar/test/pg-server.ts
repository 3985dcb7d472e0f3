// A throwaway PostgreSQL server for tests: Debian's server binaries, a fresh cluster in a temp
// dir on a free local port (its socket in that dir too), removed on stop. Never the packaged
// cluster on 5432. initdb refuses to run as root, so as root it runs as the `postgres` user.
import {execFile, spawnSync} from 'node:child_process';
import {chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir, userInfo} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PgServer {
    /** A database created for this run. */
    url: string;
    /** Another empty database on the same server. */
    createDatabase(name: string): Promise<string>;
    stop(): Promise<void>;
}

/** The directory of initdb and pg_ctl: the newest /usr/lib/postgresql/<version>/bin, else initdb on PATH. */
export function findPgBin(): string {
    const root = '/usr/lib/postgresql';
    const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) {
        return join(root, versions[0], 'bin');
    }
    for (const dir of (process.env.PATH ?? '').split(':').concat('/usr/local/bin')) {
        const initdb = join(dir, 'initdb');
        if (dir && existsSync(initdb)) {
            const bin = join(realpathSync(initdb), '..');
            if (existsSync(join(bin, 'pg_ctl'))) {
                return bin;
            }
        }
    }
    throw new Error('PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb, no initdb on PATH). '
        + 'Install Debian\'s server with `apt-get install postgresql`, or run `make test`, which installs it.');
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = createServer();
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const {port} = srv.address() as {port: number};
            srv.close(() => resolve(port));
        });
    });
}

export async function startPgServer(dbName = 'pnm_test'): Promise<PgServer> {
    const bin = findPgBin();
    const asRoot = userInfo().uid === 0;
    // As root the server runs as `postgres`, which must be able to reach its dir: /tmp, not a private TMPDIR.
    const dir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'pnm-pg-'));
    const data = join(dir, 'data');
    const log = join(dir, 'server.log');
    if (asRoot) {
        const uid = spawnSync('id', ['-u', 'postgres'], {encoding: 'utf8'});
        const gid = spawnSync('id', ['-g', 'postgres'], {encoding: 'utf8'});
        if (uid.status !== 0) {
            rmSync(dir, {recursive: true, force: true});
            throw new Error('running as root, but there is no `postgres` user to run initdb as (Debian\'s postgresql package creates it)');
        }
        chownSync(dir, Number(uid.stdout), Number(gid.stdout));
    }
    // cwd: the server's own dir, which the postgres user can read (it cannot always read ours).
    const cmd = (tool: string, args: string[]): [string, string[]] => (asRoot ?
        ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] :
        [join(bin, tool), args]);
    const pgCtl = (args: string[]) => run(...cmd('pg_ctl', args), {cwd: dir});
    const remove = () => rmSync(dir, {recursive: true, force: true});

    // If the test process ends without stop() (a crash, a cancelled run), the server must not outlive it.
    const onExit = () => {
        spawnSync(...cmd('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), {cwd: dir, stdio: 'ignore'});
        remove();
    };
    const onSignal = (signal: NodeJS.Signals) => {
        unhook();
        onExit();
        process.kill(process.pid, signal);
    };
    const unhook = () => {
        process.removeListener('exit', onExit);
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
    };
    process.once('exit', onExit);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    let port = 0;
    try {
        await run(...cmd('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']), {cwd: dir});
        // Another process may take the free port before the server binds it: try a few.
        for (let attempt = 0; ; attempt++) {
            port = await freePort();
            const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
            try {
                await pgCtl(['-D', data, '-l', log, '-w', '-t', '60', '-o', opts, 'start']);
                break;
            } catch (err) {
                if (attempt >= 2) {
                    const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
                    throw new Error(`${(err as Error).message}\n${serverLog}`);
                }
            }
        }
    } catch (err) {
        unhook();
        onExit();
        throw new Error(`could not start a throwaway PostgreSQL with ${bin}: ${(err as Error).message}`);
    }

    const urlOf = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
    async function createDatabase(name: string): Promise<string> {
        const client = new pg.Client({connectionString: urlOf('postgres')});
        await client.connect();
        try {
            await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        } finally {
            await client.end();
        }
        return urlOf(name);
    }

    let url: string;
    try {
        url = await createDatabase(dbName);
    } catch (err) {
        unhook();
        onExit();
        throw err;
    }
    return {
        url,
        createDatabase,
        async stop() {
            unhook();
            await pgCtl(['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
            remove();
        },
    };
}
