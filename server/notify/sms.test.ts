import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTwilio } from '../test-support/twilio';
import { SmsDeliveryError, TwilioSmsSender } from './sms';

const accountSid = `AC${'a1'.repeat(16)}`;

describe('SMS through Twilio’s REST API', () => {
  const twilio = new FakeTwilio();
  let apiUrl: string;
  beforeAll(async () => {
    apiUrl = await twilio.start();
  });
  afterAll(async () => twilio.stop());

  it('posts the message form-encoded with basic auth to the Messages resource', async () => {
    const sender = new TwilioSmsSender({ accountSid, authToken: 'secret-auth-token-123', from: '+4915799912345', apiUrl });
    await sender.send({ to: '+491712345678', text: 'Einladung: https://video.example.org/join#abc' });
    expect(twilio.requests.at(-1)).toEqual({
      accountSid,
      authorization: { username: accountSid, password: 'secret-auth-token-123' },
      form: { To: '+491712345678', From: '+4915799912345', Body: 'Einladung: https://video.example.org/join#abc' },
    });
  });

  it('uses a Messaging Service SID as such', async () => {
    const sender = new TwilioSmsSender({ accountSid, authToken: 'secret-auth-token-123', from: `MG${'b2'.repeat(16)}`, apiUrl });
    await sender.send({ to: '+491712345678', text: 'x' });
    expect(twilio.requests.at(-1)?.form).toMatchObject({ MessagingServiceSid: `MG${'b2'.repeat(16)}` });
  });

  it('turns a refusal into an error that names Twilio’s code and reason', async () => {
    twilio.refuse.add('+491799999999');
    const sender = new TwilioSmsSender({ accountSid, authToken: 'secret-auth-token-123', from: '+4915799912345', apiUrl });
    const failure = sender.send({ to: '+491799999999', text: 'x' });
    await expect(failure).rejects.toBeInstanceOf(SmsDeliveryError);
    await expect(failure).rejects.toThrow(/HTTP 400, code 21211/);
  });

  it('reports an unreachable provider', async () => {
    const sender = new TwilioSmsSender({ accountSid, authToken: 'secret-auth-token-123', from: '+4915799912345', apiUrl: 'http://127.0.0.1:9' });
    await expect(sender.send({ to: '+491712345678', text: 'x' })).rejects.toThrow(/could not be reached/);
  });
});
