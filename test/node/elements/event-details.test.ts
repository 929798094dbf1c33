/**
 * Every element event's detail type is exported from `runpage` (src/index.ts), so an app types its
 * listeners without deep imports. The events are read from each element's
 * GlobalEventHandlersEventMap declaration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../../src');

function eventDetails(): Map<string, string> {
  const found = new Map<string, string>();
  const files = readdirSync(join(SRC, 'elements'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  );
  for (const f of files) {
    const text = readFileSync(join(SRC, 'elements', f), 'utf8');
    for (const m of text.matchAll(/'([a-z-]+)': CustomEvent<(?:import\([^)]*\)\.)?(\w+)>/g)) found.set(m[1], m[2]);
  }
  return found;
}

test('every event detail type is exported from runpage', () => {
  const details = eventDetails();
  assert.ok(details.size >= 14, `found ${details.size} events`);
  const index = readFileSync(join(SRC, 'index.ts'), 'utf8');
  const missing = [...details].filter(([, type]) => !new RegExp(`\\b(type )?${type}\\b`).test(index));
  assert.deepEqual(missing, [], 'event detail types missing from src/index.ts');
});
