// Makes `npx plugnmeet-sidecar` (the sidecar's "bin") run sidecar/dist/cli.js from the repository
// root. npm links a workspace's bin, and marks it executable, only when the file exists at
// install time, before the build has written it; tsc writes it without the x bit. So after the
// build: mark it executable, and make the link npm would have made.
import {chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'sidecar', 'dist', 'cli.js');
const link = join(root, 'node_modules', '.bin', 'plugnmeet-sidecar');

const present = (path) => {
    try {
        lstatSync(path);
        return true;
    } catch {
        return false;
    }
};

export function markSidecarBin() {
    if (!existsSync(cli)) {
        return;
    }
    chmodSync(cli, 0o755);
    if (existsSync(join(root, 'node_modules', 'plugnmeet-sidecar')) && !present(link)) {
        mkdirSync(dirname(link), {recursive: true});
        symlinkSync('../plugnmeet-sidecar/dist/cli.js', link);
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    markSidecarBin();
}
