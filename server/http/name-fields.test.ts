import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { newOperator } from '../operators/service';

/**
 * Walks every schema exported from common/api (and the operator CLI's), so a name field added later
 * is covered without anyone listing it: each field whose key ends in "name" in a schema that takes
 * input must refuse control, zero-width and bidirectional characters with `invalid_characters`.
 * Answers (…View, …List, …Response and the like) only describe what the server sends.
 */
const ANSWER = /(View|List|Response|Document|Export|Entry|Detail|Policy|Summary|Info|Configuration)$|^exported|^restrictedAccount$|^ticketReply$/;

type Found = { schema: string; field: string; type: z.ZodType };

function nameFields(schema: z.ZodType, at: string, found: Found[], owner: string): void {
  const def = (schema as unknown as { def: Record<string, unknown> & { type: string } }).def;
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries((schema as z.ZodObject).shape)) {
        const field = at ? `${at}.${key}` : key;
        if (/name$/i.test(key)) found.push({ schema: owner, field, type: child as z.ZodType });
        nameFields(child as z.ZodType, field, found, owner);
      }
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return nameFields(def.innerType as z.ZodType, at, found, owner);
    case 'array':
      return nameFields(def.element as z.ZodType, `${at}.0`, found, owner);
    case 'pipe':
      return nameFields(def.in as z.ZodType, at, found, owner);
    case 'union':
      for (const option of def.options as z.ZodType[]) nameFields(option, at, found, owner);
      return;
    default:
  }
}

async function inputSchemas(): Promise<[string, z.ZodType][]> {
  const directory = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../common/api');
  const modules = readdirSync(directory).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const schemas: [string, z.ZodType][] = [['newOperator', newOperator]];
  for (const file of modules) {
    const exported = (await import(path.join(directory, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (value instanceof z.ZodType && !ANSWER.test(name)) schemas.push([`${file}:${name}`, value]);
    }
  }
  return schemas;
}

const hostile = {
  NUL: 'Max\u0000Muster',
  'CR/LF': 'Max\r\nBcc: victim@example.org',
  tab: 'Max\tMuster',
  'right-to-left override': 'Max \u202Eretsum',
  'left-to-right isolate': 'Max \u2066Muster',
  'zero-width space': 'Dr.\u200BMax',
  'zero-width joiner': 'Max\u200DMuster',
  'byte-order mark': 'Max\uFEFFMuster',
  'line separator': 'Max\u2028Muster',
  'lone surrogate': 'Max\uD800',
};

describe('name fields refuse control and invisible characters (issue 16)', () => {
  it('covers every name field of every input schema', async () => {
    const found: Found[] = [];
    for (const [owner, schema] of await inputSchemas()) nameFields(schema, '', found, owner);
    const labels = found.map(({ schema, field }) => `${schema} ${field}`);
    // Guarding the walk itself: these must be among what it finds.
    for (const expected of ['firstName', 'lastName', 'displayName', 'guests.0.name', 'organization.name', 'representative.firstName']) {
      expect(
        labels.some((label) => label.endsWith(` ${expected}`)),
        expected,
      ).toBe(true);
    }
    expect(labels.some((label) => label.startsWith('newOperator '))).toBe(true);
    const accepting: string[] = [];
    for (const { schema, field, type } of found) {
      if (!type.safeParse('Max Müller-Lüdenscheidt').success) continue; // not a free-text name (e.g. an enum)
      expect(type.safeParse('Mahsā\u200Cpur').success, `${schema} ${field}: ZWNJ is part of Persian names`).toBe(true);
      for (const [kind, value] of Object.entries(hostile)) {
        const result = type.safeParse(value);
        if (result.success) accepting.push(`${schema} ${field}: ${kind}`);
        else
          expect((result.error.issues[0] as { params?: { code?: string } } | undefined)?.params?.code, `${schema} ${field}: ${kind}`).toBe(
            'invalid_characters',
          );
      }
    }
    expect(accepting).toEqual([]);
    expect(found.length).toBeGreaterThan(10);
  });
});
