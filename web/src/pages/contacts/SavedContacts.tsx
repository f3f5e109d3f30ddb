import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ContactView } from '../../../../common/api/contacts';
import { deleteContact } from '../../api/contacts';
import { displayPhone } from '../../components/addressChecks';
import { FormAlert, Spinner, StatusMessage } from '../../components/feedback';
import { errorText } from '../../components/fieldProblems';
import { InlineConfirm } from '../../components/InlineConfirm';
import { dateLocale } from '../consultations/model';
import { ContactForm } from './ContactForm';
import { byName, type InviteContactState } from './model';
import { useContacts } from './useContacts';

type Mode = 'view' | 'edit' | 'confirmRemove';

function ContactItem({
  contact,
  onChanged,
  onRemoved,
  announce,
}: {
  contact: ContactView;
  onChanged: (contact: ContactView) => void;
  onRemoved: (contact: ContactView) => void;
  announce: (text: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const nameId = useId();
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const editButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<'edit' | 'remove' | undefined>(undefined);

  useEffect(() => {
    if (mode !== 'view' || !returnFocus.current) return;
    (returnFocus.current === 'edit' ? editButton : removeButton).current?.focus();
    returnFocus.current = undefined;
  }, [mode]);

  async function remove(): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await deleteContact(contact.id);
      onRemoved(contact);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  const invite = () => {
    const state: InviteContactState = { inviteContact: { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone } };
    void navigate('/consultations/new', { state });
  };

  return (
    <li className="contact" aria-labelledby={nameId}>
      <h3 id={nameId} className="contact-name">
        {contact.name}
      </h3>
      {contact.email ? <p className="contact-line">{t('contacts.emailLine', { address: contact.email })}</p> : null}
      {contact.phone ? <p className="contact-line">{t('contacts.phoneLine', { number: displayPhone(contact.phone) })}</p> : null}
      <FormAlert error={error} />
      {mode === 'edit' ? (
        <ContactForm
          contact={contact}
          title={t('contacts.editTitle', { name: contact.name })}
          onSaved={(saved) => {
            onChanged(saved);
            announce(t('contacts.edited', { name: saved.name }));
            returnFocus.current = 'edit';
            setMode('view');
          }}
          onCancel={() => {
            returnFocus.current = 'edit';
            setMode('view');
          }}
        />
      ) : null}
      {mode === 'confirmRemove' ? (
        <InlineConfirm
          text={t('contacts.removeConfirm', { name: contact.name })}
          confirmLabel={t('contacts.removeYes')}
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => {
            returnFocus.current = 'remove';
            setMode('view');
          }}
        />
      ) : null}
      {mode === 'view' ? (
        <div className="contact-actions">
          <button type="button" className="button button-primary button-small" aria-label={t('contacts.inviteLabel', { name: contact.name })} onClick={invite}>
            {t('contacts.invite')}
          </button>
          <button
            type="button"
            ref={editButton}
            className="button button-secondary button-small"
            aria-label={t('contacts.editLabel', { name: contact.name })}
            onClick={() => {
              setError(undefined);
              setMode('edit');
            }}
          >
            {t('contacts.edit')}
          </button>
          <button
            type="button"
            ref={removeButton}
            className="button button-secondary button-small button-danger-outline"
            aria-label={t('contacts.removeLabel', { name: contact.name })}
            onClick={() => {
              setError(undefined);
              setMode('confirmRemove');
            }}
          >
            {t('contacts.remove')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** The "Saved contacts" section of the contacts page: list, add, edit, delete, invite (P-09). */
export function SavedContacts() {
  const { t, i18n } = useTranslation();
  const { contacts, error, reload, put, drop } = useContacts();
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusAdd = useRef(false);

  useEffect(() => {
    if (adding || !focusAdd.current) return;
    focusAdd.current = false;
    addButton.current?.focus();
  }, [adding]);

  const sorted = contacts ? byName(contacts, dateLocale(i18n.resolvedLanguage)) : undefined;
  return (
    <section className="contacts-saved" aria-labelledby="saved-contacts-title">
      <h2 id="saved-contacts-title" tabIndex={-1} ref={heading}>
        {t('contacts.savedTitle')}
      </h2>
      <StatusMessage>{status ? <p>{status}</p> : null}</StatusMessage>
      {adding ? (
        <ContactForm
          title={t('contacts.addTitle')}
          onSaved={(saved) => {
            put(saved);
            setStatus(t('contacts.added', { name: saved.name }));
            focusAdd.current = true;
            setAdding(false);
          }}
          onCancel={() => {
            focusAdd.current = true;
            setAdding(false);
          }}
        />
      ) : (
        <p>
          <button
            type="button"
            ref={addButton}
            className="button button-secondary"
            onClick={() => {
              setStatus('');
              setAdding(true);
            }}
          >
            <span aria-hidden="true">+</span> {t('contacts.add')}
          </button>
        </p>
      )}
      {!sorted && error ? (
        <FormAlert>
          <p>{t('contacts.loadFailed')}</p>
          <p>{errorText(t, error)}</p>
          <button type="button" className="button button-secondary" onClick={reload}>
            {t('common.retry')}
          </button>
        </FormAlert>
      ) : null}
      {!sorted && !error ? <Spinner label={t('common.loading')} /> : null}
      {sorted && sorted.length === 0 ? (
        <div className="empty-state contacts-empty">
          <h3>{t('contacts.emptyTitle')}</h3>
          <p>{t('contacts.emptyText')}</p>
        </div>
      ) : null}
      {sorted && sorted.length > 0 ? (
        <>
          <p className="form-note">{t('contacts.count', { count: sorted.length })}</p>
          <ul className="contact-list">
            {sorted.map((contact) => (
              <ContactItem
                key={contact.id}
                contact={contact}
                onChanged={put}
                announce={setStatus}
                onRemoved={(removed) => {
                  drop(removed.id);
                  setStatus(t('contacts.removed', { name: removed.name }));
                  // Its row is gone: focus goes to the list's heading.
                  heading.current?.focus();
                }}
              />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
