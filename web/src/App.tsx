import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { Page } from './components/Page';
import { RequireAuth } from './components/RequireAuth';
import { CheckInboxPage } from './pages/CheckInboxPage';
import { ConfirmEmailChangePage } from './pages/ConfirmEmailChangePage';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { LandingPage } from './pages/LandingPage';
import { ImprintPage, TermsPage } from './pages/LegalPages';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PrivacyPage } from './pages/PrivacyPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { NotMePage } from './pages/NotMePage';
import { appRoutes } from './routes';
import { startSession, useSession } from './session/session';
import type { Startup } from './startup';

/** A page from its own chunk, loaded when first shown (Layout shows a spinner meanwhile). */
function lazyPage<Module extends Record<Name, ComponentType<Props>>, Name extends string, Props = Parameters<Module[Name] & ((props: never) => unknown)>[0]>(
  load: () => Promise<Module>,
  name: Name,
): LazyExoticComponent<Module[Name]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

/*
 * The first page anybody sees (start, login, legal texts) is in the main chunk. Everything else
 * comes in its own chunk: a patient's phone loads the call pages (WebRTC, data channels, PDF writer)
 * and nothing of the practice's account pages, the operator area or the help centre.
 */
// startup.ts fetches the join page's chunk as the app starts: a patient's invitation link, where every moment counts.
const JoinPage = lazyPage(() => import('./room/JoinPage'), 'JoinPage');
const BookingPage = lazyPage(() => import('./pages/booking/BookingPage'), 'BookingPage');
const BookingConfirmPage = lazyPage(() => import('./pages/booking/BookingLinkPages'), 'BookingConfirmPage');
const BookingManagePage = lazyPage(() => import('./pages/booking/BookingLinkPages'), 'BookingManagePage');
const PracticeDayPage = lazyPage(() => import('./pages/appointments/PracticeDayPage'), 'PracticeDayPage');
const AppointmentSettingsPage = lazyPage(() => import('./pages/appointments/AppointmentSettingsPage'), 'AppointmentSettingsPage');
const HostRoomPage = lazyPage(() => import('./room/HostRoomPage'), 'HostRoomPage');
const ColleagueRoomPage = lazyPage(() => import('./room/ColleagueRoomPage'), 'ColleagueRoomPage');
const RegisterPage = lazyPage(() => import('./pages/RegisterPage'), 'RegisterPage');
const RegisterOrganizationPage = lazyPage(() => import('./pages/organization/RegisterOrganizationPage'), 'RegisterOrganizationPage');
const AcceptInvitationPage = lazyPage(() => import('./pages/organization/AcceptInvitationPage'), 'AcceptInvitationPage');
const DashboardPage = lazyPage(() => import('./pages/DashboardPage'), 'DashboardPage');
const ProfilePage = lazyPage(() => import('./pages/ProfilePage'), 'ProfilePage');
const MyDataPage = lazyPage(() => import('./pages/privacy/MyDataPage'), 'MyDataPage');
const DataRequestDonePage = lazyPage(() => import('./pages/privacy/MyDataPage'), 'DataRequestDonePage');
const NewConsultationPage = lazyPage(() => import('./pages/consultations/NewConsultationPage'), 'NewConsultationPage');
const ConsultationDetailPage = lazyPage(() => import('./pages/consultations/ConsultationDetailPage'), 'ConsultationDetailPage');
const ActivityPage = lazyPage(() => import('./pages/ActivityPage'), 'ActivityPage');
const ContactsPage = lazyPage(() => import('./pages/contacts/ContactsPage'), 'ContactsPage');
const BillingPage = lazyPage(() => import('./pages/billing/BillingPage'), 'BillingPage');
const OrganizationPage = lazyPage(() => import('./pages/organization/OrganizationPage'), 'OrganizationPage');
const ContactPage = lazyPage(() => import('./pages/ContactPage'), 'ContactPage');
const HelpPage = lazyPage(() => import('./help/HelpPage'), 'HelpPage');
const AccessibilityPage = lazyPage(() => import('./pages/AccessibilityPage'), 'AccessibilityPage');
const OperatorLoginPage = lazyPage(() => import('./operator/OperatorLoginPage'), 'OperatorLoginPage');
const OperatorArea = lazyPage(() => import('./operator/OperatorArea'), 'OperatorArea');
const TicketsPage = lazyPage(() => import('./operator/TicketsPage'), 'TicketsPage');
const TicketPage = lazyPage(() => import('./operator/TicketPage'), 'TicketPage');
const ReceiptsPage = lazyPage(() => import('./operator/ReceiptsPage'), 'ReceiptsPage');
const RecordPage = lazyPage(() => import('./operator/RecordPage'), 'RecordPage');
const SelfCheckPage = lazyPage(() => import('./operator/SelfCheckPage'), 'SelfCheckPage');
const RestrictionsPage = lazyPage(() => import('./operator/RestrictionsPage'), 'RestrictionsPage');

function SessionUnavailable({ offline }: { offline: boolean }) {
  const { t } = useTranslation();
  // Started from the service worker's cache without a network: say so, in the words a patient understands.
  return (
    <Page title={offline ? t('pwa.offlineTitle') : t('app.sessionErrorTitle')} width="narrow">
      <p>{offline ? t('pwa.offlineText') : t('app.sessionErrorText')}</p>
      <button type="button" className="button button-primary" onClick={() => void startSession()}>
        {t('common.retry')}
      </button>
    </Page>
  );
}

