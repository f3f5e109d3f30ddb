import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberInvitationRequest, organizationRegistrationRequest, type MemberView } from '../../../../common/api/organizations';
import { fieldErrorsFromIssues } from '../../../../common/errors';
import type { MemberAction } from '../../api/organizations';
import { de } from '../../i18n/de';
import { en } from '../../i18n/en';
import {
  actionTexts,
  availableActions,
  offersSecondFactorReset,
  initialRegistrationValues,
  managesOrganization,
  memberLabel,
  memberName,
  organizationAddressChecks,
  prefixProblems,
  roleLabel,
  statusLabel,
  toRegistrationInput,
  type RegistrationValues,
} from './model';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'de',
    resources: { de: { translation: de }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
});

const filled: RegistrationValues = {
  ...initialRegistrationValues,
  'representative.firstName': 'Maria',
  'representative.lastName': 'Muster',
  'representative.dateOfBirth': '1980-04-12',
  'representative.password': 'ein langer Satz als Passwort',
  'organization.name': 'Hausarztpraxis Muster',
  'organization.email': 'Praxis@Example.org',
  'organization.street': 'Lindenweg',
  'organization.houseNumber': '3a',
  'organization.postalCode': '10115',
  'organization.city': 'Berlin',
  'organization.phone': '030 1234567',
  acceptTerms: true,
  acceptPrivacyPolicy: true,
};

