import type { DeletionReceiptView } from '../../common/api/retention';
import type { ReceiptRow } from './receipts';

/** Every field of a receipt shown to the operator is named here. */
export function presentReceipt(row: ReceiptRow): DeletionReceiptView {
  return {
    seq: row.seq,
    job: row.job,
    rule: row.rule,
    period: row.period,
    cutoff: row.cutoff.toISOString(),
    rowsDeleted: row.rowsDeleted,
    outcome: row.outcome,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    chainStart: row.chainStart,
    previousHash: row.previousHash,
    hash: row.hash,
  };
}
