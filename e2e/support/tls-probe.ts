import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, type SecureVersion } from 'node:tls';

/**
 * What a TLS server offers, seen from a client that is willing to speak the old versions: OpenSSL 3
 * refuses TLS 1.0/1.1 on the client side at its default security level, so the probes lower it
 * (`@SECLEVEL=0`). A refusal counts only when the server answered it with an alert; a client that
 * could not even offer the version would prove nothing.
 */

export type Handshake = { accepted: true; protocol: string; cipher: string; alpn: string | false } | { accepted: false; code: string; serverAlert: boolean };

export function handshake(
  target: { host: string; servername: string; ca: string },
  offer: { version: SecureVersion; ciphers?: string; alpn?: string[] },
): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = connect({
      host: target.host,
      port: 443,
      servername: target.servername,
      ca: target.ca,
      minVersion: offer.version,
      maxVersion: offer.version,
      // TLS 1.3 suites are not in the cipher list: there the defaults stay.
      ...(offer.ciphers || offer.version < 'TLSv1.2' ? { ciphers: offer.ciphers ?? 'ALL:@SECLEVEL=0' } : {}),
      ...(offer.alpn ? { ALPNProtocols: offer.alpn } : {}),
    });
    socket.once('secureConnect', () => {
      resolve({ accepted: true, protocol: socket.getProtocol() ?? '', cipher: socket.getCipher().standardName, alpn: socket.alpnProtocol ?? false });
      socket.end();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      // ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION, ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE, …: the server said no.
      resolve({ accepted: false, code, serverAlert: /ALERT/.test(code) });
    });
  });
}

export interface PlainAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request over https to `host` (the name's address), trusting only `ca`. */
export function httpsGet(target: { host: string; servername: string; ca: string }, path: string): Promise<PlainAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: target.host, port: 443, servername: target.servername, ca: target.ca, path, headers: { host: target.servername } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    req.once('error', reject);
    req.end();
  });
}

/** One plain-http request to port 80 of `host` for `servername`. */
export function httpGet(host: string, servername: string, path: string): Promise<PlainAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host, port: 80, path, headers: { host: servername } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.once('error', reject);
    req.end();
  });
}
