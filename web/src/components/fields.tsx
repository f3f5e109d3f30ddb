import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblemText } from './fieldProblems';
import type { FieldBinding } from './useForm';

interface FieldProps {
  binding: FieldBinding;
  label: string;
  hint?: ReactNode;
  autoComplete?: string;
}

/** Ids that tie a field to its hint and problem text, for aria-describedby. */
function useFieldIds(binding: FieldBinding, hasHint: boolean) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hasHint ? hintId : '', binding.problem ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function FieldProblemText({ id, binding }: { id: string; binding: FieldBinding }) {
  const { t } = useTranslation();
  if (!binding.problem) return null;
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true" className="field-error-icon">
        !
      </span>
      {fieldProblemText(t, binding.problem)}
    </p>
  );
}

export function TextField({
  binding,
  label,
  hint,
  autoComplete,
  type = 'text',
  inputMode,
  max,
}: FieldProps & { type?: 'text' | 'email' | 'tel' | 'date'; inputMode?: 'text' | 'numeric'; max?: string }) {
  const ids = useFieldIds(binding, Boolean(hint));
  return (
    <div className={binding.problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
      <FieldProblemText id={ids.errorId} binding={binding} />
      <input
        id={ids.id}
        name={binding.name}
        type={type}
        value={binding.value}
        onChange={(event) => binding.onChange(event.target.value)}
        onBlur={binding.onBlur}
        autoComplete={autoComplete}
        inputMode={inputMode}
        max={max}
        required
        aria-invalid={binding.problem ? true : undefined}
        aria-describedby={ids.describedBy}
        spellCheck={type === 'text' ? undefined : false}
      />
    </div>
  );
}

export function PasswordField({ binding, label, hint, autoComplete }: FieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const ids = useFieldIds(binding, Boolean(hint));
  return (
    <div className={binding.problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
      <FieldProblemText id={ids.errorId} binding={binding} />
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
    </div>
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
    <div className={binding.problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
      <FieldProblemText id={ids.errorId} binding={binding} />
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
    </div>
  );
}

export function CheckboxField({ binding, label, extra }: { binding: FieldBinding; label: string; extra?: ReactNode }) {
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
          required
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
    <div className={binding.problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={ids.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
      <FieldProblemText id={ids.errorId} binding={binding} />
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
    </div>
  );
}
