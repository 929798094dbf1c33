/**
 * runpage.autoload.js loads each element by its tag (src/element-loaders.ts): every element of the
 * registry has a loader, and a run page loads every element that shows one of its tabs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ELEMENTS } from '../../src/elements/registry.js';
import { ELEMENT_LOADERS, RUN_PAGE_TAB_TAGS } from '../../src/element-loaders.js';

test('every registered element has a loader, and no other tag does', () => {
  assert.deepEqual(Object.keys(ELEMENT_LOADERS).sort(), ELEMENTS.map((e) => e.tag).sort());
});

test('a run page loads the element of each of its tabs', () => {
  const tabElements = ELEMENTS.filter((e) => e.tab).map((e) => e.tag);
  assert.deepEqual([...RUN_PAGE_TAB_TAGS].sort(), tabElements.sort());
});
