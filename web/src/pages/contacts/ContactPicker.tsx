import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../../common/api/contacts';
import { displayPhone } from '../../components/addressChecks';
import { dateLocale } from '../consultations/model';
import { byName, contactLabel } from './model';
import './contacts.css';

/**
 * "Choose from contacts" on the new-consultation page: a select and a button (a select that acts
 * on every change would fire while a keyboard user is still moving through the options).
 */
export function ContactPicker({
  contacts,
  full,
  onPick,
}: {
  contacts: readonly ContactView[];
  /** Every guest place is taken. */
  full: boolean;
  onPick: (contact: ContactView) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState(false);
  const sorted = byName(contacts, dateLocale(i18n.resolvedLanguage));
  const describedBy = [`${id}-hint`, problem || full ? `${id}-problem` : ''].filter(Boolean).join(' ');

  function pick(): void {
    const contact = sorted.find((item) => item.id === chosen);
    if (!contact) {
      setProblem(true);
      return;
    }
    setProblem(false);
    setChosen('');
    onPick(contact);
  }

  return (
    <div className="contact-picker-box">
      <p className="add-guest-title">{t('contacts.pickerTitle')}</p>
      <div className="contact-picker">
        <div className={problem ? 'field field-invalid' : 'field'}>
          <label htmlFor={id}>{t('contacts.pickerLabel')}</label>
          <p className="field-hint" id={`${id}-hint`}>
            {t('contacts.pickerHint')}
          </p>
          {problem || full ? (
            <p className="field-error" id={`${id}-problem`}>
              {t(full ? 'contacts.pickerFull' : 'contacts.pickerNothingChosen')}
            </p>
          ) : null}
          <select
            id={id}
            value={chosen}
            onChange={(event) => {
              setChosen(event.target.value);
              setProblem(false);
            }}
            aria-describedby={describedBy}
            aria-invalid={problem || undefined}
            disabled={full}
          >
            <option value="">{t('contacts.pickerChoose')}</option>
            {sorted.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contactLabel(contact, displayPhone)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button-secondary" onClick={pick} disabled={full}>
          {t('contacts.pickerSubmit')}
        </button>
      </div>
    </div>
  );
}
