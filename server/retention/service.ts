import type * as z from 'zod';
import type { DeletionReceiptPage, deletionReceiptQuery } from '../../common/api/retention';
import { presentReceipt } from './presenter';
import type { ChainReport, ReceiptStore } from './receipts';

/** What the operator area shows of retention: the receipts, and whether their chain is whole. */
export class RetentionService {
  constructor(private readonly receipts: ReceiptStore) {}

  async listReceipts(query: z.output<typeof deletionReceiptQuery>): Promise<DeletionReceiptPage> {
    // One more than asked tells whether another page exists without counting the table.
    const rows = await this.receipts.page(query.limit + 1, query.before);
    const shown = rows.slice(0, query.limit);
    return {
      receipts: shown.map(presentReceipt),
      nextBefore: rows.length > query.limit ? (shown.at(-1)?.seq ?? null) : null,
    };
  }

  verifyReceipts(): Promise<ChainReport> {
    return this.receipts.verify();
  }
}
