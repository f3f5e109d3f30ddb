/**
 * The web build's `zod`: web/vite.config.ts resolves every `import … from 'zod'` (ours and common/'s)
 * to this module, so jitless mode is set before any module builds a schema, whichever chunk loads
 * first. zod 4 decides in each object schema's constructor whether to compile a validator with
 * `new Function`; under our CSP (`script-src 'self'`, no 'unsafe-eval') even that probe is reported
 * as a violation. Jitless mode never tries.
 */
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
