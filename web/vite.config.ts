import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pwaPlugin } from './pwa/plugin';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  plugins: [react(), pwaPlugin()],
  // Exactly `zod`, not its subpaths: the wrapper itself imports `zod/v4`.
  resolve: { alias: [{ find: /^zod$/, replacement: path.resolve(here, 'src/zod-jitless.ts') }] },
  build: {
    outDir: path.resolve(here, '../dist/web'),
    emptyOutDir: true,
    // Everything is bundled and served by us: no request may reach a third-party origin.
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Every page loads these at start: one file instead of a dozen small ones (each file is a
            // request the server answers, six at a time per browser connection pool).
            { name: 'app', tags: ['$initial'], priority: 2 },
            // The call engine and the room's views (guest and host pages share them): one chunk, so
            // a patient's invitation link waits on fewer requests. call/files.ts stays out: the help
            // centre needs one of its constants, not the engine. So do the host's and a colleague's
            // pages: what they import (inviting by SMS with its phone metadata, contacts) would else
            // load with every guest's join page.
            {
              name: 'call',
              test: /\/web\/(call\/(?!files\.ts)|src\/room\/(?!(HostRoomPage|HostPanel|ColleagueRoomPage)\.tsx))/,
              priority: 1,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/dev': 'http://localhost:3000' } },
});
