import type { TableInventory } from './inventory';
import { column, id, times } from './inventory-columns';

/** A professional's booking rules: contract data of the practice, kept while the contract lasts. */
const bookingRules = () => ({
  purpose: 'appointments' as const,
  subjects: ['customer', 'member'] as const,
  legalBases: ['art6_1b'] as const,
  retention: ['accountData'] as const,
  recipients: [] as const,
});

/**
 * Appointments (issue 10). The record (time, professional, type, name, status) is kept 10 years after
 * the appointment (P-17); the patient's e-mail and phone only until it is over (P-09); bookings never
 * confirmed go a day after their hold lapsed.
 */
export const appointmentInventory = {
  appointmentSettings: {
    ...bookingRules(),
    columns: {
      professionalAccountId: id(),
      bufferMinutes: column('contract', 'bookingRules'),
      minimumNoticeMinutes: column('contract', 'bookingRules'),
      horizonDays: column('contract', 'bookingRules'),
      cancelDeadlineMinutes: column('contract', 'bookingRules'),
      linkGraceMinutes: column('contract', 'bookingRules'),
      practiceConfirms: column('contract', 'bookingRules'),
      reminderKinds: column('contract', 'bookingRules'),
      remindersChangedAt: times(),
      updatedAt: times(),
    },
  },
  availabilityRanges: {
    ...bookingRules(),
    columns: {
      id: id(),
      professionalAccountId: id(),
      weekday: column('contract', 'bookingRules'),
      startMinute: column('contract', 'bookingRules'),
      endMinute: column('contract', 'bookingRules'),
    },
  },
  appointmentTypes: {
    ...bookingRules(),
    columns: {
      id: id(),
      organizationId: id(),
      professionalAccountId: id(),
      name: column('contract', 'bookingRules'),
      durationMinutes: column('contract', 'bookingRules'),
      active: column('contract', 'bookingRules'),
      createdAt: times(),
    },
  },
  absences: {
    ...bookingRules(),
    columns: {
      id: id(),
      professionalAccountId: id(),
      startsAt: column('contract', 'bookingRules'),
      endsAt: column('contract', 'bookingRules'),
      createdAt: times(),
    },
  },
  bookingPages: {
    ...bookingRules(),
    columns: {
      id: id(),
      slug: column('contract', 'bookingRules'),
      organizationId: id(),
      professionalAccountId: id(),
      enabled: column('contract', 'bookingRules'),
      createdAt: times(),
    },
  },
  /**
   * The professional's calendar subscription: the feed token's hash (its URL is the credential) and
   * whether the feed shows patients' initials. Kept while the account exists, deleted with it.
   */
  calendarFeeds: {
    ...bookingRules(),
    columns: {
      professionalAccountId: id(),
      tokenHash: column('credentials', 'tokenHash'),
      tokenCreatedAt: times(),
      showInitials: column('contract', 'bookingRules'),
      updatedAt: times(),
    },
  },
  appointments: {
    purpose: 'appointments',
    subjects: ['patient', 'customer', 'member'],
    // The booking is a contract step the patient asks for; the practice's record is its legal duty.
    legalBases: ['art6_1b', 'art6_1c'],
    retention: ['appointments', 'lapsedHolds'],
    recipients: [],
    columns: {
      id: id(),
      professionalAccountId: id(),
      professionalName: column('identity', 'name', { subjects: ['customer', 'member'] }),
      organizationId: id(),
      typeId: id(),
      typeName: column('consultationMetadata', 'appointmentRecord'),
      startsAt: column('consultationMetadata', 'appointmentRecord'),
      endsAt: column('consultationMetadata', 'appointmentRecord'),
      status: column('consultationMetadata', 'appointmentRecord'),
      holdExpiresAt: times(),
      bookedBy: column('consultationMetadata', 'appointmentRecord'),
      bookedByAccountId: column('technical', 'identifier', { subjects: ['member', 'staff'] }),
      patientName: column('identity', 'name', { subjects: ['patient'] }),
      patientEmail: column('contact', 'email', { subjects: ['patient'], retention: ['appointmentContacts', 'lapsedHolds'], recipients: ['smtp'] }),
      patientPhone: column('contact', 'phone', { subjects: ['patient'], retention: ['appointmentContacts', 'lapsedHolds'], recipients: ['sms'] }),
      locale: column('technical', 'language', { subjects: ['patient'] }),
      consentedAt: column('consent', 'consentTime', { subjects: ['patient'], legalBases: ['art6_1c'] }),
      confirmTokenHash: column('credentials', 'tokenHash', { subjects: ['patient'] }),
      confirmCodeHash: column('credentials', 'tokenHash', { subjects: ['patient'] }),
      confirmAttempts: column('technical', 'deliveryState'),
      manageTokenHash: column('credentials', 'tokenHash', { subjects: ['patient'] }),
      consultationId: id(),
      joinToken: column('credentials', 'tokenHash', { subjects: ['patient'], retention: ['appointmentContacts', 'lapsedHolds'] }),
      sequence: column('technical', 'deliveryState'),
      confirmedAt: times(),
      cancelledAt: column('consultationMetadata', 'appointmentRecord'),
      cancelledBy: column('consultationMetadata', 'appointmentRecord'),
      reminderTwoDaysSentAt: column('technical', 'deliveryState'),
      reminderDaySentAt: column('technical', 'deliveryState'),
      reminderThreeHoursSentAt: column('technical', 'deliveryState'),
      reminderHourSentAt: column('technical', 'deliveryState'),
      contactErasedAt: times(),
      restrictedAt: column('technical', 'accountState', { legalBases: ['art6_1c'] }),
      createdAt: times(),
      updatedAt: times(),
    },
  },
  appointmentClaims: {
    purpose: 'appointments',
    subjects: ['member', 'customer'],
    legalBases: ['art6_1b'],
    // Deleted with their appointment (cascade) or when it is cancelled or its hold lapses.
    retention: ['appointments', 'lapsedHolds'],
    recipients: [],
    columns: {
      professionalAccountId: id(),
      unitStart: column('consultationMetadata', 'appointmentRecord'),
      appointmentId: id(),
    },
  },
} satisfies Partial<TableInventory>;
