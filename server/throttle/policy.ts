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
  /** Contact-form submissions from one client (P-02): enough for a person, useless for a spammer. */
  contactRequestsPerClient: { max: 5, windowMs: 60 * MINUTE },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof limits;
