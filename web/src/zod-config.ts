import { z } from 'zod';

/**
 * zod 4 probes whether `new Function` works to compile fast validators; under our CSP
 * (`script-src 'self'`, no 'unsafe-eval') that probe is reported as a violation. Jitless mode never
 * tries. This module must be imported before any other that builds a schema.
 */
z.config({ jitless: true });
