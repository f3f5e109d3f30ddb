import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/config';
import { art30Markdown, art30Record, type Art30Record } from '../privacy/art30';
import type { PolicyLanguage } from '../privacy/policy-document';
import { policySources } from '../privacy/settings';
import { periodText, retentionRules } from '../retention/policy';
import { sealedTables } from '../security/sealed-columns';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from '../sessions/policy';
import type { Status } from './checks';
import type { SelfCheckReport } from './service';

/**
 * The evidence pack for the operator's certification audit (Anlage 31b § 5): the self-check, the
 * compliance map (docs/compliance.md), the Art. 30 record and a description of the technical and
 * organisational measures generated from what the code and the configuration know — so it cannot
 * claim a measure the installation does not have.
 */
interface TomSection {
  heading: string;
  measures: string[];
}

export interface EvidencePack {
  format: 'sprechzimmer.evidence-pack';
  generatedAt: string;
  language: PolicyLanguage;
  selfCheck: { status: Status; version: string; findings: { id: string; status: Status; title: string; detail: string }[] };
  technicalAndOrganisationalMeasures: TomSection[];
  art30: Art30Record;
  complianceMap: string;
}

/** docs/compliance.md of this installation: beside the sources (tsx) or two levels above dist/server. */
async function readComplianceMap(start = path.dirname(fileURLToPath(import.meta.url))): Promise<string> {
  for (let directory = start, depth = 0; depth < 5; directory = path.dirname(directory), depth += 1) {
    const file = path.join(directory, 'docs', 'compliance.md');
    if (existsSync(file)) return readFile(file, 'utf8');
  }
  return '(docs/compliance.md was not found beside this installation; take it from the source of the installed version.)\n';
}

const hours = (ms: number) => ms / 3_600_000;

/** Measures stated from facts: constants of the code and the configuration of this installation. */
function technicalMeasures(config: Config, language: PolicyLanguage): TomSection[] {
  const de = language === 'de';
  const sealedFields = Object.values(sealedTables).reduce((sum, table) => sum + table.fields.length + (('lists' in table && table.lists?.length) || 0), 0);
  const jobs = Object.entries(retentionRules)
    .filter(([, rule]) => rule.enforcement.kind === 'job')
    .map(([name, rule]) => `${name}: ${periodText(rule.after)} (${rule.enforcement.kind === 'job' ? rule.enforcement.schedule : ''} UTC)`);
  const https = config.publicUrl.protocol === 'https:';
  return [
    {
      heading: de ? 'Vertraulichkeit: Verschlüsselung' : 'Confidentiality: encryption',
      measures: [
        https
          ? de
            ? `Transport: ${config.publicUrl.origin} nur über TLS, HSTS 2 Jahre; der Proxy der Installationsvorlage bietet TLS 1.2/1.3 nach BSI TR-02102-2`
            : `Transport: ${config.publicUrl.origin} over TLS only, HSTS 2 years; the kit's proxy offers TLS 1.2/1.3 per BSI TR-02102-2`
          : de
            ? `Transport: ${config.publicUrl.origin} ist NICHT https`
            : `Transport: ${config.publicUrl.origin} is NOT https`,
        de
          ? `Ruhende Daten: ${sealedFields} personenbezogene Felder in ${Object.keys(sealedTables).length} Tabellen mit AES-256-GCM in der Anwendung verschlüsselt; Suche über HMAC-Blindindex; Schlüssel ${config.encryption.key ? 'aus DATA_ENCRYPTION_KEY' : 'in DATA_DIR erzeugt'}, nie in Sicherungen`
          : `At rest: ${sealedFields} personal fields in ${Object.keys(sealedTables).length} tables encrypted with AES-256-GCM by the application; look-ups through an HMAC blind index; key ${config.encryption.key ? 'from DATA_ENCRYPTION_KEY' : 'generated into DATA_DIR'}, never in backups`,
        de
          ? `Medien: Peer-to-Peer (DTLS-SRTP), nie über den Server; ${config.ice.relayOnly ? 'nur über das TURN-Relay (IP-Adressen bleiben verborgen)' : 'direkt oder über TURN'}; Sicherheitscode zum Abgleich der Ende-zu-Ende-Verbindung`
          : `Media: peer-to-peer (DTLS-SRTP), never through the server; ${config.ice.relayOnly ? 'through the TURN relay only (addresses stay hidden)' : 'direct or through TURN'}; safety code to compare the end-to-end connection`,
      ],
    },
    {
      heading: de ? 'Zugangs- und Zugriffskontrolle' : 'Access control',
      measures: [
        de
          ? `Passwörter: bcrypt (Kosten ${config.bcryptCost}) über SHA-256, Liste häufiger Passwörter, Versuche vor der Prüfung gezählt und begrenzt; zweiter Faktor (TOTP) verfügbar`
          : `Passwords: bcrypt (cost ${config.bcryptCost}) over SHA-256, common-password list, attempts counted and limited before the check; second factor (TOTP) available`,
        de
          ? `Sitzungen: Ende nach ${SESSION_IDLE_TIMEOUT_MS / 60_000} Minuten Inaktivität oder ${hours(SESSION_ABSOLUTE_TIMEOUT_MS)} Stunden; Cookies HttpOnly, SameSite${config.secureContext ? ', Secure, __Host-' : ''}; CSRF-Prüfung jeder Änderung`
          : `Sessions: end after ${SESSION_IDLE_TIMEOUT_MS / 60_000} idle minutes or ${hours(SESSION_ABSOLUTE_TIMEOUT_MS)} hours; cookies HttpOnly, SameSite${config.secureContext ? ', Secure, __Host-' : ''}; CSRF check on every change`,
        de
          ? 'Mandantentrennung: jede Abfrage auf den Handelnden beschränkt; Betreiberpersonal mit eigener Anmeldung, ohne Zugang zu Kundenrouten'
          : 'Tenant isolation: every query scoped to the actor; operator staff with a login of their own, without access to customer routes',
      ],
    },
    {
      heading: de ? 'Datenminimierung und Löschung' : 'Data minimisation and deletion',
      measures: [
        de
          ? 'Keine IP-Adressen in Protokollen, Datenbank oder Metriken; Gastdaten enden mit der Sprechstunde'
          : 'No IP addresses in logs, database or metrics; guest data ends with the consultation',
        ...jobs.map((job) =>
          de ? `Löschjob ${job}, jeder Lauf mit hashverkettetem Löschprotokoll` : `Retention job ${job}, every run with a hash-chained deletion receipt`,
        ),
      ],
    },
    {
      heading: de ? 'Verfügbarkeit und Belastbarkeit' : 'Availability and resilience',
      measures: [
        config.redisUrl
          ? de
            ? 'Mehrere Anwendungsprozesse über Redis; ein ausgefallener Prozess unterbricht laufende Gespräche nicht'
            : 'Several application processes through Redis; a failed process does not interrupt calls'
          : de
            ? 'Ein Anwendungsprozess (keine Redundanz)'
            : 'One application process (no redundancy)',
        de
          ? `Sicherung: npm run backup (${config.databaseUrl ? 'pg_dump' : 'PGlite-Datenverzeichnis'}), Wiederherstellung mit npm run restore; der Datenschlüssel wird getrennt verwahrt`
          : `Backup: npm run backup (${config.databaseUrl ? 'pg_dump' : 'PGlite data directory'}), restore with npm run restore; the data key is kept apart`,
        de
          ? 'Nicht erreichbare Datenbank oder Redis: Antwort 503 mit Retry-After, Erholung ohne Neustart'
          : 'Unreachable database or Redis: answer 503 with Retry-After, recovery without restart',
      ],
    },
  ];
}

