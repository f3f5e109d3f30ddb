import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblemText, type FieldProblem } from '../../components/fieldProblems';
import type { FieldBinding } from '../../components/useForm';

/**
 * Fields of the consultation forms. They look and behave like components/fields.tsx, and add
 * what these forms need: optional fields (e-mail or phone), date-time inputs, texts for a
 * problem that say more than the shared ones ("a landline cannot receive an SMS"), and radios.
 */

type ProblemText = (problem: FieldProblem) => string | undefined;

function useFieldIds(binding: FieldBinding, hasHint: boolean) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hasHint ? hintId : '', binding.problem ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function Problem({ id, problem, problemText }: { id: string; problem: FieldProblem | undefined; problemText?: ProblemText | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true" className="field-error-icon">
        !
      </span>
      {problemText?.(problem) ?? fieldProblemText(t, problem)}
    </p>
  );
}

export function InputField({
  binding,
  label,
  hint,
  type = 'text',
  autoComplete,
  required = true,
  problemText,
  min,
  max,
  className,
}: {
  binding: FieldBinding;
  label: string;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'tel' | 'date' | 'datetime-local';
  autoComplete?: string;
  required?: boolean;
  problemText?: ProblemText;
  min?: string;
  max?: string;
  className?: string;
}) {
  const ids = useFieldIds(binding, Boolean(hint));
  const classes = ['field', binding.problem ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
      <Problem id={ids.errorId} problem={binding.problem} problemText={problemText} />
      <input
        id={ids.id}
        name={binding.name}
        type={type}
        value={binding.value}
        onChange={(event) => binding.onChange(event.target.value)}
        onBlur={binding.onBlur}
        autoComplete={autoComplete}
        min={min}
        max={max}
        required={required}
        aria-invalid={binding.problem ? true : undefined}
        aria-describedby={ids.describedBy}
        spellCheck={type === 'text' ? undefined : false}
        autoCapitalize={type === 'email' ? 'off' : undefined}
      />
    </div>
  );
}

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

/** Name plus e-mail and/or mobile number of one guest; `prefix` starts the field names ("guests.0." or "guest."). */
export function GuestFields({ prefix, field }: { prefix: string; field: (name: string) => FieldBinding }) {
  const { t } = useTranslation();
  const contactText: ProblemText = (problem) => (problem.code === 'required' ? t('consultations.contactRequired') : undefined);
  const phoneText: ProblemText = (problem) => (problem.code === 'invalid_phone' ? t('consultations.invalidMobile') : undefined);
  return (
    <>
      <InputField binding={field(`${prefix}name`)} label={t('consultations.guestName')} autoComplete="off" />
      <InputField
        binding={field(`${prefix}email`)}
        label={t('consultations.guestEmail')}
        hint={t('consultations.guestContactHint')}
        type="email"
        autoComplete="off"
        required={false}
        problemText={contactText}
      />
      <InputField
        binding={field(`${prefix}phone`)}
        label={t('consultations.guestPhone')}
        hint={t('consultations.guestPhoneHint')}
        type="tel"
        autoComplete="off"
        required={false}
        problemText={phoneText}
      />
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
