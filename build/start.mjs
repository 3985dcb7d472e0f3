// `npm start`: runs the sidecar; `npm run setup` / `npm run doctor` / `npm run migrate`: its admin commands.
// Installs and builds first only when the output is missing, so a built checkout is
// listening within a second or two.
import {execSync, spawn} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureDeps} from './ensure-deps.mjs';
import {markSidecarBin} from './sidecar-bin.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const adminCommand = process.argv[2]; // setup | doctor | migrate, or none for the server
const sidecarMain = join(root, 'sidecar', 'dist', 'main.js');
const sidecarCli = join(root, 'sidecar', 'dist', 'cli.js');
const run = (cmd) => execSync(cmd, {cwd: root, stdio: 'inherit'});

if (!existsSync(sidecarMain) || !existsSync(sidecarCli)) {
    ensureDeps();
    run('npm run build -w @plugnmeet/contracts');
    run('npm run build -w sidecar');
    markSidecarBin();
}
const bundles = existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.tar.gz')) : [];
if (bundles.length > 0 && !adminCommand) {
    console.log(`Plugin bundle to upload in System Console > Plugins > Plugin Management: dist/${bundles.sort().at(-1)}`);
}

// `npm run setup -- --teams a,b`: the admin command's own flags go through.
// A small young generation and a slowly growing old one keep memory flat under load (docs/development.md, Benchmark);
// production.test.ts holds every launcher to the same flags.
const args = adminCommand ? [sidecarCli, ...process.argv.slice(2)] : ['--max-semi-space-size=4', '--heap-growing-percent=25', sidecarMain];
const child = spawn(process.execPath, args, {cwd: root, stdio: 'inherit'});
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
