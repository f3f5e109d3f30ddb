import * as z from 'zod';
import { errorName, type Logger } from './logger';

/**
 * File transfer over one peer's `files` data channel (P-11: peer-to-peer only, never the server).
 *
 * Wire format on the ordered channel, per transfer: a JSON header
 * `{t:'file', id, name, size, mime, sha256}`, then `size` bytes in binary messages of at most
 * {@link FILE_CHUNK_BYTES}. The receiver reassembles, checks the SHA-256 and answers
 * `{t:'file-result', id, ok}`. Either side may send `{t:'file-cancel', id}`. One transfer at a time
 * per direction and channel (others queue), so binary messages always belong to the current header.
 */

export const FILE_CHUNK_BYTES = 64 * 1024;
/** Largest file offered or accepted (100 MiB). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
const READ_BLOCK_BYTES = 16 * FILE_CHUNK_BYTES;
/** Keep sending while less than this is queued in the channel… */
export const SEND_HIGH_WATER_BYTES = 1024 * 1024;
/** …and resume when the `bufferedamountlow` event says it fell to this. */
const SEND_LOW_WATER_BYTES = 256 * 1024;

export type TransferState = 'hashing' | 'queued' | 'transferring' | 'verifying' | 'done' | 'cancelled' | 'error';
export type TransferError = 'too_large' | 'hash_mismatch' | 'size_mismatch' | 'peer_left' | 'channel_closed' | 'refused' | 'protocol' | 'read_failed';

export interface FileTransfer {
  /** Unique per transfer: direction, peer and file. */
  readonly id: string;
  /** Same for every recipient of one file. */
  readonly fileId: string;
  readonly direction: 'outgoing' | 'incoming';
  readonly peerId: string;
  readonly name: string;
  readonly size: number;
  /** As declared by the sender; the received Blob's type is only kept for {@link SAFE_INLINE_TYPES}. */
  readonly mime: string;
  /** Hex SHA-256 (set once known). */
  readonly sha256: string | null;
  readonly bytes: number;
  readonly state: TransferState;
  readonly error: TransferError | null;
  /** Outgoing: the source; incoming: the verified file once `done`. */
  readonly blob: Blob | null;
  readonly startedAt: number;
}

/** Types a browser may render inline from a blob: URL without running script in our origin. */
const SAFE_INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain']);

