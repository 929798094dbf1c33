/**
 * The batches a search scans of a run's in-memory log, loaded with the first search
 * (memory-reads.ts), with the search itself: a log viewer that never searches never loads it.
 */
import { throwIfAborted } from './errors.js';
import { type LogBatch, type LogFilter, type LogStore, partCount } from './memory-logs.js';
import { filteredView, runsIn, textOf } from './memory-log-reads.js';
import { StrippedLines } from './stripped-lines.js';

export { inPlaceRunner, searchLogBatches } from './log-search.js';

/** Lines per batch handed to a search from memory (a lazy line may cost 0.1 ms to build). */
const MEMORY_BATCH = 256;

/** What searches tested of each log's lazily built lines, kept between searches. */
const strippedOf = new WeakMap<LogStore, StrippedLines>();

/**
 * The (filtered) log for a search: its size and its text in batches of consecutive lines. Lines
 * appended while the search runs are not part of it.
 */
export async function scanLog(
  store: LogStore,
  filter: LogFilter,
  signal?: AbortSignal,
): Promise<{ total: number; batches: AsyncIterable<LogBatch> }> {
  const view = await filteredView(store, filter);
  const total = view ? view.count : store.total;
  const runs = [...runsIn(view, 0, total)];
  const partAt = (n: number) => store.partAt(n);
  const stripped = strippedOf.get(store) ?? new StrippedLines();
  strippedOf.set(store, stripped);
  async function* batches(): AsyncGenerator<LogBatch> {
    for (const run of runs) {
      for (let line = run.line, end = run.line + run.length; line < end;) {
        const part = partAt(line);
        const partEnd = Math.min(end, part.start + partCount(part));
        if (partEnd <= line) return; // the part shrank (a file that cannot be read any more)
        const position = run.position + (line - run.line);
        if (part.kind === 'memory' && !part.lazy) {
          const stop = Math.min(partEnd, line + MEMORY_BATCH);
          const texts: string[] = [];
          for (let n = line; n < stop; n++) texts.push(textOf(part.raw(n - part.start)));
          yield { position, line, texts };
          line = stop;
        } else if (part.kind === 'memory') {
          const kept = stripped.keptRun(line, partEnd);
          const stop = kept > 0 ? line + kept : Math.min(partEnd, line + MEMORY_BATCH);
          const texts =
            kept > 0
              ? stripped.keptTexts(line, stop)
              : stripped.texts(line, stop, (n) => textOf(part.raw(n - part.start)));
          yield { position, line, texts, stripped: true };
          line = stop;
        } else {
          let at = line;
          for await (const texts of part.file.batches(line - part.start, partEnd - part.start, signal)) {
            if (texts.length === 0) continue;
            yield { position: position + (at - line), line: at, texts };
            at += texts.length;
          }
          if (at < partEnd) return; // the file holds fewer lines than it said
          line = partEnd;
        }
        throwIfAborted(signal);
      }
    }
  }
  return { total, batches: batches() };
}
