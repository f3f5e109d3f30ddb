import type * as z from 'zod';
import type {
  absenceView,
  appointmentActivityList,
  appointmentList,
  appointmentTypeSettingList,
  appointmentView,
  bookingPageSetting,
  bookingPageSettingsView,
  hoursRequest,
  hoursView,
  managedProfessionalList,
  slotList,
} from '../../../common/api/appointments';
import type { BookingHeld } from './booking';
import { request } from './client';

/** The practice's side of appointments (issue 10): set-up, day and week, and the patient's move link. */

export type AppointmentView = z.infer<typeof appointmentView>;
export type AppointmentList = z.infer<typeof appointmentList>;
export type HoursView = z.infer<typeof hoursView>;
export type HoursInput = z.input<typeof hoursRequest>;
export type AbsenceView = z.infer<typeof absenceView>;
export type TypeSetting = z.infer<typeof appointmentTypeSettingList>['types'][number];
export type PageSetting = z.infer<typeof bookingPageSettingsView>;
export type ManagedProfessional = z.infer<typeof managedProfessionalList>['professionals'][number];
export type AppointmentActivityEntry = z.infer<typeof appointmentActivityList>['entries'][number];

const professional = (id: string) => `/api/appointments/professionals/${encodeURIComponent(id)}`;
const appointment = (id: string) => `/api/appointments/${encodeURIComponent(id)}`;

export const listManagedProfessionals = () => request<z.infer<typeof managedProfessionalList>>('GET', '/api/appointments/professionals');

export const listAppointments = (professionalId: string, from: string, days: number) =>
  request<AppointmentList>('GET', `${professional(professionalId)}?${new URLSearchParams({ from, days: String(days) }).toString()}`);

export const loadHours = (professionalId: string) => request<HoursView>('GET', `${professional(professionalId)}/hours`);
export const saveHours = (professionalId: string, input: HoursInput) => request<HoursView>('PUT', `${professional(professionalId)}/hours`, input);

export const listAbsences = (professionalId: string) => request<{ absences: AbsenceView[] }>('GET', `${professional(professionalId)}/absences`);
export const addAbsence = (professionalId: string, input: { startsAt: string; endsAt: string }) =>
  request<AbsenceView>('POST', `${professional(professionalId)}/absences`, input);
export const deleteAbsence = (professionalId: string, absenceId: string) =>
  request<{ ok: true }>('DELETE', `${professional(professionalId)}/absences/${encodeURIComponent(absenceId)}`);

export const listTypes = (professionalId: string) => request<z.infer<typeof appointmentTypeSettingList>>('GET', `${professional(professionalId)}/types`);
export const addType = (input: { name: string; durationMinutes: number; professionalId?: string }) =>
  request<Omit<TypeSetting, 'organizationWide'>>('POST', '/api/appointment-types', input);
export const removeType = (typeId: string) => request<{ ok: true }>('DELETE', `/api/appointment-types/${encodeURIComponent(typeId)}`);

/** No professional: the organisation's own page (its representative and staff). */
export const loadPage = (professionalId: string | undefined) =>
  request<z.infer<typeof bookingPageSetting>>('GET', `/api/booking-page${professionalId ? `?${new URLSearchParams({ professionalId }).toString()}` : ''}`);
export const savePage = (input: { slug: string; enabled: boolean; professionalId?: string }) => request<PageSetting>('PUT', '/api/booking-page', input);

export const cancelAppointment = (id: string, message: string) => request<AppointmentView>('POST', `${appointment(id)}/cancel`, message ? { message } : {});
export const confirmAppointment = (id: string) => request<AppointmentView>('POST', `${appointment(id)}/confirm`);
export const markNoShow = (id: string) => request<AppointmentView>('POST', `${appointment(id)}/no-show`);
export const moveAppointment = (id: string, startsAt: string) => request<AppointmentView>('POST', `${appointment(id)}/move`, { startsAt });

export const listAppointmentActivity = (query: URLSearchParams) =>
  request<z.infer<typeof appointmentActivityList>>('GET', `/api/activity/appointments${query.size > 0 ? `?${query.toString()}` : ''}`);

export const slotsForMove = (token: string, from: string) => request<z.infer<typeof slotList>>('POST', '/api/book/manage/slots', { token, from, days: 7 });
export const moveByLink = (token: string, startsAt: string) => request<BookingHeld>('POST', '/api/book/move', { token, startsAt });
