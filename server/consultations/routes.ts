import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import {
  activityList,
  activityQuery,
  consultationList,
  consultationView,
  guestDetailsRequest,
  iceConfiguration,
  idParams,
  invitationParams,
  joinRequest,
  joinView,
  waitingRoomMessage,
  waitingRoomParams,
} from '../../common/api/consultations';
import { addGuestRequest, createConsultationRequest } from '../../common/api/invitations';
import { okResponse } from '../../common/api/accounts';
import { contactView } from '../../common/api/contacts';
import { presentContact } from '../contacts/presenter';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import { requireGuest, requireSession, setGuestCookie, type CookieSettings } from '../http/auth';
import { AppError } from '../http/errors';
import type { GuestService } from './guests';
import { iceConfigurationFor } from './ice';
import { presentActivity, presentConsultation } from './presenter';
import type { ActivityService } from './activity';
import type { ConsultationService } from './service';
import type { WaitingRoomService } from './waiting-room';
import { limitPer } from '../throttle/route-limits';

const tags = ['consultations'];
/** Each guest invitation is a message (e-mail and/or SMS): per sender, and per guest address in the service. */
const guestInvitationLimits = [limitPer('guestInvitationsPerAccount', 'account'), limitPer('guestInvitationsPerAddress', 'service')];
const ok = { ok: true } as const;

export interface ConsultationRouteDeps {
  consultations: ConsultationService;
  waitingRoom: WaitingRoomService;
  activity: ActivityService;
  guests: GuestService;
  cookies: CookieSettings;
  clock: Clock;
  ice: Config['ice'];
}

