import { test } from 'node:test';
import assert from 'node:assert/strict';
import { epochMs, isTimeKey } from '../../../../src/elements/run-overview/epoch-time.js';
import { valueText } from '../../../../src/elements/run-overview/flatten.js';

const MAY_1_2024 = Date.UTC(2024, 4, 1);

test('keys that name a point in time', () => {
  for (const key of [
    '_timestamp',
    'timestamp',
    'start_time',
    'END_TIME',
    'time',
    'wall-time',
    'created_at',
    'createdAt',
    'startTime',
    'run_date',
    'event_ts',
    'startTimestamp',
  ])
    assert.equal(isTimeKey(key), true, key);
  for (const key of [
    '_runtime',
    'runtime',
    'format',
    'lat',
    'num_params',
    'latest',
    'steps',
    'timeout',
    'times',
    'date_format',
    '[0]',
  ])
    assert.equal(isTimeKey(key), false, key);
});

test('a time key with a value in 2000–2100, in s, ms, µs or ns, is a date', () => {
  assert.equal(epochMs('_timestamp', MAY_1_2024 / 1000 + 0.5), MAY_1_2024 + 500);
  assert.equal(epochMs('start_time', MAY_1_2024), MAY_1_2024);
  assert.equal(epochMs('createdAt', MAY_1_2024 * 1000), MAY_1_2024);
  assert.equal(epochMs('event_ts', MAY_1_2024 * 1e6), MAY_1_2024);
});

test('big numbers under other keys, durations and out-of-range values are not dates', () => {
  assert.equal(epochMs('num_params', 1_234_567_890), undefined);
  assert.equal(epochMs('_step', MAY_1_2024), undefined);
  assert.equal(epochMs('epoch_time', 12.5), undefined);
  assert.equal(epochMs('train_time', 3600), undefined);
  assert.equal(epochMs('_timestamp', 0), undefined);
  assert.equal(epochMs('_timestamp', -MAY_1_2024), undefined);
  assert.equal(epochMs('_timestamp', NaN), undefined);
  assert.equal(epochMs('_timestamp', Date.UTC(2100, 0, 1) / 1000), undefined);
  assert.equal(epochMs('_timestamp', Date.UTC(1999, 11, 31) / 1000), undefined);
});

test('copied values are exact, NaN and infinities inside arrays included', () => {
  assert.equal(valueText(1714550412.3456788), '1714550412.3456788');
  assert.equal(valueText(NaN), 'NaN');
  assert.equal(valueText([1, NaN, -Infinity, 'a"b', null]), '[1,NaN,-Infinity,"a\\"b",null]');
  assert.equal(valueText({ a: { b: Infinity } }), '{"a":{"b":Infinity}}');
  assert.equal(valueText('text'), 'text');
});
