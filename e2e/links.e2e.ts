import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/database';
import { consultations } from '../server/db/schema';
import {
  Api,
  AppServer,
  createConsultation,
  createHost,
  invitationLink,
  launchChromium,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
} from './support';
import { expectVideoDecoding } from './support/media';
import { admitByName, enterWaitingRoom, expectInvalidLinkPage, expectNotYetValidPage, openHostRoom, startScreenShare, waitForSnapshot } from './support/room';

/**
 * Invitation links that cannot be used show their pages — expired, revoked and unknown the same
 * "cannot be used" page (an unknown token is indistinguishable), not-yet-valid a page that says when
 * it opens — and a guest who is not admitted never receives another participant's SDP or ICE
 * candidates while the host and an admitted guest negotiate (every frame of its socket recorded).
 */

/** Chromium logs every 4xx answer to fetch() as a console error; these pages provoke them on purpose. */
const joinRefusals = [/Failed to load resource: the server responded with a status of (403|410) .*\/api\/join\)$/];

describe('invitation links and the waiting room', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  let hostApi: Api;
  let hostPage: TrackedPage;
  const pages: TrackedPage[] = [];
  const report = reportServerOnFailure();

  async function openPage(): Promise<TrackedPage> {
    const tracked = await TrackedPage.open(browser, server.origin);
    pages.push(tracked);
    return tracked;
  }

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
    hostPage = await openPage();
    hostApi = new Api(hostPage.context.request, server.origin);
    await createHost(hostApi, smtp, { firstName: 'Lena', lastName: 'Lindner' });
  });

  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  async function invite(name: string, options: { startsAt?: string; windowMinutes?: number } = {}) {
    const email = uniqueEmail(name.split(' ')[0]!.toLowerCase());
    const consultation = await createConsultation(hostApi, [{ name, email }], options);
    return { consultation, link: await invitationLink(smtp, email, server.origin) };
  }

  it('shows the pages of expired, not-yet-valid, revoked and unknown links', async () => {
    const expired = await invite('Erna Abgelaufen');
    const revoked = await invite('Rita Zurückgezogen');
    // Tomorrow at 10:30 (UTC): the page names the opening time.
    const opensAt = new Date(Date.now() + 24 * 60 * 60 * 1000);
    opensAt.setUTCHours(10, 30, 0, 0);
    const later = await invite('Paul Später', { startsAt: opensAt.toISOString(), windowMinutes: 30 });

    await hostApi.expect(200, 'DELETE', `/api/consultations/${revoked.consultation.id}/invitations/${revoked.consultation.invitations[0]!.id}`);

    // Expire one: one process per data directory, so stop the server, move the window, start again.
    await server.stop();
    const database = await openDatabase({ kind: 'pglite', dataDir: server.dataDir });
    try {
      const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
      const moved = await database.db
        .update(consultations)
        .set({ validFrom: new Date(hourAgo.getTime() - 60 * 60 * 1000), validUntil: hourAgo })
        .where(eq(consultations.id, expired.consultation.id))
        .returning({ id: consultations.id });
      expect(moved).toHaveLength(1);
    } finally {
      await database.close();
    }
    await server.start();

    const unknownLink = `${server.origin}/join#${randomBytes(32).toString('base64url')}`;
    const texts: Record<string, string> = {};
    for (const [kind, link] of [
      ['expired', expired.link],
      ['revoked', revoked.link],
      ['unknown', unknownLink],
    ] as const) {
      const page = await openPage();
      await page.page.goto(link);
      texts[kind] = await expectInvalidLinkPage(page.page);
      // Nothing about the practice or other guests is shown.
      expect(texts[kind]).not.toContain('Lindner');
      expect(texts[kind]).not.toMatch(/Erna|Rita|Abgelaufen|Zurückgezogen/);
      expect(page.problems(joinRefusals)).toEqual([]);
    }
    // The unknown token gets the very same page as a real one that cannot be used.
    expect(texts.unknown).toBe(texts.revoked);
    expect(texts.expired).toBe(texts.revoked);

    const early = await openPage();
    await early.page.goto(later.link);
    await expectNotYetValidPage(early.page, opensAt);
    expect(early.problems(joinRefusals)).toEqual([]);
  });

  it('never relays SDP or candidates to a guest who is still waiting', async () => {
    const names = { admitted: 'Anna Drin', waiting: 'Walter Wartend' };
    const emails = { admitted: uniqueEmail('anna'), waiting: uniqueEmail('walter') };
    const consultation = await createConsultation(hostApi, [
      { name: names.admitted, email: emails.admitted },
      { name: names.waiting, email: emails.waiting },
    ]);
    const admittedLink = await invitationLink(smtp, emails.admitted, server.origin);
    const waitingLink = await invitationLink(smtp, emails.waiting, server.origin);

    await openHostRoom(hostPage.page, consultation.id);

    // The waiting guest is in the waiting room first, with every frame of its socket recorded.
    const waiting = await openPage();
    await waiting.page.goto(waitingLink);
    await enterWaitingRoom(waiting.page);
    const admitted = await openPage();
    await admitted.page.goto(admittedLink);
    await enterWaitingRoom(admitted.page);
    await waitForSnapshot(hostPage.page, (s) => s.participants.filter((p) => p.status === 'waiting').length === 2, 15_000, 'two waiting');

    // Host and the admitted guest negotiate: camera, then a screen share (a renegotiation).
    await admitByName(hostPage.page, names.admitted);
    await expectVideoDecoding(admitted.page, 1, 'admitted guest');
    await expectVideoDecoding(hostPage.page, 1, 'host');
    await startScreenShare(hostPage.page);
    await expectVideoDecoding(admitted.page, 2, 'admitted guest (camera + screen)');

    // The host and the admitted guest did exchange descriptions and candidates…
    const hostReceived = hostPage.signalingMessages('received');
    expect(hostReceived.some((m) => m.type === 'signal')).toBe(true);
    // … and none of it reached the waiting guest: no signal frame, no SDP, no candidate, no name.
    const frames = waiting.webSocketFrames.filter((frame) => frame.direction === 'received');
    expect(frames.length).toBeGreaterThan(0);
    const types = waiting.signalingMessages('received').map((m) => m.type);
    expect(types).not.toContain('signal');
    for (const frame of frames) {
      expect(frame.payload).not.toMatch(/v=0\r?\n|a=fingerprint|candidate:/);
      expect(frame.payload).not.toContain(names.admitted);
    }
    const seen = await waitForSnapshot(waiting.page, (s) => s.state === 'waiting');
    expect(seen.participants.map((p) => p.role)).toEqual(['host']);

    await hostApi.expect(200, 'POST', `/api/consultations/${consultation.id}/end`);
    for (const page of [hostPage, waiting, admitted]) expect(page.problems(joinRefusals), page.page.url()).toEqual([]);
  });
});
