/** Bundles keep non-finite numbers of a run's facts (a NaN loss in the summary) as their strings, not null. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runsToBundle, runsFromBundle } from '../../../src/data/bundle.js';

test('NaN and ±Infinity in summary and config survive JSON as strings', () => {
  const text = JSON.stringify(
    runsToBundle([
      {
        info: {
          id: 'r',
          state: 'finished',
          summary: { loss: NaN, best: { val: -Infinity }, list: [1, Infinity] },
          config: { lr: 0.1 },
        },
      },
    ]),
  );
  const [run] = runsFromBundle(JSON.parse(text));
  assert.deepEqual(run!.info.summary, { loss: 'NaN', best: { val: '-Infinity' }, list: [1, 'Infinity'] });
  assert.deepEqual(run!.info.config, { lr: 0.1 });
});
