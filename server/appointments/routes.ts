import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { activityQuery } from '../../common/api/consultations';
import {
  absenceParams,
  appointmentActivityList,
  appointmentTypeSettingList,
  bookingPageQuery,
  bookingPageSetting,
  linkMoveRequest,
  linkSlotQuery,
  managedProfessionalList,
  moveRequest,
  practiceCancelRequest,
  typeParams,
  absenceRequest,
  absenceView,
  appointmentList,
  appointmentParams,
  appointmentTypeRequest,
  appointmentTypeView,
  appointmentView,
  bookingHeld,
  bookingPageRequest,
  bookingPageSettingsView,
  bookingPageView,
  dayQuery,
  hoursRequest,
  hoursView,
  managedAppointmentView,
  practiceBookingRequest,
  professionalParams,
  publicBookingRequest,
  slotList,
  slotQuery,
  slugParams,
  tokenRequest,
} from '../../common/api/appointments';
import { displayNameOf } from '../accounts/display-name';
import { requireSession } from '../http/auth';
import { limitPer } from '../throttle/route-limits';
import type { AppointmentActivity } from './activity';
import type { AppointmentChanges } from './changes';
import {
  presentAbsence,
  presentAppointment,
  presentAppointmentActivity,
  presentHeld,
  presentHours,
  presentPage,
  presentSlot,
  presentType,
  presentTypeSetting,
} from './presenter';
import type { AppointmentService } from './service';
import type { AppointmentSetup } from './setup';

const tags = ['appointments'];
const changes = [limitPer('appointmentChangesPerAccount', 'account')];
const tokenLimits = [limitPer('tokenAttemptsPerClient', 'client')];

export interface AppointmentRouteDeps {
  appointments: AppointmentService;
  setup: AppointmentSetup;
  changes: AppointmentChanges;
  activity: AppointmentActivity;
}

