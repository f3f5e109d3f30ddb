import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { extractTar, readTar } from './snapshot-tar';

async function scratch(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'sz-tar-'));
  temporary.push(directory);
  return directory;
}

/** `archive` as a file; the reader takes files only. */
async function fileOf(archive: Uint8Array): Promise<string> {
  const file = path.join(await scratch(), 'archive.tar');
  await writeFile(file, archive);
  return file;
}

/** Entry names in order, and every file's bytes. */
function listing(file: string): { names: string[]; contents: Map<string, string> } {
  const names: string[] = [];
  const contents = new Map<string, string>();
  readTar(file, {
    directory: (name) => void names.push(name),
    file(name) {
      names.push(name);
      let text = '';
      return { write: (bytes) => void (text += Buffer.from(bytes).toString()), end: () => void contents.set(name, text) };
    },
  });
  return { names, contents };
}

const temporary: string[] = [];
afterEach(async () => {
  for (const directory of temporary.splice(0)) await rm(directory, { recursive: true, force: true });
});

interface Member {
  name: string;
  type?: string;
  mode?: number;
  data?: string;
  prefix?: string;
}

/** A ustar archive as tinytar (PGlite's dump) writes one. */
function tarOf(members: Member[]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const { name, type = '0', mode = 0o600, data = '', prefix = '' } of members) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 100);
    header.write(`${mode.toString(8).padStart(7, '0')}\0`, 100);
    header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write(type, 156);
    header.write('ustar\0', 257);
    header.write(prefix, 345, 155);
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512));
    blocks.at(-1)!.write(data);
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

describe('snapshot tar', () => {
  it('writes directories and files with their modes, names taken relative to the target', async () => {
    const root = await scratch();
    // Longer than the reader's buffer, and not a whole number of blocks: the next entries straddle refills.
    const large = Array.from({ length: 300_000 }, (_, index) => index.toString(36)).join(',');
    const file = await fileOf(
      tarOf([
        { name: '/base', type: '5', mode: 0o750 },
        { name: '/base/5/1259', data: 'page' },
        { name: '/pg_wal/000000010000000000000001', data: large },
        { name: 'oid/16384', prefix: '/deep/long', mode: 0o640, data: 'x'.repeat(700) },
        { name: '/PG_VERSION', data: '17\n' },
      ]),
    );
    expect(listing(file).names).toEqual(['base', 'base/5/1259', 'pg_wal/000000010000000000000001', 'deep/long/oid/16384', 'PG_VERSION']);
    extractTar(file, root);
    expect((await stat(path.join(root, 'base'))).mode & 0o777).toBe(0o750);
    expect(await readFile(path.join(root, 'base/5/1259'), 'utf8')).toBe('page');
    expect(await readFile(path.join(root, 'pg_wal/000000010000000000000001'), 'utf8')).toBe(large);
    expect(await readFile(path.join(root, 'deep/long/oid/16384'), 'utf8')).toBe('x'.repeat(700));
    expect((await stat(path.join(root, 'deep/long/oid/16384'))).mode & 0o777).toBe(0o640);
    expect(await readFile(path.join(root, 'PG_VERSION'), 'utf8')).toBe('17\n');
  });

  it('refuses names outside the target, other entry types and damaged archives', async () => {
    await expect(fileOf(tarOf([{ name: '/base/../../etc/passwd', data: 'x' }])).then(listing)).rejects.toThrow(/refused entry name/);
    await expect(fileOf(tarOf([{ name: '/pg_wal/link', type: '2' }])).then(listing)).rejects.toThrow(/unsupported entry type/);
    const archive = tarOf([{ name: '/PG_VERSION', data: '17\n' }]);
    await expect(fileOf(archive.subarray(0, 1024)).then(listing)).rejects.toThrow(/no end-of-archive block/);
    const page = tarOf([{ name: '/global/1260', data: 'x'.repeat(8192) }]);
    await expect(fileOf(page.subarray(0, 4096)).then(listing)).rejects.toThrow(/truncated in global\/1260/);
    await expect(fileOf(gzipSync(archive)).then(listing)).rejects.toThrow(/compressed/);
    const flipped = Buffer.from(archive);
    flipped[5] = 0x41;
    await expect(fileOf(flipped).then(listing)).rejects.toThrow(/checksum/);
  });
});
