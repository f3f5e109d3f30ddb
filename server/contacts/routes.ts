import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '../../common/api/accounts';
import { contactInput, contactList, contactParams, contactView, type ContactView } from '../../common/api/contacts';
import type { Clock } from '../clock';
import { requireSession } from '../http/auth';
import { AppError } from '../http/errors';
import type { ContactRow, ContactStore } from './store';

const tags = ['contacts'];

export function presentContact(row: ContactRow): ContactView {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, createdAt: row.createdAt.toISOString() };
}

function notFound(): AppError {
  return new AppError(404, 'not_found', 'No such contact.');
}

/** P-09: contacts exist only because the customer saved them, and the customer can change or delete them. */
export function registerContactRoutes(app: FastifyInstance, deps: { store: ContactStore; clock: Clock }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/contacts', {
    config: { access: 'customer' },
    schema: { tags, summary: 'The customer’s saved contacts', response: { 200: contactList } },
    handler: async (request) => ({ contacts: (await deps.store.list(requireSession(request).accountId)).map(presentContact) }),
  });

  api.post('/api/contacts', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Save a contact', body: contactInput, response: { 201: contactView } },
    handler: async (request, reply) =>
      reply.status(201).send(presentContact(await deps.store.add(requireSession(request).accountId, request.body, deps.clock.now()))),
  });

  api.put('/api/contacts/:contactId', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Change a contact', params: contactParams, body: contactInput, response: { 200: contactView } },
    handler: async (request) => {
      const row = await deps.store.update(requireSession(request).accountId, request.params.contactId, request.body, deps.clock.now());
      if (!row) throw notFound();
      return presentContact(row);
    },
  });

  api.delete('/api/contacts/:contactId', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Delete a contact', params: contactParams, response: { 200: okResponse } },
    handler: async (request) => {
      if (!(await deps.store.remove(requireSession(request).accountId, request.params.contactId))) throw notFound();
      return { ok: true as const };
    },
  });
}
