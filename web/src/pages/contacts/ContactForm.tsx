import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { contactInput, type ContactView } from '../../../../common/api/contacts';
import { addContact, updateContact } from '../../api/contacts';
import { FormAlert, SubmitButton } from '../../components/feedback';
import { useForm } from '../../components/useForm';
import { GuestFields } from '../consultations/fields';
import { guestFromValues } from '../consultations/model';
import { contactFormValues } from './model';

/** Adds a contact, or changes one (`contact` given): name plus e-mail and/or mobile number. */
export function ContactForm({
  contact,
  title,
  onSaved,
  onCancel,
}: {
  contact?: ContactView;
  title: string;
  onSaved: (saved: ContactView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const form = useForm({
    initial: contactFormValues(contact),
    schema: contactInput,
    toInput: (values) => guestFromValues(values, ''),
    onSubmit: async (data) => {
      const saved = contact ? await updateContact(contact.id, data) : await addContact(data);
      onSaved(saved);
    },
  });

  // The form replaces the button that opened it: focus goes to its first field.
  useEffect(() => {
    const element = form.formRef.current?.elements.namedItem('name');
    if (element instanceof HTMLElement) element.focus();
  }, [form.formRef]);

  return (
    <section className="contact-form" aria-labelledby={headingId}>
      <p className="add-guest-title" id={headingId}>
        {title}
      </p>
      <form
        ref={form.formRef}
        onSubmit={form.handleSubmit}
        noValidate
        className="form form-compact"
        aria-labelledby={headingId}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !form.busy) onCancel();
        }}
      >
        <GuestFields prefix="" field={form.field} />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <div className="actions">
          <SubmitButton busy={form.busy}>{contact ? t('contacts.editSubmit') : t('contacts.addSubmit')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={form.busy}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
