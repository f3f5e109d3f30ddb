import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfessionalView } from '../../../../common/api/organizations';
import { listProfessionals } from '../../api/organizations';
import { FormAlert, Notice } from '../../components/feedback';
import { errorText } from '../../components/fieldProblems';
import { SelectField } from '../../components/fields';
import type { FieldBinding } from '../../components/useForm';

export type ProfessionalsState = { kind: 'loading' } | { kind: 'ready'; professionals: ProfessionalView[] } | { kind: 'error'; error: unknown };

/** The professionals practice staff may organise for; nothing is asked for anyone else. */
export function useProfessionals(enabled: boolean): ProfessionalsState {
  const [state, setState] = useState<ProfessionalsState>({ kind: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    listProfessionals().then(
      (professionals) => current && setState({ kind: 'ready', professionals }),
      (error: unknown) => current && setState({ kind: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [enabled]);
  return state;
}

/** "Consultation of": whom practice staff set the appointment up for (`onBehalfOf`). */
export function ProfessionalField({ binding, state }: { binding: FieldBinding; state: ProfessionalsState }) {
  const { t } = useTranslation();
  if (state.kind === 'error') {
    return (
      <FormAlert>
        <p>{t('staff.professionalsFailed')}</p>
        <p>{errorText(t, state.error)}</p>
      </FormAlert>
    );
  }
  if (state.kind === 'ready' && state.professionals.length === 0) {
    return (
      <Notice tone="warning">
        <p>{t('staff.noProfessionals')}</p>
      </Notice>
    );
  }
  const options = [
    { value: '', label: t('staff.onBehalfOfChoose') },
    ...(state.kind === 'ready' ? state.professionals : []).map((professional) => ({
      value: professional.id,
      label: `${professional.firstName} ${professional.lastName}`,
    })),
  ];
  return <SelectField binding={binding} label={t('staff.onBehalfOf')} hint={t('staff.onBehalfOfHint')} options={options} />;
}
