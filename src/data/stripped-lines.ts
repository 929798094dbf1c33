/**
 * The text a search tests, kept for the lines of a lazy log (`{ count, line(i) }`): ANSI escapes
 * removed, in chunks of consecutive line numbers, filled as searches read the lines and kept up to
 * a budget of characters. A lazy log builds each line on demand (≈ 1 µs–0.1 ms a line) and
 * stripping costs a regex replace per coloured line; over a million lines both dwarf the regex
 * itself, so the first search pays them and the next ones test strings already made.
 *
 * Only lines that never change belong here (a memory part's lines are immutable); a line that is
 * not kept is simply read again the next time. Lines given as an array are not kept: they exist
 * already, and a second copy of a server's logs is not worth the stripping it saves.
 */
import { stripAnsi } from './strip-ansi.js';

/** Lines per chunk (a power of two). */
const CHUNK_BITS = 12;
export const STRIPPED_CHUNK = 1 << CHUNK_BITS;
/** Characters kept at most by default (≈ 1M lines of 100 characters, with room to spare). */
export const STRIPPED_BUDGET = 128 * 1024 * 1024;

/**
 * A chunk being filled holds its texts; a full chunk is packed into two strings (the lines that
 * fit in one byte a character, and the others, so one wide line does not double a chunk's size)
 * and keeps its lines as slices of them: each text built from pieces (a rope) is copied once into
 * the packed string, and a slice is a small flat string that a search tests as fast as any, with
 * nothing to make again for the next search. The slices cost ~24 bytes a line beside the text
 * (≈ 24 MB for 1M lines); making them anew for each search cost ~6 ms of allocation and GC.
 */
interface Chunk {
  texts?: (string | undefined)[];
  filled: number;
  packed?: readonly string[];
}

const WIDE = /[^\0-\xff]/;

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
      const kept = chunk && (chunk.texts ? chunk.texts[j] : chunk.packed![j]);
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
      chunk.texts![j] = text;
      chunk.filled++;
      this.chars += text.length;
      if (chunk.filled === STRIPPED_CHUNK) pack(chunk);
    }
    return out;
  }

  /**
   * How many lines from `from` on (up to `to`, within `from`'s chunk) are kept in one run that
   * `keptTexts` answers: a whole kept chunk is handed out at once.
   */
  keptRun(from: number, to: number): number {
    const k = from >> CHUNK_BITS;
    const chunk = this.chunks[k];
    if (!chunk || chunk.filled < STRIPPED_CHUNK) return 0;
    return Math.min(to, (k + 1) << CHUNK_BITS) - from;
  }

  /**
   * The kept texts of lines `[from, to)` within one full chunk (see `keptRun`). A whole chunk is
   * its own array, handed out without a copy: read it, do not change it.
   */
  keptTexts(from: number, to: number): readonly string[] {
    const packed = this.chunks[from >> CHUNK_BITS]!.packed!;
    const base = from & ~(STRIPPED_CHUNK - 1);
    return from === base && to - from === STRIPPED_CHUNK ? packed : packed.slice(from - base, to - base);
  }
}

function pack(chunk: Chunk): void {
  const texts = chunk.texts as string[];
  const narrow: string[] = [];
  const wide: string[] = [];
  const inWide = new Uint8Array(STRIPPED_CHUNK);
  for (let j = 0; j < STRIPPED_CHUNK; j++) {
    const t = texts[j];
    if (WIDE.test(t)) {
      inWide[j] = 1;
      wide.push(t);
    } else {
      narrow.push(t);
    }
  }
  const joined = [narrow.join(''), wide.join('')];
  const at = [0, 0];
  const packed = new Array<string>(STRIPPED_CHUNK);
  for (let j = 0; j < STRIPPED_CHUNK; j++) {
    const k = inWide[j];
    packed[j] = joined[k].slice(at[k], (at[k] += texts[j].length));
  }
  chunk.packed = packed;
  chunk.texts = undefined;
}
