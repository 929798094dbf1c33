/**
 * The part lists composites re-export (src/internal/part-names.ts) match the `@csspart` docs of
 * each element: a part added to an element and not to the list would be unreachable from outside.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportPartsAs, PART_NAMES } from '../../../src/internal/part-names.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function documentedParts(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/@csspart ([\w-]+)(?=\s)/g)].map((m) => m[1]);
}

const inherited = documentedParts('src/internal/base-element.ts');

for (const [tag, parts] of Object.entries(PART_NAMES)) {
  test(`<${tag}>: every documented part is listed, and every listed part is documented or re-exported`, () => {
    const own = [...documentedParts(`src/elements/${tag}/${tag}.ts`), ...inherited];
    assert.deepEqual(
      own.filter((p) => !parts.includes(p)),
      [],
      'documented parts missing from the list',
    );
    const reExported = (p: string) =>
      Object.entries(PART_NAMES).some(([inner, innerParts]) =>
        innerParts.some((q) => p.endsWith(`-${q}`) && inner !== tag),
      );
    assert.deepEqual(
      parts.filter((p) => !own.includes(p) && !reExported(p)),
      [],
      'listed parts neither documented nor re-exported',
    );
  });
}

test('exportparts maps each part to <prefix>-<part>', () => {
  assert.equal(exportPartsAs('logs', ['toolbar', 'line']), 'toolbar:logs-toolbar, line:logs-line');
});
