import { errorName, type Logger } from './logger';

export type IceConfigurationSource = RTCConfiguration | (() => Promise<RTCConfiguration>);

/** `relayOnly` forces `iceTransportPolicy: 'relay'` (peers then never learn each other's address). */
function withPolicy(configuration: RTCConfiguration, relayOnly: boolean | undefined): RTCConfiguration {
  return relayOnly ? { ...configuration, iceTransportPolicy: 'relay' } : configuration;
}

/**
 * Resolves a configuration, retrying a loader with back-off. Rejects after the last attempt: the
 * caller must not fall back to a configuration without the relay (that could reveal IP addresses).
 */
export async function resolveIceConfiguration(
  source: IceConfigurationSource,
  options: { relayOnly?: boolean; attempts?: number; baseDelayMs?: number; logger: Logger; cancelled?: () => boolean },
): Promise<RTCConfiguration> {
  if (typeof source !== 'function') return withPolicy(source, options.relayOnly);
  const attempts = options.attempts ?? 3;
  let lastError: unknown = new Error('cancelled');
  for (let attempt = 0; attempt < attempts && !options.cancelled?.(); attempt++) {
    try {
      return withPolicy(await source(), options.relayOnly);
    } catch (error) {
      lastError = error;
      options.logger.warn('call: ICE configuration failed', { attempt, error: errorName(error) });
      if (attempt + 1 < attempts) await new Promise((resolve) => setTimeout(resolve, (options.baseDelayMs ?? 500) * 2 ** attempt));
    }
  }
  throw lastError;
}

/**
 * A loader for `GET /api/consultations/:id/ice`-style endpoints (same origin, cookies sent): returns
 * `{ iceServers, iceTransportPolicy }` as the server gives it.
 */
export function fetchIceConfiguration(url: string, fetchImpl: typeof fetch = fetch): () => Promise<RTCConfiguration> {
  return async () => {
    const response = await fetchImpl(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`ICE configuration: HTTP ${response.status}`);
    const body = (await response.json()) as RTCConfiguration;
    if (!Array.isArray(body.iceServers)) throw new Error('ICE configuration: no iceServers');
    return {
      iceServers: body.iceServers,
      iceTransportPolicy: body.iceTransportPolicy === 'relay' ? 'relay' : 'all',
    };
  };
}

/**
 * The configuration a call's links are made with: loaded once, after admission (TURN credentials are
 * for admitted participants), and replaced when the page renews the credentials.
 */
export class CallIceConfiguration {
  private value: RTCConfiguration | null = null;
  private loading = false;

  constructor(private readonly options: { source?: IceConfigurationSource; relayOnly?: boolean; logger: Logger }) {}

  get current(): RTCConfiguration | null {
    return this.value;
  }

  /** Renewed credentials or policy: the configuration from now on, with our relay policy applied. */
  replace(configuration: RTCConfiguration): RTCConfiguration {
    this.value = withPolicy(configuration, this.options.relayOnly);
    return this.value;
  }

  /** Loads it unless it is there or on its way: true once loaded, false if nothing was done; rejects when loading failed. */
  async load(cancelled: () => boolean): Promise<boolean> {
    if (this.value || this.loading) return false;
    this.loading = true;
    try {
      this.value = await resolveIceConfiguration(this.options.source ?? {}, { relayOnly: this.options.relayOnly, logger: this.options.logger, cancelled });
      return true;
    } finally {
      this.loading = false;
    }
  }
}
