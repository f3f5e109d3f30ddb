import { describe, expect, it } from 'vitest';
import { DataChannelHub } from './DataChannelHub';
import { FILE_CHUNK_BYTES, MAX_FILE_BYTES, SEND_HIGH_WATER_BYTES, sanitizeFileName, type FileTransfer } from './files';
import { FakeNetwork, fakeChannelPair, type FakeDataChannel } from './testing/fakeRtc';
import { recordingLogger } from './testing/harness';

const names: Record<string, string> = { anna: 'Anna Arzt', ben: 'Ben Gast', cleo: 'Cleo Kollegin' };

function hub(self: string, options: Partial<ConstructorParameters<typeof DataChannelHub>[0]> = {}) {
  return new DataChannelHub({
    selfId: () => self,
    selfName: () => names[self] ?? self,
    nameOf: (id) => names[id] ?? '?',
    ...options,
  });
}

interface Link {
  a: DataChannelHub;
  b: DataChannelHub;
  filesA: FakeDataChannel;
  filesB: FakeDataChannel;
  chatA: FakeDataChannel;
  chatB: FakeDataChannel;
}

function connect(network: FakeNetwork, a: DataChannelHub, idA: string, b: DataChannelHub, idB: string, open = true): Link {
  const [chatA, chatB, rawChatA, rawChatB] = fakeChannelPair(network, { label: 'chat', id: 0, open });
  const [filesA, filesB, rawA, rawB] = fakeChannelPair(network, { label: 'files', id: 1, open });
  a.attach(idB, chatA, filesA);
  b.attach(idA, chatB, filesB);
  return { a, b, filesA: rawA, filesB: rawB, chatA: rawChatA, chatB: rawChatB };
}

function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error('timed out'));
      else setTimeout(check, 1);
    };
    check();
  });
}

const finished = (t: FileTransfer | undefined) => t && ['done', 'error', 'cancelled'].includes(t.state);
const sha256 = async (data: Uint8Array | ArrayBuffer) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)))].map((byte) => byte.toString(16).padStart(2, '0')).join('');

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += 65_536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65_536)));
  }
  return bytes;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function progressLog(h: DataChannelHub): FileTransfer[][] {
  const log: FileTransfer[][] = [];
  h.on('change', () => log.push([...h.transfers]));
  return log;
}

