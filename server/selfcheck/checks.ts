import { Cron } from 'croner';
import type { Config } from '../config/config';
import { stripeEeaEntity } from '../privacy/settings';
import type { ChainReport } from '../retention/receipts';
import { retentionRules, type JobRuleName } from '../retention/policy';

/**
 * The Anlage 31b / GDPR self-check as small pure functions: each takes the configuration and the
 * facts gathered from the running installation (facts.ts) and says pass, warn or fail, and what to do,
 * in German and English. No check reads anything itself, so each is tested with plain values.
 */
export type Status = 'pass' | 'warn' | 'fail';
interface Text {
  de: string;
  en: string;
}
export interface Finding {
  id: string;
  status: Status;
  title: Text;
  /** What was found and, unless it passes, what to do. */
  detail: Text;
}

export interface LastRun {
  startedAt: Date;
  outcome: 'completed' | 'failed';
}

/** What facts.ts gathers from the running installation. */
export interface SelfCheckFacts {
  now: Date;
  version: string;
  nodeVersion: string;
  /** The Strict-Transport-Security header PUBLIC_URL answered with; `unreachable` with the reason. */
  hsts: { reachable: true; header: string | null } | { reachable: false; reason: string } | 'not-probed';
  /** The newest receipt of each retention job; absent: never ran. */
  lastRuns: Partial<Record<JobRuleName, LastRun>>;
  chain: ChainReport;
  /** A generated key file lies in DATA_DIR (encryption.key). */
  keyFileInDataDir: boolean;
  /** The rendered privacy policy in every language, as text. */
  policyText: string;
}

const HSTS_MIN_SECONDS = 31_536_000;
const LATE_GRACE_MS = 5 * 60 * 1000;

const finding = (id: string, status: Status, title: Text, detail: Text): Finding => ({ id, status, title, detail });
const both = (text: string): Text => ({ de: text, en: text });
const isLoopback = (host: string) => ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host);

export function checkPublicUrl(config: Config): Finding {
  const title = { de: 'PUBLIC_URL über https', en: 'PUBLIC_URL over https' };
  const url = config.publicUrl.toString();
  if (config.publicUrl.protocol === 'https:') return finding('publicUrl', 'pass', title, both(url));
  return finding('publicUrl', config.environment === 'production' ? 'fail' : 'warn', title, {
    de: `${url} ist nicht https: Anlage 31b verlangt Transportverschlüsselung. Setzen Sie PUBLIC_URL=https://… hinter dem TLS-Proxy (deploy/).`,
    en: `${url} is not https: Anlage 31b requires transport encryption. Set PUBLIC_URL=https://… behind the TLS proxy (deploy/).`,
  });
}

export function checkHsts(config: Config, facts: SelfCheckFacts): Finding {
  const title = { de: 'HSTS am öffentlichen Zugang', en: 'HSTS at the public address' };
  const { hsts } = facts;
  if (config.publicUrl.protocol !== 'https:' || hsts === 'not-probed') {
    return finding('hsts', 'warn', title, {
      de: 'Nicht geprüft: PUBLIC_URL ist nicht https.',
      en: 'Not checked: PUBLIC_URL is not https.',
    });
  }
  if (!hsts.reachable) {
    return finding('hsts', 'warn', title, {
      de: `PUBLIC_URL war vom Server aus nicht erreichbar (${hsts.reason}). Prüfen Sie von außen: curl -sI ${config.publicUrl} | grep -i strict-transport`,
      en: `PUBLIC_URL could not be reached from the server (${hsts.reason}). Check from outside: curl -sI ${config.publicUrl} | grep -i strict-transport`,
    });
  }
  const maxAge = Number(/max-age=(\d+)/i.exec(hsts.header ?? '')?.[1] ?? 0);
  if (maxAge >= HSTS_MIN_SECONDS) return finding('hsts', 'pass', title, both(hsts.header ?? ''));
  return finding('hsts', 'fail', title, {
    de: `Antwort ohne ausreichendes Strict-Transport-Security (${hsts.header ?? 'fehlt'}): mindestens max-age=${HSTS_MIN_SECONDS} am Proxy setzen (deploy/nginx).`,
    en: `Answer without sufficient Strict-Transport-Security (${hsts.header ?? 'missing'}): set at least max-age=${HSTS_MIN_SECONDS} at the proxy (deploy/nginx).`,
  });
}

