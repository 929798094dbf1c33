import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonText } from '../../../src/internal/json-text.js';

test('writes what JSON.stringify writes for JSON values, on one line and indented', () => {
  for (const v of [{ a: 1, b: [1, 'x', null, true, { c: {} }], d: [] }, [], {}, 'a"b', 3.5, null, [[[]]]]) {
    assert.equal(jsonText(v), JSON.stringify(v));
    assert.equal(jsonText(v, { indent: 2 }), JSON.stringify(v, null, 2));
  }
});

test('keeps NaN and ±Infinity as numbers', () => {
  assert.equal(jsonText([1, NaN, -Infinity]), '[1,NaN,-Infinity]');
});

test('writes values nested 100,000 levels deep, where JSON.stringify overflows the stack', () => {
  const root: Record<string, unknown> = {};
  let o = root;
  for (let i = 0; i < 100_000; i++) o = o.a = {};
  assert.throws(() => JSON.stringify(root), RangeError);
  const text = jsonText(root);
  assert.equal(text.length, 100_000 * 6 + 2);
  assert.ok(text.startsWith('{"a":{"a":'));
});

test('stops growing the indentation after 40 levels', () => {
  const root: Record<string, unknown> = {};
  let o = root;
  for (let i = 0; i < 100; i++) o = o.a = {};
  const lines = jsonText(root, { indent: 2 }).split('\n');
  assert.equal(Math.max(...lines.map((l) => l.length - l.trimStart().length)), 80);
});

test('writes [circular] where a value contains itself, and cuts at the limit', () => {
  const o: Record<string, unknown> = { n: 1 };
  o.self = o;
  o.list = [o];
  assert.equal(jsonText(o), '{"n":1,"self":"[circular]","list":["[circular]"]}');
  assert.equal(jsonText({ long: 'x'.repeat(100) }, { limit: 10 }), '{"long":"x…');
});