function member(overrides: Partial<MemberView>): MemberView {
  return {
    id: 'm-1',
    firstName: 'Jonas',
    lastName: 'Beispiel',
    email: 'jonas@example.org',
    role: 'member',
    status: 'active',
    createdAt: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

describe('organisation registration body (P-06)', () => {
  it('nests the flat form into representative and organisation, with the UI language', () => {
    const body = toRegistrationInput(filled, 'en');
    expect(body).toEqual({
      representative: { firstName: 'Maria', lastName: 'Muster', dateOfBirth: '1980-04-12', password: 'ein langer Satz als Passwort' },
      organization: {
        name: 'Hausarztpraxis Muster',
        email: 'Praxis@Example.org',
        street: 'Lindenweg',
        houseNumber: '3a',
        postalCode: '10115',
        city: 'Berlin',
        country: 'DE',
        phone: '030 1234567',
      },
      acceptTerms: true,
      acceptPrivacyPolicy: true,
      locale: 'en',
    });
    const parsed = organizationRegistrationRequest.parse(body);
    expect(parsed.organization.email).toBe('praxis@example.org');
    expect(parsed.organization.phone).toBe('+49301234567');
  });

  it('names problems by the form’s own field names, as the server does', () => {
    const input = toRegistrationInput({ ...filled, 'representative.password': 'kurz', 'organization.postalCode': '123', acceptTerms: false }, 'de');
    const result = organizationRegistrationRequest.safeParse(input);
    expect(result.success).toBe(false);
    const names = Object.keys(fieldErrorsFromIssues(result.error?.issues ?? [], input));
    expect(names).toEqual(expect.arrayContaining(['representative.password', 'acceptTerms']));
    for (const name of names) expect(Object.keys(initialRegistrationValues)).toContain(name);
    // The postal code is checked against the country early, under the organisation's field name.
    expect(organizationAddressChecks({ ...filled, 'organization.postalCode': '123' })).toEqual({
      'organization.postalCode': { code: 'invalid_postal_code' },
    });
    expect(organizationAddressChecks(filled)).toEqual({});
  });

  it('prefixes field problems', () => {
    expect(prefixProblems({ phone: { code: 'invalid_phone' } }, 'organization.')).toEqual({
      'organization.phone': { code: 'invalid_phone' },
    });
  });
});

describe('invitation body', () => {
  it('accepts member and staff only, never the representative role', () => {
    expect(memberInvitationRequest.parse({ email: 'A@Example.org', role: 'staff' })).toEqual({ email: 'a@example.org', role: 'staff' });
    expect(memberInvitationRequest.safeParse({ email: 'a@example.org', role: 'representative' }).success).toBe(false);
  });
});

describe('labels', () => {
  it('names roles and states in both languages', () => {
    expect(roleLabel(i18n.t, 'representative')).toBe('Vertretung');
    expect(roleLabel(i18n.t, 'staff')).toBe('Praxisteam');
    expect(roleLabel(i18n.getFixedT('en'), 'staff')).toBe('Practice staff');
    expect(statusLabel(i18n.t, 'invited')).toBe('Eingeladen');
    expect(statusLabel(i18n.t, 'deactivated')).toBe('Deaktiviert');
    expect(statusLabel(i18n.getFixedT('en'), 'active')).toBe('Active');
  });

  it('names a member by name, an invitation by its address', () => {
    expect(memberName(member({}))).toBe('Jonas Beispiel');
    expect(memberLabel(member({}))).toBe('Jonas Beispiel');
    const invited = member({ firstName: '', lastName: '', status: 'invited' });
    expect(memberName(invited)).toBe('');
    expect(memberLabel(invited)).toBe('jonas@example.org');
  });

  it('lets only the representative manage', () => {
    expect(managesOrganization('representative')).toBe(true);
    expect(managesOrganization('member')).toBe(false);
    expect(managesOrganization('staff')).toBe(false);
    expect(managesOrganization(null)).toBe(false);
  });
});

describe('actions per row', () => {
  const self = 'self';

  it('offers nothing on one’s own row', () => {
    expect(availableActions(member({ id: self, role: 'representative' }), self)).toEqual([]);
  });

  it('follows the state of the colleague', () => {
    expect(availableActions(member({ status: 'invited' }), self)).toEqual(['resend', 'remove']);
    expect(availableActions(member({ status: 'active' }), self)).toEqual(['make-representative', 'deactivate', 'remove']);
    expect(availableActions(member({ status: 'active', role: 'staff' }), self)).toEqual(['make-representative', 'deactivate', 'remove']);
    expect(availableActions(member({ status: 'deactivated' }), self)).toEqual(['reactivate', 'remove']);
    expect(availableActions(member({ status: 'pending' }), self)).toEqual(['remove']);
  });

  it('offers to reset the second factor of active colleagues only, never one’s own (issue 12)', () => {
    expect(offersSecondFactorReset(member({ status: 'active' }), self)).toBe(true);
    expect(offersSecondFactorReset(member({ status: 'active', role: 'staff' }), self)).toBe(true);
    expect(offersSecondFactorReset(member({ id: self, status: 'active', role: 'representative' }), self)).toBe(false);
    for (const status of ['invited', 'deactivated', 'pending'] as const) expect(offersSecondFactorReset(member({ status }), self)).toBe(false);
  });

  it('asks before what cannot be undone at once, and calls removing an invitation revoking it', () => {
    expect(actionTexts('remove', 'invited')).toMatchObject({
      button: 'organization.actions.revoke',
      question: 'organization.confirm.revoke',
      done: 'organization.done.revoke',
    });
    expect(actionTexts('remove', 'active').button).toBe('organization.actions.remove');
    expect(actionTexts('resend', 'invited').question).toBeUndefined();
    expect(actionTexts('reactivate', 'deactivated').question).toBeUndefined();
    expect(actionTexts('deactivate', 'active').question).toBe('organization.confirm.deactivate');
    expect(actionTexts('make-representative', 'active').confirm).toBe('organization.confirm.makeRepresentativeYes');
  });

  it('has a text for every key it uses, with the name in questions and outcomes', () => {
    const actions: MemberAction[] = ['resend', 'deactivate', 'reactivate', 'make-representative', 'remove'];
    for (const status of ['invited', 'active', 'deactivated'] as const) {
      for (const action of actions) {
        const texts = actionTexts(action, status);
        for (const key of [texts.button, texts.done, texts.question, texts.confirm]) {
          if (key) expect(i18n.exists(key), key).toBe(true);
        }
        expect(i18n.t(texts.done, { name: 'Jonas Beispiel' })).toContain('Jonas Beispiel');
        if (texts.question) expect(i18n.t(texts.question, { name: 'Jonas Beispiel' })).toContain('Jonas Beispiel');
      }
    }
    // Deactivating explains that sessions and the member's open consultations end at once.
    expect(i18n.t('organization.confirm.deactivate', { name: 'X' })).toMatch(/Anmeldungen .* enden sofort/);
    expect(i18n.getFixedT('en')('organization.confirm.makeRepresentative', { name: 'X' })).toMatch(/You become a member/);
  });
});
