import type { colleaguesDe } from './colleagues.de';

/** Colleague list with presence and colleague calls (P-07). */
export const colleaguesEn: typeof colleaguesDe = {
  title: 'Colleagues',
  empty: 'Nobody else in your organisation is active yet.',
  reconnecting: 'The presence connection dropped. Reconnecting …',
  call: 'Call',
  callLabel: 'Call {{name}}',
  audioCall: 'Audio only',
  audioCallLabel: 'Audio only: call {{name}} (no camera)',
  busy: '{{name}} is busy — in a consultation. They will see your call, silently, as missed once they are free.',
  busyQuiet: '{{name}} does not want to be disturbed right now. They will see your call, silently, as missed.',
  doNotDisturb: {
    label: 'Do not disturb',
    hint: 'Colleague calls then do not ring; callers hear “busy”, and you see here, silently, who tried. During a call this always applies. The setting stays until you switch it off — also after signing out.',
  },
  missed: {
    title: 'Missed while you were busy',
    entry: '{{name}} at {{time}}',
    dismiss: 'Mark as read',
  },
  presence: {
    do_not_disturb: 'do not disturb',
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
