import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupRows } from '../../../../src/elements/run-table/run-groups.js';
import {
  matchesSearch,
  parseSearch,
  runtimeOf,
  sortRows,
  toRow,
  valueColumns,
} from '../../../../src/elements/run-table/run-rows.js';
import { defaultState, normalizeState } from '../../../../src/elements/run-table/table-state.js';
import { readHash, writeHash } from '../../../../src/elements/run-table/table-hash.js';
import { formatCell, unitOf } from '../../../../src/elements/run-table/cell-format.js';
import { compareValues, defaultMetrics, metricChoices } from '../../../../src/elements/run-compare/compare-data.js';
import { applyRunEvents } from '../../../../src/elements/run-table/live-listing.js';
import type { RunRef } from '../../../../src/data/source.js';

const a: RunRef = {
  id: 'a1',
  name: 'Alpha',
  tags: ['best'],
  config: { lr: 0.1, model: { depth: 12 } },
  summary: { loss: 1 },
};
const b: RunRef = {
  id: 'b2',
  name: 'beta',
  config: { lr: 0.2, model: { depth: 12 } },
  summary: { loss: 0.5, acc: 0.9 },
};
const c: RunRef = { id: 'c3', config: { lr: 'auto' } };
const rows = [a, b, c].map(toRow);
const find = (q: string) => rows.filter((r) => matchesSearch(r, parseSearch(q))).map((r) => r.ref.id);

test('search: words all match, case-insensitive substrings, /regex/ with flags, -exclude, quotes', () => {
  assert.deepEqual(find(''), ['a1', 'b2', 'c3']);
  assert.deepEqual(find('ALPHA'), ['a1']);
  assert.deepEqual(find('b2'), ['b2']);
  assert.deepEqual(find('best'), ['a1']);
  assert.deepEqual(find('depth=12 -alpha'), ['b2']);
  assert.deepEqual(find('/^[ab]\\d$/m'), ['a1', 'b2']);
  assert.deepEqual(find('-/lr=0\\.\\d/'), ['c3']);
  assert.deepEqual(find('"lr=auto"'), ['c3']);
  const bad = parseSearch('/[/');
  assert.equal(bad.invalid, '/[/');
  assert.deepEqual(find('/[/'), []);
});

test('flattened columns; media-like objects stay one value', () => {
  assert.deepEqual(valueColumns(rows), ['config.lr', 'config.model.depth', 'summary.acc', 'summary.loss']);
  const media = toRow({ id: 'm', summary: { img: { _type: 'image-file', path: 'x.png' } } });
  assert.deepEqual([...media.values.keys()], ['summary.img']);
});

test('sort: numbers by value, missing last in both directions, stable', () => {
  const by = (column: string, dir: 'asc' | 'desc') =>
    sortRows(rows, { column: column as never, dir }, 0).map((r) => r.ref.id);
  assert.deepEqual(by('summary.loss', 'asc'), ['b2', 'a1', 'c3']);
  assert.deepEqual(by('summary.loss', 'desc'), ['a1', 'b2', 'c3']);
  assert.deepEqual(by('config.lr', 'asc'), ['a1', 'b2', 'c3']); // numbers before text
  assert.deepEqual(by('name', 'asc'), ['a1', 'b2', 'c3']);
});

test('group: headers with counts, unnamed last, collapsed groups keep their header', () => {
  const g = [{ id: '1', project: 'q' }, { id: '2' }, { id: '3', project: 'p' }, { id: '4', project: 'q' }].map(toRow);
  const items = groupRows(g, 'project', new Set(['q']), '(none)');
  assert.deepEqual(
    items.map((i) => (i.kind === 'group' ? `${i.label}:${i.count}` : i.row.ref.id)),
    ['p:1', '3', 'q:2', '(none):1', '2'],
  );
});

test('runtime: counts up to now while running, else what the source said or end minus start', () => {
  assert.equal(runtimeOf({ id: 'x', state: 'running', startedAt: 1000 }, 11_000), 10);
  assert.equal(runtimeOf({ id: 'x', state: 'finished', startedAt: 1000, runtime: 3 }, 99_000), 3);
  assert.equal(runtimeOf({ id: 'x', state: 'crashed', startedAt: 1000, heartbeatAt: 5000 }, 99_000), 4);
  assert.equal(runtimeOf({ id: 'x', state: 'finished' }, 99_000), undefined);
});

