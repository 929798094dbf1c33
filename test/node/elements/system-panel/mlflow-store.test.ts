/** MLflow's system metrics read by the file-store reader, end to end into the catalogue and a rate. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { readMlflowRun } from '../../../../src/formats/mlflow/file-store.js';
import { createNodeFolder } from '../../../../src/server/node-folder.js';
import { ChartSource } from '../../../../src/elements/system-panel/chart-source.js';
import { buildCatalogue } from '../../../../src/elements/system-panel/system-catalogue.js';
import { trackerKeysCode } from '../../../../src/elements/system-panel/system-keys.js';

// MLflow's and Aim's key names load on first use (the panel waits for them before it renders)
await trackerKeysCode.load();

const START = 1_700_000_000_000;

/** An MLflow metric file: `<timestamp_ms> <value> <step>` per line, sampled every 10 s. */
function metricFile(values: number[]): string {
  return values.map((v, i) => `${START + (i + 1) * 10_000} ${v} ${i}`).join('\n') + '\n';
}

test('an mlruns store with MLflow system metrics: keys, groups, charts and the network rate', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-system-mlruns-'));
  try {
    const run = 'mlruns/0/abcd';
    const files: Record<string, string> = {
      'mlruns/0/meta.yaml': "experiment_id: '0'\nname: Default\nlifecycle_stage: active\n",
      [`${run}/meta.yaml`]: `run_id: abcd\nexperiment_id: '0'\nstatus: 3\nstart_time: ${START}\nend_time: ${START + 60_000}\nrun_name: r\nlifecycle_stage: active\n`,
      [`${run}/metrics/system/cpu_utilization_percentage`]: metricFile([10, 20, 30, 40, 50, 60]),
      [`${run}/metrics/system/system_memory_usage_megabytes`]: metricFile([1000, 1000, 1000, 1000, 1000, 1000]),
      // 2.5 MB (10^6 bytes) per 10 s
      [`${run}/metrics/system/network_receive_megabytes`]: metricFile([0, 2.5, 5, 7.5, 10, 12.5]),
      [`${run}/metrics/system/gpu_1_utilization_percentage`]: metricFile([90, 90, 90, 90, 90, 90]),
      [`${run}/metrics/train/loss`]: metricFile([1, 0.5, 0.3, 0.2, 0.1, 0.05]),
    };
    for (const [path, body] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), body);
    }
    const source = new MemorySource(await readMlflowRun(createNodeFolder(dir), run));
    const metrics = await source.listMetrics('abcd');
    const charts = buildCatalogue(metrics);
    assert.deepEqual(
      charts.map((c) => [c.id, c.series.map((s) => s.label.en)]),
      [
        ['cpu', ['system/cpu_utilization_percentage']],
        ['memory-bytes', ['used']],
        ['network', ['received']],
        ['gpu-util', ['GPU 1']],
      ],
    );
    assert.equal(charts.find((c) => c.id === 'gpu-util')!.series[0].color, 1);
    const network = charts.find((c) => c.id === 'network')!;
    const cs = new ChartSource(source, [
      { alias: 'received', key: network.series[0].key, scale: network.series[0].scale, divisor: 1, derive: 'rate' },
    ]);
    const [s] = await cs.getSeries({ runIds: ['abcd'], keys: ['received'], x: 'relative' });
    assert.deepEqual(Array.from(s.x), [20, 30, 40, 50, 60]);
    assert.ok(Array.from(s.y).every((v) => Math.abs(v - 250_000) < 1e-6));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
