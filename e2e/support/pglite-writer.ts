/**
 * Child process for server/db/pglite-durability.test.ts: opens the embedded database in the
 * directory given as argv[2] and inserts accounts rows one by one until it is killed. It prints
 * `ready <pid>` once the database is open (and locked), then `ack <id>` after each insert has
 * returned, i.e. after its commit was acknowledged. stdout to a pipe is synchronous on Linux, so a
 * printed id was committed before the next insert starts.
 *
 *   node --import tsx e2e/support/pglite-writer.ts <dataDir> [round]
 */
import { openDatabase } from '../../server/db/database';
import { accounts } from '../../server/db/schema';

const dataDir = process.argv[2];
const round = process.argv[3] ?? '0';
if (!dataDir) {
  process.stderr.write('usage: pglite-writer.ts <dataDir> [round]\n');
  process.exit(2);
}

const database = await openDatabase({ kind: 'pglite', dataDir });
process.stdout.write(`ready ${process.pid}\n`);

for (let sequence = 0; ; sequence += 1) {
  const [row] = await database.db
    .insert(accounts)
    .values({
      firstName: 'Durability',
      lastName: `Round ${round}`,
      dateOfBirth: '1970-01-01',
      email: `durability-${round}-${sequence}-${process.pid}@example.invalid`,
      // Durability is what this writer tests, not encryption: a unique placeholder index suffices.
      emailIndex: `durability-${round}-${sequence}-${process.pid}`,
      street: 'Teststraße',
      houseNumber: String(sequence),
      postalCode: '50667',
      city: 'Köln',
      country: 'DE',
      phone: '+492211234567',
      passwordHash: 'not-a-real-hash',
    })
    .returning({ id: accounts.id });
  if (!row) throw new Error('insert returned no row');
  process.stdout.write(`ack ${row.id}\n`);
}
