/** Named limits; each protects one action against guessing or flooding (P-10). */
export interface Limit {
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

export const limits = {
  /** Failed logins against one account, from anywhere: stops password guessing on one victim. */
  loginFailuresPerAccount: { max: 5, windowMs: 15 * MINUTE },
  /** Failed logins from one client across accounts: stops credential stuffing from one source. */
  loginFailuresPerClient: { max: 20, windowMs: 15 * MINUTE },
  registrationsPerClient: { max: 10, windowMs: 60 * MINUTE },
  /** Mails that a stranger can make us send to one address (reset, confirmation). */
  mailsPerAddress: { max: 3, windowMs: 60 * MINUTE },
  mailRequestsPerClient: { max: 10, windowMs: 60 * MINUTE },
  /** Guessing the current password of a logged-in session (password or e-mail change). */
  passwordChecksPerAccount: { max: 5, windowMs: 15 * MINUTE },
  tokenAttemptsPerClient: { max: 30, windowMs: 15 * MINUTE },
  /** Chat PDFs a host may have mailed to themselves. */
  transcriptMailsPerAccount: { max: 10, windowMs: 60 * MINUTE },
  /**
   * Chat PDFs a guest may have mailed to their invitation's address (P-11): a few per call. The
   * address is fixed, so this only keeps one guest from flooding their own mailbox through us.
   */
  transcriptMailsPerInvitation: { max: 3, windowMs: 12 * 60 * MINUTE },
  /** Contact-form submissions from one client (P-02): enough for a person, useless for a spammer. */
  contactRequestsPerClient: { max: 5, windowMs: 60 * MINUTE },
  /*
   * Abuse limits of requests that send a message or create something (issue 16, item 5). Each
   * route names the ones it applies in `config.limits` (server/throttle/route-limits.ts).
   */
  /** Requests that mail one address a link (reset, confirmation, registration), counted even for unknown addresses. */
  mailRequestsPerAddress: { max: 5, windowMs: 60 * MINUTE },
  /** Password and e-mail changes of one account: each mails its owner or a new address. */
  credentialChangesPerAccount: { max: 10, windowMs: 60 * MINUTE },
  /** Consultations (and colleague calls) one person creates: a day's schedule fits, a flood does not. */
  consultationsPerAccount: { max: 100, windowMs: 60 * MINUTE },
  consultationBurstPerAccount: { max: 10, windowMs: MINUTE },
  /** Guest invitations (each e-mail and/or SMS) one person sends, added or resent. */
  guestInvitationsPerAccount: { max: 100, windowMs: 60 * MINUTE },
  /** Invitations reaching one guest's address or number, whoever sends them. */
  guestInvitationsPerAddress: { max: 5, windowMs: 60 * MINUTE },
  /** Member invitations and resends by one representative. */
  memberInvitationsPerAccount: { max: 30, windowMs: 60 * MINUTE },
  /** Member invitation mails to one address. */
  memberInvitationsPerAddress: { max: 3, windowMs: 60 * MINUTE },
  /** Stripe Checkout and Customer Portal sessions (issue 11): each costs calls to Stripe. */
  billingRedirectsPerAccount: { max: 20, windowMs: 60 * MINUTE },
  contactsPerAccount: { max: 100, windowMs: 60 * MINUTE },
  /** Texts to waiting guests ("5 minutes, please"). */
  waitingRoomMessagesPerAccount: { max: 20, windowMs: MINUTE },
  /** Answers operator staff mail to requesters. */
  ticketRepliesPerOperator: { max: 60, windowMs: 60 * MINUTE },
  /** Self-check runs and evidence packs (each verifies the whole receipt chain and probes PUBLIC_URL). */
  selfChecksPerOperator: { max: 30, windowMs: 60 * MINUTE },
  /**
   * Connection tests (issue 9 §5): each hands out TURN credentials for two minutes, so these cap the
   * relay time one invitation link or one professional can take; a person tests a few times at most.
   */
  connectionTestsPerInvitation: { max: 10, windowMs: 60 * MINUTE },
  connectionTestsPerAccount: { max: 20, windowMs: 60 * MINUTE },
  /**
   * Online bookings (issue 10): from one client, enough for a family booking a few appointments; each
   * mails or texts an address, so one address gets few holds whoever books them.
   */
  bookingsPerClient: { max: 30, windowMs: 60 * MINUTE },
  bookingMessagesPerAddress: { max: 5, windowMs: 60 * MINUTE },
  /** Phone bookings, cancellations and booking set-up of one professional or staff member: a busy day fits. */
  appointmentChangesPerAccount: { max: 300, windowMs: 60 * MINUTE },
  /**
   * Polls of one calendar-feed URL: calendar apps poll every few minutes to hours, so this only stops
   * a leaked URL from being hammered. Per client the limit is generous: one calendar service (Google,
   * Apple) polls many people's feeds from the same addresses.
   */
  calendarFeedFetchesPerToken: { max: 120, windowMs: 60 * MINUTE },
  calendarFeedFetchesPerClient: { max: 1200, windowMs: 15 * MINUTE },
  /** SMS codes tried for one held booking: 6 digits are not guessed in 5. */
  bookingCodeAttemptsPerHold: { max: 5, windowMs: 15 * MINUTE },
  /** Second-factor codes tried for one account (login, set-up, turning off): a 6-digit code is not guessed in 5. */
  secondFactorAttemptsPerAccount: { max: 5, windowMs: 15 * MINUTE },
  /** Passkey challenges asked for from one client (sign-in): each is a row until answered or expired. */
  passkeyChallengesPerClient: { max: 60, windowMs: 15 * MINUTE },
  /** Passkeys added, renamed or removed, and their challenges, per account: a person's devices fit. */
  passkeyChangesPerAccount: { max: 40, windowMs: 60 * MINUTE },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof limits;