describe('DataChannelHub chat', () => {
  it('delivers a message and names the author from the own roster, not from the wire', async () => {
    const network = new FakeNetwork();
    const { a, b } = connect(network, hub('anna'), 'anna', hub('ben'), 'ben');
    const sent = a.sendChat('  Guten Tag, Frau Müller!  ');
    await until(() => b.messages.length === 1);
    expect(sent?.text).toBe('Guten Tag, Frau Müller!');
    expect(a.messages).toEqual([sent]);
    expect(b.messages[0]).toMatchObject({ from: 'anna', fromName: 'Anna Arzt', text: 'Guten Tag, Frau Müller!' });
    expect(b.messages[0]?.id).toBe(sent?.id);
    expect(a.hasContent && b.hasContent).toBe(true);
  });

  it('queues messages while the channel opens', async () => {
    const network = new FakeNetwork();
    const link = connect(network, hub('anna'), 'anna', hub('ben'), 'ben', false);
    link.a.sendChat('früh');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(link.b.messages).toHaveLength(0);
    link.chatA.open();
    link.chatB.open();
    await until(() => link.b.messages.length === 1);
    expect(link.b.messages[0]?.text).toBe('früh');
  });

  it('ignores malformed and oversized messages', async () => {
    const network = new FakeNetwork();
    const logger = recordingLogger();
    const [chatA, chatB] = fakeChannelPair(network, { label: 'chat', id: 0 });
    const [filesA, filesB] = fakeChannelPair(network);
    const b = hub('ben', { logger });
    b.attach('anna', chatB, filesB);
    void filesA;
    chatA.send('{"t":"chat"');
    chatA.send(JSON.stringify({ t: 'chat', id: 'x', text: 'y'.repeat(5000), sentAt: 1 }));
    chatA.send(JSON.stringify({ t: 'chat', id: 'ok', text: 'hallo', sentAt: 1 }));
    chatA.send(JSON.stringify({ t: 'chat', id: 'ok', text: 'hallo', sentAt: 1 }));
    await until(() => b.messages.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(b.messages).toHaveLength(1);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });
});

describe('DataChannelHub files', () => {
  it('sends 5 MB byte-identical with the right SHA-256, with back-pressure and progress on both sides', async () => {
    const network = new FakeNetwork();
    network.bytesPerTick = 128 * 1024; // a slow link: the sender must wait for bufferedamountlow
    network.sendQueueLimit = SEND_HIGH_WATER_BYTES + 2 * FILE_CHUNK_BYTES; // ignoring back-pressure throws
    const { a, b, filesA } = connect(network, hub('anna'), 'anna', hub('ben'), 'ben');
    const logA = progressLog(a);
    const logB = progressLog(b);
    const data = randomBytes(5 * 1024 * 1024 + 123);
    const result = await a.sendFile(new Blob([data], { type: 'application/pdf' }), 'Befund.pdf');
    expect(result.ok).toBe(true);
    await until(() => finished(a.transfers[0]) === true && finished(b.transfers[0]) === true);

    const [outgoing] = a.transfers;
    const [incoming] = b.transfers;
    expect(outgoing).toMatchObject({ state: 'done', direction: 'outgoing', peerId: 'ben', bytes: data.length });
    expect(incoming).toMatchObject({
      state: 'done',
      direction: 'incoming',
      peerId: 'anna',
      name: 'Befund.pdf',
      mime: 'application/pdf',
      size: data.length,
      sha256: await sha256(data),
    });
    const received = new Uint8Array(await (incoming?.blob as Blob).arrayBuffer());
    expect(sameBytes(received, data)).toBe(true);
    expect(incoming?.blob?.type).toBe('application/octet-stream'); // never rendered inline from our origin

    expect(filesA.maxBuffered).toBeGreaterThanOrEqual(SEND_HIGH_WATER_BYTES);
    expect(filesA.maxBuffered).toBeLessThanOrEqual(SEND_HIGH_WATER_BYTES + FILE_CHUNK_BYTES);
    const bytesSeen = (log: FileTransfer[][]) => log.map((snapshot) => snapshot[0]?.bytes ?? 0);
    for (const seen of [bytesSeen(logA), bytesSeen(logB)]) {
      expect(seen.length).toBeGreaterThan(50);
      expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    }
    const states = (log: FileTransfer[][]) => [...new Set(log.map((snapshot) => snapshot[0]?.state))];
    expect(states(logA)).toEqual(['hashing', 'queued', 'transferring', 'verifying', 'done']);
    expect(states(logB)).toEqual(['transferring', 'verifying', 'done']);
  });

  it('sends an empty file', async () => {
    const network = new FakeNetwork();
    const { a, b } = connect(network, hub('anna'), 'anna', hub('ben'), 'ben');
    await a.sendFile(new Blob([]), 'leer.txt');
    await until(() => finished(a.transfers[0]) === true);
    expect(a.transfers[0]?.state).toBe('done');
    expect(b.transfers[0]?.blob?.size).toBe(0);
  });

  it('refuses a file above the limit before sending anything', async () => {
    const network = new FakeNetwork();
    const { a, b, filesA } = connect(network, hub('anna'), 'anna', hub('ben'), 'ben');
    const huge = { size: MAX_FILE_BYTES + 1, type: '', name: 'big.iso' } as unknown as Blob;
    expect(await a.sendFile(huge)).toEqual({ ok: false, reason: 'too_large' });
    expect(a.transfers).toEqual([]);
    expect(filesA.maxBuffered).toBe(0);
    expect(b.transfers).toEqual([]);
  });

  it('receiver refuses a header above its limit; the sender sees it cancelled', async () => {
    const network = new FakeNetwork();
    const { a, b } = connect(network, hub('anna'), 'anna', hub('ben', { maxFileBytes: 1000 }), 'ben');
    await a.sendFile(new Blob([randomBytes(5000)]), 'x.bin');
    await until(() => finished(a.transfers[0]) === true && finished(b.transfers[0]) === true);
    expect(b.transfers[0]).toMatchObject({ state: 'error', error: 'too_large', blob: null });
    expect(a.transfers[0]?.state).toBe('cancelled');
  });

  it('reports a hash mismatch on both sides', async () => {
    const network = new FakeNetwork();
    const corrupting = async (data: ArrayBuffer) => {
      const copy = new Uint8Array(data.slice(0));
      copy[0] = (copy[0] ?? 0) ^ 0xff;
      return crypto.subtle.digest('SHA-256', copy);
    };
    const { a, b } = connect(network, hub('anna'), 'anna', hub('ben', { digest: corrupting }), 'ben');
    await a.sendFile(new Blob([randomBytes(200_000)]), 'x.bin');
    await until(() => finished(a.transfers[0]) === true && finished(b.transfers[0]) === true);
    expect(b.transfers[0]).toMatchObject({ state: 'error', error: 'hash_mismatch', blob: null });
    expect(a.transfers[0]).toMatchObject({ state: 'error', error: 'hash_mismatch' });
  });

  it('cancels mid-transfer from the receiver; the next file still arrives intact', async () => {
    const network = new FakeNetwork();
    network.bytesPerTick = 64 * 1024;
    const { a, b } = connect(network, hub('anna'), 'anna', hub('ben'), 'ben');
    const first = randomBytes(3 * 1024 * 1024);
    const second = randomBytes(700_000);
    await a.sendFile(new Blob([first]), 'eins.bin');
    await until(() => (b.transfers[0]?.bytes ?? 0) > 500_000);
    b.cancel(b.transfers[0]?.id as string);
    await a.sendFile(new Blob([second]), 'zwei.bin');
    await until(() => a.transfers.length === 2 && b.transfers.length === 2 && a.transfers.every(finished));
    await until(() => b.transfers.every(finished));
    expect(a.transfers.map((t) => t.state)).toEqual(['cancelled', 'done']);
    expect(b.transfers.map((t) => t.state)).toEqual(['cancelled', 'done']);
    const received = new Uint8Array(await (b.transfers[1]?.blob as Blob).arrayBuffer());
    expect(await sha256(received)).toBe(await sha256(second));
  });

  it('cancels from the sender', async () => {
    const network = new FakeNetwork();
    network.bytesPerTick = 64 * 1024;
    const { a, b } = connect(network, hub('anna'), 'anna', hub('ben'), 'ben');
    await a.sendFile(new Blob([randomBytes(3 * 1024 * 1024)]), 'x.bin');
    await until(() => (b.transfers[0]?.bytes ?? 0) > 200_000);
    a.cancel(a.transfers[0]?.id as string);
    await until(() => finished(a.transfers[0]) === true && finished(b.transfers[0]) === true);
    expect(a.transfers[0]?.state).toBe('cancelled');
    expect(b.transfers[0]?.state).toBe('cancelled');
  });

  it('in a group sends to each peer; a peer leaving fails only its transfer', async () => {
    const network = new FakeNetwork();
    network.bytesPerTick = 64 * 1024;
    const anna = hub('anna');
    const ben = hub('ben');
    const cleo = hub('cleo');
    connect(network, anna, 'anna', ben, 'ben');
    const toCleo = connect(network, anna, 'anna', cleo, 'cleo');
    const data = randomBytes(2 * 1024 * 1024);
    await anna.sendFile(new Blob([data]), 'Plan.pdf');
    await until(() => (cleo.transfers[0]?.bytes ?? 0) > 100_000);
    anna.detach('cleo'); // CallSession does this when Cleo leaves, and closes the peer connection:
    toCleo.filesA.close();
    await until(() => anna.transfers.every(finished) && finished(ben.transfers[0]) === true);
    const byPeer = Object.fromEntries(anna.transfers.map((t) => [t.peerId, t]));
    expect(byPeer.ben).toMatchObject({ state: 'done' });
    expect(byPeer.cleo).toMatchObject({ state: 'error', error: 'peer_left' });
    expect(new Set(anna.transfers.map((t) => t.fileId)).size).toBe(1);
    expect(await sha256(await (ben.transfers[0]?.blob as Blob).arrayBuffer())).toBe(await sha256(data));
    await until(() => finished(cleo.transfers[0]) === true);
    expect(cleo.transfers[0]).toMatchObject({ state: 'error', error: 'channel_closed', blob: null });
  });

  it('has nothing to send to without peers', async () => {
    expect(await hub('anna').sendFile(new Blob(['x']))).toEqual({ ok: false, reason: 'no_peers' });
  });

  it('sanitises file names', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\x\\Befund.pdf')).toBe('Befund.pdf');
    expect(sanitizeFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(sanitizeFileName('..')).toBe('file');
  });
});
