import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addColleague,
  Api,
  AppServer,
  createOrganization,
  HOST_PASSWORD,
  invitationLink,
  launchChromium,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
  type HostAccount,
} from './support';
import { expectVideoDecoding } from './support/media';
import { endForEveryone, enterWaitingRoom, linkDiagnostics, openHostRoom, waitForSnapshot } from './support/room';

/**
 * An organisation in four Chromium contexts (German UI): the representative invites a member on the
 * organisation page; the member accepts the mailed invitation and logs in; both see each other
 * online; the member calls the representative, who answers the ring, and both decode video. Then
 * practice staff admit a guest into the member's consultation without ever being able to join the
 * call, and the representative deactivates the member, who is cut off within seconds.
 */
describe('organisation: colleagues, colleague call, practice staff, deactivation', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  let representative: TrackedPage;
  let member: TrackedPage;
  let staff: TrackedPage;
  let guest: TrackedPage;
  let representativeAccount: HostAccount;
  let memberAccount: { id: string; displayName: string };
  const memberNames = { firstName: 'Mia', lastName: 'Mitglied' };
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
    representative = await TrackedPage.open(browser, server.origin);
    member = await TrackedPage.open(browser, server.origin);
    staff = await TrackedPage.open(browser, server.origin);
    guest = await TrackedPage.open(browser, server.origin);
    representativeAccount = await createOrganization(new Api(representative.context.request, server.origin), smtp, {
      firstName: 'Rita',
      lastName: 'Vertretung',
      organization: 'Praxis am Dom',
    });
  });

  afterAll(async () => {
    for (const page of [representative, member, staff, guest]) await page?.close().catch(() => undefined);
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  it('invites a member who activates; both see each other; the member calls and the representative answers', async () => {
    const memberEmail = uniqueEmail('mia');

    // --- The representative invites on the organisation page.
    await representative.page.goto('/organization');
    const invite = representative.page.getByRole('region', { name: 'Kollegin oder Kollegen einladen' });
    await invite.getByLabel('E-Mail-Adresse', { exact: true }).fill(memberEmail);
    await invite.getByLabel('Mitglied', { exact: true }).check();
    await invite.getByRole('button', { name: 'Einladung senden', exact: true }).click();
    await invite.getByText(`Die Einladung an ${memberEmail} ist unterwegs.`).waitFor();

    // --- The member accepts the mailed invitation and logs in.
    const mail = await smtp.take(memberEmail, /^Einladung zu einer Organisation bei Sprechzimmer$/);
    const link = mail.links.find((candidate) => new URL(candidate).pathname === '/accept-invitation');
    expect(link, mail.text).toBeDefined();
    await member.page.goto(link!);
    await member.page.getByLabel('Vorname', { exact: true }).fill(memberNames.firstName);
    await member.page.getByLabel('Nachname', { exact: true }).fill(memberNames.lastName);
    await member.page.getByLabel('Passwort', { exact: true }).fill(HOST_PASSWORD);
    await member.page.getByLabel('Ich akzeptiere die Nutzungsbedingungen.', { exact: true }).check();
    await member.page.getByLabel('Ich habe die Datenschutzerklärung zur Kenntnis genommen.', { exact: true }).check();
    await member.page.getByRole('button', { name: 'Einladung annehmen', exact: true }).click();
    await member.page.goto('/login');
    await member.page.getByLabel('E-Mail-Adresse', { exact: true }).fill(memberEmail);
    await member.page.getByLabel('Passwort', { exact: true }).fill(HOST_PASSWORD);
    await member.page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await member.page.waitForURL('**/dashboard');
    const memberDisplayName = `${memberNames.firstName} ${memberNames.lastName}`;

    // --- Both see each other online in the colleague list.
    await representative.page.goto('/dashboard');
    const colleaguesOfRepresentative = representative.page.getByRole('region', { name: 'Kolleginnen und Kollegen' });
    const colleaguesOfMember = member.page.getByRole('region', { name: 'Kolleginnen und Kollegen' });
    await colleaguesOfRepresentative.getByRole('listitem').filter({ hasText: memberDisplayName }).getByText('online', { exact: true }).waitFor();
    await colleaguesOfMember.getByRole('listitem').filter({ hasText: representativeAccount.displayName }).getByText('online', { exact: true }).waitFor();

    // --- The member calls; the representative's page rings and answers.
    await colleaguesOfMember.getByRole('button', { name: `${representativeAccount.displayName} anrufen`, exact: true }).click();
    await colleaguesOfMember.getByText(`${representativeAccount.displayName} wird angerufen …`).waitFor();
    const ring = representative.page.getByRole('alertdialog', { name: 'Eingehender Anruf' });
    await ring.getByText(`${memberDisplayName} ruft Sie an.`).waitFor();
    await ring.getByRole('button', { name: 'Annehmen', exact: true }).click();

    await member.page.waitForURL(/\/consultations\/[0-9a-f-]{36}\/room$/);
    await representative.page.waitForURL(/\/calls\/[0-9a-f-]{36}$/);
    const bothConnected = Promise.all([
      waitForSnapshot(
        member.page,
        (s) => s.self?.role === 'host' && s.participants.some((p) => p.role === 'member' && p.link === 'connected'),
        20_000,
        'member (caller) linked to the callee',
      ),
      waitForSnapshot(
        representative.page,
        (s) => s.self?.role === 'member' && s.participants.some((p) => p.role === 'host' && p.link === 'connected'),
        20_000,
        'representative (callee) linked to the caller',
      ),
    ]);
    const [, callee] = await bothConnected.catch(async (error: unknown) => {
      const links = [...(await linkDiagnostics(member.page)), ...(await linkDiagnostics(representative.page))];
      throw new Error(`${String(error)}\nlinks:\n  ${links.join('\n  ')}\nmember console:\n${member.problems().join('\n')}`);
    });
    // Names only (P-16): the callee sees the caller by name and role, nothing else.
    expect(callee.self?.displayName).toBe(representativeAccount.displayName);
    expect(callee.participants.map((p) => [p.displayName, p.role])).toEqual([[memberDisplayName, 'host']]);
    await expectVideoDecoding(member.page, 1, 'member');
    await expectVideoDecoding(representative.page, 1, 'representative');

    // --- The caller ends the call; the representative sees it end.
    await endForEveryone(member.page);
    await waitForSnapshot(representative.page, (s) => s.state === 'ended', 15_000, 'representative call ended');

    const colleaguesOf = (page: TrackedPage) =>
      new Api(page.context.request, server.origin).expect<{ colleagues: { id: string; displayName: string }[] }>(200, 'GET', '/api/colleagues');
    expect((await colleaguesOf(member)).colleagues.map((c) => c.displayName)).toEqual([representativeAccount.displayName]);
    const listed = (await colleaguesOf(representative)).colleagues.find((c) => c.displayName === memberDisplayName);
    expect(listed).toBeDefined();
    memberAccount = { id: listed!.id, displayName: memberDisplayName };
    expect(member.problems()).toEqual([]);
    expect(representative.problems()).toEqual([]);
  });

  it('practice staff admit a guest into the member’s consultation but cannot join it; deactivation cuts the member off within seconds', async () => {
    const representativeApi = new Api(representative.context.request, server.origin);
    const staffApi = new Api(staff.context.request, server.origin);
    await addColleague(representativeApi, staffApi, smtp, 'staff', { firstName: 'Sven', lastName: 'Praxisteam' });

    // --- Staff create the consultation for the member and invite the guest.
    const guestEmail = uniqueEmail('gabi');
    const consultation = await staffApi.expect<{ id: string }>(201, 'POST', '/api/consultations', {
      onBehalfOf: memberAccount.id,
      guests: [{ name: 'Gabi Gast', email: guestEmail }],
    });

    // --- The member waits in the room; the guest enters the waiting room.
    await openHostRoom(member.page, consultation.id);
    await guest.page.goto(await invitationLink(smtp, guestEmail, server.origin));
    await enterWaitingRoom(guest.page, { expectHostName: memberAccount.displayName });
    const waiting = await waitForSnapshot(guest.page, (s) => s.state === 'waiting' && s.self !== null, 15_000, 'guest waiting');

    // --- Staff admit through the waiting-room API; the guest and the member see each other.
    await staffApi.expect(200, 'POST', `/api/consultations/${consultation.id}/waiting-room/${waiting.self!.id}/admit`);
    await waitForSnapshot(guest.page, (s) => s.state === 'connected', 15_000, 'guest admitted by staff');
    await expectVideoDecoding(guest.page, 1, 'guest');
    await expectVideoDecoding(member.page, 1, 'member');

    // --- Staff never get into the call: no TURN credentials, no signaling socket, no room page.
    expect((await staffApi.call('GET', `/api/consultations/${consultation.id}/ice`)).status()).toBe(404);
    await staff.page.goto('/dashboard');
    const upgrade = await staff.page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => resolve('opened');
          socket.onclose = (event) => resolve(`closed ${event.code}`);
        }),
      `${server.origin.replace('http', 'ws')}/api/signaling?consultation=${consultation.id}`,
    );
    expect(upgrade).not.toBe('opened');
    await staff.page.goto(`/consultations/${consultation.id}/room`);
    await staff.page.getByRole('heading', { level: 1, name: 'Nur für Behandelnde' }).waitFor();
    const guestView = await waitForSnapshot(guest.page, (s) => s.state === 'connected', 1000, 'guest still in the call');
    expect(guestView.participants.map((p) => p.displayName)).toEqual([memberAccount.displayName]);

    // --- The representative deactivates the member on the organisation page.
    await representative.page.goto('/organization');
    const row = representative.page.getByRole('row').filter({ hasText: memberAccount.displayName });
    await row.getByRole('button', { name: 'Deaktivieren' }).click();
    const deactivatedAt = Date.now();
    await representative.page.getByRole('button', { name: 'Ja, deaktivieren' }).click();

    // Cut off at once: the member's page asks for a login, the guest's call ends.
    await member.page.getByText('Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.').waitFor({ timeout: 10_000 });
    await waitForSnapshot(guest.page, (s) => s.state === 'ended', 10_000, 'guest call ended by the deactivation');
    const cutOffMs = Date.now() - deactivatedAt;
    process.stdout.write(`deactivated member cut off after ${cutOffMs} ms (page asks for login, guest call ended)\n`);
    expect((await new Api(member.context.request, server.origin).call('GET', '/api/colleagues')).status()).toBe(401);
    expect(staff.problems([/Failed to load resource: the server responded with a status of 404/, /WebSocket connection to .* failed/])).toEqual([]);
  });
});