export function App({ startup }: { startup: Pick<Startup, 'takeJoin'> }) {
  const { status, offline } = useSession();
  return (
    <Routes>
      <Route element={<Layout />}>
        {status === 'unavailable' ? (
          <Route path={appRoutes.notFound.path} element={<SessionUnavailable offline={offline === true} />} />
        ) : (
          <>
            <Route index element={<LandingPage />} />
            <Route path={appRoutes.register.path} element={<RegisterPage />} />
            <Route path={appRoutes.registerOrganization.path} element={<RegisterOrganizationPage />} />
            <Route path={appRoutes.checkInbox.path} element={<CheckInboxPage />} />
            <Route path={appRoutes.confirmEmail.path} element={<ConfirmEmailPage />} />
            <Route path={appRoutes.login.path} element={<LoginPage />} />
            <Route path={appRoutes.forgotPassword.path} element={<ForgotPasswordPage />} />
            <Route path={appRoutes.resetPassword.path} element={<ResetPasswordPage />} />
            <Route path={appRoutes.confirmEmailChange.path} element={<ConfirmEmailChangePage />} />
            <Route path={appRoutes.notMe.path} element={<NotMePage />} />
            <Route path={appRoutes.acceptInvitation.path} element={<AcceptInvitationPage />} />
            <Route path={appRoutes.dashboard.path} element={<RequireAuth>{(account) => <DashboardPage account={account} />}</RequireAuth>} />
            <Route path={appRoutes.profile.path} element={<RequireAuth>{() => <ProfilePage />}</RequireAuth>} />
            <Route path={appRoutes.myData.path} element={<RequireAuth>{(account) => <MyDataPage account={account} />}</RequireAuth>} />
            <Route path={appRoutes.myDataDeleted.path} element={<DataRequestDonePage outcome="deleted" />} />
            <Route path={appRoutes.myDataOrganizationDeleted.path} element={<DataRequestDonePage outcome="organization-deleted" />} />
            <Route path={appRoutes.myDataRestricted.path} element={<DataRequestDonePage outcome="restricted" />} />
            <Route path={appRoutes.newConsultation.path} element={<RequireAuth>{(account) => <NewConsultationPage account={account} />}</RequireAuth>} />
            <Route path={appRoutes.consultation.path} element={<RequireAuth>{(account) => <ConsultationDetailPage account={account} />}</RequireAuth>} />
            <Route path={appRoutes.hostRoom.path} element={<RequireAuth>{() => <HostRoomPage />}</RequireAuth>} />
            <Route path={appRoutes.colleagueCall.path} element={<RequireAuth>{() => <ColleagueRoomPage />}</RequireAuth>} />
            <Route path={appRoutes.join.path} element={<JoinPage takeEarly={startup.takeJoin} />} />
            <Route path={appRoutes.bookingConfirm.path} element={<BookingConfirmPage />} />
            <Route path={appRoutes.bookingManage.path} element={<BookingManagePage />} />
            <Route path={appRoutes.booking.path} element={<BookingPage />} />
            <Route path={appRoutes.appointments.path} element={<RequireAuth>{(account) => <PracticeDayPage account={account} />}</RequireAuth>} />
            <Route
              path={appRoutes.appointmentSettings.path}
              element={<RequireAuth>{(account) => <AppointmentSettingsPage account={account} />}</RequireAuth>}
            />
            <Route path={appRoutes.activity.path} element={<RequireAuth>{(account) => <ActivityPage account={account} />}</RequireAuth>} />
            <Route path={appRoutes.contacts.path} element={<RequireAuth>{() => <ContactsPage />}</RequireAuth>} />
            <Route path={appRoutes.billing.path} element={<RequireAuth>{() => <BillingPage />}</RequireAuth>} />
            <Route path={appRoutes.organization.path} element={<RequireAuth>{(account) => <OrganizationPage account={account} />}</RequireAuth>} />
            <Route path={appRoutes.privacy.path} element={<PrivacyPage />} />
            <Route path={appRoutes.imprint.path} element={<ImprintPage />} />
            <Route path={appRoutes.terms.path} element={<TermsPage />} />
            <Route path={appRoutes.contact.path} element={<ContactPage />} />
            <Route path={appRoutes.help.path} element={<HelpPage />} />
            <Route path={appRoutes.accessibility.path} element={<AccessibilityPage />} />
            <Route path={appRoutes.operatorLogin.path} element={<OperatorLoginPage />} />
            <Route path={appRoutes.operator.path} element={<OperatorArea />}>
              <Route index element={<TicketsPage />} />
              <Route path={appRoutes.operatorTicket.path} element={<TicketPage />} />
              <Route path={appRoutes.operatorReceipts.path} element={<ReceiptsPage />} />
              <Route path={appRoutes.operatorRecord.path} element={<RecordPage />} />
              <Route path={appRoutes.operatorSelfCheck.path} element={<SelfCheckPage />} />
              <Route path={appRoutes.operatorRestrictions.path} element={<RestrictionsPage />} />
            </Route>
            <Route path={appRoutes.notFound.path} element={<NotFoundPage />} />
          </>
        )}
      </Route>
    </Routes>
  );
}
