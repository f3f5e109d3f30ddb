import type { FastifyRequest } from 'fastify';

/**
 * Who is asking, as far as the brute-force limits need to know (P-03). The address is the only
 * thing here, and it goes to the throttle alone, which keys its counters by an HMAC of it (in memory
 * or Redis); it is never stored, and the log serializers never write it
 * (`server/privacy/no-client-address.test.ts`).
 */
export interface Client {
  address: string;
}

/** The one place that reads the client's address (behind `TRUST_PROXY_HOPS` proxies). */
export function clientOf(request: FastifyRequest): Client {
  return { address: request.ip };
}
