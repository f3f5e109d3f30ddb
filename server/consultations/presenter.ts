import type { ActivityEntry, ConsultationView, InvitationView } from '../../common/api/consultations';
import type { ScheduleConsultation, ScheduleInvitation, ScheduleParticipant } from './schedule-store';
import type { ConsultationRow } from './store';

/** Every field the host sees of a consultation is named here. */
function presentInvitation(invitation: ScheduleInvitation, participant: ScheduleParticipant | undefined): InvitationView {
  return {
    id: invitation.id,
    guestName: invitation.guestName,
    email: invitation.guestEmail,
    phone: invitation.guestPhone,
    status: invitation.status,
    emailDelivery: invitation.emailDelivery,
    smsDelivery: invitation.smsDelivery,
    deliveryError: invitation.deliveryError,
    lastSentAt: invitation.lastSentAt?.toISOString() ?? null,
    participantStatus: participant?.status ?? null,
    participantId: participant?.id ?? null,
  };
}

/** Takes the schedule's columns (schedule-store.ts); whole rows fit too. */
export function presentConsultation(
  consultation: ScheduleConsultation,
  invitations: ScheduleInvitation[],
  participants: ScheduleParticipant[],
): ConsultationView {
  const host = participants.find((row) => row.consultationId === consultation.id && row.role === 'host');
  return {
    id: consultation.id,
    hostName: host?.displayName ?? '',
    status: consultation.status,
    validFrom: consultation.validFrom.toISOString(),
    validUntil: consultation.validUntil.toISOString(),
    createdAt: consultation.createdAt.toISOString(),
    startedAt: consultation.startedAt?.toISOString() ?? null,
    endedAt: consultation.endedAt?.toISOString() ?? null,
    mode: consultation.callMode,
    invitations: invitations
      .filter((invitation) => invitation.consultationId === consultation.id)
      .map((invitation) =>
        presentInvitation(
          invitation,
          participants.find((row) => row.invitationId === invitation.id),
        ),
      ),
  };
}

/** P-14: who, when and how long — nothing said or shared. */
export function presentActivity(consultation: ConsultationRow, hostName: string): ActivityEntry {
  const endedAt = consultation.endedAt ?? consultation.createdAt;
  return {
    id: consultation.id,
    createdAt: consultation.createdAt.toISOString(),
    startedAt: consultation.startedAt?.toISOString() ?? null,
    endedAt: endedAt.toISOString(),
    durationSeconds: consultation.startedAt ? Math.max(0, Math.round((endedAt.getTime() - consultation.startedAt.getTime()) / 1000)) : null,
    participantNames: consultation.participantNames,
    hostName,
    invitationChannels: consultation.invitationChannels.filter((channel): channel is 'email' | 'sms' => channel === 'email' || channel === 'sms'),
  };
}
