import * as z from 'zod';
import { Emitter } from './emitter';
import { FileChannel, MAX_FILE_BYTES, sanitizeFileName, sha256Hex, subtleDigest, type Digest, type FileTransfer } from './files';
import { errorName, silentLogger, type Logger } from './logger';

/**
 * Chat and files with every connected peer, over the peers' own data channels only (P-11): nothing of
 * it passes the server, and it lives in this object's memory until the page goes away.
 */

export interface ChatMessage {
  readonly id: string;
  /** Participant id of the author (for received messages: the channel's peer, not a claim). */
  readonly from: string;
  /** The author's name as the server's roster gave it when the message arrived. */
  readonly fromName: string;
  readonly text: string;
  readonly sentAt: number;
}

export const MAX_CHAT_TEXT_LENGTH = 4000;

const chatWire = z.object({
  t: z.literal('chat'),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  text: z.string().min(1).max(MAX_CHAT_TEXT_LENGTH),
  sentAt: z.number().int().nonnegative(),
});

export type SendFileResult = { ok: true; fileId: string } | { ok: false; reason: 'too_large' | 'no_peers' | 'read_failed' };

export interface DataChannelHubOptions {
  selfId: () => string | null;
  selfName: () => string;
  /** Display name of a participant from the roster. */
  nameOf: (participantId: string) => string;
  logger?: Logger;
  digest?: Digest;
  now?: () => number;
  randomId?: () => string;
  maxFileBytes?: number;
}

export type DataChannelHubEvents = {
  /** Messages or transfers changed (progress is coalesced to whole percents). */
  change: [];
  chat: [ChatMessage];
};

interface Peer {
  chat: RTCDataChannel;
  files: FileChannel;
  pending: string[];
  detach: () => void;
}

const randomId = (): string => crypto.randomUUID().replace(/-/g, '');

export class DataChannelHub extends Emitter<DataChannelHubEvents> {
  private readonly options: DataChannelHubOptions;
  private readonly logger: Logger;
  private readonly peers = new Map<string, Peer>();
  private messageList: ChatMessage[] = [];
  private readonly seen = new Set<string>();
  private readonly transferMap = new Map<string, FileTransfer>();
  private transferList: FileTransfer[] | null = [];

  constructor(options: DataChannelHubOptions) {
    super();
    this.options = options;
    this.logger = options.logger ?? silentLogger;
  }

  get messages(): readonly ChatMessage[] {
    return this.messageList;
  }

  get transfers(): readonly FileTransfer[] {
    this.transferList ??= [...this.transferMap.values()];
    return this.transferList;
  }

  /** True when something would be lost by leaving the page (the UI warns first). */
  get hasContent(): boolean {
    return this.messageList.length > 0 || this.transferMap.size > 0;
  }

  get peerIds(): string[] {
    return [...this.peers.keys()];
  }

  attach(peerId: string, chat: RTCDataChannel, files: RTCDataChannel): void {
    this.detach(peerId);
    const onMessage = (event: MessageEvent) => this.onChat(peerId, event);
    const onOpen = () => {
      const peer = this.peers.get(peerId);
      if (!peer) return;
      for (const text of peer.pending.splice(0)) this.trySend(chat, text);
    };
    chat.addEventListener('message', onMessage);
    chat.addEventListener('open', onOpen);
    const fileChannel = new FileChannel({
      peerId,
      channel: files,
      update: (transfer) => this.onTransfer(transfer),
      logger: this.logger,
      digest: this.options.digest,
      now: this.options.now,
      maxFileBytes: this.options.maxFileBytes,
    });
    this.peers.set(peerId, {
      chat,
      files: fileChannel,
      pending: [],
      detach: () => {
        chat.removeEventListener('message', onMessage);
        chat.removeEventListener('open', onOpen);
        fileChannel.close('peer_left');
      },
    });
  }

  /** The peer left: its unfinished transfers fail; received messages and files stay. */
  detach(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    peer.detach();
  }