export function checkTurn(config: Config): Finding {
  const title = { de: 'TURN und Nur-Relay', en: 'TURN and relay-only' };
  const { turnUrls, turnSecret, relayOnly } = config.ice;
  const turn = turnUrls.length > 0 && Boolean(turnSecret);
  if (relayOnly && !turn) {
    return finding('turn', 'fail', title, {
      de: 'ICE_RELAY_ONLY=true verspricht Verbindungen nur über das Relay, aber TURN_URLS/TURN_SECRET fehlen: Anrufe scheitern. TURN konfigurieren (deploy/coturn).',
      en: 'ICE_RELAY_ONLY=true promises relayed connections only, but TURN_URLS/TURN_SECRET are missing: calls fail. Configure TURN (deploy/coturn).',
    });
  }
  if (turn && relayOnly) return finding('turn', 'pass', title, both(`${turnUrls.join(', ')}; ICE_RELAY_ONLY=true`));
  if (turn) {
    return finding('turn', 'warn', title, {
      de: 'TURN ist konfiguriert, aber ICE_RELAY_ONLY ist aus: Teilnehmende sehen einander die IP-Adressen. Sagen Ihre Datenschutzerklärung oder Verträge anderes, ICE_RELAY_ONLY=true setzen.',
      en: 'TURN is configured but ICE_RELAY_ONLY is off: participants see each other’s IP addresses. If your privacy policy or contracts promise otherwise, set ICE_RELAY_ONLY=true.',
    });
  }
  return finding('turn', 'warn', title, {
    de: 'Kein TURN-Server: Anrufe hinter strengen NATs scheitern, und Teilnehmende sehen einander die IP-Adressen. TURN_URLS und TURN_SECRET setzen (deploy/coturn).',
    en: 'No TURN server: calls behind strict NATs fail, and participants see each other’s IP addresses. Set TURN_URLS and TURN_SECRET (deploy/coturn).',
  });
}

/** The scheduled instant before the latest one: a job that has not started since missed a whole run. */
function secondLastScheduled(schedule: string, now: Date): Date | undefined {
  return new Cron(schedule, { timezone: 'UTC', paused: true }).previousRuns(2, now)[1] ?? undefined;
}

export function checkRetentionJobs(facts: SelfCheckFacts): Finding[] {
  const jobs = Object.entries(retentionRules).filter(([, rule]) => rule.enforcement.kind === 'job') as [JobRuleName, (typeof retentionRules)[JobRuleName]][];
  return jobs.map(([name, rule]) => {
    const title = { de: `Löschjob ${name}`, en: `Retention job ${name}` };
    const id = `retention.${name}`;
    const last = facts.lastRuns[name];
    const schedule = rule.enforcement.schedule;
    if (!last) {
      return finding(id, 'warn', title, {
        de: `Noch kein Lauf aufgezeichnet (Plan ${schedule} UTC). Bei einer Installation, die älter als ein Intervall ist: läuft der Server, und meldet er Fehler im Journal?`,
        en: `No run recorded yet (schedule ${schedule} UTC). For an installation older than one interval: is the server running, and does its journal show errors?`,
      });
    }
    const when = last.startedAt.toISOString();
    if (last.outcome === 'failed') {
      return finding(id, 'fail', title, {
        de: `Der letzte Lauf (${when}) ist fehlgeschlagen: Fehler im Journal des Servers ansehen und beheben; der nächste Lauf holt nach.`,
        en: `The last run (${when}) failed: read the error in the server’s journal and fix it; the next run catches up.`,
      });
    }
    const due = secondLastScheduled(schedule, facts.now);
    if (due && last.startedAt.getTime() < due.getTime() - LATE_GRACE_MS) {
      return finding(id, 'fail', title, {
        de: `Letzter Lauf ${when}, fällig war einer um ${due.toISOString()} (Plan ${schedule} UTC): läuft ein Serverprozess? Daten werden sonst länger als erlaubt gespeichert.`,
        en: `Last run ${when}, one was due at ${due.toISOString()} (schedule ${schedule} UTC): is a server process running? Otherwise data is kept longer than allowed.`,
      });
    }
    return finding(id, 'pass', title, { de: `Letzter Lauf ${when}`, en: `Last run ${when}` });
  });
}

