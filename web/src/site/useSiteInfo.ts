import { useEffect, useState } from 'react';
import type { SiteInfo } from '../../../common/api/site';
import { getSite } from '../api/endpoints';

let cached: SiteInfo | undefined;
let loading: Promise<SiteInfo> | undefined;

function load(): Promise<SiteInfo> {
  loading ??= getSite()
    .then((site) => {
      cached = site;
      return site;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** Operator details and text versions; loaded once per page load. Undefined while loading or failed. */
export function useSiteInfo(): SiteInfo | undefined {
  const [site, setSite] = useState(cached);
  useEffect(() => {
    if (site) return;
    let active = true;
    load().then(
      (loaded) => {
        if (active) setSite(loaded);
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [site]);
  return site;
}
