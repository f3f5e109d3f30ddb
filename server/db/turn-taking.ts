import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';

/**
 * PGlite runs PostgreSQL in WebAssembly on the main thread, and each statement (parse, bind,
 * execute, sync) is a chain of already-settled promises: a request's statements, and the code between
 * them, run back to back without giving I/O a turn. A correct login (about ten statements after the
 * password check) was one 10–30 ms block, and a signaling ping arriving meanwhile waited for all of
 * it (issue 17, `npm run bench -- login-burst`). After each statement the event loop now gets one
 * turn (setImmediate: after the sockets that became readable are read), so a ping waits for one
 * statement at most. The work is the same; only its order changes. Inside a transaction the turn
 * keeps PGlite's own lock, so no other statement runs in between.
 */
export function takingTurns(client: PGlite): PGlite {
  const query: PGlite['query'] = async (...args) => {
    try {
      return await client.query(...args);
    } finally {
      await nextTurn();
    }
  };
  const transaction: PGlite['transaction'] = (callback) =>
    client.transaction((tx) => {
      const turnTakingTx: Transaction = Object.create(tx, {
        query: {
          value: async (...args: Parameters<Transaction['query']>) => {
            try {
              return await tx.query(...args);
            } finally {
              await nextTurn();
            }
          },
        },
      });
      return callback(turnTakingTx);
    });
  // Everything else is PGlite's own, called on PGlite itself (its private fields need that receiver).
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
