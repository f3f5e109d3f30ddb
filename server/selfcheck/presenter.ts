import type { SelfCheckView } from '../../common/api/operator';
import type { PolicyLanguage } from '../privacy/policy-document';
import type { SelfCheckReport } from './service';

/** Every field the operator page receives, in one language. */
export function presentSelfCheck(report: SelfCheckReport, language: PolicyLanguage): SelfCheckView {
  return {
    status: report.status,
    checkedAt: report.checkedAt.toISOString(),
    version: report.version,
    findings: report.findings.map((item) => ({ id: item.id, status: item.status, title: item.title[language], detail: item.detail[language] })),
  };
}
