import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { Spinner } from './components/feedback';
import { Page } from './components/Page';
import { RequireAuth } from './components/RequireAuth';
import { CheckInboxPage } from './pages/CheckInboxPage';
import { ConfirmEmailChangePage } from './pages/ConfirmEmailChangePage';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage';
import { ActivityPage } from './pages/ActivityPage';
import { ContactsPage } from './pages/contacts/ContactsPage';
import { ConsultationDetailPage } from './pages/consultations/ConsultationDetailPage';
import { NewConsultationPage } from './pages/consultations/NewConsultationPage';
import { DashboardPage } from './pages/DashboardPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { LandingPage } from './pages/LandingPage';
import { ImprintPage, TermsPage } from './pages/LegalPages';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PrivacyPage } from './pages/PrivacyPage';
import { AcceptInvitationPage } from './pages/organization/AcceptInvitationPage';
import { OrganizationPage } from './pages/organization/OrganizationPage';
import { RegisterOrganizationPage } from './pages/organization/RegisterOrganizationPage';
import { DataRequestDonePage, MyDataPage } from './pages/privacy/MyDataPage';
import { ProfilePage } from './pages/ProfilePage';
import { RegisterPage } from './pages/RegisterPage';
import { ContactPage } from './pages/ContactPage';
import { HelpPage } from './help/HelpPage';
import { OperatorArea } from './operator/OperatorArea';
import { OperatorLoginPage } from './operator/OperatorLoginPage';
import { ReceiptsPage } from './operator/ReceiptsPage';
import { RecordPage } from './operator/RecordPage';
import { RestrictionsPage } from './operator/RestrictionsPage';
import { TicketPage } from './operator/TicketPage';
import { TicketsPage } from './operator/TicketsPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { startSession, useSession } from './session/session';

/*
 * The call pages carry the call engine (WebRTC, data channels, PDF writer): a separate chunk, so that
 * a patient's phone loads only what the call needs and the account pages stay small.
 */
const JoinPage = lazy(() => import('./room/JoinPage').then((module) => ({ default: module.JoinPage })));
const HostRoomPage = lazy(() => import('./room/HostRoomPage').then((module) => ({ default: module.HostRoomPage })));
const ColleagueRoomPage = lazy(() => import('./room/ColleagueRoomPage').then((module) => ({ default: module.ColleagueRoomPage })));

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <Page title={t('common.loading')}>
          <Spinner label={t('common.loading')} />
        </Page>
      }
    >
      {children}
    </Suspense>
  );
}

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
            <Route path="consultations/:id/room" element={<RequireAuth>{() => <Loading><HostRoomPage /></Loading>}</RequireAuth>} />
            <Route path="calls/:id" element={<RequireAuth>{() => <Loading><ColleagueRoomPage /></Loading>}</RequireAuth>} />
            <Route path="join" element={<Loading><JoinPage /></Loading>} />
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
