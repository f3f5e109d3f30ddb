import type { TableInventory } from './inventory';
import { column, id, times } from './inventory-columns';

/** Operator staff with their sign-in and second factor, and the contact requests they answer (P-02, P-20). */
export const operatorInventory = {
  operators: {
    purpose: 'operatorAccess',
    subjects: ['operator'],
    legalBases: ['art6_1b'],
    retention: ['operatorStaff'],
    recipients: [],
    columns: {
      id: id(),
      email: column('contact', 'email'),
      emailIndex: column('credentials', 'tokenHash'),
      name: column('identity', 'name'),
      passwordHash: column('credentials', 'passwordHash'),
      createdAt: times(),
    },
  },
  operatorTotpFactors: {
    purpose: 'operatorAccess',
    subjects: ['operator'],
    // The staff member's contract, and Art. 32 GDPR: the operator area reaches every customer's restriction and requests.
    legalBases: ['art6_1b', 'art6_1c'],
    // Deleted with the staff member (cascade), or by `npm run operator -- reset-second-factor`.
    retention: ['operatorStaff'],
    recipients: [],
    columns: {
      id: id(),
      operatorId: id(),
      secret: column('credentials', 'secondFactor'),
      confirmedAt: times(),
      lastUsedStep: column('credentials', 'secondFactor'),
      createdAt: times(),
    },
  },
  operatorRecoveryCodes: {
    purpose: 'operatorAccess',
    subjects: ['operator'],
    legalBases: ['art6_1b', 'art6_1c'],
    retention: ['operatorStaff'],
    recipients: [],
    columns: {
      id: id(),
      operatorId: id(),
      codeHash: column('credentials', 'tokenHash'),
      createdAt: times(),
    },
  },
  operatorSessions: {
    purpose: 'operatorAccess',
    subjects: ['operator'],
    legalBases: ['art6_1b'],
    retention: ['loginSessions'],
    recipients: [],
    columns: {
      idHash: column('credentials', 'tokenHash'),
      operatorId: id(),
      createdAt: times(),
      lastSeenAt: times(),
      expiresAt: times(),
    },
  },
  contactRequests: {
    purpose: 'support',
    subjects: ['visitor', 'customer', 'member', 'staff'],
    legalBases: ['art6_1b', 'art6_1f'],
    retention: ['contactRequests'],
    recipients: [],
    columns: {
      id: id(),
      name: column('identity', 'name'),
      // The answer is mailed to it.
      email: column('contact', 'email', { recipients: ['smtp'] }),
      subject: column('contact', 'supportMessage'),
      message: column('contact', 'supportMessage'),
      locale: column('technical', 'language'),
      status: column('technical', 'ticketState'),
      createdAt: times(),
      closedAt: times(),
    },
  },
  contactReplies: {
    purpose: 'support',
    subjects: ['visitor', 'customer', 'member', 'staff', 'operator'],
    legalBases: ['art6_1b', 'art6_1f'],
    // Deleted with their request (foreign key cascade).
    retention: ['contactRequests'],
    recipients: ['smtp'],
    columns: {
      id: id(),
      requestId: id(),
      operatorName: column('identity', 'name', { subjects: ['operator'] }),
      text: column('contact', 'supportMessage'),
      sentAt: times(),
    },
  },
} satisfies Partial<TableInventory>;
