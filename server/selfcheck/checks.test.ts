import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config/config';
import { renderPrivacyPolicy } from '../privacy/policy-document';
import { policySources } from '../privacy/settings';
import { billingTestEnv } from '../test-support/stripe';
import {
  checkDataKey,
  checkDisclosure,
  checkHsts,
  checkPublicUrl,
  checkReceiptChain,
  checkRedis,
  checkRetentionJobs,
  checkSmtp,
  checkTurn,
  overall,
  runChecks,
  type SelfCheckFacts,
} from './checks';

/** Each self-check item on plain values: what passes, what warns, what fails, and what the operator is told. */
const config = (env: Record<string, string> = {}, environment: Config['environment'] = 'test'): Config => ({
  ...loadConfig({ NODE_ENV: 'test', ...env }),
  environment,
});
const NOW = new Date('2026-12-06T12:03:00Z');
const facts = (overrides: Partial<SelfCheckFacts> = {}): SelfCheckFacts => ({
  now: NOW,
  version: '1.2.3',
  nodeVersion: '22.0.0',
  hsts: { reachable: true, header: 'max-age=63072000; includeSubDomains' },
  lastRuns: {},
  chain: { intact: true, receipts: 4 },
  keyFileInDataDir: false,
  policyText: '',
  ...overrides,
});
const https = { PUBLIC_URL: 'https://video.praxis.example' };

