import { describe, expect, it } from 'vitest';
import { chatPdf, chatPdfBytes, wrap, type ChatPdfInput } from './chatPdf';
import { textWidth, toWinAnsi } from './pdfFont';

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');

/** PDF literal-string form of a text, as the writer emits it (octal escapes above ASCII). */
const escaped = (text: string) =>
  toWinAnsi(text)
    .map((byte) => (byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`))
    .join('');

const input: ChatPdfInput = {
  title: 'Videosprechstunde – Praxis Dr. Weiß',
  participants: ['Dr. Weiß', 'Jürgen Groß'],
  date: new Date('2026-03-02T09:30:00Z'),
  timeZone: 'Europe/Berlin',
  labels: { participants: 'Teilnehmende', date: 'Datum', page: 'Seite {page} von {pages}', noMessages: 'Keine Nachrichten.' },
  messages: [
    { fromName: 'Dr. Weiß', text: 'Guten Morgen, Herr Groß! Wie geht es Ihnen?', sentAt: Date.parse('2026-03-02T09:31:00Z') },
    { fromName: 'Jürgen Groß', text: 'Danke, besser. Die Übelkeit ist weg (seit Mittwoch).', sentAt: Date.parse('2026-03-02T09:32:00Z') },
  ],
};

function structure(text: string) {
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  const xrefMatch = /^xref\n0 (\d+)\n/.exec(text.slice(startxref));
  const count = Number(xrefMatch?.[1]);
  const entries = text
    .slice(startxref + (xrefMatch?.[0].length ?? 0))
    .split('\n')
    .slice(0, count);
  return { startxref, count, entries };
}

describe('chat PDF', () => {
  it('is a PDF 1.4 with a valid cross-reference table', () => {
    const text = latin1(chatPdfBytes(input));
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    const { startxref, count, entries } = structure(text);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    expect(entries[0]).toBe('0000000000 65535 f ');
    for (let id = 1; id < count; id++) {
      const entry = entries[id] as string;
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      expect(entry.length + 1).toBe(20); // every xref entry is exactly 20 bytes
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${id} 0 obj`.length)).toBe(`${id} 0 obj`);
    }
    expect(text).toMatch(new RegExp(`trailer\\n<< /Size ${count} /Root 1 0 R /Info 5 0 R >>`));
  });

  it('declares the right stream lengths', () => {
    const text = latin1(chatPdfBytes(input));
    const streams = [...text.matchAll(/<< \/Length (\d+) >>\nstream\n([\s\S]*?)endstream/g)];
    expect(streams.length).toBeGreaterThan(0);
    for (const [, length, content] of streams) expect(content?.length).toBe(Number(length));
  });

  it('contains title, participants, date and messages with umlauts in WinAnsiEncoding', () => {
    const text = latin1(chatPdfBytes(input));
    expect(text).toContain('/BaseFont /Helvetica /Encoding /WinAnsiEncoding');
    expect(text).toContain(escaped('Teilnehmende: Dr. Weiß, Jürgen Groß'));
    expect(text).toContain(escaped('Guten Morgen, Herr Groß! Wie geht es Ihnen?'));
    expect(text).toContain('\\(seit Mittwoch\\).'); // parentheses are escaped
    expect(text).toContain('Gro\\337'); // ß = 0xDF
    expect(text).toContain('\\334belkeit'); // Ü = 0xDC
    expect(text).toContain('\\226 Praxis'); // en dash = 0x96
    expect(text).toContain('10:31'); // Berlin time of the first message
    expect(text).toContain(escaped('Datum: Montag, 2. März 2026 um 10:30'));
    expect(text).toContain('Seite 1 von 1');
    // the title in the document information, as UTF-16
    expect(text).toContain('/Title <FEFF0056');
  });

  it('wraps long messages and breaks pages', () => {
    const long = { ...input, messages: [] as ChatPdfInput['messages'][number][] };
    for (let index = 0; index < 120; index++) {
      long.messages.push({
        fromName: index % 2 ? 'Jürgen Groß' : 'Dr. Weiß',
        text: `Nachricht ${index}: ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(3)}`,
        sentAt: input.date.getTime() + index * 60_000,
      });
    }
    const text = latin1(chatPdfBytes(long));
    const pages = Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(3);
    expect(text.match(/\/Type \/Page /g)?.length).toBe(pages);
    expect(text).toContain(`Seite ${pages} von ${pages}`);
    expect(text).toContain('Nachricht 119:');
    // no line runs into the right margin
    const ops = [...text.matchAll(/BT \/(F1|F2) (\d+) Tf 1 0 0 1 ([\d.]+) [\d.]+ Tm \(((?:[^()\\]|\\.)*)\) Tj ET/g)];
    expect(ops.length).toBeGreaterThan(300);
    for (const [, font, size, x, content] of ops) {
      const raw = (content ?? '').replace(/\\([0-7]{3}|.)/g, (_m, code: string) => (code.length === 3 ? String.fromCharCode(parseInt(code, 8)) : code));
      const bytes = Array.from(raw, (char) => char.charCodeAt(0));
      const width = textWidth(bytes, font === 'F1' ? 'Helvetica' : 'Helvetica-Bold', Number(size));
      expect(Number(x) + width).toBeLessThanOrEqual(595.28 - 56 + 0.01);
    }
  });

  it('breaks words longer than a line and replaces characters outside WinAnsi', () => {
    const lines = wrap(`${'x'.repeat(300)} 😀 ok`, 'Helvetica', 10, 200);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line, 'Helvetica', 10)).toBeLessThanOrEqual(200);
    expect(String.fromCharCode(...(lines.at(-1) ?? []))).toMatch(/x* ?\? ok$/);
    expect(lines.flat()).toContain(0x3f); // the emoji became '?'
  });

  it('says so when there are no messages, and is a Blob of type application/pdf', async () => {
    const blob = chatPdf({ ...input, messages: [] });
    expect(blob.type).toBe('application/pdf');
    const text = latin1(new Uint8Array(await blob.arrayBuffer()));
    expect(text).toContain('Keine Nachrichten.');
    expect(text.endsWith('%%EOF\n')).toBe(true);
  });
});
