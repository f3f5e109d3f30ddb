import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Api, chromiumSuite, createConsultation, createHost, invitationLink, uniqueEmail } from './support';
import { expectVideoDecoding } from './support/media';
import { admitByName, endForEveryone, enterWaitingRoom, expectChatShown, openHostRoom, sendChat, waitForSnapshot } from './support/room';

/**
 * P-11 for guests: in a real call, a guest invited by e-mail has the chat PDF (made in the guest's
 * browser) sent to the address the invitation went to — shown masked before sending — through a
 * real SMTP server, also after leaving the call and after the host ended the consultation (with the
 * sealed ticket the end hands over); after the named limit the page says so.
 */

const SUBJECT = /Chatverlauf Ihres Videotermins/;

describe('a guest has the chat e-mailed to the invitation address', () => {
  const suite = chromiumSuite();
  const { smtp } = suite;

  it('sends the PDF to the invitation address during and after the call, then hits the limit', async () => {
    const marker = `Befund besprochen ${randomBytes(4).toString('hex')}`;
    const host = await suite.open();
    const guest = await suite.open();
    const hostApi = new Api(host.context.request, suite.server.origin);
    await createHost(hostApi, smtp, { firstName: 'Paula', lastName: 'Praxis' });
    const email = uniqueEmail('dora');
    const masked = `d***@${email.split('@')[1]}`;
    const consultation = await createConsultation(hostApi, [{ name: 'Dora Gast', email }]);
    const link = await invitationLink(smtp, email, suite.server.origin);

    await openHostRoom(host.page, consultation.id);
    await guest.page.goto(link);
    await enterWaitingRoom(guest.page);
    await admitByName(host.page, 'Dora Gast');
    await expectVideoDecoding(guest.page, 1, 'guest');
    await sendChat(host.page, marker);
    await expectChatShown(guest.page, marker);

    // In the call: the guest sees where the chat would go, masked, before sending.
    const mailButton = guest.page.getByRole('button', { name: 'Chat als PDF per E-Mail senden', exact: true });
    await guest.page.getByText(`an die Adresse, an die Ihre Einladung ging: an ${masked}`, { exact: false }).waitFor({ timeout: 15_000 });
    expect(await guest.page.getByRole('main').innerText()).not.toContain(email);
    await mailButton.click();
    await guest.page.getByText(`Der Chat ist als PDF an ${masked} unterwegs`, { exact: false }).waitFor({ timeout: 15_000 });
    const first = await smtp.take(email, SUBJECT);
    expect(first.to).toEqual([email.toLowerCase()]);
    expect(first.attachments).toHaveLength(1);
    expect(first.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(first.attachments[0]!.content.toString('latin1')).toContain(marker);

    // At the end of the call (the guest left; the consultation is still open): still possible.
    await guest.page.getByRole('group', { name: 'Steuerung' }).getByRole('button', { name: 'Verlassen', exact: true }).click();
    await guest.page.getByRole('button', { name: 'Ja, verlassen', exact: true }).click();
    await waitForSnapshot(guest.page, (s) => s.state === 'ended', 15_000, 'guest left');
    const afterCall = guest.page.getByRole('button', { name: 'Chat als PDF per E-Mail senden', exact: true });
    await guest.page.getByText(`an ${masked}`, { exact: false }).first().waitFor({ timeout: 15_000 });
    for (let n = 2; n <= 3; n++) {
      await afterCall.click();
      const mail = await smtp.take(email, SUBJECT);
      expect(mail.to).toEqual([email.toLowerCase()]);
      expect(mail.attachments[0]!.content.toString('latin1')).toContain(marker);
    }

    // The fourth within the window is refused, and the page says so.
    await afterCall.click();
    await guest.page.getByText('Zu viele Versuche', { exact: false }).waitFor({ timeout: 15_000 });
    // Nothing went anywhere but the invitation's address.
    expect(smtp.messages.filter((mail) => SUBJECT.test(mail.subject))).toEqual([]);
    expect(host.problems()).toEqual([]);
    expect(guest.problems([/status of 429/])).toEqual([]);
  });

  it('after the host ends the consultation, the guest on the ended page sends the chat to the invitation address until the limit', async () => {
    const marker = `Nachsorge besprochen ${randomBytes(4).toString('hex')}`;
    const host = await suite.open();
    const guest = await suite.open();
    const hostApi = new Api(host.context.request, suite.server.origin);
    await createHost(hostApi, smtp, { firstName: 'Henrike', lastName: 'Heilig' });
    const email = uniqueEmail('dana');
    const masked = `d***@${email.split('@')[1]}`;
    const consultation = await createConsultation(hostApi, [{ name: 'Dana Gast', email }]);
    const link = await invitationLink(smtp, email, suite.server.origin);

    await openHostRoom(host.page, consultation.id);
    await guest.page.goto(link);
    await enterWaitingRoom(guest.page);
    await admitByName(host.page, 'Dana Gast');
    await expectVideoDecoding(guest.page, 1, 'guest');
    await sendChat(host.page, marker);
    await expectChatShown(guest.page, marker);

    // One mail during the call: the invitation's limit counts it after the end as well.
    await guest.page.getByRole('button', { name: 'Chat als PDF per E-Mail senden', exact: true }).click();
    await smtp.take(email, SUBJECT);

    // The host ends the consultation for everyone: the invitation and its address are deleted.
    await endForEveryone(host.page);
    await waitForSnapshot(guest.page, (s) => s.state === 'ended', 15_000, 'guest sees the end');
    await guest.page.getByText(`an die Adresse senden lassen, an die Ihre Einladung ging: an ${masked}`, { exact: false }).waitFor({ timeout: 15_000 });
    expect(await guest.page.getByRole('main').innerText()).not.toContain(email);
    expect(await guest.page.getByRole('main').innerText()).not.toContain('kann nicht mehr per E-Mail gesendet werden');

    const send = guest.page.getByRole('button', { name: 'Chat als PDF per E-Mail senden', exact: true });
    const firstRequest = guest.page.waitForRequest((request) => request.url().includes('/api/join/chat-transcript/after-end'));
    await send.click();
    const firstTicket = (await firstRequest).headers()['x-chat-ticket'];
    expect(firstTicket).toBeTruthy();
    expect((await firstRequest).url()).not.toContain(firstTicket!);
    for (let n = 2; n <= 3; n++) {
      if (n === 3) await send.click();
      const mail = await smtp.take(email, SUBJECT);
      expect(mail.to).toEqual([email.toLowerCase()]);
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(mail.attachments[0]!.content.toString('latin1')).toContain(marker);
    }

    // The third mail of this invitation was the last: the page says so and offers the download only.
    await guest.page.getByText('so oft per E-Mail gesendet, wie es je Einladung möglich ist', { exact: false }).waitFor({ timeout: 15_000 });
    expect(await send.count()).toBe(0);
    // Replaying the first ticket (it still says two are left) does not get past the invitation's limit.
    const guestApi = new Api(guest.context.request, suite.server.origin);
    const { csrfToken } = await guestApi.expect<{ csrfToken: string }>(200, 'GET', '/api/session');
    const replay = await guest.context.request.fetch(`${suite.server.origin}/api/join/chat-transcript/after-end?lang=de`, {
      method: 'POST',
      headers: { origin: suite.server.origin, 'x-csrf-token': csrfToken, 'content-type': 'application/pdf', 'x-chat-ticket': firstTicket! },
      data: Buffer.from('%PDF-1.4\n% replay\n%%EOF\n'),
      failOnStatusCode: false,
    });
    expect(replay.status()).toBe(429);
    expect(smtp.messages.filter((mail) => SUBJECT.test(mail.subject))).toEqual([]);
    expect(host.problems()).toEqual([]);
    expect(guest.problems()).toEqual([]);
  });
});
