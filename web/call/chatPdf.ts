import { textWidth, toWinAnsi, type FontName } from './pdfFont';

/**
 * The chat export (P-11), made in the browser: a dependency-free PDF 1.4 writer with the standard
 * Helvetica fonts in WinAnsiEncoding (German umlauts, ß, €, „quotes“), line wrapping and page breaks.
 * Content streams are uncompressed; text is written with octal escapes, so the file is plain ASCII
 * apart from the binary marker comment.
 */

interface ChatPdfMessage {
  readonly fromName: string;
  readonly text: string;
  readonly sentAt: number;
}

export interface ChatPdfLabels {
  participants: string;
  date: string;
  /** `{page}` and `{pages}` are replaced. */
  page: string;
  noMessages: string;
  /** A line under the header, e.g. that the chat is not stored by the service. */
  notice?: string;
}

export interface ChatPdfInput {
  title: string;
  participants: readonly string[];
  date: Date;
  messages: readonly ChatPdfMessage[];
  labels?: Partial<ChatPdfLabels>;
  /** BCP 47 tag for dates and times (default de-DE). */
  locale?: string;
  timeZone?: string;
}

const DEFAULT_LABELS: ChatPdfLabels = {
  participants: 'Participants',
  date: 'Date',
  page: 'Page {page} of {pages}',
  noMessages: 'No messages.',
};

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const BODY_SIZE = 10;
const LEADING = 14;

interface Line {
  font: FontName;
  size: number;
  x: number;
  bytes: number[];
  /** Space above the line, in points. */
  gap: number;
}

/** Splits one paragraph into lines no wider than `width`, breaking over-long words. */
export function wrap(text: string, font: FontName, size: number, width: number): number[][] {
  const lines: number[][] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const words = toWinAnsi(paragraph)
      .reduce<number[][]>(
        (all, byte) => {
          if (byte === 0x20) all.push([]);
          else all[all.length - 1]?.push(byte);
          return all;
        },
        [[]],
      )
      .filter((word) => word.length > 0);
    let current: number[] = [];
    for (let word of words) {
      const candidate = current.length ? [...current, 0x20, ...word] : word;
      if (textWidth(candidate, font, size) <= width) {
        current = candidate;
        continue;
      }
      if (current.length) lines.push(current);
      while (textWidth(word, font, size) > width) {
        let cut = word.length - 1;
        while (cut > 1 && textWidth(word.slice(0, cut), font, size) > width) cut--;
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      current = word;
    }
    lines.push(current);
  }
  return lines;
}

interface Placed {
  font: FontName;
  size: number;
  x: number;
  y: number;
  bytes: number[];
}

function layout(input: ChatPdfInput, labels: ChatPdfLabels): Placed[][] {
  const width = PAGE_WIDTH - 2 * MARGIN;
  const locale = input.locale ?? 'de-DE';
  const dateText = new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: input.timeZone,
  }).format(input.date);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: input.timeZone });
  const lines: Line[] = [];
  const add = (text: string, font: FontName, size: number, gap: number, indent = 0) => {
    wrap(text, font, size, width - indent).forEach((bytes, index) => {
      lines.push({ font, size, x: MARGIN + indent, bytes, gap: index === 0 ? gap : 0 });
    });
  };
  add(input.title, 'Helvetica-Bold', 16, 0);
  add(`${labels.participants}: ${input.participants.join(', ')}`, 'Helvetica', BODY_SIZE, 10);
  add(`${labels.date}: ${dateText}`, 'Helvetica', BODY_SIZE, 0);
  if (labels.notice) add(labels.notice, 'Helvetica', 8, 4);
  lines.push({ font: 'Helvetica', size: BODY_SIZE, x: MARGIN, bytes: [], gap: 8 });
  if (input.messages.length === 0) add(labels.noMessages, 'Helvetica', BODY_SIZE, 8);
  for (const message of input.messages) {
    add(`${time.format(new Date(message.sentAt))}  ${message.fromName}`, 'Helvetica-Bold', BODY_SIZE, 8);
    add(message.text, 'Helvetica', BODY_SIZE, 0, 12);
  }
  const pages: Placed[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  const bottom = MARGIN + 24; // room for the page footer
  for (const line of lines) {
    const height = Math.max(LEADING, line.size * 1.3);
    let gap = line.gap;
    if (y - gap - height < bottom && (pages[pages.length - 1]?.length ?? 0) > 0) {
      pages.push([]);
      y = PAGE_HEIGHT - MARGIN;
      gap = 0;
    }
    y -= gap + height;
    pages[pages.length - 1]?.push({ font: line.font, size: line.size, x: line.x, y, bytes: line.bytes });
  }
  return pages;
}

/** PDF literal string from WinAnsi bytes: printable ASCII as is, everything else octal-escaped. */
function literal(bytes: readonly number[]): string {
  let out = '(';
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out})`;
}

/** UTF-16BE hex string with BOM, for document information (titles with any character). */
function utf16(text: string): string {
  let hex = '<FEFF';
  for (let index = 0; index < text.length; index++) hex += text.charCodeAt(index).toString(16).padStart(4, '0');
  return `${hex}>`;
}

const n = (value: number) => (Math.round(value * 100) / 100).toString();

function pdfDate(date: Date): string {
  const pad = (value: number) => value.toString().padStart(2, '0');
  return `D:${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** The PDF file as bytes. */
export function chatPdfBytes(input: ChatPdfInput): Uint8Array {
  const labels = { ...DEFAULT_LABELS, ...input.labels };
  const pages = layout(input, labels);
  // Objects: 1 catalog, 2 pages, 3 font, 4 bold font, 5 info, then page + content per page.
  const objects: string[] = [];
  const pageIds = pages.map((_, index) => 6 + index * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Title ${utf16(input.title)} /Producer (Sprechzimmer) /CreationDate (${pdfDate(input.date)}) >>`;
  pages.forEach((lines, index) => {
    const footer = labels.page.replace('{page}', String(index + 1)).replace('{pages}', String(pages.length));
    const footerBytes = toWinAnsi(footer);
    const ops = lines
      .filter((line) => line.bytes.length > 0)
      .map((line) => {
        const font = line.font === 'Helvetica' ? 'F1' : 'F2';
        return `BT /${font} ${line.size} Tf 1 0 0 1 ${n(line.x)} ${n(line.y)} Tm ${literal(line.bytes)} Tj ET`;
      });
    const footerX = PAGE_WIDTH - MARGIN - textWidth(footerBytes, 'Helvetica', 8);
    ops.push(`BT /F1 8 Tf 1 0 0 1 ${n(footerX)} ${n(MARGIN - 8)} Tm ${literal(footerBytes)} Tj ET`);
    const stream = `${ops.join('\n')}\n`;
    const pageId = pageIds[index] as number;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}endstream`;
  });
  // Every character below is one byte (ASCII, plus the four marker bytes), so string length = byte offset.
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = body.length;
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = new Uint8Array(body.length);
  for (let index = 0; index < body.length; index++) bytes[index] = body.charCodeAt(index);
  return bytes;
}

export function chatPdf(input: ChatPdfInput): Blob {
  return new Blob([chatPdfBytes(input) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}
