/**
 * What the script-tag bundle leaves to chunks loaded on first use, or out altogether: the modules
 * reached by runpage.bundle.js's static imports (what every page fetches) are read from their
 * source maps. Run after `npm run build`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './support/paths.js';

/** Source modules of the bundle and of every chunk it imports statically. */
function staticSources(): string[] {
  const seen = new Set<string>();
  const sources = new Set<string>();
  const queue = [join(ROOT, 'dist/runpage.bundle.js')];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // static imports only: `import … from "./x.js"` / `import "./x.js"`, not `import("./x.js")`
    for (const m of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) queue.push(join(dirname(file), m[1]));
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    for (const s of map.sources) sources.add(s.replace(/\\/g, '/'));
  }
  return [...sources];
}

test(
  'the bundle loads these only when a page needs them',
  { skip: !existsSync(join(ROOT, 'dist/runpage.bundle.js')) && 'run npm run build first' },
  () => {
    const sources = staticSources();
    assert.ok(
      sources.some((s) => s.endsWith('src/elements/run-page/run-page.ts')),
      'the map names our sources',
    );
    for (const lazy of [
      'src/data/private-details.ts', // private-details="hidden"
      'src/elements/metric-workspace/section-slices.ts', // a listing longer than the first screen
      'src/elements/run-page/server-panel.ts', // server rendering only
      'src/elements/run-table/listing-updates.ts', // the first listing change, live event or later page
      'src/elements/run-table/listing-changes.ts',
      'src/elements/run-table/listing-updates.messages.ts', // what the updates announce
      'src/elements/run-table/column-picker.messages.ts', // the column picker's first opening
      'src/elements/run-table/table-hash.ts', // url-state
      'src/elements/log-viewer/log-actions.ts', // the first copy or download
      'src/elements/log-viewer/log-search-engine.ts', // the first log search
      'src/elements/artifact-list/artifact-detail.styles.ts', // the first artifact opened
      'src/elements/file-browser/closed-link.ts', // the first file opened
      'src/elements/file-browser/file-bytes.ts', // the first file opened or downloaded
      'src/elements/file-browser/transfers.messages.ts', // the first download
      'src/elements/media-panel/mask-paint.ts', // the first segmentation mask shown
      'src/elements/system-panel/chart-live.ts', // the first live event of a system chart
      'src/elements/system-panel/tracker-keys.ts', // the first run with MLflow or Aim system keys
      'src/data/memory-log-views.ts', // the first log filtered by stream or label
      'src/data/memory-log-scan.ts', // the first log search
      'src/data/stripped-lines.ts',
      'src/internal/read-problems-notice.ts', // the first answer a source gave that needed repairs
      'lit-html/static.js',
    ])
      assert.equal(sources.filter((s) => s.endsWith(lazy)).length, 0, `${lazy} is not in what every page loads`);
  },
);

/** Source modules of each chunk beside the bundle, by chunk file. */
function chunkSources(): Map<string, string[]> {
  const dir = join(ROOT, 'dist/bundle-chunks');
  const out = new Map<string, string[]>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.js.map'))) {
    const map = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { sources: string[] };
    out.set(
      f,
      map.sources.map((s) => s.replace(/\\/g, '/')),
    );
  }
  return out;
}

test(
  "the readers of a source's first answers leave the live-event readers to the first live event",
  { skip: !existsSync(join(ROOT, 'dist/bundle-chunks')) && 'run npm run build first' },
  () => {
    const chunks = [...chunkSources().values()];
    const readers = chunks.filter((c) => c.some((s) => s.endsWith('src/data/read/metrics.ts')));
    assert.equal(readers.length, 1, 'one chunk holds the metric readers');
    for (const live of [/src\/data\/read\/(live\/)?events\.ts$/, /src\/data\/read\/(live\/)?signals\.ts$/]) {
      assert.ok(
        chunks.some((c) => c.some((s) => live.test(s))),
        `${live} is in a chunk`,
      );
      assert.ok(!readers[0]!.some((s) => live.test(s)), `${live} is not in the readers' chunk`);
    }
  },
);
