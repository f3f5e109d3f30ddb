import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getArt30 } from '../api/support';
import { Page } from '../components/Page';
import { currentLanguage } from '../i18n';
import { download } from './download';
import { useOperatorContext } from './OperatorArea';

/** The Art. 30 record, rendered on the server from the data inventory and the configuration. */
export function RecordPage() {
  const { t } = useTranslation();
  const { handle } = useOperatorContext();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  async function fetchAndSave(format: 'md' | 'json'): Promise<void> {
    setBusy(true);
    setProblem(undefined);
    try {
      const language = currentLanguage();
      const { markdown, record } = await getArt30(language);
      const stem = `art30-${language}-${new Date().toISOString().slice(0, 10)}`;
      if (format === 'md') download(markdown, 'text/markdown;charset=utf-8', `${stem}.md`);
      else download(`${JSON.stringify(record, null, 2)}\n`, 'application/json', `${stem}.json`);
    } catch (error) {
      setProblem(handle(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('operatorArea.recordTitle')}>
      <p>{t('operatorArea.recordLead')}</p>
      <div className="actions">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void fetchAndSave('md')}>
          {t('operatorArea.downloadMarkdown')}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void fetchAndSave('json')}>
          {t('operatorArea.downloadJson')}
        </button>
      </div>
      {problem ? <p role="alert">{problem}</p> : null}
    </Page>
  );
}