function pickFindings(report: SelfCheckReport, language: PolicyLanguage): EvidencePack['selfCheck'] {
  return {
    status: report.status,
    version: report.version,
    findings: report.findings.map((item) => ({ id: item.id, status: item.status, title: item.title[language], detail: item.detail[language] })),
  };
}

export async function evidencePack(config: Config, report: SelfCheckReport, language: PolicyLanguage): Promise<EvidencePack> {
  return {
    format: 'sprechzimmer.evidence-pack',
    generatedAt: report.checkedAt.toISOString(),
    language,
    selfCheck: pickFindings(report, language),
    technicalAndOrganisationalMeasures: technicalMeasures(config, language),
    art30: art30Record(language, policySources(config)),
    complianceMap: await readComplianceMap(),
  };
}

const mark: Record<Status, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

export function evidenceMarkdown(pack: EvidencePack): string {
  const de = pack.language === 'de';
  const lines = [
    `# ${de ? 'Nachweispaket' : 'Evidence pack'} — Sprechzimmer ${pack.selfCheck.version}`,
    '',
    `${de ? 'Erstellt' : 'Generated'}: ${pack.generatedAt}`,
    '',
    `## 1. ${de ? 'Selbstprüfung' : 'Self-check'}: ${mark[pack.selfCheck.status]}`,
    '',
    ...pack.selfCheck.findings.map((item) => `- **${mark[item.status]}** ${item.title}: ${item.detail}`),
    '',
    `## 2. ${de ? 'Technische und organisatorische Maßnahmen' : 'Technical and organisational measures'}`,
    '',
    ...pack.technicalAndOrganisationalMeasures.flatMap((section) => [`### ${section.heading}`, '', ...section.measures.map((measure) => `- ${measure}`), '']),
    `## 3. ${de ? 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)' : 'Record of processing activities (Art. 30 GDPR)'}`,
    '',
    art30Markdown(pack.art30, pack.language).replace(/^#/gm, '###'),
    '',
    `## 4. ${de ? 'Anforderungen und Nachweise (docs/compliance.md)' : 'Requirements and proofs (docs/compliance.md)'}`,
    '',
    pack.complianceMap.replace(/^#/gm, '###'),
  ];
  return `${lines.join('\n')}\n`;
}
