/**
 * Which read runs a server keeps in memory: every run it has read, until their estimated size
 * passes a bound; then the least recently used runs that are not live are let go (the next
 * request reads them again, from the disk cache when they are in it). Live runs are counted but
 * never let go: their appends exist nowhere else.
 */
import type { MemoryLogs, MemoryRun } from '../data/memory-source.js';

export class HeldRuns {
  /** Held runs by id, least recently used first (a Map keeps insertion order). */
  private readonly held = new Map<string, { bytes: number; pinned: () => boolean }>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes of the runs held now (estimated). */
  get bytes(): number {
    return this.total;
  }

  /** Notes a use of a held run: it becomes the most recently used. */
  touch(id: string): void {
    const h = this.held.get(id);
    if (!h) return;
    this.held.delete(id);
    this.held.set(id, h);
  }

  /**
   * Holds a run just read (`pinned`: whether it is live now, and so not to be let go). Returns the ids of the runs to let go
   * to come back under the bound, least recently used first; never the run just added.
   */
  add(id: string, bytes: number, pinned: () => boolean = () => false): string[] {
    this.remove(id);
    this.held.set(id, { bytes, pinned });
    this.total += bytes;
    const out: string[] = [];
    let left = this.total;
    for (const [other, h] of this.held) {
      if (left <= this.maxBytes) break;
      if (other === id || h.pinned()) continue;
      out.push(other);
      left -= h.bytes;
    }
    for (const other of out) this.remove(other);
    return out;
  }

  remove(id: string): void {
    const h = this.held.get(id);
    if (!h) return;
    this.total -= h.bytes;
    this.held.delete(id);
  }
}

/**
 * What a run costs in memory, roughly: its metric columns (each array once, twice over for the
 * source's indexes and sorted copies), its console lines and a little for the rest.
 */
export function estimateRunBytes(run: MemoryRun): number {
  const arrays = new Set<unknown>();
  let bytes = 64 * 1024;
  for (const m of run.metrics ?? []) {
    for (const col of [m.step, m.value, m.time, m.runtime]) {
      if (!col || arrays.has(col)) continue;
      arrays.add(col);
      bytes += 2 * 8 * col.length;
    }
  }
  bytes += logBytes(run.logs);
  bytes += 200 * (run.files?.length ?? 0) + 200 * (run.media?.length ?? 0);
  return bytes;
}

/** Per line: its text (2 bytes a character held as a string, 1 in a blob) and its fields. */
function logBytes(logs: MemoryLogs | undefined): number {
  if (!logs) return 0;
  if (Array.isArray(logs)) {
    let chars = 0;
    for (const l of logs) chars += typeof l?.text === 'string' ? l.text.length : 0;
    return 2 * chars + 80 * logs.length;
  }
  const n = Math.max(0, Math.floor(Number(logs.count)) || 0);
  if (n === 0) return 0;
  // Lines of a lazy log are built when asked: a few of them give the average.
  const samples = Math.min(n, 64);
  let chars = 0;
  for (let k = 0; k < samples; k++) chars += logs.line(Math.floor((k * n) / samples)).text.length;
  return Math.ceil((chars / samples) * n) + 24 * n;
}
