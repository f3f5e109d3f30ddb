import { describe, expect, it } from 'vitest';
import type { ContactView } from '../../../../common/api/contacts';
import { createConsultationRequest } from '../../../../common/api/invitations';
import {
  addGuestRow,
  guestCount,
  initialConsultationValues,
  MAX_INVITATIONS,
  removeGuestRow,
  toCreateInput,
  type ConsultationFormValues,
} from '../consultations/model';
import { byName, contactLabel, fillGuestFromContact, hasRoomForContact, savedContactOf } from './model';

const contact = (overrides: Partial<ContactView>): ContactView => ({
  id: 'c1',
  name: 'Max Muster',
  email: null,
  phone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('which guest is in the contacts already', () => {
  const saved = [contact({ id: 'mail', email: 'Max@Example.org' }), contact({ id: 'sms', name: 'Erika', phone: '+4915112345678' })];

  it('matches by e-mail address (any case) or by mobile number (any notation)', () => {
    expect(savedContactOf({ name: 'M. Muster', email: 'max@example.org', phone: null }, saved)?.id).toBe('mail');
    expect(savedContactOf({ name: 'Erika M.', email: null, phone: '0151 12345678' }, saved)?.id).toBe('sms');
  });

  it('does not take the same name for the same person', () => {
    expect(savedContactOf({ name: 'Max Muster', email: 'other@example.org', phone: null }, saved)).toBeUndefined();
    expect(savedContactOf({ name: 'Erika', email: null, phone: null }, saved)).toBeUndefined();
  });
});

describe('contacts in the new-consultation form', () => {
  const erika = { id: 'c2', name: 'Erika Muster', email: null, phone: '+4915112345678' };

  it('fills the first empty row, remembers the contact and leaves the save box unticked', () => {
    const filled = fillGuestFromContact(initialConsultationValues(), erika);
    expect(filled?.index).toBe(0);
    expect(filled?.values).toMatchObject({
      'guests.0.name': 'Erika Muster',
      'guests.0.phone': '+4915112345678',
      'guests.0.contact': 'c2',
      'guests.0.save': '',
    });
    expect(createConsultationRequest.safeParse(toCreateInput(filled!.values)).data?.guests).toEqual([{ name: 'Erika Muster', phone: '+4915112345678' }]);
  });

  it('adds a row when every row is filled, and says no when there is no place left', () => {
    const first = { ...initialConsultationValues(), 'guests.0.name': 'Max', 'guests.0.email': 'max@example.org' };
    const filled = fillGuestFromContact(first, erika);
    expect(filled?.index).toBe(1);
    expect(guestCount(filled!.values)).toBe(2);

    let full: ConsultationFormValues = first;
    while (guestCount(full) < MAX_INVITATIONS) full = addGuestRow(full);
    for (let index = 0; index < MAX_INVITATIONS; index += 1) full = { ...full, [`guests.${index}.name`]: `Gast ${index}` };
    expect(hasRoomForContact(full)).toBe(false);
    expect(fillGuestFromContact(full, erika)).toBeUndefined();
    expect(hasRoomForContact({ ...full, 'guests.3.name': '' })).toBe(true);
  });

  it('sends saveToContacts only for a ticked guest, and the row’s choice moves with it', () => {
    let values = addGuestRow(addGuestRow(initialConsultationValues()));
    values = {
      ...values,
      'guests.0.name': 'A',
      'guests.0.email': 'a@example.org',
      'guests.1.name': 'B',
      'guests.1.email': 'b@example.org',
      'guests.2.name': 'C',
      'guests.2.email': 'c@example.org',
      'guests.2.save': 'yes',
    };
    const guests = createConsultationRequest.parse(toCreateInput(values)).guests;
    expect(guests.map((guest) => guest.saveToContacts)).toEqual([undefined, undefined, true]);
    const shifted = removeGuestRow(values, {}, 1).values;
    expect(createConsultationRequest.parse(toCreateInput(shifted)).guests).toEqual([
      { name: 'A', email: 'a@example.org' },
      { name: 'C', email: 'c@example.org', saveToContacts: true },
    ]);
  });

  it('names the professional for practice staff and nobody otherwise', () => {
    const values = { ...initialConsultationValues(), 'guests.0.name': 'A', 'guests.0.email': 'a@example.org' };
    expect(toCreateInput(values).onBehalfOf).toBeUndefined();
    expect(toCreateInput({ ...values, onBehalfOf: '' }).onBehalfOf).toBeUndefined();
    const id = '0b8a3f1e-2c4d-4e5f-8a6b-7c8d9e0f1a2b';
    expect(createConsultationRequest.parse(toCreateInput({ ...values, onBehalfOf: id })).onBehalfOf).toBe(id);
  });
});

describe('the contact picker', () => {
  it('lists by name in the user’s language and tells people of the same name apart', () => {
    const list = [contact({ id: 'z', name: 'Zoe' }), contact({ id: 'a', name: 'Ärger' }), contact({ id: 'b', name: 'Bert' })];
    expect(byName(list, 'de-DE').map((item) => item.name)).toEqual(['Ärger', 'Bert', 'Zoe']);
    expect(contactLabel(contact({ email: 'max@example.org', phone: '+4915112345678' }), (phone) => `(${phone})`)).toBe(
      'Max Muster · max@example.org · (+4915112345678)',
    );
  });
});
