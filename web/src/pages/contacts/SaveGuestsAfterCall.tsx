import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationView } from '../../../../common/api/consultations';
import { addContact } from '../../api/contacts';
import { FormAlert, StatusMessage } from '../../components/feedback';
import { savedContactOf } from './model';
import { SaveGuestButton } from './SaveGuestButton';
import { useContacts } from './useContacts';
import './contacts.css';

type Message = { tone: 'success' | 'error'; text: string };

/**
 * After the call (P-09): the host may keep a guest as a contact. The server has deleted the
 * invitations with the end, so this page saves what it still holds — only on the host's click.
 */
export function SaveGuestsAfterCall({ guests }: { guests: readonly InvitationView[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { contacts, put } = useContacts(guests.length > 0);
  const [message, setMessage] = useState<Message | undefined>(undefined);
  const active = guests.filter((guest) => guest.status === 'active');
  if (active.length === 0 || !contacts) return null;
  return (
    <section className="panel ended-contacts" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('contacts.endedSaveTitle')}</h2>
      <p>{t('contacts.endedSaveIntro')}</p>
      <StatusMessage>{message?.tone === 'success' ? <p>{message.text}</p> : null}</StatusMessage>
      <FormAlert>{message?.tone === 'error' ? <p>{message.text}</p> : null}</FormAlert>
      <ul className="ended-guest-list">
        {active.map((guest) => {
          const details = { name: guest.guestName, email: guest.email, phone: guest.phone };
          return (
            <li key={guest.id} className="ended-guest">
              <span className="ended-guest-name">{guest.guestName}</span>
              <SaveGuestButton
                name={guest.guestName}
                saved={savedContactOf(details, contacts) !== undefined}
                save={() => addContact({ name: details.name, email: details.email ?? undefined, phone: details.phone ?? undefined })}
                onSaved={put}
                announce={setMessage}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
