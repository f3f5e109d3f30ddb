import { useTranslation } from 'react-i18next';
import { CheckboxField, PasswordField } from './fields';
import type { FieldBinding } from './useForm';

/** Fields of every form that sets up a login: registration, organisation registration, invitation, password reset. */

export function LegalLink({ to, children }: { to: string; children: string }) {
  const { t } = useTranslation();
  // A new tab, so that reading the text does not lose what was typed here.
  return (
    <a href={to} target="_blank" rel="noopener">
      {children} <span className="visually-hidden">{t('common.opensInNewTab')}</span>
      <span aria-hidden="true">↗</span>
    </a>
  );
}

/** A password being chosen (not typed to prove who one is): the rules as hint, and the browser may suggest one. */
export function NewPasswordField({ binding, label }: { binding: FieldBinding; label?: string }) {
  const { t } = useTranslation();
  return <PasswordField binding={binding} label={label ?? t('fields.password')} hint={t('fields.passwordHint')} autoComplete="new-password" />;
}

/** Acceptance of the terms and of the privacy policy (P-05), each with a link to read it first. */
export function LegalConsentFields({ field }: { field: (name: 'acceptTerms' | 'acceptPrivacyPolicy') => FieldBinding }) {
  const { t } = useTranslation();
  return (
    <>
      <CheckboxField
        binding={field('acceptTerms')}
        label={t('fields.acceptTerms')}
        extra={<LegalLink to="/terms">{t('fields.readTerms')}</LegalLink>}
      />
      <CheckboxField
        binding={field('acceptPrivacyPolicy')}
        label={t('fields.acceptPrivacyPolicy')}
        extra={<LegalLink to="/privacy">{t('fields.readPrivacyPolicy')}</LegalLink>}
      />
    </>
  );
}