export function checkReceiptChain(facts: SelfCheckFacts): Finding {
  const title = { de: 'Kette der Löschprotokolle', en: 'Chain of deletion receipts' };
  const { chain } = facts;
  if (chain.intact)
    return finding('receiptChain', 'pass', title, { de: `${chain.receipts} Protokolle, Kette intakt`, en: `${chain.receipts} receipts, chain intact` });
  return finding('receiptChain', 'fail', title, {
    de: `Die Kette bricht bei Nr. ${chain.brokenAt} (${chain.reason}): Protokolle wurden verändert oder entfernt. Datenbankzugriffe prüfen und den Vorfall dokumentieren.`,
    en: `The chain breaks at no. ${chain.brokenAt} (${chain.reason}): receipts were altered or removed. Review database access and document the incident.`,
  });
}

export function checkDataKey(config: Config, facts: SelfCheckFacts): Finding {
  const title = { de: 'Datenschlüssel', en: 'Data key' };
  const production = config.environment === 'production';
  if (!config.encryption.key) {
    return finding('dataKey', production ? 'fail' : 'warn', title, {
      de: 'Der Schlüssel liegt als encryption.key in DATA_DIR, neben den Daten: wer das Verzeichnis kopiert, hat beides. DATA_ENCRYPTION_KEY setzen und einmal npm run keys:rotate ausführen.',
      en: 'The key lies in DATA_DIR as encryption.key, next to the data: whoever copies the directory has both. Set DATA_ENCRYPTION_KEY and run npm run keys:rotate once.',
    });
  }
  if (facts.keyFileInDataDir) {
    return finding('dataKey', 'warn', title, {
      de: 'DATA_ENCRYPTION_KEY ist gesetzt, aber ein alter encryption.key liegt noch in DATA_DIR. Nach npm run keys:rotate (nichts mehr unter dem alten Schlüssel) die Datei in den Tresor verschieben.',
      en: 'DATA_ENCRYPTION_KEY is set, but an old encryption.key still lies in DATA_DIR. After npm run keys:rotate (nothing left under the old key) move the file to your secret store.',
    });
  }
  return finding('dataKey', 'pass', title, {
    de: 'DATA_ENCRYPTION_KEY gesetzt, kein Schlüssel in DATA_DIR. Der Schlüssel gehört getrennt von den Sicherungen verwahrt.',
    en: 'DATA_ENCRYPTION_KEY set, no key in DATA_DIR. Keep the key apart from the backups.',
  });
}

export function checkSmtp(config: Config): Finding {
  const title = { de: 'E-Mail-Versand über TLS', en: 'Mail delivery over TLS' };
  if (!config.mail.smtpUrl) {
    return finding('smtp', config.environment === 'production' ? 'fail' : 'warn', title, {
      de: 'Kein SMTP_URL: E-Mails landen im lokalen Ausgang (nur Entwicklung).',
      en: 'No SMTP_URL: mail goes to the local outbox (development only).',
    });
  }
  const url = new URL(config.mail.smtpUrl);
  const where = `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`;
  if (url.protocol === 'smtps:') return finding('smtp', 'pass', title, both(`smtps://${where}`));
  if (url.searchParams.get('requireTLS') === 'true') return finding('smtp', 'pass', title, both(`smtp://${where}, STARTTLS required`));
  if (isLoopback(url.hostname)) {
    return finding('smtp', 'warn', title, {
      de: `Lokales Relay ${where} ohne TLS: sicherstellen, dass es nur über TLS weiterleitet.`,
      en: `Local relay ${where} without TLS: make sure it relays over TLS only.`,
    });
  }
  return finding('smtp', 'fail', title, {
    de: `smtp://${where} ohne erzwungenes TLS: STARTTLS kann abgeschaltet werden. smtps:// verwenden oder ?requireTLS=true an SMTP_URL anhängen.`,
    en: `smtp://${where} without enforced TLS: STARTTLS can be stripped. Use smtps:// or append ?requireTLS=true to SMTP_URL.`,
  });
}

