import { useTranslation } from 'react-i18next';
import { today } from './addressChecks';
import { CountrySelect } from './CountrySelect';
import { TextField } from './fields';
import type { FieldBinding } from './useForm';

type AddressField = 'street' | 'houseNumber' | 'postalCode' | 'city' | 'country' | 'phone';

/** Postal address and phone, shared by registration and profile. */
export function AddressFields({ field }: { field: (name: AddressField) => FieldBinding }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field-row field-row-street">
        <TextField binding={field('street')} label={t('fields.street')} autoComplete="address-line1" />
        <TextField binding={field('houseNumber')} label={t('fields.houseNumber')} />
      </div>
      <div className="field-row field-row-city">
        <TextField binding={field('postalCode')} label={t('fields.postalCode')} autoComplete="postal-code" />
        <TextField binding={field('city')} label={t('fields.city')} autoComplete="address-level2" />
      </div>
      <CountrySelect binding={field('country')} />
      <TextField binding={field('phone')} label={t('fields.phone')} hint={t('fields.phoneHint')} type="tel" autoComplete="tel" />
    </>
  );
}

/** First and last name side by side: all some people of an organisation give about themselves. */
export function NameFields({ field }: { field: (name: 'firstName' | 'lastName') => FieldBinding }) {
  const { t } = useTranslation();
  return (
    <div className="field-row">
      <TextField binding={field('firstName')} label={t('fields.firstName')} autoComplete="given-name" />
      <TextField binding={field('lastName')} label={t('fields.lastName')} autoComplete="family-name" />
    </div>
  );
}

export function PersonFields({ field }: { field: (name: 'firstName' | 'lastName' | 'dateOfBirth') => FieldBinding }) {
  const { t } = useTranslation();
  return (
    <>
      <NameFields field={field} />
      <TextField
        binding={field('dateOfBirth')}
        label={t('fields.dateOfBirth')}
        hint={t('fields.dateOfBirthHint')}
        type="date"
        autoComplete="bday"
        max={today()}
      />
    </>
  );
}
