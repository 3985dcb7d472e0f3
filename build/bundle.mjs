// `npm run dist` / `make dist`: packs the plugin the way System Console > Plugins >
// Upload expects: dist/<id>-<version>.tar.gz holding one directory <id>/ with
// plugin.json (carrying the version computed from git), webapp/dist/main.js and assets/.
//   node build/bundle.mjs [--out <dir>]
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

import {computeVersion, SEMVER} from './version.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
    console.error(`bundle: ${message}`);
    process.exit(1);
}

/** Every file under dir (sorted, so archives are reproducible), as paths relative to base. */
function filesUnder(dir, base) {
    const out = [];
    for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) {
            out.push(...filesUnder(full, base));
        } else {
            out.push(relative(base, full).split('\\').join('/'));
        }
    }
    return out;
}

/** Archive timestamps: SOURCE_DATE_EPOCH, else the last commit's time, else now. */
function archiveTime() {
    if (/^\d+$/.test(process.env.SOURCE_DATE_EPOCH ?? '')) {
        return Number(process.env.SOURCE_DATE_EPOCH);
    }
    try {
        const t = execFileSync('git', ['log', '-1', '--format=%ct'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
        if (/^\d+$/.test(t)) {
            return Number(t);
        }
    } catch {
        // No git: fall through.
    }
    return Math.floor(Date.now() / 1000);
}

export async function buildBundle({outDir = join(root, 'dist')} = {}) {
    const manifest = JSON.parse(readFileSync(join(root, 'plugin.json'), 'utf8'));
    if (!/^[a-zA-Z0-9-_.]{3,190}$/.test(manifest.id ?? '')) {
        fail(`plugin.json has an invalid id ${JSON.stringify(manifest.id)}`);
    }
    const bundlePath = manifest.webapp?.bundle_path;
    if (!bundlePath || !existsSync(join(root, bundlePath))) {
        fail(`${bundlePath ?? 'webapp.bundle_path'} is missing: run \`npm run build -w webapp\` first`);
    }

    const version = computeVersion(root);
    if (!SEMVER.test(version)) {
        fail(`computed version ${JSON.stringify(version)} is not semver`);
    }
    const packaged = {...manifest, version};

    const top = manifest.id;
    const files = [
        {path: 'plugin.json', data: Buffer.from(JSON.stringify(packaged, null, 4) + '\n')},
        {path: bundlePath, data: readFileSync(join(root, bundlePath))},
        ...filesUnder(join(root, 'assets'), root).map((path) => ({path, data: readFileSync(join(root, path))})),
    ];

    // Directory entries first, each once, so every extractor creates them with sane modes.
    const dirs = new Set([top]);
    for (const file of files) {
        const parts = file.path.split('/').slice(0, -1);
        parts.forEach((_, i) => dirs.add(`${top}/${parts.slice(0, i + 1).join('/')}`));
    }
    const entries = [
        ...[...dirs].sort().map((path) => ({path, type: 'dir'})),
        ...files.map((file) => ({...file, path: `${top}/${file.path}`})),
    ];

    // The archive writer (and with it the `tar` package) loads only once the inputs are
    // checked, so a missing webapp build is reported as such, whatever else is missing.
    const {writeTarGz} = await import('./tar.mjs');
    mkdirSync(outDir, {recursive: true});
    const target = join(outDir, `${manifest.id}-${version}.tar.gz`);
    await writeTarGz(target, entries, archiveTime());
    return {path: target, version, id: manifest.id};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const outIndex = process.argv.indexOf('--out');
    const outDir = outIndex > 0 && process.argv[outIndex + 1] ? resolve(process.argv[outIndex + 1]) : undefined;
    const {path} = await buildBundle({outDir});
    console.log(`plugin bundle: ${relative(process.cwd(), path) || path} (${statSync(path).size} bytes)`);
}
