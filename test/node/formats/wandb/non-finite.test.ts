/**
 * Non-finite numbers as Python writes them (bare NaN / Infinity / -Infinity) stay numbers
 * everywhere a W&B run holds JSON: value_json, wandb-summary.json, .jsonl rows, config.yaml.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePythonJson, stringifyPythonJson } from '../../../../src/formats/wandb/python-json.js';
import { parseValueJson } from '../../../../src/formats/wandb/values.js';
import { parseConfigYaml, parseJsonRow, parseSummaryJson } from '../../../../src/formats/wandb/files.js';
import { readWandbRun } from '../../../../src/formats/wandb/reader.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { parseWire, stringifyWire } from '../../../../src/data/http-wire.js';
import { field, frame, historyRecord, item, memoryFolder, msg, record, runRecord } from './helpers.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);

test('bare tokens at any depth become numbers; strings that look like them stay strings', () => {
  assert.deepEqual(parseValueJson('NaN'), NaN);
  assert.equal(parseValueJson('-Infinity'), -Infinity);
  assert.equal(parseValueJson('Infinity'), Infinity);
  assert.deepEqual(parseValueJson('{"a": [1, NaN, -Infinity], "b": {"c": Infinity}}'), {
    a: [1, NaN, -Infinity],
    b: { c: Infinity },
  });
  // A string holding the very text the tokens sit in is not touched.
  assert.deepEqual(parsePythonJson('{"s": "x, NaN]", "t": "\\"NaN\\"", "n": NaN}'), {
    s: 'x, NaN]',
    t: '"NaN"',
    n: NaN,
  });
  assert.deepEqual(parsePythonJson('["NaN", NaN]'), ['NaN', NaN]);
  // Words that merely start like a token are not tokens: not JSON.
  assert.equal(parsePythonJson('[NaNa]'), undefined);
  assert.equal(parsePythonJson('{"a": NaN'), undefined);
  assert.equal(parsePythonJson('{"a": "unterminated'), undefined);
  // A user string that holds our own marker text is not mistaken for a token.
  assert.deepEqual(parsePythonJson('["\\u0000nf0:NaN", NaN]'), ['\u0000nf0:NaN', NaN]);
});

test('stringifyPythonJson writes the tokens back and round-trips', () => {
  const v = { a: [1, NaN], b: { c: -Infinity }, s: 'NaN' };
  const text = stringifyPythonJson(v);
  assert.equal(text, '{"a":[1,NaN],"b":{"c":-Infinity},"s":"NaN"}');
  assert.deepEqual(parsePythonJson(text), v);
  assert.equal(stringifyPythonJson({ x: 1 }), '{"x":1}');
});

test('files/: wandb-summary.json, .jsonl rows and config.yaml keep non-finite numbers', () => {
  assert.deepEqual(parseSummaryJson('{"loss": NaN, "best": {"val": -Infinity}, "_wandb": {"runtime": 3}}').value, {
    loss: NaN,
    best: { val: -Infinity },
    _wandb: { runtime: 3 },
  });
  assert.deepEqual(parseJsonRow('{"_step": 1, "loss": Infinity, "d": {"x": NaN}}'), {
    _step: 1,
    loss: Infinity,
    d: { x: NaN },
  });
  assert.deepEqual(parseConfigYaml('a:\n  value: .nan\nb:\n  value: -.inf\nc:\n  value: [1, .inf]\n').value.config, {
    a: NaN,
    b: -Infinity,
    c: [1, Infinity],
  });
});

test('a run: summary and config records with NaN travel as numbers to RunInfo and over the wire', async () => {
  const store = frame([
    runRecord({ id: 'nf', startMs: T0 }),
    record(5, msg(field(1, item('lr', 'NaN')), field(1, item(['sched', 'max'], 'Infinity')))),
    record(3, msg(field(1, item('loss', 'NaN')), field(1, item('hist', '{"min": -Infinity, "max": NaN}')))),
    historyRecord(
      [
        ['_step', '0'],
        ['loss', 'NaN'],
        ['grad', '{"norm": Infinity, "name": "NaN"}'],
      ],
      0,
    ),
  ]);
  const run = await readWandbRun(memoryFolder({ 'run-nf.wandb': store }), { now: T0 + 1000 });
  assert.deepEqual(run.info.config, { lr: NaN, sched: { max: Infinity } });
  assert.deepEqual(run.info.summary, { loss: NaN, hist: { min: -Infinity, max: NaN } });
  // Nested numbers of a logged dict are points, NaN included; strings are not.
  const norm = run.metrics.find((m) => m.key === 'grad.norm');
  assert.deepEqual([...(norm?.value ?? [])], [Infinity]);
  assert.equal(
    run.metrics.find((m) => m.key === 'grad.name'),
    undefined,
  );
  assert.ok(Number.isNaN(run.metrics.find((m) => m.key === 'loss')!.value[0]));

  const source = new MemorySource(run);
  const info = await source.getRun('nf');
  const wire = stringifyWire(info);
  assert.match(wire, /"loss":\{"\$f":"NaN"\}/);
  assert.deepEqual((parseWire(wire) as typeof info).summary, { loss: NaN, hist: { min: -Infinity, max: NaN } });
});