export function checkRedis(config: Config): Finding {
  const title = { de: 'Redis mit Passwort', en: 'Redis with a password' };
  if (!config.redisUrl) return finding('redis', 'pass', title, { de: 'Kein Redis (ein Prozess).', en: 'No Redis (one process).' });
  const url = new URL(config.redisUrl);
  if (!url.password) {
    return finding('redis', 'fail', title, {
      de: `Redis ${url.host} ohne Passwort: Signalisierung (Namen, Angebote) läuft hindurch. requirepass setzen und in REDIS_URL angeben (deploy/redis).`,
      en: `Redis ${url.host} without a password: signaling (names, offers) passes through it. Set requirepass and put it into REDIS_URL (deploy/redis).`,
    });
  }
  if (url.protocol !== 'rediss:' && !isLoopback(url.hostname)) {
    return finding('redis', 'fail', title, {
      de: `Redis auf ${url.host} ohne TLS: über Rechnergrenzen rediss:// und ein privates Netz verwenden.`,
      en: `Redis at ${url.host} without TLS: across hosts use rediss:// and a private network.`,
    });
  }
  return finding('redis', 'pass', title, both(`${url.protocol}//${url.host}`));
}

export function checkDisclosure(config: Config, facts: SelfCheckFacts): Finding {
  const title = { de: 'Analyse und Abrechnung in der Datenschutzerklärung', en: 'Analytics and billing in the privacy policy' };
  const missing: string[] = [];
  const used: string[] = [];
  if (config.analytics) {
    used.push(config.analytics.scriptUrl.host);
    if (!facts.policyText.includes(config.analytics.scriptUrl.host)) missing.push(`ANALYTICS_URL (${config.analytics.scriptUrl.host})`);
  }
  // Billing through Stripe (STRIPE_SECRET_KEY): the processor the operator named, or Stripe's EEA entity.
  const named = config.processors.payment;
  const payment = config.billing ? (named && named !== 'self' ? named : stripeEeaEntity) : undefined;
  if (payment) {
    used.push(payment.name);
    if (!facts.policyText.includes(payment.name)) missing.push(`${named ? 'PROCESSOR_PAYMENT' : 'STRIPE_SECRET_KEY'} (${payment.name})`);
  }
  if (missing.length > 0) {
    return finding('disclosure', 'fail', title, {
      de: `Konfiguriert, aber nicht in der Datenschutzerklärung genannt: ${missing.join(', ')}. Das ist ein Fehler der Software: bitte melden.`,
      en: `Configured but not named in the privacy policy: ${missing.join(', ')}. That is a defect of the software: please report it.`,
    });
  }
  if (used.length === 0)
    return finding('disclosure', 'pass', title, { de: 'Weder Analyse noch Abrechnung konfiguriert.', en: 'Neither analytics nor billing configured.' });
  return finding('disclosure', 'pass', title, { de: `Genannt: ${used.join(', ')}`, en: `Named: ${used.join(', ')}` });
}

function checkVersion(facts: SelfCheckFacts): Finding {
  return finding(
    'version',
    'pass',
    { de: 'Softwareversion', en: 'Software version' },
    {
      de: `Sprechzimmer ${facts.version}, Node.js ${facts.nodeVersion}. Sicherheitsupdates einspielen: deploy/install.sh nach jedem Update erneut ausführen.`,
      en: `Sprechzimmer ${facts.version}, Node.js ${facts.nodeVersion}. Apply security updates: run deploy/install.sh again after each update.`,
    },
  );
}

/** Processor warnings of the start-up (P-26), as one item. */
function checkProcessors(warnings: { processor: string; message: string }[]): Finding {
  const title = { de: 'Auftragsverarbeiter benannt', en: 'Processors named' };
  if (warnings.length === 0)
    return finding('processors', 'pass', title, { de: 'Alle genutzten Auftragsverarbeiter sind benannt.', en: 'Every processor in use is named.' });
  return finding('processors', 'warn', title, both(warnings.map((warning) => warning.message).join(' ')));
}

export function runChecks(config: Config, facts: SelfCheckFacts, processorWarnings: { processor: string; message: string }[]): Finding[] {
  return [
    checkPublicUrl(config),
    checkHsts(config, facts),
    checkTurn(config),
    ...checkRetentionJobs(facts),
    checkReceiptChain(facts),
    checkDataKey(config, facts),
    checkSmtp(config),
    checkRedis(config),
    checkDisclosure(config, facts),
    checkProcessors(processorWarnings),
    checkVersion(facts),
  ];
}

export function overall(findings: Finding[]): Status {
  if (findings.some((item) => item.status === 'fail')) return 'fail';
  return findings.some((item) => item.status === 'warn') ? 'warn' : 'pass';
}