const header = z.object({
  t: z.literal('file'),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().min(1).max(1024),
  size: z.number().int().nonnegative(),
  mime: z.string().max(255),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const control = z.discriminatedUnion('t', [
  header,
  z.object({ t: z.literal('file-cancel'), id: z.string().max(64) }),
  z.object({ t: z.literal('file-result'), id: z.string().max(64), ok: z.boolean() }),
]);
type Control = z.infer<typeof control>;

export type Digest = (data: ArrayBuffer) => Promise<ArrayBuffer>;
export const subtleDigest: Digest = (data) => crypto.subtle.digest('SHA-256', data);

export async function sha256Hex(data: ArrayBuffer, digest: Digest = subtleDigest): Promise<string> {
  const hash = new Uint8Array(await digest(data));
  return [...hash].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** No paths, no control characters, at most 255 characters. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const controlCharacters = /[\u0000-\u001f\u007f]/g;
  const clean = base.replace(controlCharacters, '').trim().slice(0, 255);
  return clean && clean !== '.' && clean !== '..' ? clean : 'file';
}

function sanitizeMime(mime: string): string {
  return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i.test(mime) ? mime.toLowerCase() : 'application/octet-stream';
}

type Update = (transfer: FileTransfer) => void;

interface Outgoing {
  transfer: FileTransfer;
  cancelled: boolean;
}
interface Incoming {
  transfer: FileTransfer;
  chunks: ArrayBuffer[];
}

export interface FileChannelOptions {
  peerId: string;
  channel: RTCDataChannel;
  update: Update;
  logger: Logger;
  digest?: Digest;
  now?: () => number;
  maxFileBytes?: number;
}

/** Both directions of file transfer with one peer. */
export class FileChannel {
  private readonly queue: Outgoing[] = [];
  private sending: Outgoing | null = null;
  private incoming: Incoming | null = null;
  private readonly awaitingResult = new Map<string, FileTransfer>();
  private closed = false;
  private readonly options: FileChannelOptions;
  private readonly channel: RTCDataChannel;

  constructor(options: FileChannelOptions) {
    this.options = options;
    this.channel = options.channel;
    this.channel.binaryType = 'arraybuffer';
    this.channel.bufferedAmountLowThreshold = SEND_LOW_WATER_BYTES;
    this.channel.addEventListener('message', this.onMessage);
    this.channel.addEventListener('close', this.onClose);
  }

  /** Queues a file whose hash is already known; progress and the result arrive through `update`. */
  send(transfer: FileTransfer): void {
    const item = { transfer, cancelled: false };
    this.queue.push(item);
    this.options.update(transfer);
    void this.pump();
  }

  cancel(transferId: string): void {
    const queued = this.queue.findIndex((item) => item.transfer.id === transferId);
    if (queued >= 0) {
      const [item] = this.queue.splice(queued, 1);
      if (item) this.finish(item.transfer, 'cancelled', null);
      return;
    }
    if (this.sending?.transfer.id === transferId) {
      this.sending.cancelled = true;
      return;
    }
    if (this.incoming?.transfer.id === transferId) {
      this.sendControl({ t: 'file-cancel', id: this.incoming.transfer.fileId });
      this.finish(this.incoming.transfer, 'cancelled', null);
      this.incoming = null;
    }
  }

  /** The peer left or the channel closed: everything in flight fails. */
  close(reason: TransferError = 'peer_left'): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.removeEventListener('message', this.onMessage);
    this.channel.removeEventListener('close', this.onClose);
    for (const item of this.queue.splice(0)) this.finish(item.transfer, 'error', reason);
    if (this.sending) this.sending.cancelled = true;
    if (this.sending) this.finish(this.sending.transfer, 'error', reason);
    if (this.incoming) this.finish(this.incoming.transfer, 'error', reason);
    for (const transfer of this.awaitingResult.values()) this.finish(transfer, 'error', reason);
    this.awaitingResult.clear();
    this.incoming = null;
  }

  private readonly onClose = (): void => this.close('channel_closed');

  private async pump(): Promise<void> {
    if (this.sending || this.closed) return;
    const item = this.queue.shift();
    if (!item) return;
    this.sending = item;
    try {
      await this.transmit(item);
    } catch (error) {
      this.options.logger.warn('files: send failed', { error: errorName(error) });
      if (!this.closed) {
        const open = this.channel.readyState === 'open';
        if (open) this.sendControl({ t: 'file-cancel', id: item.transfer.fileId });
        this.finish(item.transfer, 'error', open ? 'read_failed' : 'channel_closed');
      }
    } finally {
      this.sending = null;
      void this.pump();
    }
  }

  private async transmit(item: Outgoing): Promise<void> {
    if (!(await this.waitOpen())) {
      this.finish(item.transfer, 'error', 'channel_closed');
      return;
    }
    const { transfer } = item;
    const blob = transfer.blob as Blob;
    this.sendControl({
      t: 'file',
      id: transfer.fileId,
      name: transfer.name,
      size: transfer.size,
      mime: transfer.mime,
      sha256: transfer.sha256 as string,
    });
    let sent = 0;
    // Read the file in blocks of READ_BLOCK_BYTES (fewer disk reads), send it in FILE_CHUNK_BYTES messages.
    let block: ArrayBuffer | null = null;
    let blockStart = 0;
    this.progress(transfer, 'transferring', 0);
    while (sent < transfer.size) {
      if (item.cancelled || this.closed) break;
      if (this.channel.bufferedAmount >= SEND_HIGH_WATER_BYTES) {
        await this.waitLow();
        continue;
      }
      if (!block || sent >= blockStart + block.byteLength) {
        blockStart = sent;
        block = await blob.slice(sent, sent + READ_BLOCK_BYTES).arrayBuffer();
        if (block.byteLength === 0) throw new Error('file shrank while reading');
        continue;
      }
      const offset = sent - blockStart;
      const chunk = block.slice(offset, offset + FILE_CHUNK_BYTES);
      this.channel.send(chunk);
      sent += chunk.byteLength;
      this.progress(transfer, 'transferring', sent);
    }
    if (this.closed) return;
    if (item.cancelled) {
      this.sendControl({ t: 'file-cancel', id: transfer.fileId });
      this.finish(transfer, 'cancelled', null);
      return;
    }
    this.awaitingResult.set(transfer.fileId, this.latest(transfer));
    this.progress(transfer, 'verifying', sent);
  }

  private readonly onMessage = (event: MessageEvent): void => {
    if (this.closed) return;
    if (typeof event.data === 'string') {
      let parsed: ReturnType<typeof control.safeParse>;
      try {
        parsed = control.safeParse(JSON.parse(event.data));
      } catch {
        this.options.logger.warn('files: ignored invalid control message');
        return;
      }
      if (!parsed.success) {
        this.options.logger.warn('files: ignored invalid control message');
        return;
      }
      this.onControl(parsed.data);
    } else if (event.data instanceof ArrayBuffer) {
      void this.onChunk(event.data);
    }
  };

  private onControl(message: Control): void {
    switch (message.t) {
      case 'file': {
        if (this.incoming) this.finish(this.incoming.transfer, 'error', 'protocol');
        const mime = sanitizeMime(message.mime);
        const transfer: FileTransfer = {
          id: `in:${this.options.peerId}:${message.id}`,
          fileId: message.id,
          direction: 'incoming',
          peerId: this.options.peerId,
          name: sanitizeFileName(message.name),
          size: message.size,
          mime,
          sha256: message.sha256,
          bytes: 0,
          state: 'transferring',
          error: null,
          blob: null,
          startedAt: (this.options.now ?? Date.now)(),
        };
        if (message.size > (this.options.maxFileBytes ?? MAX_FILE_BYTES)) {
          this.sendControl({ t: 'file-cancel', id: message.id });
          this.finish(transfer, 'error', 'too_large');
          this.incoming = null;
          return;
        }
        this.incoming = { transfer, chunks: [] };
        this.options.update(transfer);
        if (message.size === 0) void this.complete(this.incoming);
        return;
      }
      case 'file-cancel': {
        if (this.incoming?.transfer.fileId === message.id) {
          this.finish(this.incoming.transfer, 'cancelled', null);
          this.incoming = null;
        }
        if (this.sending?.transfer.fileId === message.id) this.sending.cancelled = true;
        const waiting = this.awaitingResult.get(message.id);
        if (waiting) {
          this.awaitingResult.delete(message.id);
          this.finish(waiting, 'cancelled', null);
        }
        return;
      }
      case 'file-result': {
        const waiting = this.awaitingResult.get(message.id);
        if (!waiting) return;
        this.awaitingResult.delete(message.id);
        if (message.ok) this.finish(waiting, 'done', null);
        else this.finish(waiting, 'error', 'hash_mismatch');
      }
    }
  }

  private async onChunk(data: ArrayBuffer): Promise<void> {
    const current = this.incoming;
    if (!current) return; // after a cancel: the rest of that file is discarded
    current.chunks.push(data);
    const bytes = current.transfer.bytes + data.byteLength;
    if (bytes > current.transfer.size) {
      this.incoming = null;
      this.sendControl({ t: 'file-cancel', id: current.transfer.fileId });
      this.finish(current.transfer, 'error', 'size_mismatch');
      return;
    }
    current.transfer = this.progress(current.transfer, 'transferring', bytes);
    if (bytes === current.transfer.size) await this.complete(current);
  }

  private async complete(current: Incoming): Promise<void> {
    this.incoming = null;
    const transfer = this.progress(current.transfer, 'verifying', current.transfer.size);
    const type = SAFE_INLINE_TYPES.has(transfer.mime) ? transfer.mime : 'application/octet-stream';
    const blob = new Blob(current.chunks, { type });
    current.chunks = [];
    let ok = false;
    try {
      ok = (await sha256Hex(await blob.arrayBuffer(), this.options.digest)) === transfer.sha256;
    } catch (error) {
      this.options.logger.warn('files: hashing failed', { error: errorName(error) });
    }
    this.sendControl({ t: 'file-result', id: transfer.fileId, ok });
    if (ok) this.options.update({ ...transfer, state: 'done', blob });
    else this.finish(transfer, 'error', 'hash_mismatch');
  }

  private sendControl(message: Control): void {
    if (this.channel.readyState !== 'open') return;
    try {
      this.channel.send(JSON.stringify(message));
    } catch (error) {
      this.options.logger.warn('files: control message failed', { error: errorName(error) });
    }
  }

  private readonly latestById = new Map<string, FileTransfer>();

  private latest(transfer: FileTransfer): FileTransfer {
    return this.latestById.get(transfer.id) ?? transfer;
  }

  private progress(transfer: FileTransfer, state: TransferState, bytes: number): FileTransfer {
    const next = { ...this.latest(transfer), state, bytes };
    this.latestById.set(next.id, next);
    this.options.update(next);
    return next;
  }

  private finish(transfer: FileTransfer, state: TransferState, error: TransferError | null): void {
    const next = { ...this.latest(transfer), state, error };
    this.latestById.delete(next.id);
    this.options.update(next);
  }

  private waitOpen(): Promise<boolean> {
    if (this.channel.readyState === 'open') return Promise.resolve(true);
    if (this.channel.readyState !== 'connecting') return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => () => {
        this.channel.removeEventListener('open', onOpen);
        this.channel.removeEventListener('close', onShut);
        resolve(ok);
      };
      const onOpen = done(true);
      const onShut = done(false);
      this.channel.addEventListener('open', onOpen);
      this.channel.addEventListener('close', onShut);
    });
  }

  private waitLow(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.channel.removeEventListener('bufferedamountlow', done);
        this.channel.removeEventListener('close', done);
        resolve();
      };
      this.channel.addEventListener('bufferedamountlow', done);
      this.channel.addEventListener('close', done);
    });
  }
}
