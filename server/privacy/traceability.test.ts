import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every requirement of the specification has a row in docs/compliance.md that says where it is
 * enforced and which test proves it. The spec lives outside the repository (../shared/SPEC.md),
 * so its ids are committed in docs/spec-ids.txt; where the spec is present, the two must agree.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const specPath = path.resolve(root, '../shared/SPEC.md');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** `P-01` … from the requirement table, then `A31b-n <text>` for each rule of the Anlage 31b list. */
function idsFromSpec(spec: string): string[] {
  const requirementIds = [...spec.matchAll(/^\| (P-\d{2}) \|/gm)].map((match) => match[1] as string);
  const section = spec.split(/^## German video-consultation rules \(Anlage 31b BMV-Ä\)$/m)[1]?.split(/^## /m)[0] ?? '';
  const rules: string[] = [];
  for (const line of section.split('\n')) {
    if (line.startsWith('- ')) rules.push(line.slice(2).trim());
    else if (line.startsWith('  ') && rules.length > 0) rules[rules.length - 1] += ` ${line.trim()}`;
  }
  return [...requirementIds, ...rules.map((text, index) => `A31b-${index + 1} ${text}`)];
}

function committedIds(): string[] {
  return read('docs/spec-ids.txt')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** First cells and file references of the traceability table (the first table of the document). */
function complianceTable(): { ids: string[]; files: string[] } {
  const text = read('docs/compliance.md');
  const tableStart = text.indexOf('| id | status |');
  const rows = text.slice(tableStart).split('\n\n')[0]?.split('\n').slice(2) ?? [];
  const ids = rows.map((row) => row.split('|')[1]?.trim() ?? '');
  const files = rows.flatMap((row) => [...row.matchAll(/`([\w./-]+\.(?:ts|tsx|md|sql|sh))`/g)].map((match) => match[1] as string));
  return { ids, files };
}

describe('traceability of the specification', () => {
  it('commits the ids of every requirement and Anlage 31b rule', () => {
    const ids = committedIds().map((line) => line.split(' ')[0]);
    expect(ids.filter((id) => id?.startsWith('P-'))).toHaveLength(28);
    expect(ids.filter((id) => id?.startsWith('A31b-')).length).toBeGreaterThanOrEqual(11);
  });

  it.runIf(existsSync(specPath))('keeps docs/spec-ids.txt equal to the ids in ../shared/SPEC.md', () => {
    expect(committedIds()).toEqual(idsFromSpec(readFileSync(specPath, 'utf8')));
  });

  it('has a row in docs/compliance.md for every id', () => {
    const { ids } = complianceTable();
    const missing = committedIds()
      .map((line) => line.split(' ')[0] as string)
      .filter((id) => !ids.includes(id));
    expect(missing, 'ids without a row in the table of docs/compliance.md').toEqual([]);
  });

  it('names only files that exist', () => {
    const { files } = complianceTable();
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((file) => !existsSync(path.join(root, file)))).toEqual([]);
  });
});
