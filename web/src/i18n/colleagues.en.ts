import type { colleaguesDe } from './colleagues.de';

/** Colleague list with presence and colleague calls (P-07). */
export const colleaguesEn: typeof colleaguesDe = {
  title: 'Colleagues',
  empty: 'Nobody else in your organisation is active yet.',
  reconnecting: 'The presence connection dropped. Reconnecting …',
  call: 'Call',
  callLabel: 'Call {{name}}',
  presence: {
    online: 'online',
    in_call: 'in a call',
    away: 'away',
  },
  incoming: {
    title: 'Incoming call',
    text: '{{name}} is calling you.',
    accept: 'Answer',
    decline: 'Decline',
  },
  outgoing: {
    calling: 'Calling {{name}} …',
    waiting: 'Ringing …',
    endedTitle: 'Call ended',
    declined: '{{name}} declined the call.',
    missed: '{{name}} did not answer.',
    cancelled: 'You hung up.',
    hangUp: 'Hang up',
    close: 'Close',
  },
  room: {
    title: 'Call with a colleague',
  },
};
