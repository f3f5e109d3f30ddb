import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Api, createConsultation, createHost, invitationLink } from './support';
import { activate, announcements, hasFocus, recordAnnouncements, timesAnnounced, typeInto } from './support/keyboard';
import { expectVideoDecoding } from './support/media';
import { waitForSnapshot } from './support/room';
import { chromiumSuite } from './support/suite';

/**
 * Issue 14: the guest's journey and the host's admit-and-talk journey with the keyboard alone (no
 * click, no fill), visible focus at every stop, Escape closing the dialog with focus returning to
 * its control; every call control named, with its state; and what screen readers are told (live
 * regions) said once per event, never in a flood.
 */
describe('keyboard only, and what screen readers hear', () => {
  const suite = chromiumSuite();

  it('a guest joins and a host admits, talks, chats and ends without a mouse', async () => {
    const setup = await suite.open();
    const account = await createHost(new Api(setup.context.request, suite.server.origin), suite.smtp, { firstName: 'Kira', lastName: 'Tastatur' });
    const guestName = 'Gerd Gast';
    const guestEmail = `gerd.${randomBytes(4).toString('hex')}@praxis-e2e.example.org`;
    const consultation = await createConsultation(new Api(setup.context.request, suite.server.origin), [{ name: guestName, email: guestEmail }]);
    const link = await invitationLink(suite.smtp, guestEmail, suite.server.origin);

    // --- The host logs in with the keyboard and opens the room.
    const hostTab = await suite.open();
    const host = hostTab.page;
    await recordAnnouncements(host);
    await host.goto('/login');
    await typeInto(host, host.getByRole('textbox', { name: 'E-Mail-Adresse' }), account.email);
    await typeInto(host, host.locator('input[type="password"]'), account.password);
    await host.keyboard.press('Enter');
    await host.getByRole('link', { name: 'Videotermin starten' }).first().waitFor();
    await host.goto(`/consultations/${consultation.id}/room`);
    await waitForSnapshot(host, (s) => s.signaling === 'open' && s.self?.role === 'host', 20_000, 'host in the room');

    // --- The guest: name, consent, device check, waiting room.
    const guestTab = await suite.open();
    const guest = guestTab.page;
    await recordAnnouncements(guest);
    await guest.goto(link);
    const nameField = guest.getByRole('textbox', { name: 'Ihr vollständiger Name' });
    expect(await nameField.inputValue()).toBe(guestName);
    await activate(guest, guest.getByRole('checkbox', { name: /Ich willige ein/ }), 'Space');
    expect(await guest.getByRole('checkbox', { name: /Ich willige ein/ }).isChecked()).toBe(true);
    await activate(guest, guest.getByRole('button', { name: 'Weiter zur Geräteprüfung' }));
    await guest.getByRole('heading', { name: 'Kamera und Mikrofon prüfen' }).waitFor();
    await activate(guest, guest.getByRole('button', { name: 'Fertig – zum Wartezimmer' }));
    await guest.getByRole('heading', { name: 'Bitte warten Sie – Sie werden gleich hereingelassen' }).waitFor();
    await waitForSnapshot(guest, (s) => s.state === 'waiting', 15_000, 'guest waiting');

    // --- The host hears of the arrival once and admits with the keyboard.
    await waitForSnapshot(host, (s) => s.participants.some((p) => p.displayName === guestName && p.status === 'waiting'), 15_000, 'guest waiting (host)');
    const admit = host.getByRole('button', { name: `${guestName} hereinlassen` });
    if (!(await admit.isVisible())) await activate(host, host.getByRole('button', { name: 'Wartezimmer' }));
    await activate(host, admit);
    await waitForSnapshot(guest, (s) => s.state === 'connected', 20_000, 'guest connected');
    await expectVideoDecoding(host, 1, 'host');
    await expectVideoDecoding(guest, 1, 'guest');
    // Admitted, the guest's focus moves to the call's heading, which screen readers then read.
    await expect.poll(() => guest.evaluate('document.activeElement?.tagName')).toBe('H1');
    await expect.poll(() => timesAnnounced(host, `${guestName} ist dem Gespräch beigetreten.`)).toBe(1);

    // --- Every call control has a name; toggles say their state.
    const controls = await host.getByRole('group', { name: 'Steuerung' }).ariaSnapshot();
    const buttons = controls.split('\n').filter((line) => line.trim().startsWith('- button'));
    expect(buttons.length).toBeGreaterThanOrEqual(5);
    for (const line of buttons) expect(line, controls).toMatch(/- button "[^"]{2,}"/);
    // The panel toggles say whether their panel is open, and which panel they open.
    for (const name of ['Chat', 'Wartezimmer', 'Geräte']) {
      const toggle = host.getByRole('group', { name: 'Steuerung' }).getByRole('button', { name, exact: true });
      expect(['true', 'false'], name).toContain(await toggle.getAttribute('aria-expanded'));
      expect(await toggle.getAttribute('aria-controls'), name).toBeTruthy();
    }
    await activate(guest, guest.getByRole('button', { name: 'Mikrofon ausschalten' }));
    await guest.getByRole('button', { name: 'Mikrofon einschalten' }).waitFor();
    await waitForSnapshot(host, (s) => s.participants.some((p) => p.displayName === guestName && p.media.audio === false), 15_000, 'host sees the guest muted');
    await guest.keyboard.press('Enter'); // focus stayed on the toggle: pressing again turns it back on
    await guest.getByRole('button', { name: 'Mikrofon ausschalten' }).waitFor();

    // --- The guest writes; the host, whose chat is closed, hears of it once.
    const text = `Per Tastatur ${randomBytes(3).toString('hex')}`;
    const message = guest.getByRole('textbox', { name: 'Nachricht' });
    if (!(await message.isVisible())) await activate(guest, guest.getByRole('button', { name: 'Chat' }));
    await typeInto(guest, message, text);
    await guest.keyboard.press('Enter');
    await waitForSnapshot(host, (s) => s.chat.some((m) => m.text === text), 15_000, 'host received the message');
    await expect.poll(() => timesAnnounced(host, `Neue Nachricht von ${guestName}.`)).toBe(1);

    // --- A file by keyboard: the file control opens the chooser.
    const chooser = guest.waitForEvent('filechooser');
    await activate(guest, guest.getByLabel('Datei senden'));
    await (await chooser).setFiles({ name: 'tastatur.txt', mimeType: 'text/plain', buffer: Buffer.from('per Tastatur gesendet') });
    await waitForSnapshot(
      host,
      (s) => s.transfers.some((t) => t.direction === 'incoming' && t.name === 'tastatur.txt' && t.state === 'done'),
      20_000,
      'file received',
    );
    await expect.poll(() => timesAnnounced(host, `Datei „tastatur.txt“ von ${guestName} ist angekommen.`)).toBe(1);

    // --- The host opens the chat with the keyboard, answers, and the message reaches the guest.
    await activate(host, host.getByRole('button', { name: 'Chat' }));
    const reply = `Antwort ${randomBytes(3).toString('hex')}`;
    await typeInto(host, host.getByRole('textbox', { name: 'Nachricht' }), reply);
    await host.keyboard.press('Enter');
    await waitForSnapshot(guest, (s) => s.chat.some((m) => m.text === reply), 15_000, 'guest received the reply');

    // --- The leave dialog: Escape closes it and focus returns to its control; then end by keyboard.
    const leave = host.getByRole('button', { name: 'Verlassen', exact: true });
    await activate(host, leave);
    const dialog = host.getByRole('dialog');
    await dialog.waitFor();
    await host.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await hasFocus(leave)).toBe(true);
    await host.keyboard.press('Enter');
    await dialog.waitFor();
    await activate(host, host.getByRole('button', { name: 'Für alle beenden' }));
    await waitForSnapshot(guest, (s) => s.state === 'ended', 15_000, 'guest sees the end');

    // Nothing was said twice, and neither page flooded its live regions.
    for (const page of [host, guest]) {
      const said = await announcements(page);
      const counts = new Map<string, number>();
      for (const line of said) counts.set(line, (counts.get(line) ?? 0) + 1);
      const repeated = [...counts].filter(([line, count]) => count > 1 && !/^\d/.test(line));
      expect(repeated, said.join('\n')).toEqual([]);
      expect(said.length, said.join('\n')).toBeLessThan(40);
    }
    expect(hostTab.problems()).toEqual([]);
    expect(guestTab.problems([/status of 410 .*\/api\/join\)$/])).toEqual([]);
  });
});
