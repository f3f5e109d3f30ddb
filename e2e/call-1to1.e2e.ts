import { createHash, randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  AppServer,
  createHost,
  FakeTwilio,
  INVITATION_SUBJECT,
  launchChromium,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
  type HostAccount,
} from './support';
import { inertName } from '../server/notify/inert-name';
import { expectAudioEnergy, expectAudioReceived, expectVideoDecoding } from './support/media';
import {
  admitByName,
  enterWaitingRoom,
  endForEveryone,
  expectEndedLinkPage,
  exportChatPdf,
  downloadReceivedFile,
  sendChat,
  sendFile,
  setMicrophone,
  startScreenShare,
  waitForSnapshot,
  expectChatShown,
} from './support/room';

/**
 * The 1:1 consultation in two Chromium contexts (German UI): the host starts it from the
 * dashboard and invites a guest by e-mail and SMS; the guest opens the mailed link, gives name and
 * consent, passes the device check and waits; the host admits. Then media both ways (getStats),
 * mute, chat, a 5 MB file (SHA-256), screen share, chat PDF, end, the link's ended page and the
 * activity entry. Neither page makes a request outside the origin or violates the CSP.
 */

const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TWILIO_TOKEN = 'e2e-twilio-auth-token-0123456789';
const TWILIO_FROM = '+4915799912345';
const GUEST_MOBILE = '0151 23456789';
const GUEST_MOBILE_E164 = '+4915123456789';

