import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownBrowsers } from '../db/schema';
import type { MailMessage } from '../notify/mailer';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const NEW_SIGN_IN = 'Neue Anmeldung bei Ihrem Konto';

interface Row {
  id: string;
  browser: string | null;
  os: string | null;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
}

describe('where you are signed in (issue 12)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock('2026-03-02T08:00:00Z');

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  async function logIn(email: string, password: string, userAgent: string, from?: ApiClient): Promise<ApiClient> {
    const client = from ?? (await new ApiClient(testApp, { 'user-agent': userAgent }).init());
    const login = await client.post('/api/session', { email, password });
    expect(login.statusCode).toBe(200);
    return client;
  }
  const newSignInMails = (email: string) => mailer.sent.filter((mail) => mail.to === email && mail.subject === NEW_SIGN_IN);

  it('lists each sign-in with browser, system and times, never an address, and mails a browser not seen before', async () => {
    const { email, password } = await activeCustomer(testApp, mailer);
    const laptop = await logIn(email, password, FIREFOX_LINUX);
    const before = newSignInMails(email).length;
    // The same browser again (it holds the device cookie): no mail.
    await logIn(email, password, FIREFOX_LINUX, laptop);
    expect(newSignInMails(email)).toHaveLength(before);
    clock.advance(5 * 60_000);
    await logIn(email, password, CHROME_WINDOWS);
    const mails = newSignInMails(email);
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)?.text).toContain('Chrome, Windows');
    expect(mails.at(-1)?.text).toContain('http://localhost:3000/profile#sessions');

    const listed = await laptop.get('/api/profile/sessions');
    const rows = listed.json<{ sessions: Row[] }>().sessions;
    expect(listed.body).not.toMatch(/127\.0\.0\.1|"ip"|address/i);
    const mine = rows.find((row) => row.current);
    expect(mine).toMatchObject({ browser: 'Firefox', os: 'Linux' });
    expect(rows.filter((row) => !row.current).map((row) => [row.browser, row.os])).toContainEqual(['Chrome', 'Windows']);
    expect(Object.keys(mine ?? {}).sort()).toEqual(['browser', 'createdAt', 'current', 'id', 'lastSeenAt', 'os']);
  });

  it('ends another sign-in or all others, never the current one and never another account’s', async () => {
    const { email, password } = await activeCustomer(testApp, mailer);
    const laptop = await logIn(email, password, FIREFOX_LINUX);
    const phone = await logIn(email, password, CHROME_WINDOWS);
    const office = await logIn(email, password, CHROME_WINDOWS);
    const rows = (await laptop.get('/api/profile/sessions')).json<{ sessions: Row[] }>().sessions;
    const current = rows.find((row) => row.current);
    const phoneRow = (await phone.get('/api/profile/sessions')).json<{ sessions: Row[] }>().sessions.find((row) => row.current);

    const stranger = await activeCustomer(testApp, mailer);
    expect((await stranger.client.post(`/api/profile/sessions/${phoneRow?.id}/end`)).statusCode).toBe(404);
    expect((await phone.get('/api/session')).json().account?.email).toBe(email);

    const self = await laptop.post(`/api/profile/sessions/${current?.id}/end`);
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('current_session');

    expect((await laptop.post(`/api/profile/sessions/${phoneRow?.id}/end`)).statusCode).toBe(200);
    expect((await phone.get('/api/session')).json().account).toBeNull();
    expect((await office.get('/api/session')).json().account?.email).toBe(email);

    expect((await laptop.post('/api/profile/sessions/end-others')).statusCode).toBe(200);
    expect((await office.get('/api/session')).json().account).toBeNull();
    const left = (await laptop.get('/api/profile/sessions')).json<{ sessions: Row[] }>().sessions;
    expect(left.map((row) => row.current)).toEqual([true]);
  });

  /**
   * What survives closing the browser: only persistent cookies. The known-browser cookie is one only
   * when the person ticked "remember this browser" (`persistent`); session and device cookies never here.
   */
  async function restarted(client: ApiClient, userAgent: string, persistent: boolean): Promise<ApiClient> {
    const next = await new ApiClient(testApp, { 'user-agent': userAgent }).init();
    const known = client.cookie('sz_known_browser');
    if (known && persistent) next.setCookie('sz_known_browser', known);
    return next;
  }

  it('mails a sign-in after a browser restart only if the browser was not remembered, and one from a new browser or one unused for 180 days', async () => {
    const { client, email, password } = await activeCustomer(testApp, mailer);
    // Confirming the address with the password proved the owner in this browser: their first sign-in is no news.
    expect(newSignInMails(email)).toHaveLength(0);
    // By default the cookie ends with the browser session (P-04): a restart makes the browser new again.
    const unticked = await client.post('/api/session', { email, password });
    expect(unticked.cookies.find((candidate) => candidate.name === 'sz_known_browser')?.maxAge).toBeUndefined();
    expect(newSignInMails(email)).toHaveLength(0);
    await logIn(email, password, FIREFOX_LINUX, await restarted(client, FIREFOX_LINUX, false));
    expect(newSignInMails(email)).toHaveLength(1);

    // Ticked, it outlives the restart for 180 days, and the restart is no news.
    const remembered = await new ApiClient(testApp, { 'user-agent': FIREFOX_LINUX }).init();
    const ticked = await remembered.post('/api/session', { email, password, rememberBrowser: true });
    expect(newSignInMails(email)).toHaveLength(2);
    const cookie = ticked.cookies.find((candidate) => candidate.name === 'sz_known_browser');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 180 * 24 * 60 * 60 });
    const afterRestart = await restarted(remembered, FIREFOX_LINUX, true);
    expect(afterRestart.cookie('sz_session')).toBeUndefined();
    expect(afterRestart.cookie('sz_device')).toBeUndefined();
    const login = await afterRestart.post('/api/session', { email, password, rememberBrowser: true });
    expect(login.statusCode).toBe(200);
    expect(newSignInMails(email)).toHaveLength(2);
    // Only a keyed hash of the cookie's random id is stored.
    const stored = await testApp.database.db.select().from(knownBrowsers);
    expect(JSON.stringify(stored)).not.toContain(cookie?.value);

    await logIn(email, password, CHROME_WINDOWS);
    expect(newSignInMails(email)).toHaveLength(3);

    clock.advance(181 * 24 * 60 * 60_000);
    await logIn(email, password, FIREFOX_LINUX, await restarted(afterRestart, FIREFOX_LINUX, true));
    expect(newSignInMails(email)).toHaveLength(4);
  });

  it('signs in when the mail server refuses the notice, says so in the log, and still mails the next one', async () => {
    const refusing = new (class extends MemoryMailer {
      refuse = true;
      override async send(message: MailMessage) {
        if (this.refuse && message.subject === NEW_SIGN_IN) throw new Error('mail server away');
        await super.send(message);
      }
    })();
    const other = await startTestApp({ mailer: refusing, clock });
    try {
      const { email, password } = await activeCustomer(other, refusing);
      const first = await (await new ApiClient(other, { 'user-agent': CHROME_WINDOWS }).init()).post('/api/session', { email, password });
      expect(first.statusCode).toBe(200);
      expect(first.json().account?.email).toBe(email);
      expect(other.logs()).toContain('sign-in notice not sent');
      refusing.refuse = false;
      const second = await (await new ApiClient(other, { 'user-agent': FIREFOX_LINUX }).init()).post('/api/session', { email, password });
      expect(second.statusCode).toBe(200);
      expect(refusing.sent.filter((mail) => mail.to === email && mail.subject === NEW_SIGN_IN)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
