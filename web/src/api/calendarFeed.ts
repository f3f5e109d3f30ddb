import type * as z from 'zod';
import type { calendarFeedCreated, calendarFeedView } from '../../../common/api/calendar-feed';
import { request } from './client';

/** The professional's own calendar subscription (issue 10). */
export type CalendarFeedView = z.infer<typeof calendarFeedView>;
export type CalendarFeedCreated = z.infer<typeof calendarFeedCreated>;

export const loadCalendarFeed = () => request<CalendarFeedView>('GET', '/api/calendar-feed');
export const createCalendarFeed = () => request<CalendarFeedCreated>('POST', '/api/calendar-feed');
export const revokeCalendarFeed = () => request<CalendarFeedView>('DELETE', '/api/calendar-feed');
export const saveCalendarFeed = (showInitials: boolean) => request<CalendarFeedView>('PUT', '/api/calendar-feed', { showInitials });
