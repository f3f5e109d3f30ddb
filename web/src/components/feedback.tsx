import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './fieldProblems';

/**
 * The form-level error region. It is always in the page so that screen readers announce what
 * appears in it.
 */
export function FormAlert({ error, checkFields, children }: { error?: unknown; checkFields?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const message = error !== undefined ? errorText(t, error) : checkFields ? t('form.checkFields') : undefined;
  const visible = Boolean(message || children);
  return (
    <div role="alert" className={visible ? 'alert alert-error' : 'alert alert-empty'}>
      {message ? <p>{message}</p> : null}
      {children}
    </div>
  );
}

/** A polite confirmation (e.g. "saved"). */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div role="status" className={children ? 'alert alert-success' : 'alert alert-empty'}>
      {children}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'warning' | 'success' }) {
  return <div className={`alert alert-${tone}`}>{children}</div>;
}

export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <button type="submit" className="button button-primary" disabled={busy} aria-disabled={busy || undefined}>
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {t('common.sending')}
        </>
      ) : (
        children
      )}
    </button>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
