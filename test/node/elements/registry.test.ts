/**
 * elements/registry.ts lists every element with its tag and run-page tab; each element's define.ts
 * says the same with defineElement/provideTab calls. This fails when the two disagree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ELEMENTS } from '../../../src/elements/registry.js';

const elementsDir = fileURLToPath(new URL('../../../src/elements/', import.meta.url));

interface Declared {
  tag: string;
  className: string;
  tab?: string;
}

/** What each define.ts registers: `defineElement('tag', Class)` and `provideTab('tab', Class)`. */
function declaredInDefineModules(): Declared[] {
  const out: Declared[] = [];
  for (const dir of readdirSync(elementsDir, { withFileTypes: true })) {
    const file = `${elementsDir}${dir.name}/define.ts`;
    if (!dir.isDirectory() || !existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const tabs = new Map([...text.matchAll(/provideTab\(\s*'([^']+)'\s*,\s*(\w+)\s*\)/g)].map((m) => [m[2], m[1]]));
    const defines = [...text.matchAll(/defineElement\(\s*'([^']+)'\s*,\s*(\w+)\s*\)/g)];
    assert.ok(defines.length > 0, `${dir.name}/define.ts registers no element with defineElement('tag', Class)`);
    for (const m of defines) out.push({ tag: m[1], className: m[2], tab: tabs.get(m[2]) });
  }
  return out.sort((a, b) => a.tag.localeCompare(b.tag));
}

test('the registry lists exactly the elements the define modules register, with the same tabs', () => {
  const fromRegistry = ELEMENTS.map((e) => ({ tag: e.tag, className: e.element.name, tab: e.tab })).sort((a, b) =>
    a.tag.localeCompare(b.tag),
  );
  assert.deepEqual(fromRegistry, declaredInDefineModules());
});

test('tags and tabs are unique', () => {
  const tags = ELEMENTS.map((e) => e.tag);
  assert.equal(new Set(tags).size, tags.length);
  const tabs = ELEMENTS.flatMap((e) => (e.tab ? [e.tab] : []));
  assert.equal(new Set(tabs).size, tabs.length);
});

test('src/define.ts registers through the registry', () => {
  const text = readFileSync(fileURLToPath(new URL('../../../src/define.ts', import.meta.url)), 'utf8');
  assert.match(text, /defineElements\(\)/);
});
