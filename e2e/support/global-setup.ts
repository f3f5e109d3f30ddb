import { spawnSync } from 'node:child_process';
import { repositoryRoot } from './server';

/**
 * vitest globalSetup for the browser tests: compiles the server once (as production runs it) and
 * prepares the embedded database snapshot, so each of the suite's few dozen server starts skips
 * loading TypeScript and creating a database from scratch. Each step fails the run loudly.
 */
export function setup(): void {
  for (const script of ['build:server', 'build:snapshot']) {
    const result = spawnSync('npm', ['run', '--silent', script], { cwd: repositoryRoot, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`e2e set-up: npm run ${script} failed (exit ${result.status ?? result.signal})`);
  }
}
