import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api, chromiumSuite, createConsultation, createHost, invitationLink, uniqueEmail } from './support';
import { expectVideoDecoding } from './support/media';
import { admitByName, enterWaitingRoom, expectChatShown, openHostRoom, sendChat, sendFile, waitForSnapshot } from './support/room';

/**
 * P-11: chat and files travel only peer to peer. After a call with chat both ways and a file whose
 * name and content carry a marker, neither marker appears in the server's log output, in any file
 * under its DATA_DIR (database included, after a clean shutdown that flushed everything), or in any
 * WebSocket frame a page sent to the server.
 */

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('chat and files never reach the server', () => {
  // Debug level: the most the server would ever log.
  const suite = chromiumSuite({ env: { LOG_LEVEL: 'debug' } });
  const { smtp } = suite;

  it('keeps a chat marker and a file marker out of logs, DATA_DIR and signaling frames', async () => {
    const chatMarker = `CHATMARKER${randomBytes(8).toString('hex')}`;
    const fileMarker = `FILEMARKER${randomBytes(8).toString('hex')}`;
    const host = await suite.open();
    const guest = await suite.open();
    const requestBodies: string[] = [];
    for (const page of [host, guest]) page.context.on('request', (request) => requestBodies.push(request.postData() ?? ''));
    const hostApi = new Api(host.context.request, suite.server.origin);
    await createHost(hostApi, smtp, { firstName: 'Paula', lastName: 'Privat' });
    const email = uniqueEmail('gustav');
    const consultation = await createConsultation(hostApi, [{ name: 'Gustav Geheim', email }]);
    const link = await invitationLink(smtp, email, suite.server.origin);

    await openHostRoom(host.page, consultation.id);
    await guest.page.goto(link);
    await enterWaitingRoom(guest.page);
    await admitByName(host.page, 'Gustav Geheim');
    await expectVideoDecoding(guest.page, 1, 'guest');

    await sendChat(host.page, `Von der Praxis: ${chatMarker}`);
    await expectChatShown(guest.page, `Von der Praxis: ${chatMarker}`);
    await sendChat(guest.page, `Vom Gast: ${chatMarker}`);
    await expectChatShown(host.page, `Vom Gast: ${chatMarker}`);
    const content = Buffer.concat([Buffer.from(`${fileMarker}\n`.repeat(1000)), randomBytes(64 * 1024)]);
    await sendFile(guest.page, `${fileMarker}.txt`, content);
    await waitForSnapshot(
      host.page,
      (s) => s.transfers.some((t) => t.direction === 'incoming' && t.name === `${fileMarker}.txt` && t.state === 'done'),
      15_000,
      'file received',
    );

    await hostApi.expect(200, 'POST', `/api/consultations/${consultation.id}/end`);
    await waitForSnapshot(guest.page, (s) => s.state === 'ended');
    expect(host.problems()).toEqual([]);
    expect(guest.problems()).toEqual([]);
    // A clean shutdown flushes the log and checkpoints the embedded database.
    await suite.server.stop();

    const markers = [chatMarker, fileMarker];
    const hits: string[] = [];
    const logs = suite.server.logs() + (await readFile(suite.server.logFile, 'utf8'));
    for (const marker of markers) if (logs.includes(marker)) hits.push(`server log: ${marker}`);
    const files = await filesUnder(suite.server.dataDir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = await readFile(file);
      for (const marker of markers) {
        if (bytes.includes(Buffer.from(marker)) || bytes.includes(Buffer.from(marker, 'utf16le'))) hits.push(`${file}: ${marker}`);
      }
    }
    for (const page of [host, guest]) {
      const sent = page.webSocketFrames.filter((frame) => frame.direction === 'sent');
      expect(sent.length).toBeGreaterThan(0);
      for (const frame of sent) for (const marker of markers) if (frame.payload.includes(marker)) hits.push(`WebSocket frame: ${marker}`);
      // No request URL or body carried a marker either.
      for (const url of page.requests) for (const marker of markers) if (url.includes(marker)) hits.push(`request URL: ${url}`);
    }
    for (const body of requestBodies) for (const marker of markers) if (body.includes(marker)) hits.push(`request body: ${marker}`);
    expect(hits).toEqual([]);
  });
});
