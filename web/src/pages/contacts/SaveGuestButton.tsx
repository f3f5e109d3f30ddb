import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../../common/api/contacts';
import { errorText } from '../../components/fieldProblems';
import './contacts.css';

/**
 * "Save to contacts" for one guest (P-09, only by this explicit choice). Once saved it says so
 * instead; the caller decides how the guest is saved (from the open invitation, or from the data
 * the ended call's page still holds).
 */
export function SaveGuestButton({
  name,
  saved,
  save,
  onSaved,
  announce,
}: {
  name: string;
  saved: boolean;
  save: () => Promise<ContactView>;
  onSaved: (contact: ContactView) => void;
  announce: (message: { tone: 'success' | 'error'; text: string }) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const savedNote = useRef<HTMLParagraphElement>(null);
  const focusNote = useRef(false);

  // The button gives way to the note: focus follows, so that it is not lost.
  useEffect(() => {
    if (!saved || !focusNote.current) return;
    focusNote.current = false;
    savedNote.current?.focus();
  }, [saved]);

  if (saved) {
    return (
      <p className="guest-saved" tabIndex={-1} ref={savedNote}>
        {t('contacts.alreadySaved')}
      </p>
    );
  }

  async function run(): Promise<void> {
    setBusy(true);
    try {
      const contact = await save();
      focusNote.current = true;
      onSaved(contact);
      announce({ tone: 'success', text: t('contacts.savedGuest', { name }) });
    } catch (failure) {
      announce({ tone: 'error', text: errorText(t, failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <p className="guest-save-action">
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={t('contacts.saveGuestLabel', { name })}
        onClick={() => void run()}
        disabled={busy}
      >
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        {t('contacts.saveGuest')}
      </button>
    </p>
  );
}
