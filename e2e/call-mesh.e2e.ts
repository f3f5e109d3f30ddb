import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  type HostAccount,
} from './support';
import { adaptationToEach, pausedToThisPage } from './support/adaptation';
import { admitByName, enterWaitingRoom, linkDiagnostics, expectRefusedShown, mediaFromEach, openHostRoom, waitForSnapshot } from './support/room';

/**
 * A full mesh of 5 (host + 4 guests, each guest in its own browser context, all in one Chromium at
 * 320×240): every one of the 20 directed media paths decodes video frames. A 6th guest waits, is
 * refused when the host tries to admit (room full) with a clear message, and the host is told.
 */

const EXPECT_MS = 30_000;

describe('group call: 5-person mesh and a refused 6th', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  const pages: TrackedPage[] = [];
  let host: TrackedPage;
  let account: HostAccount;
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
    host = await TrackedPage.open(browser, server.origin);
    pages.push(host);
    account = await createHost(new Api(host.context.request, server.origin), smtp, { firstName: 'Greta', lastName: 'Gruppe' });
  });

  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  it('connects all 20 directed paths and refuses a 6th participant', { timeout: 360_000 }, async () => {
    const t0 = Date.now();
    const step = (what: string) => process.stderr.write(`mesh: ${what} after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const names = ['Anton Eins', 'Berta Zwei', 'Carl Drei', 'Dora Vier', 'Emil Fünf'];
    const guests = names.map((name) => ({ name, email: uniqueEmail(name.split(' ')[0]!.toLowerCase()) }));
    const consultation = await createConsultation(new Api(host.context.request, server.origin), guests);
    const links = await Promise.all(guests.map((guest) => invitationLink(smtp, guest.email, server.origin)));

    await openHostRoom(host.page, consultation.id);

    // Four guests join in parallel, each in its own context, and wait.
    const guestPages = await Promise.all(names.slice(0, 4).map(() => TrackedPage.open(browser, server.origin)));
    pages.push(...guestPages);
    await Promise.all(
      guestPages.map(async (guest, index) => {
        await guest.page.goto(links[index]!);
        await enterWaitingRoom(guest.page);
      }),
    );
    await waitForSnapshot(host.page, (s) => s.participants.filter((p) => p.status === 'waiting').length === 4, EXPECT_MS, '4 guests waiting');
    step('4 guests waiting');

    for (const name of names.slice(0, 4)) await admitByName(host.page, name);

    // Every page decodes video from each of the 4 others: 5 × 4 = 20 directed paths.
    const everyone = [account.displayName, ...names.slice(0, 4)];
    const all = [host, ...guestPages];
    const paths = async () => {
      const seen: string[] = [];
      for (const [index, page] of all.entries()) {
        const media = await mediaFromEach(page.page).catch(() => ({}) as Awaited<ReturnType<typeof mediaFromEach>>);
        for (const [from, entry] of Object.entries(media)) if (entry.framesDecoded > 0) seen.push(`${from} → ${everyone[index]}`);
      }
      return seen.sort();
    };
    // For a failure report: each path with how its sender's video adapts on that link (level, reason,
    // estimate, loss, RTT), to tell a sender that stepped down on purpose from a path that froze.
    const withSenderAdaptation = async (list: string[], note: (path: string) => string = () => '') => {
      const adaptation = await Promise.all(all.map((page) => adaptationToEach(page.page)));
      return list.map((path) => {
        const [from, to] = path.split(' → ') as [string, string];
        return `${path}${note(path)}: ${JSON.stringify(adaptation[everyone.indexOf(from)]?.[to] ?? null)}`;
      });
    };
    const expected = everyone.flatMap((to) => everyone.filter((from) => from !== to).map((from) => `${from} → ${to}`)).sort();
    expect(expected).toHaveLength(20);
    const deadline = Date.now() + 60_000;
    let seen = await paths();
    while (seen.length < expected.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      seen = await paths();
    }
    if (seen.length < expected.length) {
      // Where it stuck: every page's link state per participant and its peer connections' states.
      const details = await Promise.all(
        all.map(async (page, index) => {
          return `${everyone[index]} sees:\n  ${(await linkDiagnostics(page.page)).join('\n  ')}`;
        }),
      );
      const missing = await withSenderAdaptation(expected.filter((path) => !seen.includes(path)));
      process.stderr.write(`mesh: missing paths, with their sender's adaptation:\n  ${missing.join('\n  ')}\n${details.join('\n')}\n`);
    }
    // Soft: the refusal of a 6th below is checked whatever the mesh did.
    expect.soft(seen).toEqual(expected);
    step(`${seen.length} paths decode`);
    // … and keep decoding: every path decodes new frames. Polled, not over a fixed 2 s: with five
    // pages decoding 20 streams on two cores, a path may stall for a few seconds (CI saw 7 of 20 in
    // one 2 s window) and then go on, which a participant sees as a short freeze.
    const before = await Promise.all(all.map((page) => mediaFromEach(page.page)));
    const stalled = async () => {
      const now = await Promise.all(all.map((page) => mediaFromEach(page.page)));
      return now.flatMap((media, index) =>
        Object.entries(media)
          .filter(([from, entry]) => seen.includes(`${from} → ${everyone[index]}`) && entry.framesDecoded <= (before[index]![from]?.framesDecoded ?? 0))
          .map(([from]) => `${from} → ${everyone[index]}`),
      );
    };
    let stuck = await stalled();
    for (const keepDeadline = Date.now() + 20_000; stuck.length > 0 && Date.now() < keepDeadline; stuck = await stalled()) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    // A sender whose link turns weak pauses its video to that person, and their page says so in
    // words (web/call/adaptation.ts): on this loopback only a starved machine does that (CI, five
    // pages on two cores: RTCP round trips over a second). Such a path is told, not frozen; a
    // mesh that paused most of its paths would be no call, so they stay a minority.
    const told = new Set(
      (await Promise.all(all.map(async (page, index) => (await pausedToThisPage(page.page)).map((from) => `${from} → ${everyone[index]}`)))).flat(),
    );
    if (stuck.length > 0) {
      const lines = await withSenderAdaptation(stuck, (path) => (told.has(path) ? ' (paused, receiver told)' : ''));
      process.stderr.write(`mesh: stalled paths, with their sender's adaptation:\n  ${lines.join('\n  ')}\n`);
    }
    expect
      .soft(
        stuck.filter((path) => !told.has(path)),
        'paths that decoded no new frame within 20 s, their receiver not told the video is paused',
      )
      .toEqual([]);
    expect.soft(stuck.length, 'paths paused because of the link').toBeLessThan(expected.length / 2);
    step('they keep decoding');
    // The 6th waits, and is refused on admission: a clear message to them, a notice to the host.
    const sixth = await TrackedPage.open(browser, server.origin);
    pages.push(sixth);
    // Five pages decode 20 video streams on this machine's two cores meanwhile: the sixth page's
    // `load` event and each of its steps can take longer than the default 15 s (in CI its join form
    // rendered 10 s after the request and the name field missed the default wait).
    await sixth.page.goto(links[4]!, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await enterWaitingRoom(sixth.page, { timeoutMs: 60_000 });
    await waitForSnapshot(host.page, (s) => s.participants.some((p) => p.displayName === names[4] && p.status === 'waiting'), EXPECT_MS, '6th waiting');
    await admitByName(host.page, names[4]!);
    await waitForSnapshot(
      host.page,
      (s) => s.refused.some((r) => r.displayName === names[4] && r.reason === 'room_full'),
      EXPECT_MS,
      'host told of the refusal',
    );
    await waitForSnapshot(sixth.page, (s) => s.error === 'room_full' || s.lastServerError?.code === 'room_full', EXPECT_MS, '6th told the room is full');
    await expectRefusedShown(host.page, sixth.page, names[4]!);
    const sixthState = await waitForSnapshot(sixth.page, (s) => s.self !== null, EXPECT_MS);
    expect(sixthState.self?.status).toBe('waiting');
    expect(sixthState.participants.filter((p) => p.role !== 'host')).toEqual([]);

    step('6th refused');
    for (const page of pages) expect(page.problems(), page.page.url()).toEqual([]);
  });
});
