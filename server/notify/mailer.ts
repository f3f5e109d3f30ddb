import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { randomToken } from '../security/tokens';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/** Sends e-mail. Replaceable (P-23): SMTP in production, a local outbox for development. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

export class SmtpMailer implements Mailer {
  /** nodemailer (0.4 MB of code) is loaded with the first message, not at every start. */
  private transport: Promise<Transporter> | undefined;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(this.smtpUrl));
    await (await this.transport).sendMail({ from: this.from, ...message });
  }

  async close(): Promise<void> {
    (await this.transport)?.close();
  }
}

export interface OutboxEntry {
  id: string;
  createdAt: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
}

/**
 * Development stand-in for SMTP: each message becomes a JSON file under DATA_DIR/outbox and its
 * links are printed, so a local user can confirm an address without a mail server.
 */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly directory: string,
    private readonly print: (line: string) => void,
  ) {}

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const createdAt = new Date().toISOString();
    const id = `${createdAt.replace(/[:.]/g, '-')}-${randomToken(6)}`;
    const links = message.text.match(/https?:\/\/\S+/g) ?? [];
    // Attachments are relayed content (a chat transcript): the outbox notes them but never writes them.
    const attachmentNote = (message.attachments ?? [])
      .map((attachment) => `\n[attachment ${attachment.filename}, ${attachment.content.length} bytes, not kept]`)
      .join('');
    const entry: OutboxEntry = { id, createdAt, to: message.to, subject: message.subject, text: message.text + attachmentNote, links };
    await writeFile(path.join(this.directory, `${id}.json`), JSON.stringify(entry, null, 2), { mode: 0o600 });
    this.print(`[outbox] "${message.subject}"${links.map((link) => `\n  ${link}`).join('')}`);
  }

  async list(): Promise<OutboxEntry[]> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    const entries = await Promise.all(
      names.filter((name) => name.endsWith('.json')).map(async (name) => JSON.parse(await readFile(path.join(this.directory, name), 'utf8')) as OutboxEntry),
    );
    return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async close(): Promise<void> {}
}
