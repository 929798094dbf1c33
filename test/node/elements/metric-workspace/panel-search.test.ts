import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  highlightRanges,
  isActiveSearch,
  matchesSearch,
  parseSearch,
} from '../../../../src/elements/metric-workspace/panel-search.js';

const names = ['train/loss', 'train/accuracy', 'val/loss', 'val/accuracy', 'epoch', 'layers/block_0/weight_norm'];
function run(q: string): string[] {
  const p = parseSearch(q);
  assert.ok(p.ok, `parses ${q}`);
  return names.filter((n) => matchesSearch(p.terms, n));
}

test('substring search is case-insensitive', () => {
  assert.deepEqual(run('LOSS'), ['train/loss', 'val/loss']);
  assert.deepEqual(run(''), names);
  assert.equal(isActiveSearch(parseSearch('  ')), false);
});

test('regex search', () => {
  assert.deepEqual(run('/^val\\//'), ['val/loss', 'val/accuracy']);
  assert.deepEqual(run('/acc|epoch/'), ['train/accuracy', 'val/accuracy', 'epoch']);
  assert.deepEqual(run('/block_\\d+ /'), []);
});

test('exclusion with - and !, combined with inclusion', () => {
  assert.deepEqual(run('-train'), ['val/loss', 'val/accuracy', 'epoch', 'layers/block_0/weight_norm']);
  assert.deepEqual(run('loss !val'), ['train/loss']);
  assert.deepEqual(run('-/^(train|val)\\//'), ['epoch', 'layers/block_0/weight_norm']);
});

test('invalid regex reports an error', () => {
  const p = parseSearch('/(unclosed/');
  assert.equal(p.ok, false);
  assert.ok(!p.ok && p.error.length > 0);
  assert.equal(parseSearch('/abc').ok, false);
  assert.equal(parseSearch('/abc/g').ok, false);
});

test('characters special to regex are literal in substring search', () => {
  assert.deepEqual(run('block_0/w'), ['layers/block_0/weight_norm']);
  const p = parseSearch('a.b');
  assert.ok(p.ok && !matchesSearch(p.terms, 'axb'));
});

test('highlight ranges merge overlapping matches and skip exclusions', () => {
  const p = parseSearch('los oss -val');
  assert.ok(p.ok);
  assert.deepEqual(highlightRanges(p.terms, 'train/loss'), [[6, 10]]);
  const r = parseSearch('/a/');
  assert.ok(r.ok);
  assert.deepEqual(highlightRanges(r.terms, 'train/accuracy'), [
    [2, 3],
    [6, 7],
    [11, 12],
  ]);
});
