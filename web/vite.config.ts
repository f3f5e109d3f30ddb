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
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/dev': 'http://localhost:3000' } },
});