describe('1:1 video consultation', () => {
  const smtp = new SmtpCapture();
  const twilio = new FakeTwilio();
  let server: AppServer;
  let browser: Browser;
  let host: TrackedPage;
  let guest: TrackedPage;
  let account: HostAccount;
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({
      smtpUrl: await smtp.start(),
      env: {
        TWILIO_ACCOUNT_SID: TWILIO_SID,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_FROM,
        TWILIO_API_URL: await twilio.start(),
      },
    });
    browser = await launchChromium();
    host = await TrackedPage.open(browser, server.origin);
    guest = await TrackedPage.open(browser, server.origin);
    account = await createHost(new Api(host.context.request, server.origin), smtp, { firstName: 'Hanna', lastName: 'Hausarzt' });
  });

  afterAll(async () => {
    await host?.close().catch(() => undefined);
    await guest?.close().catch(() => undefined);
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
    await twilio.stop();
  });

  it('invites, admits, calls with media, mute, chat, file, screen, PDF, ends, and logs the activity', async () => {
    const guestEmail = uniqueEmail('gerd.gast');
    const guestName = 'Gerd Gast';
    const chatText = `Guten Tag, hier ist die Praxis ${randomBytes(4).toString('hex')}`;

    // --- The host starts the consultation from the dashboard, inviting by e-mail and SMS.
    await host.page.goto('/dashboard');
    await host.page.getByRole('link', { name: 'Videotermin starten' }).first().click();
    const row = host.page.getByRole('group', { name: 'Gast 1' });
    await row.getByLabel('Name', { exact: true }).fill(guestName);
    await row.getByLabel('E-Mail-Adresse', { exact: true }).fill(guestEmail);
    await row.getByLabel('Mobilnummer', { exact: true }).fill(GUEST_MOBILE);
    await host.page.getByRole('button', { name: 'Einladungen senden', exact: true }).click();
    await host.page.getByRole('link', { name: 'Zum Sprechzimmer' }).waitFor();
    const consultationId = new URL(host.page.url()).pathname.split('/')[2]!;
    expect(consultationId).toMatch(/^[0-9a-f-]{36}$/);

    // --- The invitation by e-mail (real SMTP) and by SMS (Twilio wire format).
    const mail = await smtp.take(guestEmail, INVITATION_SUBJECT);
    // The subject names no person (issue 16); the text names the host.
    expect(mail.subject).toBe('Einladung zu einem Videotermin');
    expect(mail.text).toContain(inertName(account.displayName));
    const link = mail.links.find((candidate) => candidate.startsWith(`${server.origin}/join#`));
    expect(link, mail.text).toBeDefined();
    expect(new URL(link!).hash.length).toBeGreaterThan(20);
    await expect.poll(() => twilio.requests.length, { timeout: 15_000 }).toBe(1);
    const sms = twilio.requests[0]!;
    expect(sms.accountSid).toBe(TWILIO_SID);
    expect(sms.authorization).toEqual({ username: TWILIO_SID, password: TWILIO_TOKEN });
    expect(sms.form.To).toBe(GUEST_MOBILE_E164);
    expect(sms.form.From).toBe(TWILIO_FROM);
    expect(sms.form.Body).toContain(inertName(account.displayName));
    expect(sms.form.Body).toContain(link);
    // No health information and nothing internal: the SMS holds who, when, the link.
    expect(sms.form.Body).not.toContain(guestEmail);

    // --- The host goes into the room.
    await host.page.getByRole('link', { name: 'Zum Sprechzimmer' }).click();
    await waitForSnapshot(host.page, (s) => s.signaling === 'open' && s.self?.role === 'host', 15_000, 'host in the room');

    // --- The guest opens the mailed link, gives name and consent, passes the device check.
    await guest.page.goto(link!);
    await enterWaitingRoom(guest.page, { expectHostName: account.displayName, expectSuggestedName: guestName });
    const waiting = await waitForSnapshot(guest.page, (s) => s.state === 'waiting', 15_000, 'guest waiting');
    expect(waiting.participants.every((p) => p.role === 'host')).toBe(true);

    // --- The host sees the guest by name and admits.
    await admitByName(host.page, guestName);
    await waitForSnapshot(guest.page, (s) => s.state === 'connected', 15_000, 'guest connected');

    // --- Media both ways.
    await expectVideoDecoding(guest.page, 1, 'guest');
    await expectVideoDecoding(host.page, 1, 'host');
    await expectAudioReceived(guest.page, 1, 'guest');
    await expectAudioReceived(host.page, 1, 'host');

    // --- Mute: the host sees the guest's microphone off, and the guest's audio falls silent.
    await expectAudioEnergy(host.page, (delta) => delta > 0.01, 'host hears the guest before mute');
    await setMicrophone(guest.page, false);
    await waitForSnapshot(
      host.page,
      (s) => s.participants.some((p) => p.displayName === guestName && p.media.audio === false),
      15_000,
      'host sees the guest muted',
    );
    await host.page
      .getByRole('region', { name: 'Videos' })
      .getByRole('figure', { name: guestName, exact: true })
      .getByText('Mikrofon aus', { exact: true })
      .waitFor();
    await expectAudioEnergy(host.page, (delta) => delta < 0.001, 'guest audio silent after mute');
    await setMicrophone(guest.page, true);
    await waitForSnapshot(
      host.page,
      (s) => s.participants.some((p) => p.displayName === guestName && p.media.audio === true),
      15_000,
      'host sees the guest unmuted',
    );
    await expectAudioEnergy(host.page, (delta) => delta > 0.01, 'guest audible again after unmute');

    // --- Chat, host → guest.
    await sendChat(host.page, chatText);
    await expectChatShown(guest.page, chatText);

    // --- A 5 MB file of random bytes, guest → host, byte-identical.
    const file = randomBytes(5 * 1024 * 1024);
    const fileName = 'befund-e2e.bin';
    await sendFile(guest.page, fileName, file);
    const received = await downloadReceivedFile(host.page, fileName);
    expect(received.length).toBe(file.length);
    expect(createHash('sha256').update(received).digest('hex')).toBe(createHash('sha256').update(file).digest('hex'));

    // --- Screen share, host → guest: a second remote video stream decodes frames.
    await startScreenShare(host.page);
    await waitForSnapshot(
      guest.page,
      (s) => s.participants.some((p) => p.role === 'host' && p.media.screen && p.hasScreen),
      15_000,
      'guest sees the screen share',
    );
    await expectVideoDecoding(guest.page, 2, 'guest (camera + screen)');
    await guest.page.getByRole('figure', { name: `Bildschirm von ${account.displayName}`, exact: true }).waitFor();

    // --- The chat as PDF, made in the guest's browser.
    const pdf = await exportChatPdf(guest.page);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(chatText);

    // --- The host ends: the guest is disconnected, the link shows the ended page.
    await endForEveryone(host.page);
    await waitForSnapshot(guest.page, (s) => s.state === 'ended', 15_000, 'guest call ended');
    await expectEndedLinkPage(guest.page, link!);

    // --- The activity entry: both names, a duration.
    const hostApi = new Api(host.context.request, server.origin);
    const { entries } = await hostApi.expect<{
      entries: { id: string; durationSeconds: number | null; participantNames: string[]; invitationChannels: string[] }[];
    }>(200, 'GET', '/api/activity');
    const entry = entries.find((candidate) => candidate.id === consultationId);
    expect(entry, JSON.stringify(entries)).toBeDefined();
    expect(entry!.participantNames).toEqual(expect.arrayContaining([account.displayName, guestName]));
    expect(entry!.durationSeconds).toBeGreaterThan(0);
    expect(entry!.invitationChannels).toEqual(['email', 'sms']);
    await host.page.goto('/activity');
    await host.page
      .getByRole('cell', { name: new RegExp(guestName) })
      .first()
      .waitFor();

    expect(host.problems()).toEqual([]);
    // The ended link's page comes from the server's 410 answer, which Chromium logs.
    expect(guest.problems([/Failed to load resource: the server responded with a status of 410 .*\/api\/join\)$/])).toEqual([]);
  });
});
