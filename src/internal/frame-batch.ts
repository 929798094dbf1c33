/** Gathers items and hands them over together once per animation frame: a burst costs one update. */
export class FrameBatch<T> {
  private queue: T[] = [];
  private frame = 0;

  constructor(private readonly onBatch: (items: T[]) => void) {}

  push(item: T): void {
    this.queue.push(item);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Drops what is waiting and the frame it waits for. */
  clear(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.queue = [];
  }

  private flush(): void {
    this.frame = 0;
    const items = this.queue;
    this.queue = [];
    if (items.length) this.onBatch(items);
  }
}
