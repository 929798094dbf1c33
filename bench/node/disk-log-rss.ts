/**
 * Memory of `runpage serve` over a W&B run whose console only `files/output.log` holds, read into
 * memory (as before the disk index, and as `runpage export` still does) and served from its disk
 * index. Run directly:
 *
 *   node --expose-gc --import tsx bench/node/disk-log-rss.ts [--mb=400]
 *
 * It writes a run folder of that size into the OS temp folder, then, in a fresh process for each
 * way, measures RSS (after GC) before the run is read, after it is read, and after a window at the
 * end of the log and a regex search over all of it were answered over HTTP.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const child = args.find((a) => a.startsWith('--child='))?.slice(8);
const mb = Number(args.find((a) => a.startsWith('--mb='))?.slice(5) ?? 400);

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function rss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

/** A files-only W&B run folder with an output.log of `mb` MB of training-like lines. */
function writeRun(root: string, megabytes: number): void {
  const run = join(root, 'wandb', 'run-20240101_000000-rsstest1');
  mkdirSync(join(run, 'files'), { recursive: true });
  writeFileSync(
    join(run, 'files', 'wandb-metadata.json'),
    JSON.stringify({ startedAt: '2024-01-01T00:00:00', heartbeatAt: '2024-01-01T01:00:00' }),
  );
  const fd = openSync(join(run, 'files', 'output.log'), 'w');
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let step = 0;
  while (written < target) {
    const lines: string[] = [];
    for (let k = 0; k < 10_000; k++, step++) {
      lines.push(
        `step ${step} | loss ${(1 / (1 + step / 1000)).toFixed(6)} | lr 3.0e-4 | grad_norm ${(step % 97) / 10}`,
      );
    }
    written += writeSync(fd, lines.join('\n') + '\n');
  }
  closeSync(fd);
}

async function measure(way: 'memory' | 'disk', root: string): Promise<void> {
  const { RunRegistry } = await import('../../src/server/registry.js');
  const { startServer } = await import('../../src/server/server.js');
  const { discoverRuns } = await import('../../src/server/discover.js');
  const { loadRun } = await import('../../src/server/run-loaders.js');
  const before = rss();
  const registry = new RunRegistry({
    log: () => undefined,
    loader: (loc, o) => loadRun(loc, { ...o, logsOnDisk: way === 'disk' }),
  });
  registry.addLocations((await discoverRuns([root])).runs);
  const server = await startServer(registry);
  const t0 = performance.now();
  const [ref] = await registry.listRuns();
  const readMs = performance.now() - t0;
  const afterRead = rss();
  const base = `${server.url}api/runs/${encodeURIComponent(ref.id)}/logs`;
  const first = (await (await fetch(`${base}?start=0&count=1`)).json()) as { total: number };
  const t1 = performance.now();
  await (await fetch(`${base}?start=${first.total - 500}&count=500`)).json();
  const windowMs = performance.now() - t1;
  const t2 = performance.now();
  const found = (await (await fetch(`${base}/search?q=step%20123456%20%5C%7C&regex=1`)).json()) as { total: number };
  if (typeof found.total !== 'number') console.error(JSON.stringify(found));
  const searchMs = performance.now() - t2;
  const afterServe = rss();
  await server.close();
  console.log(
    JSON.stringify({
      way,
      lines: first.total,
      found: found.total,
      before,
      afterRead,
      afterServe,
      readMs,
      windowMs,
      searchMs,
    }),
  );
}

if (child) {
  await measure(child as 'memory' | 'disk', args.find((a) => a.startsWith('--root='))!.slice(7));
} else {
  const root = mkdtempSync(join(tmpdir(), 'runpage-rss-'));
  try {
    console.log(`writing a ${mb} MB output.log…`);
    writeRun(root, mb);
    for (const way of ['memory', 'disk']) {
      const r = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), `--child=${way}`, `--root=${root}`],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const line = r.stdout.trim().split('\n').pop() ?? '';
      const m = JSON.parse(line) as Record<string, number>;
      console.log(
        `${way.padEnd(6)} ${m.lines.toLocaleString('en-US')} lines: RSS ${mib(m.before)} → ${mib(m.afterRead)} read → ` +
          `${mib(m.afterServe)} after a window and a search; read ${(m.readMs / 1000).toFixed(1)} s, ` +
          `last window ${m.windowMs.toFixed(0)} ms, regex search ${(m.searchMs / 1000).toFixed(1)} s (${m.found} found)`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
