/**
 * Code that only a click needs (a dialog, a menu, a preview) loads on that click: `import()` once
 * per page, shared by every element. While it loads the element shows a busy placeholder in its
 * place; when it is in (or failed) the element renders again.
 */
import type { ReactiveControllerHost } from 'lit';
import { LazyModule } from '../data/source.js';
import { tagOf } from './define-element.js';

export interface LazyImport<M> {
  /** The module, once loaded. */
  readonly now: M | undefined;
  /** Why the last load failed (a later `load` tries again). */
  readonly failed: unknown;
  /** Loads the module (once; again after a failure) and re-renders `host` when it is in or failed. */
  load(host?: ReactiveControllerHost): Promise<M | undefined>;
}

export function lazyImport<M>(importer: () => Promise<M>): LazyImport<M> {
  const module = new LazyModule(importer, (e) => {
    lazy.failed = e;
    console.warn('runpage: could not load part of an element', e);
    return e;
  });
  const lazy = {
    get now(): M | undefined {
      return module.now;
    },
    failed: undefined as unknown,
    load(host?: ReactiveControllerHost): Promise<M | undefined> {
      if (!module.now) lazy.failed = undefined;
      return module.get().then(
        (m) => (host?.requestUpdate(), m),
        () => (host?.requestUpdate(), undefined),
      );
    },
  };
  return lazy;
}

/**
 * Opens something whose code loads on its first opening (a dialog, a full-screen view): the opener
 * says it is busy (`aria-busy`) while the code loads, and of the openings asked meanwhile only the
 * last is carried out, or told to `failed` when the code could not load.
 */
export class LazyOpening<M> {
  private seq = 0;

  constructor(private readonly code: LazyImport<M>) {}

  /** Calls `open` with the module at once when it is in, else once it loads, if still the last asked and `wanted()`. */
  open(opener: EventTarget | null, wanted: () => boolean, open: (m: M) => void, failed?: (why: unknown) => void): void {
    const seq = ++this.seq;
    if (this.code.now) return open(this.code.now);
    const busy = opener instanceof HTMLElement ? opener : undefined;
    busy?.setAttribute('aria-busy', 'true');
    void this.code.load().then((m) => {
      busy?.removeAttribute('aria-busy');
      if (seq !== this.seq || !wanted()) return;
      if (m) open(m);
      else failed?.(this.code.failed);
    });
  }
}

/**
 * An element class that a composite element shows only in one of its views (a comparison, a
 * detail), loaded the first time that view needs it. Its element's define module (`define`) is
 * loaded too, to register it as the composite's define.ts once did at once, unless it is registered
 * already (by `defineElements()`, under the page's prefix, or by the page).
 */
export function lazyElement<C extends CustomElementConstructor>(
  load: () => Promise<C>,
  define: () => Promise<unknown>,
): LazyImport<C> {
  return lazyImport(async () => {
    const cls = await load();
    if (!tagOf(cls)) await define();
    return cls;
  });
}
