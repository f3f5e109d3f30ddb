/** Lifetimes of the links we e-mail (issue #2). */
export const CONFIRMATION_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
export const PASSWORD_RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
export const EMAIL_CHANGE_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** The new-sign-in mail's "this was not me": a week, as a mail may be read days later. */
export const DISOWN_SIGN_IN_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A colleague has a week to accept an invitation to an organisation. */
export const MEMBER_INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
