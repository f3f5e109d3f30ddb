import { describe, expect, it } from 'vitest';
import { handlingOf, unfitForPrecache } from './shellPolicy';

const origin = 'https://praxis.example';
const precache = new Set(['/index.html', '/assets/index-abc.js', '/offline.html', '/icon-any-192.png']);
const get = (path: string, mode = 'cors') => handlingOf({ url: `${origin}${path}`, method: 'GET', mode }, origin, precache);

describe('what the service worker answers', () => {
  it('never answers API calls, dev pages or other origins, whatever the mode', () => {
    for (const path of ['/api/session', '/api/join', '/api/signaling', '/dev/outbox']) {
      expect(get(path), path).toBe('network');
      expect(get(path, 'navigate'), path).toBe('network');
    }
    expect(handlingOf({ url: 'https://other.example/assets/index-abc.js', method: 'GET', mode: 'cors' }, origin, precache)).toBe('network');
    expect(handlingOf({ url: `${origin}/assets/index-abc.js`, method: 'POST', mode: 'cors' }, origin, precache)).toBe('network');
  });

  it('answers navigations to app pages (invitation links included) from the network first, never by their address', () => {
    expect(get('/join', 'navigate')).toBe('page');
    expect(get('/accept-invitation?token=secret', 'navigate')).toBe('page');
    expect(get('/offline.html', 'navigate')).toBe('network');
  });

  it('answers only files of this build from the cache, and nothing with a query', () => {
    expect(get('/assets/index-abc.js')).toBe('precached');
    expect(get('/assets/index-abc.js?token=secret')).toBe('network');
    expect(get('/assets/other-def.js')).toBe('network');
  });

  it('refuses a precache list with private or addressed entries', () => {
    expect(unfitForPrecache(['/index.html', '/api/site', '/join?t=1', '/join#t', 'relative.js', '/sw.js'])).toEqual([
      '/api/site',
      '/join?t=1',
      '/join#t',
      'relative.js',
      '/sw.js',
    ]);
  });
});
