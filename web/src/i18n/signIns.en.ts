import type { signInsDe } from './signIns.de';

/** "Where you are signed in": the account's sessions on the profile page (issue 12). */
export const signInsEn: Record<keyof typeof signInsDe, string> = {
  title: 'Where you are signed in',
  intro: 'These browsers are signed in to your account. For this we store only the browser, the operating system and the times, never an IP address.',
  device: '{{browser}} on {{os}}',
  unknownBrowser: 'Unknown browser',
  unknownOs: 'an unknown system',
  times: 'signed in {{created}}, last active {{lastSeen}}',
  current: 'This browser',
  end: 'Sign out',
  endLabel: 'Sign out {{device}}',
  ended: 'The sign-in has ended.',
  endOthers: 'Sign out all others',
  endedOthers: 'All other sign-ins have ended.',
};
