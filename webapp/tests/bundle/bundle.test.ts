// The uploadable plugin: `node build/bundle.mjs` must produce the archive Mattermost's
// System Console accepts, checked here with the system's own tar, and the version must
// follow git tags like the plugin template.
import {execFileSync} from 'child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'fs';
import {tmpdir} from 'os';
import {join} from 'path';

const root = join(__dirname, '..', '..', '..');
const sourceManifest = JSON.parse(readFileSync(join(root, 'plugin.json'), 'utf8'));

// semver.org's regular expression, and Mattermost's plugin id rule (model/plugin_valid.go).
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const PLUGIN_ID = /^[a-zA-Z0-9-_.]+$/;

/** Mattermost's Manifest.IsValid(), plus the file references an upload relies on. */
function manifestProblems(manifest: Record<string, any>, dir: string): string[] {
    const problems: string[] = [];
    const id = String(manifest.id ?? '');
    if (!PLUGIN_ID.test(id) || id.length < 3 || id.length > 190) {
        problems.push(`invalid id ${id}`);
    }
    if (typeof manifest.name !== 'string' || manifest.name.trim() === '') {
        problems.push('a plugin name is needed');
    }
    for (const key of ['version', 'min_server_version']) {
        if (manifest[key] !== undefined && !SEMVER.test(manifest[key])) {
            problems.push(`${key} ${manifest[key]} is not semver`);
        }
    }
    for (const key of ['homepage_url', 'support_url', 'release_notes_url']) {
        if (manifest[key] !== undefined && !(/^https?:\/\/\S+$/).test(manifest[key])) {
            problems.push(`${key} is not an http(s) URL`);
        }
    }
    if (manifest.icon_path !== undefined && !(manifest.icon_path.endsWith('.svg') && existsSync(join(dir, manifest.icon_path)))) {
        problems.push(`icon_path ${manifest.icon_path} is not an SVG in the bundle`);
    }
    if (!manifest.webapp?.bundle_path || !existsSync(join(dir, manifest.webapp.bundle_path))) {
        problems.push('webapp.bundle_path is not in the bundle');
    }
    if (manifest.server) {
        problems.push('a webapp-only plugin must not declare a server part');
    }
    return problems;
}

function run(cmd: string, args: string[], cwd: string): string {
    // A clean git environment: nothing from a surrounding repository or hook leaks in.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
    return execFileSync(cmd, args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...env, SOURCE_DATE_EPOCH: '1795000000'}}).trim();
}

describe('plugin tarball', () => {
    let work: string;
    beforeAll(() => {
        work = mkdtempSync(join(tmpdir(), 'plugnmeet-bundle-'));
    });
    afterAll(() => rmSync(work, {recursive: true, force: true}));

    it('has one top-level directory with plugin.json, webapp/dist/main.js and assets/', () => {
        const out = join(work, 'out');
        run(process.execPath, [join(root, 'build', 'bundle.mjs'), '--out', out], root);
        const expectedVersion = run(process.execPath, [join(root, 'build', 'version.mjs')], root);

        const archives = readdirSync(out);
        expect(archives).toEqual([`${sourceManifest.id}-${expectedVersion}.tar.gz`]);
        const archive = join(out, archives[0]);

        // No absolute paths or parent references, and everything below the one directory.
        const listing = run('tar', ['-tzf', archive], work).split('\n');
        for (const entry of listing) {
            expect(entry).toMatch(new RegExp(`^${sourceManifest.id}/`));
            expect(entry.split('/')).not.toContain('..');
        }

        const extracted = join(work, 'extracted');
        execFileSync('mkdir', ['-p', extracted]);
        run('tar', ['-xzf', archive, '-C', extracted], work);
        expect(readdirSync(extracted)).toEqual([sourceManifest.id]);
        const dir = join(extracted, sourceManifest.id);
        expect(statSync(dir).isDirectory()).toBe(true);
        expect(readdirSync(dir).sort()).toEqual(['assets', 'plugin.json', 'webapp']);
        expect(readdirSync(join(dir, 'assets'))).toEqual(readdirSync(join(root, 'assets')));
        expect(readFileSync(join(dir, 'webapp', 'dist', 'main.js'))).toEqual(readFileSync(join(root, 'webapp', 'dist', 'main.js')));

        const manifest = JSON.parse(readFileSync(join(dir, 'plugin.json'), 'utf8'));
        expect(manifestProblems(manifest, dir)).toEqual([]);
        expect(manifest.version).toBe(expectedVersion);
        expect({...manifest, version: sourceManifest.version}).toEqual(sourceManifest);
    });

    it('is reproducible for the same inputs', () => {
        const a = join(work, 'a');
        const b = join(work, 'b');
        run(process.execPath, [join(root, 'build', 'bundle.mjs'), '--out', a], root);
        run(process.execPath, [join(root, 'build', 'bundle.mjs'), '--out', b], root);
        const [name] = readdirSync(a);
        expect(readFileSync(join(a, name))).toEqual(readFileSync(join(b, name)));
    });

    it('refuses to pack without a built webapp', () => {
        // A copy of the project layout with no webapp/dist: the script must say what to run.
        const fake = join(work, 'nobuild');
        execFileSync('mkdir', ['-p', join(fake, 'build'), join(fake, 'assets')]);
        for (const file of ['bundle.mjs', 'tar.mjs', 'version.mjs']) {
            writeFileSync(join(fake, 'build', file), readFileSync(join(root, 'build', file)));
        }
        writeFileSync(join(fake, 'plugin.json'), JSON.stringify(sourceManifest));
        let message = '';
        try {
            run(process.execPath, [join(fake, 'build', 'bundle.mjs'), '--out', join(fake, 'dist')], fake);
        } catch (error) {
            message = String((error as {stderr?: string}).stderr);
        }
        expect(message).toContain('npm run build -w webapp');
        expect(existsSync(join(fake, 'dist'))).toBe(false);
    });
});

