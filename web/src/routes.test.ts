import { describe, expect, it } from 'vitest';
import readme from '../README.md?raw';
import appSource from './App.tsx?raw';
import { appRoutes } from './routes';

describe('the route table', () => {
  it('is the router: App.tsx declares no path of its own and uses every entry', () => {
    expect(appSource.match(/path="[^"]*"/g) ?? []).toEqual([]);
    const entries = Object.entries(appRoutes);
    for (const [name, route] of entries) {
      if (!('index' in route)) expect(appSource, name).toContain(`appRoutes.${name}.path`);
    }
    const indexRoutes = entries.filter(([, route]) => 'index' in route).length;
    expect(appSource.match(/<Route index /g)?.length).toBe(indexRoutes);
  });

  it('is documented: the route table in web/README.md names every path', () => {
    const table = readme.slice(readme.indexOf('## Routes'), readme.indexOf('## Labels'));
    const undocumented = Object.values(appRoutes)
      .map((route) => route.path)
      .filter((path) => !table.includes(`\`${path}`));
    expect(undocumented).toEqual([]);
  });
});