  /** Sends a chat message to every peer (queued for channels still opening) and keeps it locally. */
  sendChat(text: string): ChatMessage | null {
    const trimmed = text.trim();
    if (!trimmed) return null;
    if (trimmed.length > MAX_CHAT_TEXT_LENGTH) throw new RangeError('chat message too long');
    const message: ChatMessage = {
      id: (this.options.randomId ?? randomId)(),
      from: this.options.selfId() ?? 'self',
      fromName: this.options.selfName(),
      text: trimmed,
      sentAt: (this.options.now ?? Date.now)(),
    };
    const wire = JSON.stringify({ t: 'chat', id: message.id, text: message.text, sentAt: message.sentAt });
    for (const peer of this.peers.values()) {
      if (peer.chat.readyState === 'open') this.trySend(peer.chat, wire);
      else if (peer.chat.readyState === 'connecting') peer.pending.push(wire);
    }
    this.addMessage(message);
    return message;
  }

  /**
   * Sends a file to every connected peer (one transfer each). Files above the limit are refused
   * before anything is sent.
   */
  async sendFile(file: Blob, name = (file as Partial<File>).name ?? 'file'): Promise<SendFileResult> {
    if (file.size > (this.options.maxFileBytes ?? MAX_FILE_BYTES)) return { ok: false, reason: 'too_large' };
    const peers = [...this.peers.entries()];
    if (peers.length === 0) return { ok: false, reason: 'no_peers' };
    const fileId = (this.options.randomId ?? randomId)();
    const base = {
      fileId,
      direction: 'outgoing' as const,
      name: sanitizeFileName(name),
      size: file.size,
      mime: file.type || 'application/octet-stream',
      sha256: null,
      bytes: 0,
      error: null,
      blob: file,
      startedAt: (this.options.now ?? Date.now)(),
    };
    const drafts = peers.map(([peerId]) => ({ ...base, id: `out:${peerId}:${fileId}`, peerId, state: 'hashing' as const }));
    for (const draft of drafts) this.onTransfer(draft);
    let sha256: string;
    try {
      sha256 = await sha256Hex(await file.arrayBuffer(), this.options.digest ?? subtleDigest);
    } catch (error) {
      this.logger.warn('files: cannot read file', { error: errorName(error) });
      for (const draft of drafts) this.onTransfer({ ...draft, state: 'error', error: 'read_failed' });
      return { ok: false, reason: 'read_failed' };
    }
    for (const draft of drafts) {
      const current = this.transferMap.get(draft.id);
      if (current?.state === 'cancelled') continue;
      const peer = this.peers.get(draft.peerId);
      if (!peer) {
        this.onTransfer({ ...draft, sha256, state: 'error', error: 'peer_left' });
        continue;
      }
      peer.files.send({ ...draft, sha256, state: 'queued' });
    }
    return { ok: true, fileId };
  }

  cancel(transferId: string): void {
    const transfer = this.transferMap.get(transferId);
    if (!transfer) return;
    if (transfer.state === 'hashing') {
      this.onTransfer({ ...transfer, state: 'cancelled' });
      return;
    }
    this.peers.get(transfer.peerId)?.files.cancel(transferId);
  }

  /** Forgets everything (leaving the call). */
  clear(): void {
    for (const peerId of [...this.peers.keys()]) this.detach(peerId);
    this.messageList = [];
    this.seen.clear();
    this.transferMap.clear();
    this.transferList = null;
    this.emit('change');
  }

  private trySend(channel: RTCDataChannel, text: string): void {
    try {
      channel.send(text);
    } catch (error) {
      this.logger.warn('chat: send failed', { error: errorName(error) });
    }
  }

  private onChat(peerId: string, event: MessageEvent): void {
    if (typeof event.data !== 'string') return;
    let parsed: ReturnType<typeof chatWire.safeParse> | null;
    try {
      parsed = chatWire.safeParse(JSON.parse(event.data));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      this.logger.warn('chat: ignored an invalid message');
      return;
    }
    const key = `${peerId}:${parsed.data.id}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.addMessage({
      id: parsed.data.id,
      from: peerId,
      fromName: this.options.nameOf(peerId),
      text: parsed.data.text,
      sentAt: parsed.data.sentAt,
    });
  }

  private addMessage(message: ChatMessage): void {
    this.messageList = [...this.messageList, message];
    this.emit('chat', message);
    this.emit('change');
  }

  private onTransfer(transfer: FileTransfer): void {
    const previous = this.transferMap.get(transfer.id);
    this.transferMap.set(transfer.id, transfer);
    this.transferList = null;
    const percent = (t: FileTransfer) => (t.size === 0 ? 100 : Math.floor((t.bytes / t.size) * 100));
    if (!previous || previous.state !== transfer.state || percent(previous) !== percent(transfer)) this.emit('change');
  }
}
