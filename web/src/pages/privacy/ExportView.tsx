import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataExport } from '../../../../common/api/privacy-rights';

function useFormat() {
  const { i18n } = useTranslation();
  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    time: (value: string | null) => (value ? dateTime.format(new Date(value)) : '–'),
    day: (value: string | null) => (value ? date.format(new Date(`${value}T00:00:00Z`)) : '–'),
  };
}

/** A label from a closed list, or the code itself for one this version of the app does not know yet. */
function label(t: TFunction, prefix: string, id: string, fallback?: string): string {
  return t(`${prefix}.${id}`, { defaultValue: fallback ?? id });
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel data-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="data-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function List({ items, empty }: { items: ReactNode[]; empty: string }) {
  if (items.length === 0) return <p className="form-note">{empty}</p>;
  return (
    <ul className="data-list">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

/** The export as a person reads it (Art. 15); the download button gives the same as JSON (Art. 20). */
export function ExportView({ data }: { data: DataExport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { account, organization } = data;
  const address = (place: { street: string | null; houseNumber: string | null; postalCode: string | null; city: string | null; country: string | null }) =>
    [`${place.street ?? ''} ${place.houseNumber ?? ''}`.trim(), `${place.postalCode ?? ''} ${place.city ?? ''}`.trim(), place.country ?? '']
      .filter(Boolean)
      .join(', ');
  return (
    <>
      <Section id="data-account" title={t('myData.sections.account')}>
        <Facts
          rows={[
            [t('myData.fields.name'), `${account.firstName} ${account.lastName}`],
            [t('myData.fields.email'), account.email],
            ...(account.dateOfBirth ? [[t('myData.fields.dateOfBirth'), format.day(account.dateOfBirth)] as [string, ReactNode]] : []),
            ...(account.street ? [[t('myData.fields.address'), address(account)] as [string, ReactNode]] : []),
            ...(account.phone ? [[t('myData.fields.phone'), account.phone] as [string, ReactNode]] : []),
            [t('myData.fields.locale'), t(`languages.${account.locale}`)],
            [t('myData.fields.createdAt'), format.time(account.createdAt)],
            [t('myData.fields.emailConfirmedAt'), format.time(account.emailConfirmedAt)],
          ]}
        />
      </Section>
      {organization ? (
        <Section id="data-organization" title={t('myData.sections.organization')}>
          <Facts
            rows={[
              [t('myData.fields.name'), organization.name],
              [t('myData.fields.email'), organization.email],
              [t('myData.fields.address'), address(organization)],
              [t('myData.fields.phone'), organization.phone],
            ]}
          />
        </Section>
      ) : null}
      <Section id="data-consents" title={t('myData.sections.consents')}>
        <List
          empty={t('myData.none')}
          items={data.consents.map((consent) =>
            t('myData.consents.item', {
              document: label(t, 'myData.consents.documents', consent.document),
              version: consent.version,
              time: format.time(consent.acceptedAt),
            }),
          )}
        />
        <p>{t('myData.consents.withdrawal')}</p>
        <p className="form-note">{t('myData.consents.guests')}</p>
      </Section>
      <Section id="data-sessions" title={t('myData.sections.sessions')}>
        <List
          empty={t('myData.none')}
          items={data.sessions.map(
            (session) =>
              `${t('myData.sessions.item', { started: format.time(session.startedAt), lastSeen: format.time(session.lastSeenAt) })}${session.current ? ` ${t('myData.sessions.current')}` : ''}`,
          )}
        />
        <p className="form-note">{t('myData.sessions.note')}</p>
      </Section>
      <Section id="data-passkeys" title={t('myData.sections.passkeys')}>
        <List
          empty={t('myData.none')}
          items={data.passkeys.map((passkey) =>
            t('myData.passkeys.item', {
              name: passkey.name,
              created: format.time(passkey.createdAt),
              used: passkey.lastUsedAt ? format.time(passkey.lastUsedAt) : t('myData.passkeys.never'),
            }),
          )}
        />
        <p className="form-note">{t('myData.passkeys.note')}</p>
      </Section>
      <Section id="data-consultations" title={t('myData.sections.consultations')}>
        <List
          empty={t('myData.none')}
          items={data.consultations.map((consultation) => (
            <>
              <strong>{t('myData.consultations.item', { from: format.time(consultation.validFrom), until: format.time(consultation.validUntil) })}</strong> (
              {label(t, 'myData.consultations.status', consultation.status)})
              {consultation.participantNames.length > 0 ? (
                <div>{t('myData.consultations.participants', { names: consultation.participantNames.join(', ') })}</div>
              ) : null}
              {consultation.invitationChannels.length > 0 ? (
                <div>
                  {t('myData.consultations.channels', {
                    channels: consultation.invitationChannels.map((channel) => label(t, 'myData.consultations.channel', channel)).join(', '),
                  })}
                </div>
              ) : null}
              {consultation.invitations.length > 0 ? (
                <div>
                  {t('myData.consultations.invitations')}
                  <ul>
                    {consultation.invitations.map((invitation, index) => (
                      <li key={index}>
                        {t('myData.consultations.guest', {
                          name: invitation.guestName,
                          contact: [invitation.guestEmail, invitation.guestPhone].filter(Boolean).join(', '),
                        })}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </>
          ))}
        />
      </Section>
      <Section id="data-contacts" title={t('myData.sections.contacts')}>
        <List empty={t('myData.none')} items={data.contacts.map((contact) => [contact.name, contact.email, contact.phone].filter(Boolean).join(' – '))} />
      </Section>
      <Section id="data-appointments" title={t('myData.sections.appointments')}>
        <List
          empty={t('myData.none')}
          items={data.appointments.map((appointment) =>
            t('myData.appointments.item', {
              time: format.time(appointment.startsAt),
              type: appointment.typeName,
              name: appointment.patientName,
              status: label(t, 'myData.appointments.status', appointment.status),
            }),
          )}
        />
      </Section>
      <Section id="data-links" title={t('myData.sections.emailLinks')}>
        <List
          empty={t('myData.none')}
          items={data.emailLinks.map((link) =>
            t('myData.emailLinks.item', { purpose: label(t, 'myData.emailLinks.purposes', link.purpose), time: format.time(link.expiresAt) }),
          )}
        />
      </Section>
      <Section id="data-processing" title={t('myData.sections.processing')}>
        {data.processing.map((entry) => (
          <div key={entry.dataset} className="data-processing">
            <h3>{label(t, 'myData.processing.datasets', entry.dataset)}</h3>
            <Facts
              rows={[
                [t('myData.processing.headings.purpose'), label(t, 'myData.processing.purposes', entry.purpose)],
                [t('myData.processing.headings.legalBases'), entry.legalBases.map((basis) => label(t, 'myData.processing.legalBases', basis)).join('; ')],
                [
                  t('myData.processing.headings.retention'),
                  entry.retention.map((rule) => label(t, 'myData.processing.retention', rule.rule, rule.description)).join('; '),
                ],
                [
                  t('myData.processing.headings.recipients'),
                  entry.recipients.length > 0
                    ? entry.recipients.map((recipient) => label(t, 'myData.recipients.names', recipient)).join(', ')
                    : t('myData.none'),
                ],
                [t('myData.processing.headings.origin'), label(t, 'myData.processing.origins', entry.origin)],
              ]}
            />
          </div>
        ))}
      </Section>
      <Section id="data-recipients" title={t('myData.sections.recipients')}>
        {data.recipients.length === 0 ? (
          <p>{t('myData.recipients.none')}</p>
        ) : (
          <>
            <p>{t('myData.recipients.intro')}</p>
            <List
              empty={t('myData.none')}
              items={data.recipients.map((entry) => (
                <>
                  {t('myData.recipients.item', {
                    name: label(t, 'myData.recipients.names', entry.recipient),
                    provider: [entry.name, entry.provider].filter(Boolean).join(', ') || '–',
                    datasets: entry.datasets.map((dataset) => label(t, 'myData.processing.datasets', dataset)).join(', '),
                  })}
                  {entry.deliveries > 0 ? <> ({t('myData.recipients.deliveries', { count: entry.deliveries })})</> : null}
                </>
              ))}
            />
          </>
        )}
      </Section>
    </>
  );
}
