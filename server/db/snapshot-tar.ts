import { chmodSync, closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads the tar PGlite's `dumpDataDir('none')` writes (tinytar: ustar headers, one entry per
 * directory and regular file, names relative to PGDATA with a leading slash, e.g. `/base/5/1259`).
 *
 * The archive is streamed through one small buffer, never read whole: on the sandboxed machines we
 * measure on, touching 42 MB of new memory costs more than reading the file (issue 17).
 *
 * Anything unexpected — another entry type, a name leaving the directory, a bad checksum, a
 * truncated archive — is refused rather than guessed at: the snapshot is our own build output, so
 * it means a PGlite whose format changed or a damaged file.
 */
export interface TarSink {
  directory(name: string, mode: number): void;
  /** Receives the file's bytes in order, in `write` calls, then `end`. */
  file(name: string, mode: number): { write(bytes: Uint8Array): void; end(): void };
}

/** The archive is not what PGlite writes, or is damaged; not an I/O error. */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

const BLOCK = 512;
const CHUNK = 1 << 20;

/** Reads the archive `file` into `sink`; names are relative and normalised, never `..` or absolute. */
export function readTar(file: string, sink: TarSink): void {
  const fd = openSync(file, 'r');
  try {
    readEntries(fd, sink);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the archive `file` under `root` (which must exist) with Node's own file system, in one
 * synchronous pass: this runs at start-up with nothing else to do, and a plain open/write/close per
 * file beat batches of promises, which pay a thread-pool round trip for each (issue 17).
 */
export function extractTar(file: string, root: string): void {
  const made = new Set<string>(['.']);
  const ensureParent = (name: string) => {
    const parent = path.dirname(name);
    if (made.has(parent)) return;
    // PGlite lists a directory before what it holds; this is for an archive that does not.
    mkdirSync(path.join(root, parent), { recursive: true, mode: 0o700 });
    for (let each = parent; each !== '.'; each = path.dirname(each)) made.add(each);
  };
  readTar(file, {
    directory(name, mode) {
      ensureParent(name);
      if (made.has(name)) chmodSync(path.join(root, name), mode);
      else mkdirSync(path.join(root, name), { mode });
      made.add(name);
    },
    file(name, mode) {
      ensureParent(name);
      const fd = openSync(path.join(root, name), 'w', mode || 0o600);
      return {
        write(bytes) {
          for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
        },
        end: () => closeSync(fd),
      };
    },
  });
}

function readEntries(fd: number, sink: TarSink): void {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let start = 0;
  let end = 0;
  /** Makes at least `count` (≤ CHUNK) bytes available from `start`, or as many as the file has left. */
  const fill = (count: number) => {
    if (end - start >= count) return;
    buffer.copy(buffer, 0, start, end);
    end -= start;
    start = 0;
    for (let read = 1; end < count && read > 0; end += read) read = readSync(fd, buffer, end, CHUNK - end, null);
  };
  for (let offset = 0; ;) {
    fill(BLOCK);
    // dumpDataDir('gzip') would give this; the snapshot is written with 'none'.
    if (offset === 0 && end - start >= 2 && buffer[start] === 0x1f && buffer[start + 1] === 0x8b)
      throw new TarFormatError('snapshot tar: compressed (gzip); expected a plain tar');
    if (end - start < BLOCK) throw new TarFormatError('snapshot tar: no end-of-archive block');
    const header = buffer.subarray(start, start + BLOCK);
    // The archive ends with (at least) one block of zeros.
    if (header.every((byte) => byte === 0)) return;
    if (checksum(header) !== octal(header, 148, 8)) throw new TarFormatError(`snapshot tar: bad header checksum at byte ${offset}`);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]!);
    const name = safeName(entryName(header));
    const mode = octal(header, 100, 8) & 0o777;
    start += BLOCK;
    if (type === '5') sink.directory(name, mode);
    else if (type !== '0' && type !== '\0') throw new TarFormatError(`snapshot tar: unsupported entry type ${JSON.stringify(type)} for ${name}`);
    else {
      const out = sink.file(name, mode);
      try {
        for (let left = size; left > 0;) {
          fill(Math.min(left, CHUNK));
          const count = Math.min(left, end - start);
          if (count === 0) throw new TarFormatError(`snapshot tar: truncated in ${name}`);
          out.write(buffer.subarray(start, start + count));
          start += count;
          left -= count;
        }
      } finally {
        out.end();
      }
      // The data is padded to whole blocks.
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;
      fill(padding);
      if (end - start < padding) throw new TarFormatError(`snapshot tar: truncated in ${name}`);
      start += padding;
    }
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
}

function entryName(header: Uint8Array): string {
  const name = text(header, 0, 100);
  // ustar keeps long names' leading directories in a prefix field.
  const prefix = text(header, 257, 6) === 'ustar' ? text(header, 345, 155) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function safeName(raw: string): string {
  const name = path.posix.normalize(raw.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (name === '' || name === '.' || name === '..' || name.startsWith('../') || path.posix.isAbsolute(name)) {
    throw new TarFormatError(`snapshot tar: refused entry name ${JSON.stringify(raw)}`);
  }
  return name;
}

function text(header: Uint8Array, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('utf8');
}

function octal(header: Uint8Array, start: number, length: number): number {
  const digits = text(header, start, length).trim();
  if (!/^[0-7]*$/.test(digits)) throw new TarFormatError(`snapshot tar: not an octal number: ${JSON.stringify(digits)}`);
  return digits === '' ? 0 : parseInt(digits, 8);
}

/** The ustar checksum: every header byte summed, the checksum field itself counted as spaces. */
function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < BLOCK; index += 1) sum += index >= 148 && index < 156 ? 0x20 : header[index]!;
  return sum;
}
