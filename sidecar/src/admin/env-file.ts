// Writes settings into a .env file the way an admin would: the named keys are replaced in place
// (or appended), every other line and comment stays as it was, and the file is readable by its
// owner only, since it holds secrets.
import {accessSync, chmodSync, closeSync, constants, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {userInfo} from 'node:os';
import {dirname} from 'node:path';

/** What dotenv reads back unchanged: plain values bare, anything else double-quoted. */
function encode(value: string): string {
    return /^[\w.:/@+=,~-]*$/.test(value) ? value : JSON.stringify(value);
}

/**
 * Why this process cannot write `path`, with the fix; undefined when it can. Setup asks before it
 * changes anything in Mattermost: a bot token it made and could not write down would be lost.
 */
export function envFileProblem(path: string): string | undefined {
    const exists = existsSync(path);
    try {
        if (exists) {
            closeSync(openSync(path, 'r+')); // opens for writing, changes nothing (root passes access checks)
        } else {
            accessSync(dirname(path), constants.W_OK); // a new .env is created there
        }
        return undefined;
    } catch (err) {
        const user = userInfo().username;
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        let fix = `run setup in the directory whose .env the sidecar reads, where ${user} can write`;
        if (code === 'EACCES' || code === 'EPERM') {
            fix = exists ?
                `sudo chown ${user} ${path} (or run setup as the user who owns it)` :
                `sudo install -o ${user} -m 600 /dev/null ${path} (an empty .env that ${user} owns)`;
        }
        return `${user} cannot write ${path} (${code}), so setup changed nothing. Fix: ${fix}, then run setup again.`;
    }
}

/** Returns the keys whose value changed; writes nothing when none did. */
export function updateEnvFile(path: string, updates: Record<string, string>): string[] {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const lines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
    const changed: string[] = [];
    for (const [key, value] of Object.entries(updates)) {
        const re = new RegExp(`^\\s*(export\\s+)?${key}\\s*=`);
        let at = lines.length - 1;
        while (at >= 0 && !re.test(lines[at])) {
            at--;
        }
        const line = `${at >= 0 ? (re.exec(lines[at])?.[1] ?? '') : ''}${key}=${encode(value)}`;
        if (at >= 0 && lines[at] === line) {
            continue;
        }
        changed.push(key);
        if (at >= 0) {
            lines[at] = line;
        } else {
            lines.push(line);
        }
    }
    if (changed.length > 0) {
        write(path, lines.join('\n') + '\n');
    }
    return changed;
}

function write(path: string, text: string): void {
    const tmp = `${path}.${process.pid}.tmp`;
    try {
        writeFileSync(tmp, text, {mode: 0o600});
        renameSync(tmp, path); // atomic: a crash never leaves half a file
    } catch {
        rmSync(tmp, {force: true});
        // A file bind-mounted into a container, or in a read-only directory, can only be rewritten in place.
        writeFileSync(path, text, {mode: 0o600});
    }
    try {
        chmodSync(path, 0o600);
    } catch {
        // someone else's file (a bind mount): its owner decides who may read it
    }
}
