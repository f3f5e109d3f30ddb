import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '../../common/api/accounts';
import { contactInput, contactList, contactParams, contactView } from '../../common/api/contacts';
import { requireSession } from '../http/auth';
import { limitPer } from '../throttle/route-limits';
import { presentContact } from './presenter';
import type { ContactService } from './service';

const tags = ['contacts'];

/** P-09: the customer's saved guests (ContactService). */
export function registerContactRoutes(app: FastifyInstance, deps: { contacts: ContactService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/contacts', {
    config: { access: 'customer' },
    schema: { tags, summary: 'The customer’s saved contacts', response: { 200: contactList } },
    handler: async (request) => ({ contacts: (await deps.contacts.list(requireSession(request).accountId)).map(presentContact) }),
  });

  api.post('/api/contacts', {
    config: { access: 'customer', limits: [limitPer('contactsPerAccount', 'account')] },
    schema: { tags, summary: 'Save a contact', body: contactInput, response: { 201: contactView } },
    handler: async (request, reply) => reply.status(201).send(presentContact(await deps.contacts.add(requireSession(request).accountId, request.body))),
  });

  api.put('/api/contacts/:contactId', {
    config: { access: 'customer', limits: { none: 'changes an own contact' } },
    schema: { tags, summary: 'Change a contact', params: contactParams, body: contactInput, response: { 200: contactView } },
    handler: async (request) => presentContact(await deps.contacts.update(requireSession(request).accountId, request.params.contactId, request.body)),
  });

  api.delete('/api/contacts/:contactId', {
    config: { access: 'customer', limits: { none: 'deletes an own contact' } },
    schema: { tags, summary: 'Delete a contact', params: contactParams, response: { 200: okResponse } },
    handler: async (request) => {
      await deps.contacts.remove(requireSession(request).accountId, request.params.contactId);
      return { ok: true as const };
    },
  });
}
