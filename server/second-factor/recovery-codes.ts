import { randomInt } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { recoveryCodes } from '../db/schema';
import { sha256 } from '../security/tokens';
import type { RecoveryCodeRecords } from './code-factor';

export const RECOVERY_CODE_COUNT = 10;
/** RFC 4648 base32 letters: no 0/1/8/9, so nothing reads as O, I, l or B. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const LENGTH = 12;

/** 60 random bits, written `abcd-efgh-ijkm` so a person can copy it from paper. */
export function newRecoveryCode(): string {
  const characters = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${characters.slice(0, 4)}-${characters.slice(4, 8)}-${characters.slice(8)}`;
}

/** What the login form accepts as a recovery code, once blanks and hyphens are dropped. */
export const isRecoveryCodeShape = (code: string): boolean => new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(code);

/** Typed codes are compared as written on paper: case, blanks and hyphens do not matter. */
function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toLowerCase();
}

/** What is stored of a code (for customer accounts here, for operator staff in server/operators/). */
export const recoveryCodeHash = (code: string) => sha256(`recovery code\u0000${normalizeRecoveryCode(code)}`);

/** Only hashes are stored; a code is deleted as it is used, so it works once. */
export class RecoveryCodeStore implements RecoveryCodeRecords {
  constructor(private readonly db: Db) {}

  /** Replaces every earlier code of the account: the old sheet stops working. */
  async replace(accountId: string, codes: readonly string[], now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
      await tx.insert(recoveryCodes).values(codes.map((code) => ({ accountId, codeHash: recoveryCodeHash(code), createdAt: now })));
    });
  }

  /** Deletes the code if the account holds it: one statement, so two requests cannot both use it. */
  async use(accountId: string, code: string): Promise<boolean> {
    const removed = await this.db
      .delete(recoveryCodes)
      .where(and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.codeHash, recoveryCodeHash(code))))
      .returning({ id: recoveryCodes.id });
    return removed.length > 0;
  }

  async left(accountId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
    return Number(row?.n ?? 0);
  }

  async removeAll(accountId: string): Promise<void> {
    await this.db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  }
}
