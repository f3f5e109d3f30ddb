import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AppMetrics } from './metrics';

/**
 * The Grafana dashboard in the kit (deploy/grafana/) queries only metrics the app exports: a renamed or removed metric
 * fails here instead of leaving an empty panel in an operator's Grafana.
 */
describe('the Grafana dashboard', () => {
  it('uses only metric names the app exports, through the datasource it asks for at import', async () => {
    const dashboard = JSON.parse(await readFile(new URL('../../deploy/grafana/sprechzimmer-dashboard.json', import.meta.url), 'utf8')) as {
      __inputs: { name: string }[];
      panels: { datasource: { uid: string }; targets: { expr: string }[] }[];
    };
    const exported = await new AppMetrics({
      signaling: () => ({ rooms: 0, connected: 0, waitingGuests: 0 }),
      presenceSockets: () => 0,
      databasePool: () => ({ total: 0, idle: 0, waiting: 0 }),
    }).registry.getMetricsAsJSON();
    const names = new Set(exported.map((metric) => metric.name));
    // prom-client types `type` as a numeric enum, but the JSON carries the name ('histogram').
    const histograms = exported.filter((metric) => String(metric.type) === 'histogram').map((metric) => metric.name);
    const queried = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) => target.expr.match(/\b(sprechzimmer|nodejs|process)_[a-z0-9_]+/g) ?? []),
    );
    expect(queried.length).toBeGreaterThan(10);
    for (const name of queried) {
      const base = histograms.find((histogram) => name === `${histogram}_bucket` || name === `${histogram}_sum` || name === `${histogram}_count`);
      expect(names.has(base ?? name), name).toBe(true);
    }
    expect(queried).toEqual(
      expect.arrayContaining([
        'sprechzimmer_http_requests_total',
        'sprechzimmer_waiting_guests',
        'sprechzimmer_messages_total',
        'sprechzimmer_call_setups_total',
        'sprechzimmer_colleague_rings_total',
        'sprechzimmer_retention_runs_total',
        'sprechzimmer_database_pool_connections',
      ]),
    );
    expect(dashboard.__inputs.map((input) => input.name)).toEqual(['DS_PROMETHEUS']);
    for (const panel of dashboard.panels) expect(panel.datasource.uid).toBe('${DS_PROMETHEUS}');
  });
});
