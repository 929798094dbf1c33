/**
 * A module loaded with `import()` the first time something needs it, one load shared by every
 * request that waits for it; `now` once it is there, so later requests use it without waiting a
 * turn. A failed load is tried afresh by the next `get`; `failure` turns its error into the one told.
 */
export class LazyModule<M> {
  now?: M;
  private pending?: Promise<M>;

  constructor(
    private readonly load: () => Promise<M>,
    private readonly failure: (e: unknown) => unknown = (e) => e,
  ) {}

  get(): Promise<M> {
    return (this.pending ??= this.load().then(
      (m) => (this.now = m),
      (e: unknown) => {
        this.pending = undefined;
        throw this.failure(e);
      },
    ));
  }
}
