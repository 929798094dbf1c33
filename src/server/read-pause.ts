/**
 * Holds a run's full read back while something more urgent wants the CPU: a key scan answering
 * the first chart of a big run (first-series.ts), whose worker threads would otherwise share the
 * cores with the read on the main thread. The read (run-loaders.ts) waits between the pieces of
 * the files it streams; it goes on where it was once every hold is released.
 */
export class ReadPause {
  private holds = 0;
  private waits = 0;
  private resumed: Promise<void> | undefined;
  private resume: (() => void) | undefined;

  /**
   * Holds the read until the returned function is called (holds nest; calling it again does
   * nothing), or `afterMs` after that: the holder may still have work on the main thread that the
   * read would slow (an answer to serialize, compress and send).
   */
  hold(): (afterMs?: number) => void {
    if (this.holds++ === 0) this.resumed = new Promise((r) => (this.resume = r));
    let released = false;
    const release = () => {
      if (--this.holds > 0) return;
      const resume = this.resume!;
      this.resumed = this.resume = undefined;
      resume();
    };
    return (afterMs = 0) => {
      if (released) return;
      released = true;
      // not unref'd: a read waiting on it is all some callers have left to run
      if (afterMs > 0) setTimeout(release, afterMs);
      else release();
    };
  }

  /** Whether the read is held now. */
  get held(): boolean {
    return this.holds > 0;
  }

  /** Reads waiting for the hold to end, each with a piece in hand. */
  get waiting(): number {
    return this.waits;
  }

  /** The pieces of `pieces`, each handed on only while the read is not held. */
  async *through<T>(pieces: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const piece of pieces) {
      if (this.resumed !== undefined) {
        this.waits++;
        try {
          while (this.resumed !== undefined) await this.resumed;
        } finally {
          this.waits--;
        }
      }
      yield piece;
    }
  }
}
