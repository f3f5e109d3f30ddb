import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { AfterAnswer } from './after-answer';

function recordingLog(lines: string[]): FastifyBaseLogger {
  return { warn: (fields: { err: Error }, message: string) => lines.push(`${message}: ${fields.err.message}`) } as unknown as FastifyBaseLogger;
}

describe('work queued after the answer', () => {
  it('runs after the code that queued it, one task at a time in order, and logs a failure without stopping the rest', async () => {
    const lines: string[] = [];
    const later = new AfterAnswer(recordingLog(lines));
    const ran: string[] = [];
    later.queue('first failed', async () => {
      ran.push('first');
      throw new Error('mail server away');
    });
    later.queue('second failed', async () => {
      ran.push('second');
      // Queued by a task: settled() waits for it too.
      later.queue('third failed', async () => {
        ran.push('third');
      });
    });
    ran.push('answer');
    await later.settled();
    expect(ran).toEqual(['answer', 'first', 'second', 'third']);
    expect(lines).toEqual(['first failed: mail server away']);
  });
});
