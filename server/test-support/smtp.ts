import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  links: string[];
  /** Attachments as delivered (the chat PDF), decoded. */
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
}

/**
 * A real SMTP server on loopback that keeps what it receives, so tests read the confirmation link
 * from an actual delivered message.
 */
export class SmtpCapture {
  readonly messages: ReceivedMail[] = [];
  private waiters: { predicate: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }[] = [];
  private readonly server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const text = parsed.text ?? '';
            const mail: ReceivedMail = {
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: parsed.subject ?? '',
              text,
              links: text.match(/https?:\/\/\S+/g) ?? [],
              attachments: parsed.attachments.map((file) => ({ filename: file.filename, contentType: file.contentType, content: file.content })),
            };
            this.messages.push(mail);
            this.waiters = this.waiters.filter((waiter) => {
              if (!waiter.predicate(mail)) return true;
              waiter.resolve(mail);
              return false;
            });
            callback();
          })
          .catch(callback);
      },
    });
  }

  async start(host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, host, resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return `smtp://${host}:${this.port}/?pool=true`;
  }

  /** Resolves with the first message (already received or arriving) to the address. */
  waitFor(to: string, subjectPattern?: RegExp, timeoutMs = 10_000): Promise<ReceivedMail> {
    const predicate = (mail: ReceivedMail) => mail.to.includes(to.toLowerCase()) && (!subjectPattern || subjectPattern.test(mail.subject));
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (mail) => {
          clearTimeout(timer);
          resolve(mail);
        },
      });
    });
  }

  /** Takes the message out, so the next waitFor sees only newer ones. */
  async take(to: string, subjectPattern?: RegExp): Promise<ReceivedMail> {
    const mail = await this.waitFor(to, subjectPattern);
    this.messages.splice(this.messages.indexOf(mail), 1);
    return mail;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
