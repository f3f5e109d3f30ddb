import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConsultationView } from '../../../../common/api/consultations';
import { addGuestRequest } from '../../../../common/api/invitations';
import { addGuest } from '../../api/consultations';
import { FormAlert, StatusMessage } from '../../components/feedback';
import { useForm } from '../../components/useForm';
import { useSiteInfo } from '../../site/useSiteInfo';
import { deliveryFailed, guestFromValues } from './model';

const initialGuest: Record<string, string> = { 'guest.name': '', 'guest.email': '', 'guest.phone': '' };

type AddGuestMessage = { tone: 'success' | 'error'; text: string };

/**
 * The form that invites one more guest to a consultation (dashboard card and host panel alike).
 * Afterwards it says whether the invitation went out: a failed delivery is an error to fix.
 */
export function useAddGuestForm({
  consultation,
  onChanged,
  onAdded,
  onError,
}: {
  consultation: ConsultationView;
  onChanged: (view: ConsultationView) => void;
  /** The guest is invited (the form is empty again): e.g. close it. */
  onAdded: () => void;
  /** As useForm's onError: true when the failure was dealt with. */
  onError?: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<AddGuestMessage | undefined>(undefined);
  // Until /api/site answered, the field is offered; the server refuses an SMS it cannot send anyway.
  const sms = useSiteInfo()?.smsInvitations !== false;
  const form = useForm({
    initial: initialGuest,
    schema: addGuestRequest,
    toInput: (values) => ({ guest: guestFromValues(values, 'guest.', { sms }) }),
    onSubmit: async (data) => {
      const before = new Set(consultation.invitations.map((invitation) => invitation.id));
      const view = await addGuest(consultation.id, data);
      onChanged(view);
      const added = view.invitations.find((invitation) => !before.has(invitation.id));
      const name = added?.guestName ?? data.guest.name;
      setMessage(
        added && deliveryFailed(added)
          ? { tone: 'error', text: t('consultations.guestAddedFailed', { name }) }
          : { tone: 'success', text: t('consultations.guestAdded', { name }) },
      );
      onAdded();
      return initialGuest;
    },
    onError: (error) => onError?.(error) ?? false,
  });
  return { form, message, setMessage, sms };
}

/** The outcome of the last invitation, in live regions that stay in the page so that it is announced. */
export function AddGuestMessages({ message }: { message: AddGuestMessage | undefined }) {
  return (
    <>
      <StatusMessage>{message?.tone === 'success' ? <p>{message.text}</p> : null}</StatusMessage>
      <FormAlert>{message?.tone === 'error' ? <p>{message.text}</p> : null}</FormAlert>
    </>
  );
}
