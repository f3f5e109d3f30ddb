import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { SessionAccount } from '../../../../common/api/accounts';
import { createConsultationRequest } from '../../../../common/api/invitations';
import { createConsultation } from '../../api/consultations';
import { FormAlert, Notice, SubmitButton } from '../../components/feedback';
import type { FieldProblems } from '../../components/fieldProblems';
import { SelectField, TextField } from '../../components/fields';
import { Page } from '../../components/Page';
import { useForm } from '../../components/useForm';
import { ContactPicker } from '../contacts/ContactPicker';
import { fillGuestFromContact, hasRoomForContact, type InviteContactState } from '../contacts/model';
import { useContacts } from '../contacts/useContacts';
import { useSiteInfo } from '../../site/useSiteInfo';
import { GuestFields, RadioGroup, SaveToContactsCheckbox } from './fields';
import { ProfessionalField, useProfessionals } from './ProfessionalField';
import {
  addGuestRow,
  dateLocale,
  formatWindow,
  guestCount,
  guestKey,
  initialConsultationValues,
  localInputToIso,
  MAX_INVITATIONS,
  nextFullHour,
  removeGuestRow,
  startChecks,
  startLiesInPast,
  toCreateInput,
  toLocalInput,
  WINDOW_CHOICES,
  windowLabel,
  type ConsultationFormValues,
} from './model';
import './consultations.css';

export interface ConsultationCreatedState {
  created?: boolean;
}

/** The time shown in the preview moves on while the form is open. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function windowPreview(values: ConsultationFormValues, now: Date): { from: string; until: string } | undefined {
  const minutes = Number(values.windowMinutes);
  const start = values.startMode === 'later' ? localInputToIso(values.startsAt ?? '') : now.toISOString();
  if (!start || !Number.isFinite(minutes)) return undefined;
  return { from: start, until: new Date(Date.parse(start) + minutes * 60_000).toISOString() };
}

/** The form's first values; "invite" on the contacts page hands over one contact (router state). */
function initialValues(state: unknown, staff: boolean): ConsultationFormValues {
  const base = { ...initialConsultationValues(), ...(staff ? { onBehalfOf: '' } : {}) };
  const contact = (state as InviteContactState | null)?.inviteContact;
  return contact ? (fillGuestFromContact(base, contact)?.values ?? base) : base;
}

/** Practice staff must name the professional; the schema cannot know who is asking. */
function professionalChecks(values: ConsultationFormValues, staff: boolean): FieldProblems {
  return staff && !values.onBehalfOf ? { onBehalfOf: { code: 'required' } } : {};
}

