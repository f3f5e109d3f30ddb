import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField, type ProblemText } from '../../components/fields';
import type { FieldBinding } from '../../components/useForm';

/**
 * Fields of the consultation forms beyond components/fields.tsx: radios, the guest's fields (optional
 * e-mail or phone, with texts that say more than the shared ones) and the save-to-contacts choice.
 */

/** Radio buttons; the surrounding fieldset's legend names the group. */
export function RadioGroup({ binding, options }: { binding: FieldBinding; options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div className="radio-group">
      {options.map((option) => (
        <div className="checkbox-row radio-row" key={option.value}>
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={binding.name}
            value={option.value}
            checked={binding.value === option.value}
            onChange={() => binding.onChange(option.value)}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </div>
  );
}

/**
 * Name plus e-mail and/or mobile number of one guest; `prefix` starts the field names ("guests.0." or
 * "guest."). `sms: false` (the server has no SMS provider) replaces the mobile number with a sentence.
 */
export function GuestFields({ prefix, field, sms = true }: { prefix: string; field: (name: string) => FieldBinding; sms?: boolean }) {
  const { t } = useTranslation();
  const contactText: ProblemText = (problem) => (problem.code === 'required' ? t('consultations.contactRequired') : undefined);
  const phoneText: ProblemText = (problem) => (problem.code === 'invalid_phone' ? t('consultations.invalidMobile') : undefined);
  return (
    <>
      <TextField binding={field(`${prefix}name`)} label={t('consultations.guestName')} autoComplete="off" />
      <TextField
        binding={field(`${prefix}email`)}
        label={t('consultations.guestEmail')}
        hint={sms ? t('consultations.guestContactHint') : t('consultations.smsUnavailable')}
        type="email"
        autoComplete="off"
        autoCapitalize="off"
        required={false}
        problemText={contactText}
      />
      {sms ? (
        <TextField
          binding={field(`${prefix}phone`)}
          label={t('consultations.guestPhone')}
          hint={t('consultations.guestPhoneHint')}
          type="tel"
          autoComplete="off"
          required={false}
          problemText={phoneText}
        />
      ) : null}
    </>
  );
}

/**
 * The explicit "save to my contacts" choice of one guest (P-09); never ticked by default. The value
 * is 'yes' or '' so that the form's values stay text.
 */
export function SaveToContactsCheckbox({ binding }: { binding: FieldBinding }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field field-checkbox guest-save">
      <div className="checkbox-row">
        <input
          id={id}
          name={binding.name}
          type="checkbox"
          checked={binding.value === 'yes'}
          onChange={(event) => binding.onChange(event.target.checked ? 'yes' : '')}
          aria-describedby={`${id}-hint`}
        />
        <label htmlFor={id}>{t('contacts.saveChoice')}</label>
      </div>
      <p className="checkbox-extra" id={`${id}-hint`}>
        {t('contacts.saveChoiceHint')}
      </p>
    </div>
  );
}
