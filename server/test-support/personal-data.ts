import { signInOperator } from './operators';
import { eq } from 'drizzle-orm';
import { participants } from '../db/schema';
import { activeCustomer, ApiClient, type MemoryMailer, type TestApp } from './app';
import { readyGuest } from './consultations';
import { sendContactRequest } from './support';

/**
 * Marked personal data in every place the app stores some: an individual customer, an organisation
 * with its representative and a member, an ended consultation (activity names) and an open one
 * (invitation, waiting participant), a guest saved to contacts, a contact added by hand and a pending
 * e-mail change, a contact-form request with operator staff's answer. Every marked text contains NAME
 * or EMAIL_PART, every phone PHONE_DIGITS.
 */
export const MARKERS = {
  name: 'Zyxwvmarker',
  emailPart: 'marker.zyxw',
  phoneDigits: '1719876543',
  birthDate: '1931-07-29',
} as const;

export const MARKED_PASSWORD = 'marked data passphrase';

const tokenOf = (link: string) => new URL(link).hash.slice(1);

export interface MarkedData {
  individual: ApiClient;
  individualEmail: string;
  representativeEmail: string;
  memberEmail: string;
  endedConsultationId: string;
}

export async function storeMarkedPersonalData(testApp: TestApp, mailer: MemoryMailer): Promise<MarkedData> {
  const { name, emailPart, phoneDigits, birthDate } = MARKERS;
  const individualEmail = `${emailPart}@example.org`;
  const { client: individual } = await activeCustomer(testApp, mailer, {
    firstName: name,
    lastName: `${name}-Nachname`,
    email: individualEmail,
    dateOfBirth: birthDate,
    street: `${name}weg`,
    houseNumber: '7a',
    postalCode: '50667',
    city: `${name}stadt`,
    phone: `0${phoneDigits}`,
    password: MARKED_PASSWORD,
  });

  const representativeEmail = `org.${emailPart}@example.org`;
  const anonymous = await new ApiClient(testApp, {}, '127.8.0.1').init();
  const registered = await anonymous.post('/api/organizations', {
    representative: { firstName: name, lastName: 'Vertretung', dateOfBirth: birthDate, password: MARKED_PASSWORD },
    organization: {
      name: `Praxis ${name}`,
      email: representativeEmail,
      street: `${name}platz`,
      houseNumber: '1',
      postalCode: '50667',
      city: `${name}dorf`,
      country: 'DE',
      phone: `0${phoneDigits}`,
    },
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  });
  if (registered.statusCode !== 202) throw new Error(`organisation: ${registered.body}`);
  await anonymous.post('/api/accounts/confirm-email', { token: tokenOf(mailer.linkTo(representativeEmail)), password: MARKED_PASSWORD });
  const representative = await new ApiClient(testApp, {}, '127.8.0.2').init();
  const login = await representative.post('/api/session', { email: representativeEmail, password: MARKED_PASSWORD });
  if (login.statusCode !== 200) throw new Error(`representative login: ${login.body}`);
  const memberEmail = `member.${emailPart}@example.org`;
  const invited = await representative.post('/api/organization/members', { email: memberEmail, role: 'member' });
  if (invited.statusCode !== 201) throw new Error(`invite: ${invited.body}`);
  const accepted = await anonymous.post('/api/organization/members/accept', {
    token: tokenOf(mailer.linkTo(memberEmail)),
    firstName: name,
    lastName: 'Kollegin',
    password: MARKED_PASSWORD,
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  });
  if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.body}`);

  const guestEmail = `guest.${emailPart}@example.org`;
  const created = await individual.post('/api/consultations', {
    guests: [{ name: `${name} Gast`, email: guestEmail, phone: `0${phoneDigits}`, saveToContacts: true }],
  });
  if (created.statusCode !== 201) throw new Error(`consultation: ${created.body}`);
  const endedConsultationId = created.json<{ id: string }>().id;
  const guest = await readyGuest(testApp, tokenOf(mailer.linkTo(guestEmail)), `${name} Gast`, '127.8.0.3');
  // Admission happens over the signaling socket; what matters here is that the name reaches the activity entry.
  await testApp.database.db.update(participants).set({ status: 'admitted', admittedAt: new Date() }).where(eq(participants.id, guest.participantId));
  const ended = await individual.post(`/api/consultations/${endedConsultationId}/end`);
  if (ended.statusCode !== 200) throw new Error(`end: ${ended.body}`);

  const waitingEmail = `waiting.${emailPart}@example.org`;
  const open = await individual.post('/api/consultations', { guests: [{ name: `${name} Wartend`, email: waitingEmail, phone: `0${phoneDigits}` }] });
  if (open.statusCode !== 201) throw new Error(`open consultation: ${open.body}`);
  await readyGuest(testApp, tokenOf(mailer.linkTo(waitingEmail)), `${name} Wartend`, '127.8.0.4');

  const contact = await individual.post('/api/contacts', { name: `${name} Kontakt`, email: `contact.${emailPart}@example.org`, phone: `0${phoneDigits}` });
  if (contact.statusCode !== 201) throw new Error(`contact: ${contact.body}`);
  const change = await individual.post('/api/profile/email', { currentPassword: MARKED_PASSWORD, newEmail: `new.${emailPart}@example.org` });
  if (change.statusCode !== 200 && change.statusCode !== 202) throw new Error(`email change: ${change.statusCode} ${change.body}`);

  // The contact form, and operator staff answering it.
  const visitor = await new ApiClient(testApp, {}, '127.8.0.9').init();
  const contactForm = await sendContactRequest(visitor, {
    name: `${name} Anfragend`,
    email: `contact.${emailPart}@example.org`,
    subject: `Frage von ${name}`,
    message: `Bitte rufen Sie ${name} unter 0${phoneDigits} an.`,
  });
  if (contactForm.statusCode !== 202) throw new Error(`contact form: ${contactForm.statusCode} ${contactForm.body}`);
  const operatorEmail = `staff.${emailPart}@example.org`;
  await testApp.app.operators.create({ email: operatorEmail, name: `${name} Betrieb`, password: MARKED_PASSWORD });
  const staff = await new ApiClient(testApp, {}, '127.8.0.10').init();
  await signInOperator(testApp, staff, operatorEmail, MARKED_PASSWORD);
  const [ticket] = (await staff.get('/api/operator/tickets')).json<{ tickets: { id: string }[] }>().tickets;
  const answered = await staff.post(`/api/operator/tickets/${ticket!.id}/replies`, { text: `Guten Tag ${name}, gern.` });
  if (answered.statusCode !== 200) throw new Error(`answer: ${answered.statusCode} ${answered.body}`);

  return { individual, individualEmail, representativeEmail, memberEmail, endedConsultationId };
}
