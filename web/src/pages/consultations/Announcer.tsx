import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestChange } from './model';

const changeKeys = {
  waiting: 'consultations.announceWaiting',
  inCall: 'consultations.announceInCall',
  left: 'consultations.announceLeft',
} as const;

/**
 * A polite live region for what happened between two polls ("Max Muster wartet im Wartezimmer.").
 * The same news twice in a row is still read out: the text alternates a trailing space.
 */
export function Announcer({ changes }: { changes: readonly GuestChange[] }) {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (changes.length > 0) setRound((current) => current + 1);
  }, [changes]);
  const text = changes.map((change) => t(changeKeys[change.kind], { name: change.guestName })).join(' ');
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {text ? `${text}${round % 2 === 0 ? '' : '\u00a0'}` : ''}
    </div>
  );
}
