import type { APIRequestContext, APIResponse, Page } from 'playwright-core';

/**
 * The part of Playwright's APIRequestContext that `Api` uses, carried out by `fetch` inside a page,
 * so that set-up calls take the browser's own network path: its TLS stack (which trusts a test CA
 * only where the browser was told to) and its cookie jar. Playwright's own request context would
 * go around both. The page must already show a document of the origin.
 */
export function pageRequest(page: Page): APIRequestContext {
  const fetchInPage = async (url: string, init: { method?: string; headers?: Record<string, string>; data?: unknown } = {}): Promise<APIResponse> => {
    const headers = { ...init.headers };
    // The browser sets Origin itself (scripts may not); keep the rest.
    delete headers.origin;
    if (init.data !== undefined) headers['content-type'] = 'application/json';
    const answer = await page.evaluate(
      async ({ url, method, headers, body }) => {
        const response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
        const responseHeaders: Record<string, string> = {};
        response.headers.forEach((value, key) => (responseHeaders[key] = value));
        return { status: response.status, headers: responseHeaders, text: await response.text() };
      },
      { url, method: init.method ?? 'GET', headers, body: init.data === undefined ? undefined : JSON.stringify(init.data) },
    );
    const response = {
      status: () => answer.status,
      ok: () => answer.status >= 200 && answer.status < 300,
      headers: () => answer.headers,
      text: async () => answer.text,
      json: async () => JSON.parse(answer.text) as unknown,
    };
    return response as unknown as APIResponse;
  };
  const request = {
    get: (url: string) => fetchInPage(url),
    fetch: (url: string, init: { method?: string; headers?: Record<string, string>; data?: unknown }) => fetchInPage(url, init),
  };
  return request as unknown as APIRequestContext;
}
