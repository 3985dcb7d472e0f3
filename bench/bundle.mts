// Webapp bundle size: webapp/dist/main.js as webpack's production build writes it (minified),
// and gzipped at level 9 as bundle-size tools count it. Rebuilt first when older than its sources.
import {execSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {isStale} from './sidecar-process.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function bundleSize(): {raw: number; gzip: number} {
    const webapp = join(root, 'webapp');
    const file = join(webapp, 'dist', 'main.js');
    if (isStale(file, [join(webapp, 'src'), join(webapp, 'webpack.config.js')])) {
        console.error('bench: building the webapp (npm run build -w webapp)');
        execSync('npm run build -w webapp', {cwd: root, stdio: ['ignore', 'ignore', 'inherit']});
    }
    const code = readFileSync(file);
    return {raw: code.length, gzip: gzipSync(code, {level: 9}).length};
}
