import { dumpMigratedPglite, pgliteSnapshotPlace } from './database';
import { hasSnapshot, writeSnapshot } from './snapshot';

/**
 * `npm run build:snapshot`: prepares the embedded database a new DATA_DIR starts from. Does nothing
 * when the snapshot for the current migrations exists already, so `npm start` can call it every time.
 */
async function main(): Promise<void> {
  const place = pgliteSnapshotPlace();
  if (await hasSnapshot(place)) {
    process.stdout.write('embedded database snapshot: up to date\n');
    return;
  }
  const started = performance.now();
  const file = await writeSnapshot(place, await dumpMigratedPglite());
  process.stdout.write(`embedded database snapshot: ${file} (${Math.round(performance.now() - started)} ms)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`embedded database snapshot failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