describe('the self-check items', () => {
  it('wants PUBLIC_URL over https: a fail in production, a warning in development', () => {
    expect(checkPublicUrl(config(https)).status).toBe('pass');
    expect(checkPublicUrl(config({ PUBLIC_URL: 'http://video.praxis.example' }, 'production'))).toMatchObject({
      status: 'fail',
      detail: { en: expect.stringContaining('Set PUBLIC_URL=https://') },
    });
    expect(checkPublicUrl(config({ PUBLIC_URL: 'http://localhost:3000' }, 'development')).status).toBe('warn');
  });

  it('wants HSTS of at least a year from the public address, and says how to check when it cannot ask', () => {
    expect(checkHsts(config(https), facts()).status).toBe('pass');
    expect(checkHsts(config(https), facts({ hsts: { reachable: true, header: null } }))).toMatchObject({
      status: 'fail',
      detail: { en: expect.stringContaining('missing') },
    });
    expect(checkHsts(config(https), facts({ hsts: { reachable: true, header: 'max-age=300' } })).status).toBe('fail');
    expect(checkHsts(config(https), facts({ hsts: { reachable: false, reason: 'ECONNREFUSED' } }))).toMatchObject({
      status: 'warn',
      detail: { de: expect.stringContaining('curl -sI https://video.praxis.example/'), en: expect.stringContaining('ECONNREFUSED') },
    });
  });

  it('fails a relay-only promise without TURN, warns about TURN without relay-only', () => {
    const turn = { TURN_URLS: 'turn:turn.praxis.example:3478', TURN_SECRET: 's'.repeat(32) };
    // The configuration refuses this at start-up; the check still says so if that ever changes.
    const promiseWithoutTurn = config();
    expect(checkTurn({ ...promiseWithoutTurn, ice: { ...promiseWithoutTurn.ice, relayOnly: true } }).status).toBe('fail');
    expect(checkTurn(config({ ...turn, ICE_RELAY_ONLY: 'true' })).status).toBe('pass');
    expect(checkTurn(config(turn))).toMatchObject({ status: 'warn', detail: { en: expect.stringContaining('set ICE_RELAY_ONLY=true') } });
    expect(checkTurn(config()).status).toBe('warn');
  });

  it('passes a retention job that started since its second-last scheduled time, fails one that missed a run or failed', () => {
    const byId = (lastRuns: SelfCheckFacts['lastRuns']) => Object.fromEntries(checkRetentionJobs(facts({ lastRuns })).map((item) => [item.id, item]));
    // Every 10 minutes: due 12:00 and 11:50 before 12:03.
    expect(byId({ loginSessions: { startedAt: new Date('2026-12-06T11:50:00Z'), outcome: 'completed' } })['retention.loginSessions']?.status).toBe('pass');
    const late = byId({ loginSessions: { startedAt: new Date('2026-12-06T11:30:00Z'), outcome: 'completed' } })['retention.loginSessions'];
    expect(late).toMatchObject({ status: 'fail', detail: { en: expect.stringContaining('one was due at 2026-12-06T11:50:00.000Z') } });
    // Daily at 03:07: yesterday's run still counts until today's has had its chance.
    expect(byId({ callMetadata: { startedAt: new Date('2026-12-05T03:07:00Z'), outcome: 'completed' } })['retention.callMetadata']?.status).toBe('pass');
    expect(byId({ callMetadata: { startedAt: new Date('2026-12-04T03:07:00Z'), outcome: 'completed' } })['retention.callMetadata']?.status).toBe('fail');
    expect(byId({ callMetadata: { startedAt: new Date('2026-12-06T03:07:00Z'), outcome: 'failed' } })['retention.callMetadata']).toMatchObject({
      status: 'fail',
      detail: { en: expect.stringContaining('failed') },
    });
    const none = byId({});
    expect(none['retention.emailLinks']?.status).toBe('warn');
    expect(Object.keys(none)).toEqual(expect.arrayContaining(['retention.callMetadata', 'retention.contactRequests', 'retention.deletionReceipts']));
  });

  it('fails a broken receipt chain, naming where it breaks', () => {
    expect(checkReceiptChain(facts()).status).toBe('pass');
    expect(checkReceiptChain(facts({ chain: { intact: false, receipts: 3, brokenAt: 4, reason: 'hash_mismatch' } }))).toMatchObject({
      status: 'fail',
      detail: { en: expect.stringContaining('breaks at no. 4 (hash_mismatch)') },
    });
  });

  it('fails a production key kept in DATA_DIR and warns about an old key file left there', () => {
    const key = { DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(checkDataKey(config({}, 'production'), facts({ keyFileInDataDir: true })).status).toBe('fail');
    expect(checkDataKey(config({}, 'development'), facts({ keyFileInDataDir: true })).status).toBe('warn');
    expect(checkDataKey(config(key, 'production'), facts({ keyFileInDataDir: true }))).toMatchObject({
      status: 'warn',
      detail: { en: expect.stringContaining('old encryption.key') },
    });
    expect(checkDataKey(config(key, 'production'), facts()).status).toBe('pass');
  });

  it('wants mail over TLS: smtps or required STARTTLS; a remote server without it fails, a local relay warns', () => {
    expect(checkSmtp(config({ SMTP_URL: 'smtps://u:p@mail.praxis.example' })).status).toBe('pass');
    expect(checkSmtp(config({ SMTP_URL: 'smtp://u:p@mail.praxis.example:587?requireTLS=true' })).status).toBe('pass');
    expect(checkSmtp(config({ SMTP_URL: 'smtp://u:p@mail.praxis.example:587' }))).toMatchObject({
      status: 'fail',
      detail: { en: expect.stringContaining('?requireTLS=true') },
    });
    expect(checkSmtp(config({ SMTP_URL: 'smtp://127.0.0.1:25' })).status).toBe('warn');
    expect(checkSmtp(config({}, 'production')).status).toBe('fail');
  });

  it('wants Redis with a password, and TLS across hosts', () => {
    expect(checkRedis(config()).status).toBe('pass');
    expect(checkRedis(config({ REDIS_URL: 'redis://127.0.0.1:6379' })).status).toBe('fail');
    expect(checkRedis(config({ REDIS_URL: 'redis://:secret@10.0.0.5:6379' }))).toMatchObject({
      status: 'fail',
      detail: { en: expect.stringContaining('rediss://') },
    });
    expect(checkRedis(config({ REDIS_URL: 'rediss://:secret@10.0.0.5:6379' })).status).toBe('pass');
    expect(checkRedis(config({ REDIS_URL: 'redis://:secret@127.0.0.1:6379' })).status).toBe('pass');
  });

  it('finds configured analytics and billing named in the rendered privacy policy, and fails when they are not', () => {
    const env = {
      ANALYTICS_URL: 'https://stats.praxis.example/js/script.js',
      ANALYTICS_RETENTION_MONTHS: '13',
      ...billingTestEnv,
      PROCESSOR_PAYMENT: 'Zahlung GmbH | Geldweg 4, 80331 München | DE',
    };
    const configured = config(env);
    const sources = policySources(configured);
    const policyText = JSON.stringify([renderPrivacyPolicy('de', sources), renderPrivacyPolicy('en', sources)]);
    expect(checkDisclosure(configured, facts({ policyText }))).toMatchObject({ status: 'pass', detail: { en: 'Named: stats.praxis.example, Zahlung GmbH' } });
    expect(checkDisclosure(configured, facts({ policyText: 'stats.praxis.example' }))).toMatchObject({
      status: 'fail',
      detail: { en: expect.stringContaining('PROCESSOR_PAYMENT (Zahlung GmbH)') },
    });
    expect(checkDisclosure(config(), facts()).status).toBe('pass');
    // Billing without PROCESSOR_PAYMENT names Stripe's EEA entity.
    const stripeOnly = config(billingTestEnv);
    const stripeSources = policySources(stripeOnly);
    expect(checkDisclosure(stripeOnly, facts({ policyText: JSON.stringify(renderPrivacyPolicy('en', stripeSources)) }))).toMatchObject({
      status: 'pass',
      detail: { en: 'Named: Stripe Payments Europe, Limited' },
    });
  });

  it('fails the whole check when one item fails, and gives every item in German and English', () => {
    const findings = runChecks(config(https), facts({ chain: { intact: false, receipts: 1, brokenAt: 2, reason: 'sequence_gap' } }), []);
    expect(overall(findings)).toBe('fail');
    expect(findings.find((item) => item.id === 'version')?.detail.en).toContain('Sprechzimmer 1.2.3');
    for (const item of findings) {
      expect(item.title.de).not.toBe('');
      expect(item.detail.en).not.toBe('');
    }
    expect(overall(findings.filter((item) => item.status === 'pass'))).toBe('pass');
  });
});
