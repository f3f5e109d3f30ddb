/**
 * npm run selfcheck [-- --lang=de] [-- --evidence=<file.md|file.json>]
 *
 * The same self-check as the operator page, against the configured database and PUBLIC_URL; exits 1
 * when an item fails. PostgreSQL: run it beside the running servers. The embedded database belongs to
 * one process: stop the server first, or use the operator page (/operator/self-check).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock';
import { ConfigError, loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { DirectoryLockedError } from '../db/directory-lock';
import { ReceiptStore } from '../retention/receipts';
import { evidenceMarkdown, evidencePack } from './evidence';
import { probeHsts, SelfCheckService } from './service';
import { SelfCheckStore } from './store';

const mark = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

async function main(): Promise<number> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { lang: { type: 'string', default: 'en' }, evidence: { type: 'string' } } });
  const language = values.lang === 'de' ? 'de' : 'en';
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir });
  try {
    const service = new SelfCheckService({
      config,
      store: new SelfCheckStore(database.db),
      receipts: new ReceiptStore(database.db),
      clock: systemClock,
      probe: probeHsts,
    });
    const report = await service.run();
    for (const item of report.findings) process.stdout.write(`${mark[item.status]}  ${item.title[language]}: ${item.detail[language]}\n`);
    process.stdout.write(`\n${mark[report.status]}  Sprechzimmer ${report.version}\n`);
    if (values.evidence) {
      const pack = await evidencePack(config, report, language);
      const json = values.evidence.endsWith('.json');
      await writeFile(values.evidence, json ? `${JSON.stringify(pack, null, 2)}\n` : evidenceMarkdown(pack), { flag: 'wx' });
      process.stdout.write(`Evidence pack written to ${values.evidence}\n`);
    }
    return report.status === 'fail' ? 1 : 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DirectoryLockedError;
    process.stderr.write(`${known ? (error as Error).message : `Self-check failed to run: ${(error as Error).stack ?? String(error)}`}\n`);
    process.exit(2);
  },
);
