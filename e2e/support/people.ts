import { spawn } from 'node:child_process';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import type { SmtpCapture } from '../../server/test-support/smtp';
import { HOST_PASSWORD, uniqueEmail, type Api } from './api';
import { repositoryRoot } from './server';

export interface OperatorLogin {
  email: string;
  name: string;
  password: string;
}

/**
 * `npm run operator -- create` against a data directory no server has open (one process per data
 * directory; AppServer's `prepareData` runs it before the first start), the password on stdin as the
 * README says, never as an argument.
 */
export async function createOperator(dataDir: string, operator: OperatorLogin): Promise<string> {
  const child = spawn('npm', ['run', '--silent', 'operator', '--', 'create', '--email', operator.email, '--name', operator.name], {
    cwd: repositoryRoot,
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', BCRYPT_COST: '4', DATABASE_URL: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(`${operator.password}\n`);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`operator create failed (${code}): ${output}`);
  return output;
}

export interface RegisteredPerson {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  displayName: string;
  /** The link of the delivered confirmation mail; the test opens it in the browser (double opt-in). */
  confirmationLink: string;
}

/** Registers an individual customer through the API and takes the confirmation mail out of the capture. */
export async function registerIndividual(
  api: Api,
  smtp: SmtpCapture,
  names: { firstName: string; lastName: string },
  locale: 'de' | 'en' = 'de',
): Promise<RegisteredPerson> {
  const email = uniqueEmail(names.firstName.toLowerCase());
  await api.expect(202, 'POST', '/api/accounts', {
    ...names,
    dateOfBirth: '1979-02-14',
    email,
    street: 'Hohe Straße',
    houseNumber: '12a',
    postalCode: '50667',
    city: 'Köln',
    country: 'DE',
    phone: '0221 9876543',
    password: HOST_PASSWORD,
    acceptTerms: true,
    acceptPrivacyPolicy: true,
    locale,
  });
  const mail = await smtp.take(email, /Bitte bestätigen Sie Ihre E-Mail-Adresse|Please confirm your e-mail address/);
  const link = mail.links.find((candidate) => new URL(candidate).pathname === '/confirm-email');
  if (!link) throw new Error(`no confirmation link in:\n${mail.text}`);
  return { email, password: HOST_PASSWORD, ...names, displayName: `${names.firstName} ${names.lastName}`, confirmationLink: link };
}

/** Clicks a download control and returns the saved file's name and parsed JSON. */
export async function downloadJson(page: Page, click: () => Promise<void>): Promise<{ filename: string; text: string; data: unknown }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  let text = '';
  for await (const chunk of await download.createReadStream()) text += (chunk as Buffer).toString();
  return { filename: download.suggestedFilename(), text, data: JSON.parse(text) as unknown };
}

/**
 * What an export must never contain: keys that name a secret (password hash, token, any hash, the
 * blind index), bcrypt hashes, values still sealed for the database (`v1.<key>.…`, P-21), and the
 * given secret values (e.g. the browser's cookies). Returns one line per finding.
 */
export function secretsIn(document: unknown, secretValues: string[]): string[] {
  const findings: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`));
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (/hash|token|secret|index|cookie|password$/i.test(key)) findings.push(`key ${path}.${key}`);
        walk(inner, `${path}.${key}`);
      }
    } else if (typeof value === 'string') {
      if (/^\$2[aby]\$\d\d\$/.test(value)) findings.push(`bcrypt hash at ${path}`);
      if (/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/.test(value)) findings.push(`sealed value at ${path}`);
      for (const secret of secretValues) if (secret.length >= 16 && value.includes(secret)) findings.push(`secret value at ${path}`);
    }
  };
  walk(document, '$');
  return findings;
}

/** The code the staff member's authenticator app shows `stepsAhead` time steps from now. */
function operatorAppCode(secret: string, stepsAhead = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + stepsAhead * 30_000 });
}

/**
 * Operator staff sign in on /operator/login as a person does (issue 12): the password, then at the
 * first sign-in the authenticator app set up from the key the page shows (the test plays the phone)
 * and the recovery codes acknowledged; later sign-ins pass the secret and enter the next step's code
 * (the set-up code is used up). `checkStep` runs on each second-factor step as it shows (e.g. axe).
 */
export async function signInOperator(
  page: Page,
  operator: OperatorLogin,
  secret?: string,
  checkStep?: (step: 'enrol' | 'code') => Promise<void>,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByLabel('E-Mail-Adresse').fill(operator.email);
  await page.getByLabel('Passwort', { exact: true }).fill(operator.password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  if (secret) {
    await page.getByRole('heading', { level: 1, name: 'Bestätigungscode' }).waitFor();
    await checkStep?.('code');
    await page.getByLabel('Code aus der App').fill(operatorAppCode(secret, 1));
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    return { secret, recoveryCodes: [] };
  }
  await page.getByRole('heading', { level: 1, name: 'Zweiten Faktor einrichten' }).waitFor();
  await page.getByRole('img', { name: 'QR-Code zum Einrichten der Authenticator-App' }).waitFor();
  await checkStep?.('enrol');
  const keyText = (await page.getByTestId('totp-secret').textContent()) ?? '';
  const key = /([A-Z2-7]{16,})/.exec(keyText)?.[1] ?? '';
  if (!key) throw new Error(`no key on the set-up page: ${keyText}`);
  await page.getByLabel('Code aus der App').fill(operatorAppCode(key));
  await page.getByRole('button', { name: 'Bestätigen und anmelden' }).click();
  const sheet = page.locator('.recovery-codes code');
  await sheet.first().waitFor();
  const recoveryCodes = await sheet.allTextContents();
  await page.getByRole('button', { name: 'Ich habe die Codes gesichert – weiter zum Betreiberbereich' }).click();
  return { secret: key, recoveryCodes };
}
