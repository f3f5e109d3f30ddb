import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import * as z from 'zod';
import { mobilePhone } from '../../../../common/api/invitations';
import { email, mustAccept, personName } from '../../../../common/api/fields';
import { ApiError } from '../../api/client';
import { bookSlot, loadBookingPage, loadSlots, type BookingHeld, type BookingPage as PageData } from '../../api/booking';
import { FormAlert, Spinner, SubmitButton } from '../../components/feedback';
import { CheckboxField, TextField } from '../../components/fields';
import { Page } from '../../components/Page';
import { useForm } from '../../components/useForm';
import { currentLanguage } from '../../i18n';
import { CodeForm } from './BookingLinkPages';

/** The patient's part of publicBookingRequest; professional, type and time come from the choices above it. */
const schema = z
  .strictObject({ name: personName, email: email.optional(), phone: mobilePhone.optional(), consent: mustAccept })
  .superRefine((value, context) => {
    if (!value.email && !value.phone)
      context.addIssue({ code: 'custom', path: ['email'], params: { code: 'required' }, message: 'Enter an e-mail address or a mobile number.' });
  });

const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function todayIn(timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function formatters(timeZone: string) {
  const tag = currentLanguage() === 'de' ? 'de-DE' : 'en-GB';
  return {
    day: new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }),
    time: new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit' }),
    own: new Intl.DateTimeFormat(tag, { timeZone: ownZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }),
    full: new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'full', timeStyle: 'short' }),
  };
}

/**
 * A practice's public booking page (issue 10): a type, a day, a free slot, then name and e-mail or
 * mobile number and consent. No reason field: the type is the only description. Everything loads
 * from our own origin.
 */
