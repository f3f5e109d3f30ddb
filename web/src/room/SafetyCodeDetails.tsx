import { useTranslation } from 'react-i18next';
import { SAFETY_WORDS_DE, SAFETY_WORDS_EN, safetyDigits, safetyWords, type ParticipantView } from '../../call';
import { currentLanguage } from '../i18n';
import { Icon } from './icons';

/**
 * The safety code of the connection to one participant (P-12): eight words in the page's language
 * and the same code as digits (for two people whose pages show different languages), what it means,
 * and "matches" for the rest of the call. Nothing of it is sent anywhere or stored.
 */
export function SafetyCodeDetails({ participant, onConfirm }: { participant: ParticipantView; onConfirm: (code: string) => void }) {
  const { t } = useTranslation();
  const safety = participant.safetyCode;
  const name = participant.displayName;
  if (!safety) return null;
  const words = safetyWords(safety.code, currentLanguage() === 'en' ? SAFETY_WORDS_EN : SAFETY_WORDS_DE);
  const state = safety.verified ? 'verified' : safety.changed ? 'changed' : 'unchecked';
  return (
    <details className={`safety safety-${state}`} data-testid="safety-code">
      <summary aria-label={t(`room.safety.summary.${state}`, { name })}>
        <Icon name="lock" />
        <span className="safety-text">{t(`room.safety.badge.${state}`)}</span>
      </summary>
      <div className="safety-popover">
        <p className="safety-title">{t('room.safety.title', { name })}</p>
        {safety.changed ? (
          <p className="safety-changed-note" role="status">
            {t('room.safety.changed')}
          </p>
        ) : null}
        <p>{t('room.safety.readAloud')}</p>
        <ol className="safety-words" data-testid="safety-words" data-code={safety.code}>
          {words.map((word, index) => (
            <li key={index}>{word}</li>
          ))}
        </ol>
        <p className="safety-digits">
          {t('room.safety.digits')} <span data-testid="safety-digits">{safetyDigits(safety.code)}</span>
        </p>
        {safety.verified ? (
          <p className="safety-confirmed" role="status">
            {t('room.safety.confirmed')}
          </p>
        ) : (
          <button type="button" className="button button-small button-primary" onClick={() => onConfirm(safety.code)}>
            {t('room.safety.confirm')}
          </button>
        )}
        <p className="safety-note">{t('room.safety.mismatch')}</p>
        <p className="safety-note">{t('room.safety.limits')}</p>
      </div>
    </details>
  );
}
