import type { supportDe } from './support.de';

/** Contact form (P-02). */
export const supportEn: Record<keyof typeof supportDe, string> = {
  nav: 'Contact',
  title: 'Contact',
  lead: 'Questions about Sprechzimmer, your account or data protection? Write to us and we will answer by e-mail.',
  name: 'Your name',
  email: 'Your e-mail address',
  emailHint: 'Only for our answer.',
  subject: 'Subject',
  message: 'Your message',
  messageHint: 'Please do not send us health information here.',
  honeypot: 'Please leave this field empty',
  privacyNotice: 'We use your details only to answer your request and delete them two years after it was closed. Details in the',
  privacyLink: 'privacy policy',
  spamNote: 'To keep spam out, your browser computes briefly when sending (under a second); nothing is sent to third parties.',
  submit: 'Send message',
  checking: 'Computing the spam check …',
  sentTitle: 'Thank you, your message has arrived',
  sentText: 'We will answer to {{email}}. We do not send a confirmation by e-mail.',
  another: 'Write another message',
};