export function BookingPage() {
  const { t } = useTranslation();
  const slug = useParams().slug ?? '';
  const [page, setPage] = useState<PageData | 'missing' | undefined>(undefined);
  const [professionalId, setProfessionalId] = useState('');
  const [typeId, setTypeId] = useState('');
  const [from, setFrom] = useState('');
  const [slots, setSlots] = useState<string[] | undefined>(undefined);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [taken, setTaken] = useState<string[] | undefined>(undefined);
  const [held, setHeld] = useState<(BookingHeld & { holdId: string; byEmail: boolean }) | undefined>(undefined);

  useEffect(() => {
    loadBookingPage(slug).then(
      (loaded) => {
        setPage(loaded);
        setProfessionalId(loaded.professionals[0]?.id ?? '');
        setTypeId(loaded.professionals[0]?.types[0]?.id ?? '');
        setFrom(todayIn(loaded.timeZone));
      },
      () => setPage('missing'),
    );
  }, [slug]);

  useEffect(() => {
    if (!professionalId || !typeId || !from) return;
    setSlots(undefined);
    loadSlots(slug, professionalId, typeId, from).then(
      (list) => setSlots(list.slots.map((slot) => slot.startsAt)),
      () => setSlots([]),
    );
  }, [slug, professionalId, typeId, from]);

  const timeZone = page && page !== 'missing' ? page.timeZone : 'Europe/Berlin';
  const format = useMemo(() => formatters(timeZone), [timeZone]);
  const form = useForm({
    initial: { name: '', email: '', phone: '', consent: false },
    schema,
    toInput: (values) => ({ name: values.name, email: values.email || undefined, phone: values.phone || undefined, consent: values.consent }),
    onSubmit: async (data) => {
      if (!chosen) return;
      const result = await bookSlot(slug, { ...data, professionalId, typeId, startsAt: chosen, locale: currentLanguage() });
      setHeld({ ...result, byEmail: Boolean(data.email) });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'slot_taken') {
        setTaken((error.details.nextSlots ?? '').split(',').filter(Boolean));
        setChosen(undefined);
        return true;
      }
      return false;
    },
  });

  if (page === undefined)
    return (
      <Page title={t('booking.loading')} width="form">
        <Spinner label={t('booking.loading')} />
      </Page>
    );
  if (page === 'missing')
    return (
      <Page title={t('booking.notFoundTitle')} width="narrow">
        <p>{t('booking.notFoundText')}</p>
      </Page>
    );
  if (held) {
    if (held.status === 'requested')
      return (
        <Page title={t('booking.requestedTitle')} width="narrow">
          <p>{t('booking.requestedText')}</p>
        </Page>
      );
    return (
      <Page title={t('booking.heldTitle')} width="narrow">
        <p className="lead">{held.byEmail ? t('booking.heldEmail') : t('booking.heldSms')}</p>
        {held.byEmail ? null : <CodeForm holdId={held.holdId} />}
      </Page>
    );
  }

  const professional = page.professionals.find((candidate) => candidate.id === professionalId);
  const days = new Map<string, string[]>();
  for (const slot of slots ?? []) {
    const day = format.day.format(new Date(slot));
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  const slotButton = (slot: string) => (
    <li key={slot}>
      <button
        type="button"
        className="button button-secondary"
        aria-pressed={chosen === slot}
        onClick={() => {
          setChosen(slot);
          setTaken(undefined);
        }}
      >
        {format.time.format(new Date(slot))}
      </button>
    </li>
  );

  return (
    <Page title={page.title} width="form">
      <p className="lead">{t('booking.intro')}</p>
      {page.professionals.length > 1 ? (
        <label className="field">
          {t('booking.professional')}
          <select
            value={professionalId}
            onChange={(event) => {
              setProfessionalId(event.target.value);
              setTypeId(page.professionals.find((p) => p.id === event.target.value)?.types[0]?.id ?? '');
              setChosen(undefined);
            }}
          >
            {page.professionals.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="field">
        {t('booking.type')}
        <select
          value={typeId}
          onChange={(event) => {
            setTypeId(event.target.value);
            setChosen(undefined);
          }}
        >
          {professional?.types.map((type) => (
            <option key={type.id} value={type.id}>
              {t('booking.typeOption', { name: type.name, minutes: type.durationMinutes })}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('booking.day')}
        <input
          type="date"
          value={from}
          min={todayIn(timeZone)}
          onChange={(event) => {
            if (event.target.value) setFrom(event.target.value);
            setChosen(undefined);
          }}
        />
      </label>
      {taken ? (
        <section className="alert alert-warning" aria-labelledby="taken-title">
          <h2 id="taken-title">{t('booking.takenTitle')}</h2>
          <p>{t('booking.takenText')}</p>
          <ul className="slot-list">{taken.map(slotButton)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="slots-title">
        <h2 id="slots-title">{t('booking.slotsTitle')}</h2>
        {slots === undefined ? <Spinner label={t('booking.loading')} /> : null}
        {slots?.length === 0 ? <p>{t('booking.noSlots')}</p> : null}
        {[...days].map(([day, daySlots]) => (
          <div key={day}>
            <h3>{day}</h3>
            <ul className="slot-list">{daySlots.map(slotButton)}</ul>
          </div>
        ))}
      </section>
      {chosen ? (
        <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
          <p className="lead">{t('booking.chosen', { when: format.full.format(new Date(chosen)) })}</p>
          {ownZone !== timeZone ? <p>{t('booking.zoneNote', { zone: timeZone, own: format.own.format(new Date(chosen)) })}</p> : null}
          <p>{t('booking.noReason')}</p>
          <TextField binding={form.field('name')} label={t('booking.name')} autoComplete="name" />
          <TextField
            binding={form.field('email')}
            label={t('booking.email')}
            hint={t('booking.emailHint')}
            type="email"
            autoComplete="email"
            required={false}
          />
          <TextField binding={form.field('phone')} label={t('booking.phone')} hint={t('booking.phoneHint')} type="tel" autoComplete="tel" required={false} />
          <CheckboxField binding={form.field('consent')} label={t('booking.consent')} />
          <FormAlert error={form.formError} checkFields={form.checkFields} />
          <SubmitButton busy={form.busy}>{t('booking.submit')}</SubmitButton>
        </form>
      ) : null}
    </Page>
  );
}
