import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SelfCheckView } from '../../../common/api/operator';
import { getEvidencePack, runSelfCheck } from '../api/support';
import { Notice, Spinner } from '../components/feedback';
import { Page } from '../components/Page';
import { currentLanguage } from '../i18n';
import { download } from './download';
import { formatDateTime } from './format';
import { useOperatorContext } from './OperatorArea';

type Status = SelfCheckView['status'];
const statusKey = { pass: 'operatorArea.statusPass', warn: 'operatorArea.statusWarn', fail: 'operatorArea.statusFail' } as const;
const tone = { pass: 'success', warn: 'info', fail: 'warning' } as const;

/** The live Anlage 31b / GDPR self-check (server/selfcheck/) and the evidence pack for an audit. */
export function SelfCheckPage() {
  const { t, i18n } = useTranslation();
  const { handle } = useOperatorContext();
  const [report, setReport] = useState<SelfCheckView | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  // The server writes the texts in the page's language: a new language makes a new check.
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'de';
  const check = useCallback(async (): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      setReport(await runSelfCheck(language));
    } catch (error) {
      setProblem(handle(error));
    } finally {
      setBusy(false);
    }
  }, [handle, language]);

  useEffect(() => {
    void check();
  }, [check]);

  async function saveEvidence(format: 'md' | 'json'): Promise<void> {
    setBusy(true);
    setProblem(undefined);
    try {
      const language = currentLanguage();
      const { markdown, pack } = await getEvidencePack(language);
      const stem = `evidence-${language}-${new Date().toISOString().slice(0, 10)}`;
      if (format === 'md') download(markdown, 'text/markdown;charset=utf-8', `${stem}.md`);
      else download(`${JSON.stringify(pack, null, 2)}\n`, 'application/json', `${stem}.json`);
    } catch (error) {
      setProblem(handle(error));
    } finally {
      setBusy(false);
    }
  }

  const label = (status: Status) => t(statusKey[status]);
  return (
    <Page title={t('operatorArea.selfCheckTitle')}>
      <p>{t('operatorArea.selfCheckLead')}</p>
      {problem ? <p role="alert">{problem}</p> : null}
      {!report && !problem ? <Spinner label={t('operatorArea.loading')} /> : null}
      {report ? (
        <>
          <Notice tone={tone[report.status]}>
            <p>
              {t('operatorArea.selfCheckOverall', {
                status: label(report.status),
                version: report.version,
                date: formatDateTime(report.checkedAt, i18n.resolvedLanguage),
              })}
            </p>
          </Notice>
          <ul className="selfcheck-list">
            {report.findings.map((item) => (
              <li key={item.id} className={`selfcheck-${item.status}`}>
                <strong>
                  {label(item.status)}: {item.title}
                </strong>
                <p>{item.detail}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions">
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void check()}>
          {t('operatorArea.selfCheckRun')}
        </button>
      </div>
      <h2>{t('operatorArea.evidenceTitle')}</h2>
      <p>{t('operatorArea.evidenceLead')}</p>
      <div className="actions">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void saveEvidence('md')}>
          {t('operatorArea.downloadMarkdown')}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void saveEvidence('json')}>
          {t('operatorArea.downloadJson')}
        </button>
      </div>
    </Page>
  );
}
