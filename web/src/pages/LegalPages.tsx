import { useTranslation } from 'react-i18next';
import type { SiteInfo } from '../../../common/api/site';
import { Page } from '../components/Page';
import { currentLanguage } from '../i18n';
import { legalDe } from '../legal/de';
import { legalEn } from '../legal/en';
import type { LegalTexts } from '../legal/types';
import { useSiteInfo } from '../site/useSiteInfo';

const texts = { de: legalDe, en: legalEn };

function OperatorBlock({ site }: { site: SiteInfo | undefined }) {
  const { t } = useTranslation();
  if (!site) return <p>{t('legal.operatorLoading')}</p>;
  const { name, address, email } = site.operator;
  return (
    <address className="operator">
      <strong>{name}</strong>
      <br />
      <span className="operator-address">{address}</span>
      {email ? (
        <>
          <br />
          <a href={`mailto:${email}`}>{email}</a>
        </>
      ) : null}
    </address>
  );
}

function formatDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function LegalPage({ document: name }: { document: keyof LegalTexts }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const site = useSiteInfo();
  const text = texts[language][name];
  const operator = site?.operator.name ?? '…';
  const fill = (value: string) => value.replaceAll('{{operator}}', operator);
  const version = name === 'terms' ? site?.termsVersion : undefined;
  return (
    <Page title={text.title}>
      <div className="legal">
        <p className="lead">{fill(text.intro)}</p>
        {version ? <p className="form-note">{t('legal.updated', { date: formatDate(version, language) })}</p> : null}
        {text.sections.map((section) => (
          <section key={section.heading}>
            <h2>{section.heading}</h2>
            {section.paragraphs.map((paragraph) => (
              <p key={paragraph}>{fill(paragraph)}</p>
            ))}
            {section.list ? (
              <ul>
                {section.list.map((item) => (
                  <li key={item}>{fill(item)}</li>
                ))}
              </ul>
            ) : null}
            {section.operatorBlock ? <OperatorBlock site={site} /> : null}
          </section>
        ))}
      </div>
    </Page>
  );
}

export const TermsPage = () => <LegalPage document="terms" />;
export const ImprintPage = () => <LegalPage document="imprint" />;
