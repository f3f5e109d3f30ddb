import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/app';

describe('web app delivery', () => {
  let root: string;
  let testApp: TestApp;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sz-web-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>app shell</title>');
    await writeFile(path.join(root, 'assets', 'main-abc123.js'), 'console.log(1)');
    testApp = await startTestApp({ webRoot: root });
  });
  afterAll(async () => {
    await testApp.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the app shell for client-side routes, whatever the Accept header', async () => {
    for (const url of ['/', '/index.html', '/login', '/join', '/profile?tab=email']) {
      const response = await testApp.app.http.inject({ method: 'GET', url, headers: { accept: '*/*' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('app shell');
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable and answers missing files and API paths with a JSON 404', async () => {
    const asset = await testApp.app.http.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of ['/assets/missing.js', '/api/nothing', '/favicon.ico', '/.env', '/%2e%2e/package.json']) {
      const response = await testApp.app.http.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('not_found');
    }
  });
});
