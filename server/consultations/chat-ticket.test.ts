import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { AppError } from '../http/errors';
import { FieldCipher, FieldDecryptionError } from '../security/field-crypto';
import { CHAT_TICKET_LIFETIME_MS, CHAT_TICKET_PURPOSE, ChatTickets, type ChatTicketContent } from './chat-ticket';

/**
 * P-11 after the end: the ticket that replaces the deleted invitation address for half an hour. It
 * must round-trip, refuse any change, expire, open under no other key, and never reveal the address.
 */

const dataKey = Buffer.alloc(32, 3);
const grant = {
  invitationId: '6f1c2a8e-3d7b-4b8e-9d2f-0a1b2c3d4e5f',
  consultationId: '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b',
  address: 'dora.gast@example.org',
  name: 'Dora G.',
  remaining: 3,
};

function codeOf(action: () => unknown): { status: number; code: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return { status: error.statusCode, code: error.code };
    throw error;
  }
  throw new Error('expected the ticket to be refused');
}

function flip(text: string, index: number): string {
  return `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;
}

describe('chat mail ticket after the end (P-11)', () => {
  it('opens what it issued, shows only the masked address, and expires after half an hour', () => {
    const clock = new ManualClock('2026-05-04T10:00:00Z');
    const tickets = new ChatTickets(new FieldCipher(dataKey), clock);
    const issued = tickets.issue(grant);
    expect(issued.to).toBe('d***@example.org');
    expect(issued.remaining).toBe(3);
    expect(issued.expiresAt).toBe(clock.now().getTime() + CHAT_TICKET_LIFETIME_MS);
    expect(issued.ticket).not.toContain('dora');
    expect(Buffer.from(issued.ticket.split('.')[3]!, 'base64url').toString('latin1')).not.toContain('example.org');
    const content: ChatTicketContent = tickets.open(issued.ticket);
    expect(content).toEqual({ ...grant, expiresAt: issued.expiresAt });

    clock.advance(CHAT_TICKET_LIFETIME_MS - 1);
    expect(tickets.open(issued.ticket).address).toBe(grant.address);
    clock.advance(1);
    expect(codeOf(() => tickets.open(issued.ticket))).toEqual({ status: 410, code: 'chat_ticket_expired' });
  });

  it('counts down with each mail but never extends the expiry, and never below the throttle’s count', () => {
    const clock = new ManualClock('2026-05-04T10:00:00Z');
    const tickets = new ChatTickets(new FieldCipher(dataKey), clock);
    const first = tickets.issue(grant);
    clock.advance(10 * 60_000);
    const second = tickets.spent(tickets.open(first.ticket), 2);
    expect(second).toMatchObject({ remaining: 2, expiresAt: first.expiresAt, to: first.to });
    // The throttle knows of mails this ticket did not send (another device, the call): it wins.
    const third = tickets.spent(tickets.open(second.ticket), 0);
    expect(third.remaining).toBe(0);
    expect(tickets.open(third.ticket).remaining).toBe(0);
  });

  it('refuses a ticket altered anywhere, a foreign value, and none at all with 400 chat_ticket_invalid', () => {
    const tickets = new ChatTickets(new FieldCipher(dataKey), new ManualClock());
    const { ticket } = tickets.issue(grant);
    const [version, keyId, iv, body] = ticket.split('.') as [string, string, string, string];
    const altered = [
      [version, keyId, flip(iv, 2), body],
      [version, keyId, iv, flip(body, 0)],
      [version, keyId, iv, flip(body, body.length - 3)],
      [version, flip(keyId, 1), iv, body],
    ].map((parts) => parts.join('.'));
    for (const value of [...altered, 'not a ticket', '', `${ticket}x`]) {
      expect(codeOf(() => tickets.open(value))).toEqual({ status: 400, code: 'chat_ticket_invalid' });
    }
    expect(codeOf(() => tickets.open(undefined))).toEqual({ status: 400, code: 'chat_ticket_invalid' });
  });

  it('opens under no other key: not another purpose’s, not the field key, not another data key', () => {
    const cipher = new FieldCipher(dataKey);
    const { ticket } = new ChatTickets(cipher, new ManualClock()).issue(grant);
    expect(() => cipher.forPurpose('some other purpose').open(ticket)).toThrow(FieldDecryptionError);
    expect(() => cipher.decrypt(ticket, 'invitations.guest_email')).toThrow(FieldDecryptionError);
    expect(() => cipher.decrypt(ticket, `purpose:${CHAT_TICKET_PURPOSE}`)).toThrow(FieldDecryptionError);
    // And the other way round: a field sealed by the same data key is no ticket.
    const field = cipher.encrypt(JSON.stringify({ ...grant, expiresAt: Date.now() + 60_000 }), `purpose:${CHAT_TICKET_PURPOSE}`);
    const tickets = new ChatTickets(cipher, new ManualClock());
    expect(codeOf(() => tickets.open(field))).toEqual({ status: 400, code: 'chat_ticket_invalid' });
    // Another installation (another data key) cannot open it.
    expect(codeOf(() => new ChatTickets(new FieldCipher(Buffer.alloc(32, 4)), new ManualClock()).open(ticket))).toEqual({
      status: 400,
      code: 'chat_ticket_invalid',
    });
  });

  it('still opens a ticket issued just before a key rotation (the old key among the configured ones)', () => {
    const clock = new ManualClock();
    const { ticket } = new ChatTickets(new FieldCipher(dataKey), clock).issue(grant);
    const rotated = new ChatTickets(new FieldCipher(Buffer.alloc(32, 5), [dataKey]), clock);
    expect(rotated.open(ticket).address).toBe(grant.address);
  });
});
