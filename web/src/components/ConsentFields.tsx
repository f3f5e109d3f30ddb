import { useTranslation } from 'react-i18next';
import { CheckboxField } from './fields';
import type { FieldBinding } from './useForm';

/** The consent part of every form that sets up an account: registration, organisation registration, invitation. */

function LegalLink({ to, children }: { to: string; children: string }) {
  const { t } = useTranslation();
  // A new tab, so that reading the text does not lose what was typed here.
  return (
    <a href={to} target="_blank" rel="noopener">
      {children} <span className="visually-hidden">{t('common.opensInNewTab')}</span>
      <span aria-hidden="true">↗</span>
    </a>
  );
}

/** Acceptance of the terms and of the privacy policy (P-05), each with a link to read it first. */
export function LegalConsentFields({ field }: { field: (name: 'acceptTerms' | 'acceptPrivacyPolicy') => FieldBinding }) {
  const { t } = useTranslation();
  return (
    <>
      <CheckboxField binding={field('acceptTerms')} label={t('fields.acceptTerms')} extra={<LegalLink to="/terms">{t('fields.readTerms')}</LegalLink>} />
      <CheckboxField
        binding={field('acceptPrivacyPolicy')}
        label={t('fields.acceptPrivacyPolicy')}
        extra={<LegalLink to="/privacy">{t('fields.readPrivacyPolicy')}</LegalLink>}
      />
    </>
  );
}
