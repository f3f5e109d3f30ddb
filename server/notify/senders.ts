import path from 'node:path';
import type { Config } from '../config/config';
import { OutboxMailer, SmtpMailer, type Mailer } from './mailer';
import { OutboxSmsSender, TwilioSmsSender, type SmsSender } from './sms';

/**
 * The local outbox writes whole messages (addresses, mobile numbers, live links) to DATA_DIR and
 * stdout: a development convenience that production must never fall back to (P-21, P-03).
 */
function outboxAllowed(config: Pick<Config, 'environment'>): boolean {
  return config.environment !== 'production';
}

export function createMailer(config: Config, print: (line: string) => void): Mailer {
  if (config.mail.smtpUrl) return new SmtpMailer(config.mail.smtpUrl, config.mail.from);
  // The configuration already refuses production without SMTP_URL; this keeps it so if that changes.
  if (!outboxAllowed(config)) throw new Error('Production needs SMTP_URL: the local outbox is for development only.');
  return new OutboxMailer(path.join(config.dataDir, 'outbox'), print);
}

/** Undefined: this installation cannot send SMS, and SMS invitations are refused (`sms_unavailable`). */
export function createSmsSender(config: Config, print: (line: string) => void): SmsSender | undefined {
  if (config.sms) return new TwilioSmsSender(config.sms);
  return outboxAllowed(config) ? new OutboxSmsSender(path.join(config.dataDir, 'outbox'), print) : undefined;
}