export function NewConsultationPage({ account }: { account: SessionAccount }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const staff = account.abilities.organizesConsultations;
  const professionals = useProfessionals(staff);
  const { contacts } = useContacts();
  const now = useMinuteClock();
  const [rowNotice, setRowNotice] = useState('');
  const [focusAfterRender, setFocusAfterRender] = useState<{ target: string } | undefined>(undefined);
  const addRowButton = useRef<HTMLButtonElement>(null);
  const sms = useSiteInfo()?.smsInvitations !== false;
  const form = useForm({
    initial: initialValues(location.state, staff),
    schema: createConsultationRequest,
    toInput: (formValues) => toCreateInput(formValues, { sms }),
    extraChecks: (values) => ({ ...startChecks(values), ...professionalChecks(values, staff) }),
    onSubmit: async (data) => {
      const created = await createConsultation(data);
      const state: ConsultationCreatedState = { created: true };
      void navigate(`/consultations/${created.id}`, { state });
    },
  });
  const { values, field } = form;
  const count = guestCount(values);

  // After adding or removing a guest row, focus goes where the host continues.
  useEffect(() => {
    if (!focusAfterRender) return;
    if (focusAfterRender.target === 'add-row') {
      addRowButton.current?.focus();
    } else {
      const element = form.formRef.current?.elements.namedItem(focusAfterRender.target);
      if (element instanceof HTMLElement) element.focus();
    }
  }, [focusAfterRender, form.formRef]);

  function addRow(): void {
    form.setValues((current) => addGuestRow(current));
    setRowNotice('');
    setFocusAfterRender({ target: `guests.${count}.name` });
  }

  function pickContact(contact: Parameters<typeof fillGuestFromContact>[1]): void {
    const filled = fillGuestFromContact(values, contact);
    if (!filled) return;
    form.setValues(filled.values);
    setRowNotice(t('contacts.picked', { name: contact.name, number: filled.index + 1 }));
  }

  function removeRow(index: number): void {
    const next = removeGuestRow(values, form.problems, index);
    form.setValues(next.values);
    if (Object.keys(next.problems).length > 0 || Object.keys(form.problems).length > 0) form.setProblems(next.problems);
    setRowNotice(t('newConsultation.guestRemoved', { number: index + 1 }));
    setFocusAfterRender({ target: 'add-row' });
  }

  const startMode = field('startMode');
  const startModeBinding = {
    ...startMode,
    onChange: (next: string | boolean) => {
      // Choosing "later" suggests the next full hour rather than an empty picker.
      form.setValues((current) => ({
        ...current,
        startMode: String(next),
        startsAt: next === 'later' && !current.startsAt ? toLocalInput(nextFullHour()) : (current.startsAt ?? ''),
      }));
    },
  };
  const preview = windowPreview(values, now);
  const locale = dateLocale(i18n.resolvedLanguage);
  const windowOptions = WINDOW_CHOICES.map((minutes) => ({ value: String(minutes), label: windowLabel(t, minutes) }));

  return (
    <Page title={t('newConsultation.title')} width="form">
      <p className="lead">{t('newConsultation.intro')}</p>
      {staff ? (
        <Notice>
          <p>{t('staff.noCallNote')}</p>
        </Notice>
      ) : null}
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form new-consultation">
        {staff ? <ProfessionalField binding={field('onBehalfOf')} state={professionals} /> : null}
        <fieldset>
          <legend>{t('newConsultation.whenLegend')}</legend>
          <RadioGroup
            binding={startModeBinding}
            options={[
              { value: 'now', label: t('newConsultation.startNow') },
              { value: 'later', label: t('newConsultation.startLater') },
            ]}
          />
          {values.startMode === 'later' ? (
            <TextField
              binding={field('startsAt')}
              label={t('newConsultation.startsAt')}
              hint={t('newConsultation.startsAtHint')}
              type="datetime-local"
              min={toLocalInput(now)}
              className="field-datetime"
              problemText={(problem) =>
                problem.code === 'invalid_date' && startLiesInPast(values.startsAt ?? '') ? t('newConsultation.startsAtPast') : undefined
              }
            />
          ) : null}
          <SelectField binding={field('windowMinutes')} label={t('newConsultation.window')} hint={t('newConsultation.windowHint')} options={windowOptions} />
          {preview ? (
            <p className="window-preview">
              {t('newConsultation.windowPreview', {
                window: formatWindow(t, locale, preview.from, preview.until, now),
              })}
            </p>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t('newConsultation.modeLegend')}</legend>
          <RadioGroup
            binding={field('callMode')}
            options={[
              { value: 'video', label: t('newConsultation.modeVideo') },
              { value: 'audio', label: t('newConsultation.modeAudio') },
            ]}
          />
          <p className="form-note">{t('newConsultation.modeHint')}</p>
        </fieldset>

        <fieldset>
          <legend>{t('newConsultation.guestsLegend')}</legend>
          {contacts && contacts.length > 0 ? <ContactPicker contacts={contacts} full={!hasRoomForContact(values)} onPick={pickContact} /> : null}
          {Array.from({ length: count }, (_, index) => (
            <fieldset className="guest-row" key={index}>
              <legend>{t('newConsultation.guestLegend', { number: index + 1 })}</legend>
              <GuestFields prefix={`guests.${index}.`} field={field} sms={sms} />
              {values[guestKey(index, 'contact')] ? (
                <p className="guest-from-contacts">{t('contacts.fromContacts')}</p>
              ) : staff ? null : (
                <SaveToContactsCheckbox binding={field(guestKey(index, 'save'))} />
              )}
              {count > 1 ? (
                <button
                  type="button"
                  className="button button-secondary button-small guest-remove"
                  aria-label={t('newConsultation.removeGuestLabel', { number: index + 1 })}
                  onClick={() => removeRow(index)}
                >
                  {t('newConsultation.removeGuest')}
                </button>
              ) : null}
            </fieldset>
          ))}
          {count < MAX_INVITATIONS ? (
            <button type="button" ref={addRowButton} className="button button-secondary guest-add" onClick={addRow}>
              <span aria-hidden="true">+</span> {t('newConsultation.addGuestRow')}
            </button>
          ) : (
            <p className="form-note">{t('newConsultation.maxGuests', { count: MAX_INVITATIONS })}</p>
          )}
          <p className="visually-hidden" role="status">
            {rowNotice}
          </p>
        </fieldset>

        <Notice>
          <h2 className="notice-title">{t('newConsultation.privacyTitle')}</h2>
          <p>{t('newConsultation.privacyTexts')}</p>
          <p>{t('newConsultation.privacyDeletion')}</p>
        </Notice>

        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <div className="actions">
          <SubmitButton busy={form.busy}>{t('newConsultation.submit')}</SubmitButton>
          <Link to="/dashboard" className="button button-secondary">
            {t('newConsultation.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
