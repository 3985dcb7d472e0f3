// Run before the tests: the browser and tarball tests exercise the built bundle, so
// rebuild webapp/dist/main.js when it is missing or older than anything it is made from.
// (`npm test` at the root has just built it, so this is usually a no-op.)
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const webapp = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(webapp, 'dist', 'main.js');

function newest(path) {
    if (!existsSync(path)) {
        return 0;
    }
    const stat = statSync(path);
    if (!stat.isDirectory()) {
        return (/\.test\.tsx?$/).test(path) ? 0 : stat.mtimeMs;
    }
    return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const inputs = [
    join(webapp, 'src'),
    join(webapp, 'webpack.config.js'),
    join(webapp, 'tsconfig.json'),
    join(webapp, '..', 'plugin.json'),
    join(webapp, '..', 'assets'),

    // @plugnmeet/contracts is bundled in, from its built output.
    join(webapp, '..', 'contracts', 'src'),
    join(webapp, '..', 'contracts', 'package.json'),
];
const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
if (Math.max(...inputs.map(newest)) > built) {
    console.log('webapp/dist/main.js is missing or stale: building it first');
    execFileSync('npm', ['--prefix', join(webapp, '..', 'contracts'), 'run', 'build'], {stdio: 'inherit'});
    const cli = createRequire(import.meta.url).resolve('webpack-cli/bin/cli.js');
    execFileSync(process.execPath, [cli, '--mode=production'], {cwd: webapp, stdio: 'inherit'});
}
