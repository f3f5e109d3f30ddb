import type * as z from 'zod';
import type { bookingHeld, bookingPageView, managedAppointmentView, slotList } from '../../../common/api/appointments';
import { request } from './client';

/** The public booking page (issue 10): no login, no third-party requests, only our own API. */

export type BookingPage = z.infer<typeof bookingPageView>;
export type SlotList = z.infer<typeof slotList>;
export type BookingHeld = z.infer<typeof bookingHeld> & { holdId?: string };
export type ManagedAppointment = z.infer<typeof managedAppointmentView>;

const page = (slug: string) => `/api/book/${encodeURIComponent(slug)}`;

export const loadBookingPage = (slug: string) => request<BookingPage>('GET', page(slug));

export const loadSlots = (slug: string, professionalId: string, typeId: string, from: string) =>
  request<SlotList>('GET', `${page(slug)}/slots?${new URLSearchParams({ professionalId, typeId, from, days: '7' }).toString()}`);

export const bookSlot = (slug: string, input: Record<string, unknown>) => request<BookingHeld & { holdId: string }>('POST', page(slug), input);

export const confirmBooking = (token: string) => request<BookingHeld>('POST', '/api/book/confirm', { token });

export const confirmBookingCode = (holdId: string, code: string) => request<BookingHeld>('POST', '/api/book/confirm-code', { holdId, code });

export const managedAppointment = (token: string) => request<ManagedAppointment>('POST', '/api/book/manage', { token });

export const cancelBooking = (token: string) => request<BookingHeld>('POST', '/api/book/cancel', { token });