/** Public booking pages (issue 10) and the practice's appointment set-up, day view and phone bookings. */
export function registerAppointmentRoutes(app: FastifyInstance, deps: AppointmentRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { appointments, setup, changes: moves, activity } = deps;

  api.get('/api/book/:slug', {
    config: { access: 'public' },
    schema: { tags, summary: 'A public booking page: who can be booked, for which appointment types', params: slugParams, response: { 200: bookingPageView } },
    handler: async (request) => {
      const page = await appointments.page(request.params.slug);
      return {
        slug: page.page.slug,
        title: page.title,
        timeZone: page.timeZone,
        professionals: page.professionals.map(({ account, types }) => ({ id: account.id, name: displayNameOf(account), types: types.map(presentType) })),
      };
    },
  });

  api.get('/api/book/:slug/slots', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Free slots of one professional and type, up to a week from a local day',
      params: slugParams,
      querystring: slotQuery,
      response: { 200: slotList },
    },
    handler: async (request) => {
      const found = await appointments.slots(request.params.slug, request.query);
      return { timeZone: found.timeZone, slots: found.slots.map(presentSlot) };
    },
  });

  api.post('/api/book/:slug', {
    config: { access: 'public', limits: [limitPer('bookingsPerClient', 'client'), limitPer('bookingMessagesPerAddress', 'service')] },
    schema: {
      tags,
      summary: 'Book a slot: held 15 minutes until confirmed from the e-mail (or the SMS code); 409 slot_taken lists free ones',
      params: slugParams,
      body: publicBookingRequest,
      response: { 202: bookingHeld.extend({ holdId: z.uuid() }) },
    },
    handler: async (request, reply) => {
      const held = await appointments.holdPublic(request.params.slug, request.body);
      return reply.status(202).send({ ...presentHeld(held), holdId: held.id });
    },
  });

  api.post('/api/book/confirm', {
    config: { access: 'public', limits: tokenLimits },
    schema: { tags, summary: 'Confirm a held booking with the link from the e-mail', body: tokenRequest, response: { 200: bookingHeld } },
    handler: async (request) => presentHeld(await appointments.confirmByLink(request.body.token)),
  });

  api.post('/api/book/confirm-code', {
    config: { access: 'public', limits: [...tokenLimits, limitPer('bookingCodeAttemptsPerHold', 'body.holdId')] },
    schema: {
      tags,
      summary: 'Confirm a held booking with the code from the SMS',
      body: z.strictObject({ holdId: z.uuid(), code: z.string().regex(/^\d{6}$/) }),
      response: { 200: bookingHeld },
    },
    handler: async (request) => presentHeld(await appointments.confirmByCode(request.body.holdId, request.body.code)),
  });

  api.post('/api/book/manage', {
    config: { access: 'public', limits: tokenLimits },
    schema: { tags, summary: 'What the cancel link in a message refers to', body: tokenRequest, response: { 200: managedAppointmentView } },
    handler: async (request) => {
      const { appointment, professional, timeZone, changeableUntil } = await appointments.managedByLink(request.body.token);
      return {
        typeName: appointment.typeName,
        professionalName: displayNameOf(professional),
        startsAt: appointment.startsAt.toISOString(),
        endsAt: appointment.endsAt.toISOString(),
        timeZone,
        status: appointment.status,
        changeableUntil: changeableUntil.toISOString(),
      };
    },
  });

  api.post('/api/book/cancel', {
    config: { access: 'public', limits: tokenLimits },
    schema: {
      tags,
      summary: 'Cancel with the link from a message, up to the practice’s deadline (the link works once)',
      body: tokenRequest,
      response: { 200: bookingHeld },
    },
    handler: async (request) => presentHeld(await appointments.cancelByLink(request.body.token)),
  });

  api.post('/api/book/manage/slots', {
    config: { access: 'public', limits: tokenLimits },
    schema: {
      tags,
      summary: 'Free slots to move to with the link from a message, up to a week from a local day',
      body: linkSlotQuery,
      response: { 200: slotList },
    },
    handler: async (request) => {
      const found = await moves.slotsByLink(request.body.token, request.body.from, request.body.days);
      return { timeZone: found.timeZone, slots: found.slots.map(presentSlot) };
    },
  });

  api.post('/api/book/move', {
    config: { access: 'public', limits: tokenLimits },
    schema: {
      tags,
      summary: 'Move with the link from a message, up to the practice’s deadline; a change notice with a new link follows (this one stops working)',
      body: linkMoveRequest,
      response: { 200: bookingHeld },
    },
    handler: async (request) => presentHeld(await moves.moveByLink(request.body.token, new Date(request.body.startsAt))),
  });

  api.get('/api/appointments/professionals/:professionalId', {
    config: { access: 'customer' },
    schema: {
      tags,
      summary: 'A professional’s appointments (day or week view)',
      params: professionalParams,
      querystring: dayQuery,
      response: { 200: appointmentList },
    },
    handler: async (request) => {
      const from = request.query.from ? new Date(request.query.from) : undefined;
      const list = await setup.list(requireSession(request).accountId, request.params.professionalId, from, request.query.days);
      return { timeZone: list.timeZone, appointments: list.appointments.map(presentAppointment) };
    },
  });

  api.post('/api/appointments', {
    config: { access: 'customer', limits: [...changes, limitPer('guestInvitationsPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Book for a patient (a phone booking): firm at once, the invitation goes out',
      body: practiceBookingRequest,
      response: { 201: appointmentView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(presentAppointment(await appointments.bookByPractice(requireSession(request).accountId, request.body))),
  });

  api.post('/api/appointments/:id/confirm', {
    config: { access: 'customer', limits: changes },
    schema: { tags, summary: 'Confirm a booking the practice wanted to confirm itself', params: appointmentParams, response: { 200: appointmentView } },
    handler: async (request) => presentAppointment(await appointments.confirmByPractice(requireSession(request).accountId, request.params.id)),
  });

  api.post('/api/appointments/:id/cancel', {
    config: { access: 'customer', limits: changes },
    schema: {
      tags,
      summary: 'Cancel an appointment, optionally with a message to the patient (sent, not stored); the slot is free again',
      params: appointmentParams,
      body: practiceCancelRequest,
      response: { 200: appointmentView },
    },
    handler: async (request) =>
      presentAppointment(await appointments.cancelByPractice(requireSession(request).accountId, request.params.id, request.body?.message || undefined)),
  });

  api.post('/api/appointments/:id/move', {
    config: { access: 'customer', limits: changes },
    schema: {
      tags,
      summary: 'Move a booked appointment: the patient gets a change notice with the calendar entry updated; 409 slot_taken lists free ones',
      params: appointmentParams,
      body: moveRequest,
      response: { 200: appointmentView },
    },
    handler: async (request) =>
      presentAppointment(await moves.moveByPractice(requireSession(request).accountId, request.params.id, new Date(request.body.startsAt))),
  });

  api.get('/api/appointments/professionals', {
    config: { access: 'customer' },
    schema: { tags, summary: 'The professionals whose appointments the actor manages', response: { 200: managedProfessionalList } },
    handler: async (request) => ({
      professionals: (await setup.professionals(requireSession(request).accountId)).map((account) => ({ id: account.id, name: displayNameOf(account) })),
    }),
  });

  api.get('/api/appointments/professionals/:professionalId/types', {
    config: { access: 'customer' },
    schema: {
      tags,
      summary: 'The appointment types a professional offers (their own and the organisation’s)',
      params: professionalParams,
      response: { 200: appointmentTypeSettingList },
    },
    handler: async (request) => ({ types: (await setup.types(requireSession(request).accountId, request.params.professionalId)).map(presentTypeSetting) }),
  });

  api.delete('/api/appointment-types/:typeId', {
    config: { access: 'customer', limits: changes },
    schema: {
      tags,
      summary: 'Stop offering an appointment type (booked appointments keep it)',
      params: typeParams,
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    handler: async (request) => {
      await setup.deactivateType(requireSession(request).accountId, request.params.typeId);
      return { ok: true as const };
    },
  });

  api.get('/api/booking-page', {
    config: { access: 'customer' },
    schema: { tags, summary: 'The booking page’s address and whether it is on', querystring: bookingPageQuery, response: { 200: bookingPageSetting } },
    handler: async (request) => {
      const page = await setup.page(requireSession(request).accountId, request.query.professionalId);
      return { page: page ? presentPage(page) : null };
    },
  });

  api.get('/api/activity/appointments', {
    config: { access: 'customer' },
    schema: {
      tags: ['activity'],
      summary: 'Appointments booked, held, cancelled or missed (P-14); the representative sees the organisation’s',
      querystring: activityQuery,
      response: { 200: appointmentActivityList },
    },
    handler: async (request) => {
      const { from, to, member } = request.query;
      const entries = await activity.entries(requireSession(request).accountId, {
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
        ...(member ? { member } : {}),
      });
      return { entries: entries.map(presentAppointmentActivity) };
    },
  });

  api.post('/api/appointments/:id/no-show', {
    config: { access: 'customer', limits: changes },
    schema: { tags, summary: 'Record that the patient did not come (from the start on)', params: appointmentParams, response: { 200: appointmentView } },
    handler: async (request) => presentAppointment(await appointments.markNoShow(requireSession(request).accountId, request.params.id)),
  });

  api.get('/api/appointments/professionals/:professionalId/hours', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Weekly hours and booking rules of a professional', params: professionalParams, response: { 200: hoursView } },
    handler: async (request) => {
      const hours = await setup.hours(requireSession(request).accountId, request.params.professionalId);
      return presentHours(hours.settings, hours.ranges, hours.timeZone);
    },
  });

  api.put('/api/appointments/professionals/:professionalId/hours', {
    config: { access: 'customer', limits: changes },
    schema: {
      tags,
      summary: 'Set weekly hours (several ranges a day) and booking rules',
      params: professionalParams,
      body: hoursRequest,
      response: { 200: hoursView },
    },
    handler: async (request) => {
      const hours = await setup.saveHours(requireSession(request).accountId, request.params.professionalId, request.body);
      return presentHours(hours.settings, hours.ranges, hours.timeZone);
    },
  });

  api.get('/api/appointments/professionals/:professionalId/absences', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Current and future absences', params: professionalParams, response: { 200: z.object({ absences: z.array(absenceView) }) } },
    handler: async (request) => ({ absences: (await setup.absences(requireSession(request).accountId, request.params.professionalId)).map(presentAbsence) }),
  });

  api.post('/api/appointments/professionals/:professionalId/absences', {
    config: { access: 'customer', limits: changes },
    schema: {
      tags,
      summary: 'Add an absence (no reason is asked): it hides slots',
      params: professionalParams,
      body: absenceRequest,
      response: { 201: absenceView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(presentAbsence(await setup.addAbsence(requireSession(request).accountId, request.params.professionalId, request.body))),
  });

  api.delete('/api/appointments/professionals/:professionalId/absences/:absenceId', {
    config: { access: 'customer', limits: changes },
    schema: { tags, summary: 'Remove an absence', params: absenceParams, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (request) => {
      await setup.deleteAbsence(requireSession(request).accountId, request.params.professionalId, request.params.absenceId);
      return { ok: true as const };
    },
  });

  api.post('/api/appointment-types', {
    config: { access: 'customer', limits: changes },
    schema: { tags, summary: 'Add an appointment type (name, 5–120 minutes)', body: appointmentTypeRequest, response: { 201: appointmentTypeView } },
    handler: async (request, reply) => reply.status(201).send(presentType(await setup.addType(requireSession(request).accountId, request.body))),
  });

  api.put('/api/booking-page', {
    config: { access: 'customer', limits: changes },
    schema: { tags, summary: 'Choose the booking page’s address, or switch it off', body: bookingPageRequest, response: { 200: bookingPageSettingsView } },
    handler: async (request) => presentPage(await setup.savePage(requireSession(request).accountId, request.body)),
  });
}