describe('webapp bundle', () => {
    const bundle = readFileSync(join(root, 'webapp', 'dist', 'main.js'), 'utf8');

    it('takes React, ReactIntl and friends from Mattermost instead of bundling copies', () => {
        // Markers from React's, react-dom's, Redux's and react-intl's own code.
        for (const marker of ['ReactCurrentDispatcher', 'react.element', '__SECRET_INTERNALS', '@@redux/INIT', 'FORMAT_ERROR', 'IntlProvider']) {
            expect([marker, bundle.includes(marker)]).toEqual([marker, false]);
        }
        expect(bundle).toMatch(/\bReact\b/);
        expect(bundle).toMatch(/\bReactIntl\b/);

        // A bundled react-dom alone is about 130 KB minified; the plugin's own code (about 190 KB
        // with the recap card, the meeting window and guest links), its four catalogues and the
        // ring tone inlined for incoming calls (about 11 KB) stay below this, a copy would not.
        expect(bundle.length).toBeLessThan(240 * 1024);
    });

    it('registers under the manifest id without carrying the rest of plugin.json', () => {
        expect(bundle).toContain(`registerPlugin("${sourceManifest.id}"`);
        expect(bundle).not.toContain(sourceManifest.description);
    });
});

describe('version from git', () => {
    let repo: string;
    const version = () => run(process.execPath, [join(root, 'build', 'version.mjs'), repo], repo);
    const git = (...args: string[]) => run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], repo);
    const commit = (message: string) => {
        git('commit', '-q', '--allow-empty', '-m', message);
        return git('rev-parse', '--short', 'HEAD');
    };

    beforeEach(() => {
        repo = mkdtempSync(join(tmpdir(), 'plugnmeet-version-'));
        writeFileSync(join(repo, 'plugin.json'), JSON.stringify({id: 'x.y', name: 'X', version: '0.4.0'}));
    });
    afterEach(() => rmSync(repo, {recursive: true, force: true}));

    it('uses plugin.json when there is no git at all', () => {
        expect(version()).toBe('0.4.0');
    });

    it('uses plugin.json + short hash when no tag exists yet', () => {
        git('init', '-q');
        const hash = commit('first');
        expect(version()).toBe(`0.4.0+${hash}`);
    });

    it('uses the tag on HEAD, and the last tag + hash after it', () => {
        git('init', '-q');
        commit('first');
        git('tag', 'v1.2.3');
        expect(version()).toBe('1.2.3');

        const hash = commit('second');
        expect(version()).toBe(`1.2.3+${hash}`);

        git('tag', 'v1.3.0-rc.1');
        expect(version()).toBe('1.3.0-rc.1');
    });

    it('ignores tags that are not versions', () => {
        git('init', '-q');
        const hash = commit('first');
        git('tag', 'release-candidate');
        git('tag', 'v2');
        expect(version()).toBe(`0.4.0+${hash}`);
    });
});
