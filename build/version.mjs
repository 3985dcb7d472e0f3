// The plugin version, the way Mattermost's plugin template derives it from git:
//   HEAD tagged v1.2.3            -> 1.2.3
//   commits after tag v1.2.3      -> 1.2.3+<short hash>
//   a repository with no v* tag   -> <plugin.json version>+<short hash>
//   no git (e.g. a source tarball) -> plugin.json's version
// Run directly, it prints the version.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// semver.org's regular expression for a valid version.
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function git(cwd, args) {
    try {
        return execFileSync('git', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
    } catch {
        return '';
    }
}

/** A tag usable as a version: v1.2.3 (or v1.2.3-rc.1) -> 1.2.3; anything else -> ''. */
function tagVersion(tag) {
    const version = tag.replace(/^v/, '');
    return tag.startsWith('v') && SEMVER.test(version) && !version.includes('+') ? version : '';
}

export function computeVersion(dir = root) {
    const manifestVersion = JSON.parse(readFileSync(join(dir, 'plugin.json'), 'utf8')).version;
    const hash = git(dir, ['rev-parse', '--short', 'HEAD']);
    if (!hash) {
        return manifestVersion;
    }

    const exact = tagVersion(git(dir, ['describe', '--tags', '--exact-match', '--match', 'v[0-9]*', 'HEAD']));
    if (exact) {
        return exact;
    }
    const last = tagVersion(git(dir, ['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', 'HEAD']));
    return `${last || manifestVersion}+${hash}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    console.log(computeVersion(process.argv[2] || root));
}
