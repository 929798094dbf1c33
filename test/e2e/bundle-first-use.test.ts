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
      'src/elements/log-viewer/log-window-fetch.ts', // the first log window not in the first answer
      'src/elements/artifact-list/artifact-detail.styles.ts', // the first artifact opened
      'src/elements/file-browser/closed-link.ts', // the first file opened
      'src/elements/file-browser/preview-pane.ts',
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

/** Each chunk beside the bundle: its code and its source modules. */
function chunks(): { code: string; sources: string[] }[] {
  const dir = join(ROOT, 'dist/bundle-chunks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({
      code: readFileSync(join(dir, f), 'utf8'),
      sources: (JSON.parse(readFileSync(join(dir, `${f}.map`), 'utf8')) as { sources: string[] }).sources.map((s) =>
        s.replace(/\\/g, '/'),
      ),
    }));
}

test(
  "the readers of a source's first answers leave live events, file bytes and search matches to their first use",
  { skip: !existsSync(join(ROOT, 'dist/bundle-chunks')) && 'run npm run build first' },
  () => {
    const all = chunks();
    const readers = all.filter((c) => c.sources.some((s) => s.endsWith('src/data/read/metrics.ts')));
    assert.equal(readers.length, 1, 'one chunk holds the metric readers');
    // a text of each reader, as the minified code keeps it
    for (const text of [
      'live events of an unknown type',
      'file bytes given as an ArrayBuffer',
      'search matches without a position',
    ]) {
      assert.ok(
        all.some((c) => c.code.includes(text)),
        `"${text}" is in a chunk`,
      );
      assert.ok(!readers[0]!.code.includes(text), `"${text}" is not in the readers' chunk`);
    }
    // the signal throttle has no text of its own: found by its module, wherever it sits in read/
    const signals = /src\/data\/read\/(\w+\/)?signals\.ts$/;
    assert.ok(!readers[0]!.sources.some((s) => signals.test(s)), 'no signal throttle in the readers');
  },
);
