import * as z from 'zod';

/** One deletion receipt as the operator sees it: no personal data exists in it to show. */
const deletionReceiptView = z.object({
  seq: z.number().int(),
  job: z.string(),
  rule: z.string(),
  period: z.string(),
  cutoff: z.string(),
  rowsDeleted: z.number().int(),
  outcome: z.enum(['completed', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  chainStart: z.number().int(),
  previousHash: z.string(),
  hash: z.string(),
});
export type DeletionReceiptView = z.infer<typeof deletionReceiptView>;

/** Newest first; pass `before` = `nextBefore` of the previous page for the next one. */
export const deletionReceiptQuery = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const deletionReceiptPage = z.object({
  receipts: z.array(deletionReceiptView),
  nextBefore: z.number().int().nullable(),
});
export type DeletionReceiptPage = z.infer<typeof deletionReceiptPage>;
