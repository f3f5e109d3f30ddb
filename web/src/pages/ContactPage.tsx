import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CONTACT_MESSAGE_MAX, contactRequest } from '../../../common/api/support';
import { getContactChallenge, sendContactRequest } from '../api/support';
import { FormAlert, StatusMessage, SubmitButton } from '../components/feedback';
import { TextAreaField, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useForm } from '../components/useForm';
import { currentLanguage } from '../i18n';
import { solveChallenge } from '../support/proofOfWork';
import '../support/support.css';

/** What the visitor fills in; the proof of work and the honeypot are added when sending. */
const formSchema = contactRequest.omit({ proof: true, website: true });

/** P-02: the public contact form; every request becomes a ticket for the operator's staff. */
export function ContactPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | undefined>(undefined);
  const [phase, setPhase] = useState<'idle' | 'checking' | 'sending'>('idle');
  const honeypot = useRef<HTMLInputElement>(null);
  const form = useForm({
    initial: { name: '', email: '', subject: '', message: '' },
    schema: formSchema,
    toInput: (values) => ({ ...values, locale: currentLanguage() }),
    onSubmit: async (data) => {
      try {
        setPhase('checking');
        const challenge = await getContactChallenge();
        const nonce = await solveChallenge(challenge);
        setPhase('sending');
        const website = honeypot.current?.value ?? '';
        await sendContactRequest({ ...data, proof: { challenge: challenge.challenge, nonce }, ...(website ? { website } : {}) });
        setSentTo(data.email);
        return { name: '', email: '', subject: '', message: '' };
      } finally {
        setPhase('idle');
      }
    },
  });

  if (sentTo) {
    return (
      <Page title={t('support.sentTitle')} width="form">
        <StatusMessage>
          <p>{t('support.sentText', { email: sentTo })}</p>
        </StatusMessage>
        <p>
          <button type="button" className="button button-secondary" onClick={() => setSentTo(undefined)}>
            {t('support.another')}
          </button>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('support.title')} width="form">
      <p className="lead">{t('support.lead')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <TextField binding={form.field('name')} label={t('support.name')} autoComplete="name" />
        <TextField binding={form.field('email')} label={t('support.email')} hint={t('support.emailHint')} type="email" autoComplete="email" />
        <TextField binding={form.field('subject')} label={t('support.subject')} />
        <TextAreaField binding={form.field('message')} label={t('support.message')} hint={t('support.messageHint')} maxLength={CONTACT_MESSAGE_MAX} />
        {/* Off-screen and out of the tab order: people never fill it, form-filling bots do. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="contact-website">{t('support.honeypot')}</label>
          <input ref={honeypot} id="contact-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <p className="form-note">
          {t('support.privacyNotice')} <Link to="/privacy">{t('support.privacyLink')}</Link>.
        </p>
        <p className="form-note">{t('support.spamNote')}</p>
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{t('support.submit')}</SubmitButton>
        <p role="status" className="form-note">
          {phase === 'checking' ? t('support.checking') : ''}
        </p>
      </form>
    </Page>
  );
}
