/** The catalogue against the system metrics of the real W&B runs in ../shared/fixtures/real. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { findWandbRuns, readWandbRun } from '../../../../src/formats/wandb/index.js';
import { createNodeFolder } from '../../../../src/server/node-folder.js';
import { ChartSource } from '../../../../src/elements/system-panel/chart-source.js';
import { buildCatalogue } from '../../../../src/elements/system-panel/system-catalogue.js';

const here = dirname(fileURLToPath(import.meta.url));
const REAL = resolve(here, '../../../../../shared/fixtures/real');
const skip = existsSync(REAL) ? false : `real run data not found at ${REAL}`;

async function realRuns() {
  const out = [];
  for (const project of ['ARM-software__keyword-transformer', '0pk0__rl4avs', 'wandb__wandb/tests/assets']) {
    const root = createNodeFolder(`${REAL}/${project}`);
    for (const loc of await findWandbRuns(root)) {
      const run = await readWandbRun(createNodeFolder(`${REAL}/${project}/${loc.path}`), {
        folderName: loc.name,
        now: Date.now(),
      });
      out.push({ name: `${project}/${loc.name}`, run });
    }
  }
  return out;
}

test(
  'every system key of the real W&B runs (0.12 legacy names, 0.21 on Apple silicon) has a catalogue chart',
  { skip },
  async () => {
    const runs = await realRuns();
    let keys = 0;
    for (const { name, run } of runs) {
      const system = (run.metrics ?? []).filter((m) => m.group === 'system');
      keys += system.length;
      const charts = buildCatalogue(
        system.map((m) => ({ key: m.key, group: 'system' })),
        { wandbVersion: run.info.sdk?.version },
      );
      const other = charts.filter((c) => c.group === 'other').map((c) => c.id);
      assert.deepEqual(other, [], `${name}: keys without a catalogue chart`);
      assert.equal(
        charts.reduce((n, c) => n + c.series.length, 0),
        system.length,
        `${name}: every key is on one chart`,
      );
    }
    assert.ok(keys > 100, `only ${keys} system keys read`);
  },
);

test('the real runs’ counters become non-negative rates, and gauges keep their values', { skip }, async () => {
  for (const { name, run } of await realRuns()) {
    const system = (run.metrics ?? []).filter((m) => m.group === 'system');
    if (system.length === 0) continue;
    const source = new MemorySource(run);
    const runId = source.defaultRunId()!;
    for (const chart of buildCatalogue(system.map((m) => ({ key: m.key, group: 'system' })))) {
      const lines = chart.series.map((s) => ({
        alias: s.label.en,
        key: s.key,
        scale: s.scale,
        divisor: 1,
        ...(chart.derive ? { derive: chart.derive } : {}),
      }));
      const cs = new ChartSource(source, lines);
      const list = await cs.getSeries({ runIds: [runId], keys: lines.map((l) => l.alias), x: 'relative' });
      assert.equal(list.length, lines.length, `${name} ${chart.id}`);
      for (const s of list) {
        const finite = Array.from(s.y).filter(Number.isFinite);
        if (chart.derive === 'rate')
          assert.ok(
            finite.every((v) => v >= 0),
            `${name} ${chart.id} ${s.key}: negative rate`,
          );
        if (chart.unit === 'percent' && chart.yMax === 100)
          assert.ok(
            finite.every((v) => v >= 0 && v <= 100.5),
            `${name} ${chart.id} ${s.key}: not a percentage`,
          );
      }
    }
  }
});

test(
  'the real runs’ `cpu` is system-wide before W&B 0.13.5 (0.10, 0.12) and the process share after (0.21)',
  { skip },
  async () => {
    const seen = new Map<string, string>();
    for (const { name, run } of await realRuns()) {
      const system = (run.metrics ?? []).filter((m) => m.group === 'system' && m.key === 'system.cpu');
      if (system.length === 0) continue;
      const [chart] = buildCatalogue([{ key: 'system.cpu', group: 'system' }], { wandbVersion: run.info.sdk?.version });
      seen.set(run.info.sdk?.version ?? '?', chart.id);
      assert.ok(run.info.sdk?.version, `${name}: no SDK version read`);
    }
    assert.deepEqual(Object.fromEntries(seen), {
      '0.12.15': 'cpu',
      '0.21.0': 'proc-cpu-share',
      '0.10.20.dev1': 'cpu',
    });
  },
);
