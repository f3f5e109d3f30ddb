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
import { startSession, useSession } from './session/session';

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
const JoinPage = lazyPage(() => import('./room/JoinPage'), 'JoinPage');
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
const OrganizationPage = lazyPage(() => import('./pages/organization/OrganizationPage'), 'OrganizationPage');
const ContactPage = lazyPage(() => import('./pages/ContactPage'), 'ContactPage');
const HelpPage = lazyPage(() => import('./help/HelpPage'), 'HelpPage');
const OperatorLoginPage = lazyPage(() => import('./operator/OperatorLoginPage'), 'OperatorLoginPage');
const OperatorArea = lazyPage(() => import('./operator/OperatorArea'), 'OperatorArea');
const TicketsPage = lazyPage(() => import('./operator/TicketsPage'), 'TicketsPage');
const TicketPage = lazyPage(() => import('./operator/TicketPage'), 'TicketPage');
const ReceiptsPage = lazyPage(() => import('./operator/ReceiptsPage'), 'ReceiptsPage');
const RecordPage = lazyPage(() => import('./operator/RecordPage'), 'RecordPage');
const RestrictionsPage = lazyPage(() => import('./operator/RestrictionsPage'), 'RestrictionsPage');

function SessionUnavailable() {
  const { t } = useTranslation();
  return (
    <Page title={t('app.sessionErrorTitle')} width="narrow">
      <p>{t('app.sessionErrorText')}</p>
      <button type="button" className="button button-primary" onClick={() => void startSession()}>
        {t('common.retry')}
      </button>
    </Page>
  );
}

export function App() {
  const { status } = useSession();
  return (
    <Routes>
      <Route element={<Layout />}>
        {status === 'unavailable' ? (
          <Route path="*" element={<SessionUnavailable />} />
        ) : (
          <>
            <Route index element={<LandingPage />} />
            <Route path="register" element={<RegisterPage />} />
            <Route path="register/organization" element={<RegisterOrganizationPage />} />
            <Route path="register/check-inbox" element={<CheckInboxPage />} />
            <Route path="confirm-email" element={<ConfirmEmailPage />} />
            <Route path="login" element={<LoginPage />} />
            <Route path="forgot-password" element={<ForgotPasswordPage />} />
            <Route path="reset-password" element={<ResetPasswordPage />} />
            <Route path="confirm-email-change" element={<ConfirmEmailChangePage />} />
            <Route path="accept-invitation" element={<AcceptInvitationPage />} />
            <Route
              path="dashboard"
              element={<RequireAuth>{(account) => <DashboardPage account={account} />}</RequireAuth>}
            />
            <Route path="profile" element={<RequireAuth>{() => <ProfilePage />}</RequireAuth>} />
            <Route path="my-data" element={<RequireAuth>{(account) => <MyDataPage account={account} />}</RequireAuth>} />
            <Route path="my-data/deleted" element={<DataRequestDonePage outcome="deleted" />} />
            <Route path="my-data/organization-deleted" element={<DataRequestDonePage outcome="organization-deleted" />} />
            <Route path="my-data/restricted" element={<DataRequestDonePage outcome="restricted" />} />
            <Route path="consultations/new" element={<RequireAuth>{(account) => <NewConsultationPage account={account} />}</RequireAuth>} />
            <Route path="consultations/:id" element={<RequireAuth>{(account) => <ConsultationDetailPage account={account} />}</RequireAuth>} />
            <Route path="consultations/:id/room" element={<RequireAuth>{() => <HostRoomPage />}</RequireAuth>} />
            <Route path="calls/:id" element={<RequireAuth>{() => <ColleagueRoomPage />}</RequireAuth>} />
            <Route path="join" element={<JoinPage />} />
            <Route path="activity" element={<RequireAuth>{(account) => <ActivityPage account={account} />}</RequireAuth>} />
            <Route path="contacts" element={<RequireAuth>{() => <ContactsPage />}</RequireAuth>} />
            <Route
              path="organization"
              element={<RequireAuth>{(account) => <OrganizationPage account={account} />}</RequireAuth>}
            />
            <Route path="privacy" element={<PrivacyPage />} />
            <Route path="imprint" element={<ImprintPage />} />
            <Route path="terms" element={<TermsPage />} />
            <Route path="contact" element={<ContactPage />} />
            <Route path="help" element={<HelpPage />} />
            <Route path="operator/login" element={<OperatorLoginPage />} />
            <Route path="operator" element={<OperatorArea />}>
              <Route index element={<TicketsPage />} />
              <Route path="tickets/:ticketId" element={<TicketPage />} />
              <Route path="receipts" element={<ReceiptsPage />} />
              <Route path="record" element={<RecordPage />} />
              <Route path="restrictions" element={<RestrictionsPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </>
        )}
      </Route>
    </Routes>
  );
}
