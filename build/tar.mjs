// Writes the plugin bundle as a gzipped tar archive with node-tar (the `tar` package, the
// library npm itself uses). The entries are laid out in a temporary directory with fixed
// modes, then packed in the order given, in portable mode (no uid, gid, user or host
// names, no directory mtimes, a gzip header without the OS byte) and with one mtime for
// every file, so the archive is byte-for-byte reproducible for the same inputs.
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {create} from 'tar';

/**
 * entries: [{path: 'dir/', type: 'dir'} | {path: 'dir/file', data: Buffer, mode?}], parents first.
 * mtime: seconds since the epoch for every file.
 */
export async function writeTarGz(file, entries, mtime) {
    const stage = mkdtempSync(join(tmpdir(), 'plugnmeet-bundle-stage-'));
    try {
        const paths = [];
        for (const entry of entries) {
            const path = entry.path.replace(/\/+$/, '');
            if (!path || path.startsWith('/') || path.split('/').includes('..')) {
                throw new Error(`refusing to pack the path ${JSON.stringify(entry.path)}`);
            }
            const full = join(stage, path);
            if (entry.type === 'dir') {
                mkdirSync(full, {recursive: true});
                chmodSync(full, 0o755);
            } else {
                mkdirSync(dirname(full), {recursive: true});
                writeFileSync(full, entry.data);
                chmodSync(full, entry.mode ?? 0o644); // the umask does not decide the archive's modes
            }
            paths.push(path);
        }
        await create(
            {
                file,
                cwd: stage,
                gzip: {level: 9},
                portable: true,
                mtime: new Date(mtime * 1000),
                noDirRecurse: true, // every entry is listed, in this order
            },
            paths,
        );
    } finally {
        rmSync(stage, {recursive: true, force: true});
    }
}
