import http from 'node:http';

export interface TwilioRequest {
  accountSid: string;
  authorization: { username: string; password: string };
  form: Record<string, string>;
}

/**
 * A local stand-in for Twilio's Messages resource that speaks its wire format: form-encoded POST to
 * /2010-04-01/Accounts/{sid}/Messages.json with basic auth, a 201 JSON message resource, or a JSON
 * error ({ code, message, more_info, status }). It records every request.
 */
export class FakeTwilio {
  readonly requests: TwilioRequest[] = [];
  /** Numbers the fake refuses like Twilio refuses an invalid 'To'. */
  readonly refuse = new Set<string>();
  private readonly server = http.createServer((request, response) => this.handle(request, response));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(request.url ?? '');
      const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
      const [username = '', password = ''] = Buffer.from(encoded ?? '', 'base64')
        .toString()
        .split(':');
      const reply = (status: number, payload: object) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if (request.method !== 'POST' || !match) return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      if (scheme !== 'Basic' || username !== match[1]) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
      if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') {
        return reply(400, { code: 21602, message: 'Message body is required.', status: 400 });
      }
      const form = Object.fromEntries(new URLSearchParams(body));
      this.requests.push({ accountSid: match[1]!, authorization: { username, password }, form });
      if (this.refuse.has(form.To ?? '')) {
        return reply(400, {
          code: 21211,
          message: `The 'To' number ${form.To} is not a valid phone number.`,
          more_info: 'https://www.twilio.com/docs/errors/21211',
          status: 400,
        });
      }
      reply(201, {
        sid: `SM${'0'.repeat(32)}`,
        account_sid: match[1],
        to: form.To,
        from: form.From ?? null,
        messaging_service_sid: form.MessagingServiceSid ?? null,
        body: form.Body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${match[1]}/Messages/SM${'0'.repeat(32)}.json`,
      });
    });
  }
}
