/**
 * What a page with one <metric-chart> loads before any chunk it imports on first use: the npm
 * build's `elements/metric-chart/define.js` bundled by esbuild with code splitting, as the bundle
 * bench's one-chart page is (bench/lib/bundle-size.mjs). Run after `npm run build`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { ROOT } from './support/paths.js';

const ENTRY = join(ROOT, 'dist/elements/metric-chart/define.js');

/** The input modules of the entry's output and of every output it imports statically. */
async function staticModules(): Promise<string[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'runpage-chart-page-'));
  try {
    const { APP_BUILD } = (await import(pathToFileURL(join(ROOT, 'bench/lib/bundle-size.mjs')).href)) as {
      APP_BUILD: BuildOptions;
    };
    const { metafile } = await build({
      ...APP_BUILD,
      entryPoints: [ENTRY],
      absWorkingDir: ROOT,
      outdir,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs: Metafile['outputs'] = metafile.outputs;
    const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint === 'dist/elements/metric-chart/define.js');
    assert.ok(entry, 'esbuild names the entry output');
    const modules = new Set<string>();
    const queue = [entry];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const out = queue.shift()!;
      if (seen.has(out)) continue;
      seen.add(out);
      for (const input of Object.keys(outputs[out].inputs)) modules.add(input.replace(/\\/g, '/'));
      for (const i of outputs[out].imports) if (i.kind === 'import-statement') queue.push(i.path);
    }
    return [...modules];
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

test(
  'a page with one chart loads these only when it needs them',
  { skip: !existsSync(ENTRY) && 'run npm run build first' },
  async () => {
    const modules = await staticModules();
    assert.ok(
      modules.some((m) => m.endsWith('dist/elements/metric-chart/metric-chart.js')),
      'the chart itself is in what the page loads',
    );
    for (const lazy of [
      'dist/elements/metric-chart/chart-export.js', // the first export
      'dist/elements/metric-chart/chart-cursor.js', // the first pointer over the plot, or focus
      'dist/elements/metric-chart/date-ticks.js', // the first chart whose x is wall-clock time
      'dist/elements/metric-chart/outlier-range.js', // the first chart that ignores outliers
      'dist/internal/controls.js', // the toolbars of other elements: the chart draws its own
      'dist/internal/control-styles.js', // their look: the chart's only control is a .rp-button
      'dist/internal/control-labels.js', // and their labels (copy, expand, the More menu)
      'lit-html/directives/ref.js', // the chart finds its plot's elements itself
      'lit-html/async-directive.js',
      'dist/data/read/repairs.js', // comes with the readers, the first answer that needs repairing
      'dist/internal/read-problems-notice.js', // the list of repairs and its notice, the first repair
      'dist/data/read/answer.js', // how an answer is read, its messages: comes with the readers too
      'dist/data/read/later/live.js', // how live events are read: with the first one (a finished run has none)
      'dist/data/read/later/repairing.js', // the readers' repairing paths: the first answer that needs one
      '@lit/reactive-element/decorators/property.js', // elements declare `static properties`
      'dist/data/fetch-errors.js', // comes with the bundle reader (or a server run's client)
      'dist/data/memory-m4.js', // M4 and the min/max indexes of a bundle's metrics: the first big series
      'dist/data/memory-runs-later.js', // a run's info, its metrics' list, listings, crash checks: the first that asks
    ])
      assert.equal(modules.filter((m) => m.endsWith(lazy)).length, 0, `${lazy} is not in what the page loads first`);
  },
);
