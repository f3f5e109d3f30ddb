import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomToken } from '../security/tokens';

export interface SmsMessage {
  /** E.164. */
  to: string;
  text: string;
}

/** The provider refused or could not be reached; the host sees `reason`, never a swallowed failure. */
export class SmsDeliveryError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SmsDeliveryError';
  }
}

/** Sends SMS. Replaceable (P-23): Twilio's REST API, or the local outbox in development. */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

const TWILIO_TIMEOUT_MS = 10_000;

/** Twilio Messages resource: form-encoded POST with basic auth, JSON answer. */
export class TwilioSmsSender implements SmsSender {
  constructor(private readonly settings: { accountSid: string; authToken: string; from: string; apiUrl: string }) {}

  async send(message: SmsMessage): Promise<void> {
    const { accountSid, authToken, from, apiUrl } = this.settings;
    const url = new URL(`/2010-04-01/Accounts/${accountSid}/Messages.json`, apiUrl);
    const form = new URLSearchParams({ To: message.to, Body: message.text });
    // A Messaging Service SID (MG…) is sent as such; anything else is the sender number.
    form.set(from.startsWith('MG') ? 'MessagingServiceSid' : 'From', from);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form,
        signal: AbortSignal.timeout(TWILIO_TIMEOUT_MS),
      });
    } catch {
      throw new SmsDeliveryError('The SMS provider could not be reached.');
    }
    if (response.ok) return;
    const body = (await response.json().catch(() => ({}))) as { code?: number; message?: string };
    throw new SmsDeliveryError(
      `The SMS provider refused the message (HTTP ${response.status}${body.code ? `, code ${body.code}` : ''}${body.message ? `: ${body.message}` : ''}).`,
    );
  }
}

/** Development stand-in: each SMS becomes a JSON file next to the mail outbox. */
export class OutboxSmsSender implements SmsSender {
  constructor(
    private readonly directory: string,
    private readonly print: (line: string) => void,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const createdAt = new Date().toISOString();
    const id = `${createdAt.replace(/[:.]/g, '-')}-sms-${randomToken(6)}`;
    const links = message.text.match(/https?:\/\/\S+/g) ?? [];
    await writeFile(
      path.join(this.directory, `${id}.json`),
      JSON.stringify({ id, createdAt, to: message.to, subject: 'SMS', text: message.text, links }, null, 2),
      { mode: 0o600 },
    );
    this.print(`[outbox] SMS${links.map((link) => `\n  ${link}`).join('')}`);
  }
}
