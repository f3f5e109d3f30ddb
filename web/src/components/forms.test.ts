import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { safeReturnPath } from '../session/returnPath';
import { addressChecks, displayPhone } from './addressChecks';
import { countriesFor } from './countries';
import { errorText, fieldProblemText } from './fieldProblems';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'de',
    resources: { de: { translation: de }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
});

describe('addressChecks', () => {
  it('accepts a German address', () => {
    expect(addressChecks({ postalCode: '10115', phone: '030 1234567', country: 'DE' })).toEqual({});
  });

  it('names the postal code and phone that do not fit the country', () => {
    expect(addressChecks({ postalCode: '1234', phone: '12', country: 'DE' })).toEqual({
      postalCode: { code: 'invalid_postal_code' },
    });
    expect(addressChecks({ postalCode: '1010', phone: '030 1234', country: 'AT' }).phone).toBeUndefined();
    expect(addressChecks({ postalCode: '10115', phone: '0000 000', country: 'DE' })).toEqual({
      phone: { code: 'invalid_phone' },
    });
  });

  it('shows stored numbers readably', () => {
    expect(displayPhone('+49301234567')).toBe('+49 30 1234567');
    expect(displayPhone('not a number')).toBe('not a number');
  });
});

describe('countriesFor', () => {
  it('puts Germany, Austria and Switzerland first, named in the UI language', () => {
    const { preferred, others } = countriesFor('de');
    expect(preferred.map((country) => country.name)).toEqual(['Deutschland', 'Österreich', 'Schweiz']);
    expect(others.some((country) => country.code === 'DE')).toBe(false);
    expect(others.find((country) => country.code === 'FR')?.name).toBe('Frankreich');
    expect(countriesFor('en').preferred[1]?.name).toBe('Austria');
  });
});

describe('messages', () => {
  it('translates field problems with their limit', () => {
    expect(fieldProblemText(i18n.t, { code: 'too_short', limit: 10 })).toBe('Bitte geben Sie mindestens 10 Zeichen ein.');
    expect(fieldProblemText(i18n.getFixedT('en'), { code: 'too_short', limit: 10 })).toBe('Please enter at least 10 characters.');
  });

  it('says how long to wait after too many attempts', () => {
    const error = (seconds?: number) => new ApiError(429, 'too_many_requests', 'Too many', {}, seconds);
    expect(errorText(i18n.t, error(30))).toBe('Zu viele Versuche. Bitte warten Sie 30 Sekunden.');
    expect(errorText(i18n.t, error(900))).toBe('Zu viele Versuche. Bitte warten Sie 15 Minuten.');
    expect(errorText(i18n.t, error())).toMatch(/^Zu viele Versuche/);
    expect(errorText(i18n.t, new Error('boom'))).toBe(de.errors.unexpected_response);
  });
});

describe('safeReturnPath', () => {
  it('returns only paths of this site', () => {
    expect(safeReturnPath('/profile?tab=1')).toBe('/profile?tab=1');
    expect(safeReturnPath('//evil.example/')).toBeUndefined();
    expect(safeReturnPath('/\\evil.example/')).toBeUndefined();
    expect(safeReturnPath('https://evil.example/')).toBeUndefined();
    expect(safeReturnPath(undefined)).toBeUndefined();
  });
});
