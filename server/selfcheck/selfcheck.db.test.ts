import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidencePackDownload, SelfCheckView } from '../../common/api/operator';
import { deletionReceipts } from '../db/schema';
import { activeCustomer, ApiClient, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { signInOperator } from '../test-support/operators';

/**
 * The operator page's self-check runs against the live installation: the receipts the retention jobs
 * wrote, the chain over them, the HSTS header PUBLIC_URL answers; customers and visitors get nothing.
 */
const PASSWORD = 'operator staff passphrase';
let address = 0;
const browser = (testApp: TestApp) => new ApiClient(testApp, {}, `127.41.0.${++address}`).init();

describe('the self-check in the operator area', () => {
  let testApp: TestApp;
  let operator: ApiClient;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    testApp = await startTestApp({
      mailer,
      env: { PUBLIC_URL: 'https://video.praxis.example', DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') },
      hstsProbe: async (url) => ({ reachable: true, header: url.hostname === 'video.praxis.example' ? 'max-age=63072000; includeSubDomains' : null }),
    });
    await testApp.app.operators.create({ email: 'check@operator.example', name: 'Check Keeper', password: PASSWORD });
    operator = await browser(testApp);
    await signInOperator(testApp, operator, 'check@operator.example', PASSWORD);
  });
  afterAll(async () => testApp.close());

  const statusOf = (view: SelfCheckView, id: string) => view.findings.find((item) => item.id === id)?.status;

  it('is refused to visitors and customers', async () => {
    expect((await (await browser(testApp)).get('/api/operator/self-check')).statusCode).toBe(401);
    const customer = await activeCustomer(testApp, mailer);
    for (const url of ['/api/operator/self-check', '/api/operator/self-check/evidence']) {
      const refused = await customer.client.get(url);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('operator_login_required');
    }
  });

  it('passes the retention jobs once they ran, and fails when a receipt is altered', async () => {
    const before = (await operator.get('/api/operator/self-check?lang=en')).json<SelfCheckView>();
    expect(statusOf(before, 'retention.callMetadata')).toBe('warn');
    expect(statusOf(before, 'hsts')).toBe('pass');
    expect(statusOf(before, 'publicUrl')).toBe('pass');
    expect(statusOf(before, 'dataKey')).toBe('pass');

    await testApp.app.retention.runAll();
    const after = (await operator.get('/api/operator/self-check?lang=en')).json<SelfCheckView>();
    for (const item of after.findings.filter((finding) => finding.id.startsWith('retention.'))) expect(item).toMatchObject({ status: 'pass' });
    expect(after.findings.find((item) => item.id === 'receiptChain')?.detail).toMatch(/^\d+ receipts, chain intact$/);
    // Without SMTP (test) mail is a warning, not a failure; nothing fails.
    expect(after.status).toBe('warn');

    const [first] = await testApp.database.db.select().from(deletionReceipts).orderBy(deletionReceipts.seq).limit(1);
    await testApp.database.db
      .update(deletionReceipts)
      .set({ rowsDeleted: first!.rowsDeleted + 1 })
      .where(eq(deletionReceipts.seq, first!.seq));
    const tampered = (await operator.get('/api/operator/self-check')).json<SelfCheckView>();
    expect(tampered.status).toBe('fail');
    expect(tampered.findings.find((item) => item.id === 'receiptChain')).toMatchObject({
      status: 'fail',
      title: 'Kette der Löschprotokolle',
      detail: expect.stringContaining(`bricht bei Nr. ${first!.seq} (hash_mismatch)`),
    });
  });

  it('exports an evidence pack with the self-check, the measures, the Art. 30 record and the compliance map', async () => {
    const { markdown, pack } = (await operator.get('/api/operator/self-check/evidence?lang=en')).json<EvidencePackDownload>();
    expect(markdown).toMatch(/^# Evidence pack — Sprechzimmer \d+\.\d+\.\d+/);
    expect(markdown).toContain('## 1. Self-check: FAIL');
    expect(markdown).toContain('**FAIL** Chain of deletion receipts');
    expect(markdown).toContain('Transport: https://video.praxis.example over TLS only');
    expect(markdown).toContain('Record of processing activities');
    expect(markdown).toContain('| P-21 |');
    expect(pack).toMatchObject({ format: 'sprechzimmer.evidence-pack', language: 'en', selfCheck: { status: 'fail' } });
    const german = (await operator.get('/api/operator/self-check/evidence')).json<EvidencePackDownload>();
    expect(german.markdown).toContain('## 2. Technische und organisatorische Maßnahmen');
    expect(german.markdown).toContain('Verzeichnis von Verarbeitungstätigkeiten');
  });
});
