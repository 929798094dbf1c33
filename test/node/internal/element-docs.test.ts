/**
 * The manifest is made from JSDoc: every design token in internal/theme.ts and every step of internal/spacing.ts is documented once as a
 * @cssprop of the base element (every element inherits it), and every element with a shadow view
 * documents its `base` part.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { THEME_TOKENS } from '../../../src/internal/theme.js';
import { SPACING_TOKENS } from '../../../src/internal/spacing.js';

const src = (path: string) => readFileSync(fileURLToPath(new URL(`../../../src/${path}`, import.meta.url)), 'utf8');

test('every theme token is documented on the base element, and nothing else is', () => {
  const documented = [...src('internal/base-element.ts').matchAll(/@cssprop --runpage-([a-z0-9-]+)/g)].map((m) => m[1]);
  const tokens = [...Object.keys(THEME_TOKENS), ...Object.keys(SPACING_TOKENS)];
  assert.deepEqual(documented.filter((n) => n !== 'state-min-height').sort(), tokens.sort());
});

test('every element documents and renders a base part', () => {
  const files = [
    'artifact-list/artifact-list.ts',
    'file-browser/file-browser.ts',
    'log-viewer/log-viewer.ts',
    'media-panel/media-panel.ts',
    'metric-chart/metric-chart.ts',
    'metric-workspace/metric-workspace.ts',
    'model-table/model-table.ts',
    'run-overview/run-overview.ts',
    'run-page/run-page.ts',
    'system-panel/system-panel.ts',
  ];
  for (const file of files) {
    const text = src(`elements/${file}`);
    assert.match(text, /@csspart base - /, `${file} documents the base part`);
    assert.match(text, /part="base"/, `${file} renders the base part`);
  }
});
