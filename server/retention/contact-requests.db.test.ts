import { describe, expect, it, onTestFinished } from 'vitest';
import type { TicketList } from '../../common/api/support';
import { contactReplies, contactRequests, operatorSessions } from '../db/schema';
import { SESSION_IDLE_TIMEOUT_MS } from '../sessions/policy';
import { ApiClient, ManualClock, MemoryMailer, startTestApp } from '../test-support/app';
import { signInOperator } from '../test-support/operators';
import { sendContactRequest } from '../test-support/support';
import { retentionRules } from './policy';

const SECOND = 1000;
const PASSWORD = 'operator staff passphrase';

async function setup() {
  const clock = new ManualClock('2026-01-15T12:00:00Z');
  const testApp = await startTestApp({ mailer: new MemoryMailer(), clock });
  onTestFinished(() => testApp.close());
  await testApp.app.operators.create({ email: 'olga@operator.example', name: 'Olga Operator', password: PASSWORD });
  const operator = async () => {
    const client = await new ApiClient(testApp, {}, '127.30.0.1').init();
    await signInOperator(testApp, client, 'olga@operator.example', PASSWORD);
    return client;
  };
  const setTime = (target: Date, offset: number) => clock.advance(target.getTime() + offset - clock.now().getTime());
  return { testApp, clock, db: testApp.database.db, operator, setTime };
}

describe('retention of contact requests (P-02, P-20)', () => {
  it('deletes a ticket and its answers 2 years after it was closed, not a second earlier, and writes a receipt', async () => {
    const { testApp, clock, db, operator, setTime } = await setup();
    for (let visitor = 1; visitor <= 2; visitor += 1) {
      const client = await new ApiClient(testApp, {}, `127.30.1.${visitor}`).init();
      expect((await sendContactRequest(client)).statusCode).toBe(202);
    }
    const staff = await operator();
    const [closing, staysOpen] = (await staff.get('/api/operator/tickets')).json<TicketList>().tickets;
    await staff.post(`/api/operator/tickets/${closing!.id}/replies`, { text: 'Erledigt.' });
    await staff.post(`/api/operator/tickets/${closing!.id}/close`);
    const closedAt = clock.now();
    const deadline = new Date(closedAt);
    deadline.setUTCFullYear(deadline.getUTCFullYear() + 2);

    setTime(deadline, -SECOND);
    const early = await testApp.app.retention.runJob('contactRequests');
    expect(early).toMatchObject({ outcome: 'completed', rowsDeleted: 0 });
    expect(await db.select().from(contactRequests)).toHaveLength(2);

    setTime(deadline, SECOND);
    const due = await testApp.app.retention.runJob('contactRequests');
    expect(due).toMatchObject({ outcome: 'completed', rowsDeleted: 1, period: 'P2Y', rule: retentionRules.contactRequests.description });
    const left = await db.select({ id: contactRequests.id }).from(contactRequests);
    // The open one stays however old it is: the clock starts when a ticket is closed.
    expect(left.map((row) => row.id)).toEqual([staysOpen!.id]);
    expect(await db.select().from(contactReplies)).toEqual([]);

    const listed = (await testApp.app.receipts.listReceipts({ limit: 10 })).receipts;
    expect(listed.filter((receipt) => receipt.job === 'contactRequests').map((receipt) => receipt.rowsDeleted)).toEqual([1, 0]);
    expect(await testApp.app.receipts.verifyReceipts()).toMatchObject({ intact: true });
  });

  it('sweeps ended operator sessions with the login-session job (P-18)', async () => {
    const { clock, db, operator, setTime, testApp } = await setup();
    const staff = await operator();
    const loggedInAt = clock.now();
    setTime(loggedInAt, SESSION_IDLE_TIMEOUT_MS - SECOND);
    expect((await testApp.app.retention.runJob('loginSessions'))?.rowsDeleted).toBe(0);
    expect(await db.select().from(operatorSessions)).toHaveLength(1);
    setTime(loggedInAt, SESSION_IDLE_TIMEOUT_MS + SECOND);
    expect((await testApp.app.retention.runJob('loginSessions'))?.rowsDeleted).toBe(1);
    expect(await db.select().from(operatorSessions)).toEqual([]);
    expect((await staff.get('/api/operator/session')).statusCode).toBe(401);
  });
});
