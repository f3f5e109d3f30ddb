import type { TableInventory } from './inventory';
import { column, id, times } from './inventory-columns';

/** Second factors and remembered browsers of customer accounts (issue 12). */
export const signInInventory = {
  totpFactors: {
    purpose: 'login',
    subjects: ['customer', 'member', 'staff'],
    // The contract's account, and Art. 32 GDPR: a second factor secures accounts that hold patients' names.
    legalBases: ['art6_1b', 'art6_1c'],
    retention: ['accountData'],
    recipients: [],
    columns: {
      id: id(),
      accountId: id(),
      secret: column('credentials', 'secondFactor'),
      confirmedAt: times(),
      lastUsedStep: column('credentials', 'secondFactor'),
      createdAt: times(),
    },
  },
  recoveryCodes: {
    purpose: 'login',
    subjects: ['customer', 'member', 'staff'],
    legalBases: ['art6_1b', 'art6_1c'],
    retention: ['accountData'],
    recipients: [],
    columns: {
      id: id(),
      accountId: id(),
      codeHash: column('credentials', 'tokenHash'),
      createdAt: times(),
    },
  },
  passkeys: {
    purpose: 'login',
    subjects: ['customer', 'member', 'staff'],
    // As the authenticator app: the account's contract, and Art. 32 GDPR for accounts with patients' names.
    legalBases: ['art6_1b', 'art6_1c'],
    retention: ['accountData'],
    recipients: [],
    columns: {
      id: id(),
      accountId: id(),
      credentialId: column('credentials', 'passkey'),
      publicKey: column('credentials', 'passkey'),
      signCount: column('credentials', 'passkey'),
      transports: column('credentials', 'passkey'),
      name: column('credentials', 'passkey'),
      createdAt: times(),
      lastUsedAt: times(),
    },
  },
  knownBrowsers: {
    purpose: 'security',
    subjects: ['customer', 'member', 'staff'],
    // The mail about a sign-in from another browser protects the account (Art. 32 GDPR) of the contract.
    legalBases: ['art6_1b', 'art6_1c'],
    retention: ['knownBrowsers'],
    recipients: [],
    columns: {
      id: id(),
      accountId: id(),
      browserDigest: column('technical', 'knownBrowser'),
      lastSignInAt: times(),
    },
  },
  passkeyChallenges: {
    purpose: 'login',
    subjects: ['customer', 'member', 'staff'],
    legalBases: ['art6_1b'],
    retention: ['passkeyChallenges'],
    recipients: [],
    columns: {
      id: id(),
      challengeHash: column('credentials', 'tokenHash'),
      purpose: column('technical', 'linkPurpose'),
      accountId: id(),
      expiresAt: times(),
    },
  },
} satisfies Partial<TableInventory>;
