import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSettings, storageKeyFor } from '../../../../src/elements/metric-workspace/settings-storage.js';
import { saveSettings } from '../../../../src/elements/metric-workspace/layout-edits.js';
import { emptySettings } from '../../../../src/elements/metric-workspace/workspace-settings.js';

class MemoryStorage {
  items = new Map<string, string>();
  full = false;
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.full) throw new Error('QuotaExceededError');
    this.items.set(k, v);
  }
}

const g = globalThis as { localStorage?: unknown };
afterEach(() => delete g.localStorage);

test('the key combines storage-key and run id', () => {
  assert.equal(storageKeyFor('proj', 'run-1'), 'runpage:metric-workspace:proj:run-1');
  assert.equal(storageKeyFor(undefined, 'run-1'), 'runpage:metric-workspace::run-1');
  assert.notEqual(storageKeyFor('a', 'r'), storageKeyFor('b', 'r'));
});

test('saves compact JSON and reads it back', () => {
  const storage = new MemoryStorage();
  g.localStorage = storage;
  const s = emptySettings();
  s.sections.val = { pinned: true };
  s.panels.x = {};
  assert.equal(saveSettings('k', s), undefined);
  assert.deepEqual(JSON.parse(storage.items.get('k')!).panels, {});
  const back = loadSettings('k');
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.settings?.sections, { val: { pinned: true } });
});

test('nothing stored, broken JSON, invalid parts, a full storage and no storage at all', () => {
  const storage = new MemoryStorage();
  g.localStorage = storage;
  assert.deepEqual(loadSettings('none'), { problems: [] });
  storage.items.set('bad', '{"sections":');
  assert.deepEqual(loadSettings('bad'), { problems: ['stored settings are not valid JSON'] });
  storage.items.set('partly', JSON.stringify({ sort: 'sideways', syncZoom: true }));
  const partly = loadSettings('partly');
  assert.equal(partly.settings?.syncZoom, true);
  assert.equal(partly.problems.length, 1);
  storage.full = true;
  assert.match(saveSettings('k', emptySettings()) ?? '', /could not store settings/);
  delete g.localStorage;
  assert.deepEqual(loadSettings('k'), { problems: [] });
  assert.equal(saveSettings('k', emptySettings()), undefined);
});