export function registerConsultationRoutes(app: FastifyInstance, deps: ConsultationRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { consultations } = deps;

  async function view(id: string) {
    const consultation = await consultations.current(id);
    const { invitations, participants } = await consultations.peopleOf([id]);
    return presentConsultation(consultation, invitations, participants);
  }

  api.post('/api/consultations', {
    config: {
      access: 'customer',
      limits: [
        limitPer('consultationsPerAccount', 'account'),
        limitPer('consultationBurstPerAccount', 'account'),
        limitPer('guestInvitationsPerAccount', 'account'),
        limitPer('guestInvitationsPerAddress', 'service'),
      ],
    },
    schema: {
      tags,
      summary: 'Start a consultation now or later and invite guests by e-mail and/or SMS',
      body: createConsultationRequest,
      response: { 201: consultationView },
    },
    handler: async (request, reply) => {
      const created = await consultations.create(requireSession(request).accountId, request.body);
      return reply.status(201).send(await view(created.id));
    },
  });

  api.get('/api/consultations', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Open consultations of the host — for practice staff, of their organisation', response: { 200: consultationList } },
    handler: async (request) => {
      const schedule = await consultations.schedule(requireSession(request).accountId);
      return { consultations: schedule.consultations.map((row) => presentConsultation(row, schedule.invitations, schedule.participants)) };
    },
  });

  api.get('/api/consultations/:id', {
    config: { access: 'customer' },
    schema: { tags, summary: 'One consultation of the host', params: idParams, response: { 200: consultationView } },
    handler: async (request) => {
      const consultation = await consultations.organizable(requireSession(request).accountId, request.params.id);
      return view(consultation.id);
    },
  });

  api.post('/api/consultations/:id/invitations', {
    config: { access: 'customer', limits: guestInvitationLimits },
    schema: { tags, summary: 'Invite another guest, also while the call runs', params: idParams, body: addGuestRequest, response: { 201: consultationView } },
    handler: async (request, reply) => {
      await consultations.addGuest(requireSession(request).accountId, request.params.id, request.body);
      return reply.status(201).send(await view(request.params.id));
    },
  });

  api.post('/api/consultations/:id/invitations/:invitationId/resend', {
    config: { access: 'customer', limits: guestInvitationLimits },
    schema: { tags, summary: 'Send a new link (the old one stops working)', params: invitationParams, response: { 200: consultationView } },
    handler: async (request) => {
      await consultations.resend(requireSession(request).accountId, request.params.id, request.params.invitationId);
      return view(request.params.id);
    },
  });

  api.delete('/api/consultations/:id/invitations/:invitationId', {
    config: { access: 'customer', limits: { none: 'revokes an invitation' } },
    schema: {
      tags,
      summary: 'Revoke an invitation: its link stops working and the guest is disconnected',
      params: invitationParams,
      response: { 200: consultationView },
    },
    handler: async (request) => {
      await consultations.revoke(requireSession(request).accountId, request.params.id, request.params.invitationId);
      return view(request.params.id);
    },
  });

  api.post('/api/consultations/:id/invitations/:invitationId/save-contact', {
    config: { access: 'customer', limits: [limitPer('contactsPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Keep this guest in the contact list (explicit choice, P-09); otherwise the data goes when the consultation ends',
      params: invitationParams,
      response: { 201: contactView },
    },
    handler: async (request, reply) => {
      const contact = await consultations.saveGuestAsContact(requireSession(request).accountId, request.params.id, request.params.invitationId);
      return reply.status(201).send(presentContact(contact));
    },
  });

  for (const kind of ['admit', 'decline'] as const) {
    api.post(`/api/consultations/:id/waiting-room/:participantId/${kind}`, {
      config: { access: 'customer', limits: { none: 'admits or declines a waiting guest' } },
      schema: {
        tags,
        summary: `${kind === 'admit' ? 'Admit' : 'Decline'} a waiting guest (host or practice staff, who never join the call)`,
        params: waitingRoomParams,
        response: { 200: okResponse },
      },
      handler: async (request) => {
        await deps.waitingRoom.admitOrDecline(requireSession(request).accountId, request.params, kind);
        return ok;
      },
    });
  }

  api.post('/api/consultations/:id/waiting-room/:participantId/message', {
    config: { access: 'customer', limits: [limitPer('waitingRoomMessagesPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Send a short text to a waiting guest, e.g. "5 minutes, please"',
      params: waitingRoomParams,
      body: waitingRoomMessage,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      await deps.waitingRoom.message(requireSession(request).accountId, request.params, request.body.text);
      return ok;
    },
  });

  api.post('/api/consultations/:id/end', {
    config: { access: 'customer', limits: { none: 'ends an own consultation' } },
    schema: { tags, summary: 'End the consultation: everyone is disconnected and every link stops working', params: idParams, response: { 200: okResponse } },
    handler: async (request) => {
      await consultations.end(requireSession(request).accountId, request.params.id);
      return ok;
    },
  });

  api.get('/api/consultations/:id/ice', {
    config: { access: 'customer' },
    schema: {
      tags,
      summary: 'ICE servers (STUN/TURN with time-limited credentials) for the host or a colleague in the call',
      params: idParams,
      response: { 200: iceConfiguration },
    },
    handler: async (request) => {
      const place = await consultations.callPlace(requireSession(request).accountId, request.params.id);
      return iceConfigurationFor(deps.ice, place.id, deps.clock.now());
    },
  });

  api.get('/api/activity', {
    config: { access: 'customer' },
    schema: {
      tags: ['activity'],
      summary: 'Ended consultations: when, how long, with whom (P-14); the representative sees the organisation’s',
      querystring: activityQuery,
      response: { 200: activityList },
    },
    handler: async (request) => {
      const { from, to, member } = request.query;
      const entries = await deps.activity.entries(requireSession(request).accountId, {
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
        ...(member ? { member } : {}),
      });
      return { entries: entries.map(({ consultation, hostName }) => presentActivity(consultation, hostName)) };
    },
  });

  registerGuestRoutes(app, deps);
}

function registerGuestRoutes(app: FastifyInstance, deps: ConsultationRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const guestTags = ['guests'];

  api.post('/api/join', {
    config: { access: 'public', limits: { none: 'a 256-bit link token cannot be guessed; a participant row exists once per invitation' } },
    schema: {
      tags: guestTags,
      summary: 'Exchange an invitation link token for a guest cookie bound to that consultation',
      body: joinRequest,
      response: { 200: joinView },
    },
    handler: async (request, reply) => {
      const { cookieValue, view } = await deps.guests.join(request.body.token);
      setGuestCookie(reply, deps.cookies, cookieValue);
      return view;
    },
  });

  api.get('/api/join', {
    config: { access: 'guest' },
    schema: { tags: guestTags, summary: 'The guest’s consultation: practice name, own name, status', response: { 200: joinView } },
    handler: async (request) => deps.guests.describe(requireGuest(request)),
  });

  api.put('/api/join/details', {
    config: { access: 'guest', limits: { none: 'the guest names themselves and consents; nothing is sent or created' } },
    schema: {
      tags: guestTags,
      summary: 'The guest’s name as shown to all participants, and consent (Art. 9(2)(a) GDPR)',
      body: guestDetailsRequest,
      response: { 200: joinView },
    },
    handler: async (request) => deps.guests.saveDetails(requireGuest(request), request.body),
  });

  api.get('/api/join/ice', {
    config: { access: 'guest' },
    schema: {
      tags: guestTags,
      summary: 'ICE servers for an admitted guest; TURN credentials only after admission',
      response: { 200: iceConfiguration, 403: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) },
    },
    handler: async (request) => {
      const { participant } = requireGuest(request);
      if (participant.status !== 'admitted') {
        throw new AppError('forbidden', 'Available once the practice has let you in.');
      }
      return iceConfigurationFor(deps.ice, participant.id, deps.clock.now());
    },
  });
}
