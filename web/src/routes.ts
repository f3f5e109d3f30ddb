/**
 * Every page of the web app: App.tsx builds its router from this table (routes.test.ts checks that
 * it uses nothing else), and e2e/accessibility*.e2e.ts and e2e/third-party.e2e.ts walk it (through
 * e2e/support/routes.ts), so a new page is checked for accessibility and for requests to other
 * origins without anyone adding it there. Paths are absolute; `index` marks a route that is
 * its parent's index. `access` says who the page is for (`customer`: behind the login).
 */
type RouteAccess = 'public' | 'customer' | 'operator';

export interface AppRoute {
  path: string;
  access: RouteAccess;
  index?: true;
}

export const appRoutes = {
  landing: { path: '/', access: 'public', index: true },
  register: { path: '/register', access: 'public' },
  registerOrganization: { path: '/register/organization', access: 'public' },
  checkInbox: { path: '/register/check-inbox', access: 'public' },
  confirmEmail: { path: '/confirm-email', access: 'public' },
  login: { path: '/login', access: 'public' },
  forgotPassword: { path: '/forgot-password', access: 'public' },
  resetPassword: { path: '/reset-password', access: 'public' },
  confirmEmailChange: { path: '/confirm-email-change', access: 'public' },
  acceptInvitation: { path: '/accept-invitation', access: 'public' },
  notMe: { path: '/not-me', access: 'public' },
  dashboard: { path: '/dashboard', access: 'customer' },
  profile: { path: '/profile', access: 'customer' },
  myData: { path: '/my-data', access: 'customer' },
  myDataDeleted: { path: '/my-data/deleted', access: 'public' },
  myDataOrganizationDeleted: { path: '/my-data/organization-deleted', access: 'public' },
  myDataRestricted: { path: '/my-data/restricted', access: 'public' },
  newConsultation: { path: '/consultations/new', access: 'customer' },
  consultation: { path: '/consultations/:id', access: 'customer' },
  hostRoom: { path: '/consultations/:id/room', access: 'customer' },
  colleagueCall: { path: '/calls/:id', access: 'customer' },
  join: { path: '/join', access: 'public' },
  bookingConfirm: { path: '/book/confirm', access: 'public' },
  bookingManage: { path: '/book/manage', access: 'public' },
  booking: { path: '/book/:slug', access: 'public' },
  appointments: { path: '/appointments', access: 'customer' },
  appointmentSettings: { path: '/appointments/settings', access: 'customer' },
  activity: { path: '/activity', access: 'customer' },
  contacts: { path: '/contacts', access: 'customer' },
  billing: { path: '/billing', access: 'customer' },
  organization: { path: '/organization', access: 'customer' },
  privacy: { path: '/privacy', access: 'public' },
  imprint: { path: '/imprint', access: 'public' },
  terms: { path: '/terms', access: 'public' },
  contact: { path: '/contact', access: 'public' },
  help: { path: '/help', access: 'public' },
  accessibility: { path: '/accessibility', access: 'public' },
  operatorLogin: { path: '/operator/login', access: 'public' },
  operator: { path: '/operator', access: 'operator' },
  operatorTickets: { path: '/operator', access: 'operator', index: true },
  operatorTicket: { path: '/operator/tickets/:ticketId', access: 'operator' },
  operatorReceipts: { path: '/operator/receipts', access: 'operator' },
  operatorRecord: { path: '/operator/record', access: 'operator' },
  operatorSelfCheck: { path: '/operator/self-check', access: 'operator' },
  operatorRestrictions: { path: '/operator/restrictions', access: 'operator' },
  notFound: { path: '*', access: 'public' },
} as const satisfies Record<string, AppRoute>;
