import { pathToFileURL } from 'node:url';
import { dumpMigratedPglite, pgliteSnapshotPlace } from './database';
import { hasSnapshot, writeSnapshot } from './snapshot';

/**
 * `npm run build:snapshot`: prepares the embedded database a new DATA_DIR starts from. Does nothing
 * when the snapshot for the current migrations exists already, so `npm start` calls it every time
 * (scripts/prepare-start.ts).
 */
export async function ensureSnapshot(): Promise<void> {
  const place = pgliteSnapshotPlace();
  if (await hasSnapshot(place)) {
    process.stdout.write('embedded database snapshot: up to date\n');
    return;
  }
  const started = performance.now();
  const file = await writeSnapshot(place, await dumpMigratedPglite());
  process.stdout.write(`embedded database snapshot: ${file} (${Math.round(performance.now() - started)} ms)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureSnapshot().catch((error: unknown) => {
    process.stderr.write(`embedded database snapshot failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
