/** What the hostile server cases attack: consoles with pathological lines, a W&B run folder on disk. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemoryLogLine } from '../../../src/data/memory-source.js';

/** A line on which nested quantifiers backtrack for ever (`(a+)+$` and its kind). */
export const EVIL_LINE = 'a'.repeat(5000) + '!';
/** Lines in the consoles besides the hostile ones. */
export const PLAIN_LINES = 20_000;

/** The in-memory run's console: plain lines, one pathological line, labels and both streams. */
export function memoryConsole(): MemoryLogLine[] {
  const lines: MemoryLogLine[] = [];
  for (let i = 0; i < PLAIN_LINES; i++) {
    lines.push({
      text: `step ${i} loss ${(1 / (i + 1)).toFixed(5)}`,
      stream: i % 5 === 0 ? 'stderr' : 'stdout',
      label: `rank${i % 4}`,
    });
  }
  lines.push({ text: EVIL_LINE });
  lines.push({ text: 'the end' });
  return lines;
}

/** Bytes of the single huge line in the disk run's output.log. */
export const HUGE_LINE_BYTES = 3 * 1024 * 1024;

/**
 * A W&B run read from files/ alone (no datastore), its console only in output.log: plain lines,
 * the pathological line, one 3 MB line. Returns the run folder's path.
 */
export function writeFilesOnlyRun(root: string, id: string): string {
  const run = join(root, 'wandb', `run-20240101_000000-${id}`);
  mkdirSync(join(run, 'files'), { recursive: true });
  writeFileSync(
    join(run, 'files', 'wandb-metadata.json'),
    JSON.stringify({ startedAt: '2024-01-01T00:00:00', heartbeatAt: '2024-01-01T01:00:00' }),
  );
  const lines: string[] = [];
  for (let i = 0; i < PLAIN_LINES; i++) lines.push(`step ${i} loss ${(1 / (i + 1)).toFixed(5)}`);
  lines.push(EVIL_LINE, 'x'.repeat(HUGE_LINE_BYTES), 'the end');
  writeFileSync(join(run, 'files', 'output.log'), lines.join('\n') + '\n');
  return run;
}
