/**
 * The text a search tests, kept for the in-memory lines of a log: ANSI escapes removed, in chunks
 * of consecutive line numbers, filled as searches read the lines and kept up to a budget of
 * characters. A lazy log builds each line on demand (≈ 1 µs–0.1 ms a line) and stripping costs a
 * regex replace per coloured line; over a million lines both dwarf the regex itself, so the first
 * search pays them and the next ones test strings already made.
 *
 * Only lines that never change belong here (a memory part's lines are immutable); a line that is
 * not kept is simply read again the next time.
 */
import { stripAnsi } from './log-search.js';

/** Lines per chunk (a power of two). */
const CHUNK_BITS = 12;
export const STRIPPED_CHUNK = 1 << CHUNK_BITS;
/** Characters kept at most by default (≈ 1M lines of 100 characters, with room to spare). */
export const STRIPPED_BUDGET = 128 * 1024 * 1024;

interface Chunk {
  texts: (string | undefined)[];
  filled: number;
}

export class StrippedLines {
  private readonly chunks: (Chunk | undefined)[] = [];
  private chars = 0;

  constructor(private readonly budget = STRIPPED_BUDGET) {}

  /** Characters kept now. */
  get size(): number {
    return this.chars;
  }

  /**
   * The stripped texts of lines `[from, to)`, reading the ones not kept with `read(n)` (and keeping
   * them while the budget allows).
   */
  texts(from: number, to: number, read: (n: number) => string): string[] {
    const out: string[] = new Array<string>(to - from);
    for (let n = from; n < to; n++) {
      const k = n >> CHUNK_BITS;
      const j = n & (STRIPPED_CHUNK - 1);
      let chunk = this.chunks[k];
      const kept = chunk?.texts[j];
      if (kept !== undefined) {
        out[n - from] = kept;
        continue;
      }
      const text = stripAnsi(read(n));
      out[n - from] = text;
      if (this.chars + text.length > this.budget) continue;
      if (!chunk) {
        while (this.chunks.length < k) this.chunks.push(undefined);
        chunk = { texts: new Array<string | undefined>(STRIPPED_CHUNK).fill(undefined), filled: 0 };
        this.chunks[k] = chunk;
      }
      chunk.texts[j] = text;
      chunk.filled++;
      this.chars += text.length;
    }
    return out;
  }

  /**
   * How many lines from `from` on (up to `to`, within `from`'s chunk) are kept in one run that
   * `texts` answers without reading: a whole kept chunk is handed out at once.
   */
  keptRun(from: number, to: number): number {
    const k = from >> CHUNK_BITS;
    const chunk = this.chunks[k];
    if (!chunk || chunk.filled < STRIPPED_CHUNK) return 0;
    return Math.min(to, (k + 1) << CHUNK_BITS) - from;
  }

  /** The kept texts of lines `[from, to)` within one full chunk (see `keptRun`). */
  keptTexts(from: number, to: number): string[] {
    const k = from >> CHUNK_BITS;
    const base = k << CHUNK_BITS;
    return (this.chunks[k]!.texts as string[]).slice(from - base, to - base);
  }
}
