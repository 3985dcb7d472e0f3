// A minimal, dependency-free writer for gzipped POSIX (ustar) archives: enough for a
// plugin bundle of a few regular files and directories, and byte-for-byte reproducible
// for a given mtime.
import {gzipSync} from 'node:zlib';

const BLOCK = 512;

function octal(value, width) {
    return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name, {size, mode, mtime, type}) {
    const buf = Buffer.alloc(BLOCK, 0);
    let prefix = '';
    let base = name;
    if (Buffer.byteLength(name) > 100) {
        // ustar splits long paths at a slash: prefix (<= 155 bytes) + name (<= 100 bytes).
        const cut = name.lastIndexOf('/', 155);
        prefix = name.slice(0, cut);
        base = name.slice(cut + 1);
        if (cut <= 0 || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) {
            throw new Error(`path too long for a tar archive: ${name}`);
        }
    }
    buf.write(base, 0, 100, 'utf8');
    buf.write(octal(mode, 8), 100, 'ascii');
    buf.write(octal(0, 8), 108, 'ascii'); // uid
    buf.write(octal(0, 8), 116, 'ascii'); // gid
    buf.write(octal(size, 12), 124, 'ascii');
    buf.write(octal(mtime, 12), 136, 'ascii');
    buf.write('        ', 148, 'ascii'); // checksum placeholder: eight spaces
    buf.write(type, 156, 'ascii');
    buf.write('ustar\0', 257, 'ascii');
    buf.write('00', 263, 'ascii');
    buf.write('root', 265, 'ascii'); // uname
    buf.write('root', 297, 'ascii'); // gname
    buf.write(prefix, 345, 155, 'utf8');
    let sum = 0;
    for (const byte of buf) {
        sum += byte;
    }
    buf.write(octal(sum, 7) + ' ', 148, 'ascii');
    return buf;
}

/**
 * entries: [{path: 'dir/', type: 'dir'} | {path: 'dir/file', data: Buffer, mode?}]
 * mtime: seconds since the epoch for every entry.
 */
export function tarGz(entries, mtime) {
    const chunks = [];
    for (const entry of entries) {
        if (entry.type === 'dir') {
            const path = entry.path.endsWith('/') ? entry.path : `${entry.path}/`;
            chunks.push(header(path, {size: 0, mode: 0o755, mtime, type: '5'}));
            continue;
        }
        const data = entry.data;
        chunks.push(header(entry.path, {size: data.length, mode: entry.mode ?? 0o644, mtime, type: '0'}));
        chunks.push(data);
        const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
        if (padding) {
            chunks.push(Buffer.alloc(padding, 0));
        }
    }
    chunks.push(Buffer.alloc(BLOCK * 2, 0)); // end-of-archive marker
    return gzipSync(Buffer.concat(chunks), {level: 9});
}
