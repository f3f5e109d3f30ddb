import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrivacyPolicy } from '../../../common/api/privacy';
import { getPrivacyPolicy } from '../api/endpoints';
import { FormAlert, Spinner } from '../components/feedback';
import { Page } from '../components/Page';
import { currentLanguage } from '../i18n';
import './privacy.css';

function formatDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function Facts({ rows }: { rows: [label: string, values: string[]][] }) {
  return (
    <dl className="privacy-facts">
      {rows.map(([label, values]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{values.join('; ')}</dd>
        </div>
      ))}
    </dl>
  );
}

function PolicyBody({ policy }: { policy: PrivacyPolicy }) {
  const { t } = useTranslation();
  const { controller, privacyContact } = policy;
  return (
    <div className="legal">
      <p className="lead">{policy.intro}</p>
      <p className="form-note">{t('legal.updated', { date: formatDate(policy.version, policy.language) })}</p>

      <section aria-labelledby="privacy-controller">
        <h2 id="privacy-controller">{controller.heading}</h2>
        <p>{controller.text}</p>
        <address className="operator">
          <strong>{controller.name}</strong>
          <br />
          <span className="operator-address">{controller.address}</span>
          {controller.email ? (
            <>
              <br />
              <a href={`mailto:${controller.email}`}>{controller.email}</a>
            </>
          ) : null}
        </address>
      </section>

      <section aria-labelledby="privacy-contact">
        <h2 id="privacy-contact">{privacyContact.heading}</h2>
        <p>{privacyContact.text}</p>
        {privacyContact.email ? (
          <address className="operator">
            {privacyContact.name ? (
              <>
                <strong>{privacyContact.name}</strong>
                <br />
              </>
            ) : null}
            <a href={`mailto:${privacyContact.email}`}>{privacyContact.email}</a>
          </address>
        ) : null}
      </section>

      <section aria-labelledby="privacy-principles">
        <h2 id="privacy-principles">{policy.principles.heading}</h2>
        <ul>
          {policy.principles.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="privacy-purposes">
        <h2 id="privacy-purposes">{policy.purposes.heading}</h2>
        <p>{policy.purposes.intro}</p>
        {policy.purposes.items.map((purpose) => (
          <article key={purpose.id} className="privacy-purpose" aria-labelledby={`purpose-${purpose.id}`}>
            <h3 id={`purpose-${purpose.id}`}>{purpose.title}</h3>
            <p>{purpose.description}</p>
            <Facts
              rows={[
                [t('privacyPage.data'), purpose.data],
                [t('privacyPage.subjects'), purpose.subjects],
                [t('privacyPage.legalBases'), purpose.legalBases],
                [t('privacyPage.retention'), purpose.retention],
                [t('privacyPage.recipients'), purpose.recipients],
              ]}
            />
          </article>
        ))}
      </section>

      <section aria-labelledby="privacy-categories">
        <h2 id="privacy-categories">{policy.categories.heading}</h2>
        <Facts rows={policy.categories.items.map((category) => [category.label, category.data])} />
      </section>

      <section aria-labelledby="privacy-legal-bases">
        <h2 id="privacy-legal-bases">{policy.legalBases.heading}</h2>
        {policy.legalBases.items.map((basis) => (
          <p key={basis.id}>
            <strong>{basis.label}:</strong> {basis.text} <span className="form-note">({basis.purposes.join(', ')})</span>
          </p>
        ))}
      </section>

      <section aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">{policy.retention.heading}</h2>
        <Facts rows={policy.retention.items.map((rule) => [rule.purposes.join(', '), [rule.text]])} />
      </section>

      <section aria-labelledby="privacy-recipients">
        <h2 id="privacy-recipients">{policy.recipients.heading}</h2>
        <p>{policy.recipients.intro}</p>
        {policy.recipients.items.map((recipient) => (
          <article key={recipient.id} className="privacy-purpose" aria-labelledby={`recipient-${recipient.id}`}>
            <h3 id={`recipient-${recipient.id}`}>{recipient.name}</h3>
            <p>{recipient.text}</p>
            <Facts
              rows={[
                [t('privacyPage.purposes'), recipient.purposes],
                [t('privacyPage.location'), [recipient.location]],
                ...(recipient.transfer ? ([[t('privacyPage.transfer'), [recipient.transfer]]] as [string, string[]][]) : []),
              ]}
            />
          </article>
        ))}
      </section>

      <section aria-labelledby="privacy-cookies">
        <h2 id="privacy-cookies">{policy.cookies.heading}</h2>
        <p>{policy.cookies.intro}</p>
        <table className="privacy-cookies">
          <thead>
            <tr>
              <th scope="col">{t('privacyPage.cookieName')}</th>
              <th scope="col">{t('privacyPage.cookieKind')}</th>
              <th scope="col">{t('privacyPage.cookiePurpose')}</th>
              <th scope="col">{t('privacyPage.cookieLifetime')}</th>
            </tr>
          </thead>
          <tbody>
            {policy.cookies.items.map((cookie) => (
              <tr key={cookie.name}>
                <th scope="row">
                  <code>{cookie.name}</code>
                </th>
                <td data-label={t('privacyPage.cookieKind')}>{cookie.kind}</td>
                <td data-label={t('privacyPage.cookiePurpose')}>{cookie.purpose}</td>
                <td data-label={t('privacyPage.cookieLifetime')}>{cookie.lifetime}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">{policy.rights.heading}</h2>
        <ul>
          {policy.rights.items.map((right) => (
            <li key={right.article}>
              <strong>
                {right.title} ({right.article}):
              </strong>{' '}
              {right.text}
            </li>
          ))}
        </ul>
        <p>{policy.rights.closing}</p>
        {policy.rights.authority ? (
          <address className="operator">
            <strong>{policy.rights.authority.name}</strong>
            <br />
            <span className="operator-address">{policy.rights.authority.address}</span>
            <br />
            <a href={policy.rights.authority.url} rel="noopener noreferrer">
              {policy.rights.authority.url}
            </a>
          </address>
        ) : null}
      </section>
    </div>
  );
}

/** The privacy policy as the server renders it from its data inventory, in the chosen language. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [policy, setPolicy] = useState<PrivacyPolicy | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setError(undefined);
    getPrivacyPolicy(language).then(
      (loaded) => current && setPolicy(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [language, attempt]);

  const shown = policy?.language === language ? policy : undefined;
  return (
    <Page title={shown?.title ?? t('privacyPage.title')}>
      <FormAlert error={error}>
        {error ? (
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        ) : null}
      </FormAlert>
      {shown ? <PolicyBody policy={shown} /> : error ? <p>{t('privacyPage.loadFailed')}</p> : <Spinner label={t('privacyPage.loading')} />}
    </Page>
  );
}
