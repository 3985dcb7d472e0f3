// Installs npm dependencies when node_modules is missing or older than the lockfile,
// so `make run` and `npm test` work on a fresh clone and stay fast afterwards.
import {execSync} from 'node:child_process';
import {existsSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

export function ensureDeps() {
    if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) {
        return;
    }
    console.log('Installing npm dependencies (npm ci)...');
    // No install scripts but the ones we need (package.json "allowScripts" says the same to npm 11):
    // plugnmeet-protocol-js, a test-only package, runs `npx only-allow pnpm`, which stops npm 10 installs.
    execSync('npm ci --ignore-scripts --no-audit --no-fund', {cwd: root, stdio: 'inherit'});
    execSync('npm rebuild better-sqlite3 esbuild', {cwd: root, stdio: 'inherit'});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    ensureDeps();
}