test('URL hash: round trip, defaults left out, malformed parts ignored', () => {
  const s = {
    ...defaultState(),
    query: 'loss -debug /a,b/',
    filters: { state: 'running' as const, project: 'p & q' },
    sort: { column: 'summary.val/acc' as const, dir: 'asc' as const },
    columns: ['config.lr' as const, 'summary.a,b' as const],
    groupBy: 'project' as const,
    ticked: ['run,1', 'run 2'],
    view: 'compare' as const,
    metrics: ['train/loss'],
  };
  assert.deepEqual(readHash(writeHash(s)), s);
  assert.equal(writeHash(defaultState()), '');
  const odd = readHash('#state=exploded&sort=nope:sideways&group=x&cols=bogus,config.ok&view=compare');
  assert.deepEqual(odd.filters, {});
  assert.deepEqual(odd.sort, defaultState().sort);
  assert.equal(odd.groupBy, 'none');
  assert.deepEqual(odd.columns, ['config.ok']);
  assert.equal(odd.view, 'table'); // nothing ticked, nothing to compare
  assert.doesNotThrow(() => readHash('#%E0%A4%A'));
});

test('cells: units from the key, numbers right-aligned', () => {
  assert.equal(unitOf('summary.gpu_mem_bytes'), 'bytes');
  assert.equal(unitOf('summary._runtime'), 'seconds');
  assert.equal(unitOf('summary.step_time_ms'), 'ms');
  assert.equal(unitOf('config.lr'), undefined);
  assert.deepEqual(formatCell('summary.x_bytes', 2048, 'en'), { text: '2 KB', numeric: true, full: '2048' });
  assert.equal(formatCell('summary._runtime', 125, 'en').text, '2m 5s');
  assert.equal(formatCell('config.name', '<b>x</b>', 'en').text, '<b>x</b>');
  assert.equal(formatCell('config.missing', undefined, 'en').text, '—');
});

test('compare: config keys that differ, missing counts as different', () => {
  const diff = compareValues([a, b, c], 'config');
  assert.deepEqual(
    diff.map((r) => [r.key, r.differs]),
    [
      ['lr', true],
      ['model.depth', true],
    ],
  );
  assert.deepEqual(
    compareValues([a, b], 'config').map((r) => [r.key, r.differs]),
    [
      ['lr', true],
      ['model.depth', false],
    ],
  );
});

test('compare: metrics most runs share first, system metrics and bookkeeping left out of the default', () => {
  const choices = metricChoices([
    [
      { key: 'loss', group: 'history', count: 1, order: 1 },
      { key: '_step', group: 'history', count: 1, order: 0 },
      { key: 'gpu', group: 'system', count: 1 },
    ],
    [
      { key: 'acc', group: 'history', count: 1, order: 0 },
      { key: 'loss', group: 'history', count: 1, order: 1 },
    ],
  ]);
  assert.deepEqual(
    choices.map((c) => [c.key, c.runs]),
    [
      ['loss', 2],
      ['_step', 1],
      ['acc', 1],
    ],
  );
  assert.deepEqual(defaultMetrics(choices), ['loss', 'acc']);
});

test('live: a run event changes the facts; metric points become the summary last values', () => {
  const ref: RunRef = { id: 'r', state: 'running', summary: { loss: 2 } };
  assert.equal(applyRunEvents(ref, [{ type: 'files-changed' }]), ref);
  const next = applyRunEvents(ref, [
    { type: 'run', run: { state: 'finished', endedAt: 5 } },
    {
      type: 'metrics',
      group: 'history',
      points: [
        { key: 'loss', step: 1, time: 1, value: 1.5 },
        { key: 'loss', step: 2, time: 2, value: NaN },
      ],
    },
  ]);
  assert.deepEqual(next, { id: 'r', state: 'finished', endedAt: 5, summary: { loss: 1.5 } });
  assert.deepEqual(ref.summary, { loss: 2 }, 'the old entry is not changed');
});

test('a partial or malformed table state set by a page becomes a whole one', () => {
  assert.deepEqual(normalizeState(null), defaultState());
  assert.deepEqual(normalizeState({ query: 'x' }), { ...defaultState(), query: 'x' });
  const odd = normalizeState({
    query: 5,
    filters: { state: 'exploded', project: 3 },
    sort: { column: '<b>', dir: 'up' },
    columns: ['config.lr', 7, 'nope'],
    groupBy: 'planet',
    ticked: ['a', 'a', null],
    view: 'compare',
    metrics: 'loss',
  });
  assert.deepEqual(odd, { ...defaultState(), columns: ['config.lr'], ticked: ['a'], view: 'compare' });
});
