import type { EmailLinks } from '../accounts/email-links';
import type { AccountRow } from '../accounts/store';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock';
import type { AfterAnswer } from '../http/after-answer';
import type { Mailer } from '../notify/mailer';
import { renderMail, type Locale } from '../notify/mail-templates';
import type { DeviceDescription } from './device';

/** What the mail says of the account: whom it goes to, in which language, and the link's owner. */
export type NoticeAccount = Pick<AccountRow, 'id' | 'locale' | 'email' | 'firstName' | 'lastName'>;

/** The practices we serve are in Germany; the time in the mail is theirs (as in invitations). */
const MAIL_TIME_ZONE = 'Europe/Berlin';

/**
 * "New sign-in to your account" (issue 12): sent when a login completes in a browser the account does
 * not know (server/sessions/known-browsers.ts), with the browser, the system and
 * the time, a link to the list of sign-ins where the person ends the others, and a single-use link
 * "this was not me" (AccountService.disownSignIn).
 */
export class SignInNotices {
  constructor(
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly publicOrigin: string,
    private readonly links: EmailLinks,
    private readonly afterAnswer: AfterAnswer,
  ) {}

  /**
   * Queued after the login's answer (issue 17): the link's transaction, the rendering and the
   * sending took a correct login's main thread for as long as the rest of it. A mail server that is
   * away does not undo the sign-in; the failure is logged with the request.
   */
  newBrowserLater(account: NoticeAccount, device: DeviceDescription, log: FastifyBaseLogger): void {
    this.afterAnswer.queue('sign-in notice not sent', () => this.newBrowser(account, device), log);
  }

  async newBrowser(account: NoticeAccount, device: DeviceDescription): Promise<void> {
    const locale = account.locale as Locale;
    const unknown = locale === 'de' ? 'unbekannt' : 'unknown';
    const time = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: MAIL_TIME_ZONE }).format(
      this.clock.now(),
    );
    await this.mailer.send(
      renderMail('newSignIn', {
        to: account.email,
        locale,
        recipientName: `${account.firstName} ${account.lastName}`,
        link: `${this.publicOrigin}/profile#sessions`,
        secondLink: this.links.link('disown_sign_in', await this.links.issue(account.id, 'disown_sign_in')),
        facts: { device: `${device.browser ?? unknown}, ${device.os ?? unknown}`, time },
      }),
    );
  }
}
