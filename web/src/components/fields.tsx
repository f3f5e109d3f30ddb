import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblemText, type FieldProblem } from './fieldProblems';
import type { FieldBinding } from './useForm';

/** A form's own text for a problem ("a landline cannot receive an SMS"); undefined keeps the shared one. */
export type ProblemText = (problem: FieldProblem) => string | undefined;

interface FieldProps {
  binding: FieldBinding;
  label: string;
  hint?: ReactNode;
  autoComplete?: string;
}

interface FieldIds {
  id: string;
  hintId: string;
  errorId: string;
  describedBy: string | undefined;
}

/** Ids that tie a field to its hint and problem text, for aria-describedby. */
function useFieldIds(binding: FieldBinding, hasHint: boolean): FieldIds {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hasHint ? hintId : '', binding.problem ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function FieldProblemText({ id, binding, problemText }: { id: string; binding: FieldBinding; problemText?: ProblemText | undefined }) {
  const { t } = useTranslation();
  if (!binding.problem) return null;
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true" className="field-error-icon">
        !
      </span>
      {problemText?.(binding.problem) ?? fieldProblemText(t, binding.problem)}
    </p>
  );
}

/** Label, hint and problem text above one control: the same for every kind of field. */
function FieldFrame({
  ids,
  binding,
  label,
  hint,
  problemText,
  className,
  children,
}: {
  ids: FieldIds;
  binding: FieldBinding;
  label: string;
  hint?: ReactNode;
  problemText?: ProblemText | undefined;
  className?: string | undefined;
  children: ReactNode;
}) {
  const classes = ['field', binding.problem ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
      <FieldProblemText id={ids.errorId} binding={binding} problemText={problemText} />
      {children}
    </div>
  );
}

/** Text-like inputs; optional ones (e-mail or phone of a guest, a date filter) pass `required={false}`. */
export function TextField({
  binding,
  label,
  hint,
  autoComplete,
  type = 'text',
  inputMode,
  autoCapitalize,
  min,
  max,
  required = true,
  problemText,
  className,
}: FieldProps & {
  type?: 'text' | 'email' | 'tel' | 'date' | 'datetime-local';
  inputMode?: 'text' | 'numeric';
  autoCapitalize?: 'off';
  min?: string;
  max?: string;
  required?: boolean;
  problemText?: ProblemText;
  className?: string;
}) {
  const ids = useFieldIds(binding, Boolean(hint));
  return (
    <FieldFrame ids={ids} binding={binding} label={label} hint={hint} problemText={problemText} className={className}>
      <input
        id={ids.id}
        name={binding.name}
        type={type}
        value={binding.value}
        onChange={(event) => binding.onChange(event.target.value)}
        onBlur={binding.onBlur}
        autoComplete={autoComplete}
        inputMode={inputMode}
        autoCapitalize={autoCapitalize}
        min={min}
        max={max}
        required={required}
        aria-invalid={binding.problem ? true : undefined}
        aria-describedby={ids.describedBy}
        spellCheck={type === 'text' ? undefined : false}
      />
    </FieldFrame>
  );
}

export function PasswordField({ binding, label, hint, autoComplete }: FieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const ids = useFieldIds(binding, Boolean(hint));
  return (
    <FieldFrame ids={ids} binding={binding} label={label} hint={hint}>
      <div className="password-row">
        <input
          id={ids.id}
          name={binding.name}
          type={visible ? 'text' : 'password'}
          value={binding.value}
          onChange={(event) => binding.onChange(event.target.value)}
          onBlur={binding.onBlur}
          autoComplete={autoComplete}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          required
          aria-invalid={binding.problem ? true : undefined}
          aria-describedby={ids.describedBy}
        />
        <button
          type="button"
          className="button button-secondary password-toggle"
          aria-controls={ids.id}
          aria-pressed={visible}
          onClick={() => setVisible((current) => !current)}
        >
          {visible ? t('fields.hidePassword') : t('fields.showPassword')}
        </button>
      </div>
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

export function SelectField({ binding, label, hint, autoComplete, options }: FieldProps & { options: Option[] }) {
  const ids = useFieldIds(binding, Boolean(hint));
  return (
    <FieldFrame ids={ids} binding={binding} label={label} hint={hint}>
      <select
        id={ids.id}
        name={binding.name}
        value={binding.value}
        onChange={(event) => binding.onChange(event.target.value)}
        onBlur={binding.onBlur}
        autoComplete={autoComplete}
        required
        aria-invalid={binding.problem ? true : undefined}
        aria-describedby={ids.describedBy}
      >
        {options.map((option, index) => (
          <option key={option.value || `separator-${index}`} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({
  binding,
  label,
  extra,
  required = true,
}: {
  binding: FieldBinding;
  label: string;
  extra?: ReactNode;
  /** Consents are required; a preference (e.g. "remember this browser") is not. */
  required?: boolean;
}) {
  const ids = useFieldIds(binding, false);
  return (
    <div className={binding.problem ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
      <FieldProblemText id={ids.errorId} binding={binding} />
      <div className="checkbox-row">
        <input
          id={ids.id}
          name={binding.name}
          type="checkbox"
          checked={binding.checked}
          onChange={(event) => binding.onChange(event.target.checked)}
          onBlur={binding.onBlur}
          required={required}
          aria-invalid={binding.problem ? true : undefined}
          aria-describedby={ids.describedBy}
        />
        <label htmlFor={ids.id}>{label}</label>
      </div>
      {extra ? <p className="checkbox-extra">{extra}</p> : null}
    </div>
  );
}

export function TextAreaField({ binding, label, hint, rows = 6, maxLength }: FieldProps & { rows?: number; maxLength?: number }) {
  const ids = useFieldIds(binding, Boolean(hint));
  return (
    <FieldFrame ids={ids} binding={binding} label={label} hint={hint}>
      <textarea
        id={ids.id}
        name={binding.name}
        value={binding.value}
        rows={rows}
        maxLength={maxLength}
        onChange={(event) => binding.onChange(event.target.value)}
        onBlur={binding.onBlur}
        required
        aria-invalid={binding.problem ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldFrame>
  );
}

/** A password being chosen (not typed to prove who one is): the rules as hint, and the browser may suggest one. */
export function NewPasswordField({ binding, label }: { binding: FieldBinding; label?: string }) {
  const { t } = useTranslation();
  return <PasswordField binding={binding} label={label ?? t('fields.password')} hint={t('fields.passwordHint')} autoComplete="new-password" />;
}
