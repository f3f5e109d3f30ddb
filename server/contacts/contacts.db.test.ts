import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../db/schema';
import { activeCustomer, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { hostWithConsultation } from '../test-support/consultations';

describe('contacts (P-09)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
  });
  afterAll(async () => testApp.close());

  it('keeps an invited guest only when the host chose to, and after the end', async () => {
    const host = await activeCustomer(testApp, mailer);
    const created = await host.client.post('/api/consultations', {
      guests: [
        { name: 'Keep Me', email: 'keep@example.org', phone: '0171 1112223', saveToContacts: true },
        { name: 'Forget Me', email: 'forget@example.org' },
      ],
    });
    await host.client.post(`/api/consultations/${created.json().id}/end`);
    const list = (await host.client.get('/api/contacts')).json().contacts;
    expect(list).toEqual([expect.objectContaining({ name: 'Keep Me', email: 'keep@example.org', phone: '+491711112223' })]);
    const all = testApp.sealer.openAll('contacts', await testApp.database.db.select().from(contacts));
    expect(JSON.stringify(all)).toContain('keep@example.org');
    expect(JSON.stringify(all)).not.toContain('forget@example.org');
  });

  it('saves a guest after the call on request, and lets the owner edit and delete', async () => {
    const { host, consultation } = await hostWithConsultation(testApp, mailer, ['Later Saved']);
    const saved = await host.client.post(`/api/consultations/${consultation.id}/invitations/${consultation.invitations[0]!.id}/save-contact`);
    expect(saved.statusCode).toBe(201);
    const id = saved.json().id as string;
    const edited = await host.client.put(`/api/contacts/${id}`, { name: 'Later Saved-Renamed', phone: '+43 664 1234567' });
    expect(edited.json()).toMatchObject({ name: 'Later Saved-Renamed', email: null, phone: '+436641234567' });
    expect((await host.client.delete(`/api/contacts/${id}`)).statusCode).toBe(200);
    expect(await testApp.database.db.select().from(contacts).where(eq(contacts.id, id))).toEqual([]);
  });

  it('answers another customer’s contact like an unknown one', async () => {
    const owner = await activeCustomer(testApp, mailer);
    const id = (await owner.client.post('/api/contacts', { name: 'Private', email: 'private@example.org' })).json().id as string;
    const stranger = await activeCustomer(testApp, mailer);
    expect((await stranger.client.put(`/api/contacts/${id}`, { name: 'Stolen', email: 'x@example.org' })).statusCode).toBe(404);
    expect((await stranger.client.delete(`/api/contacts/${id}`)).statusCode).toBe(404);
    expect((await stranger.client.get('/api/contacts')).json().contacts).toEqual([]);
    expect((await owner.client.get('/api/contacts')).json().contacts[0].name).toBe('Private');
  });
});
