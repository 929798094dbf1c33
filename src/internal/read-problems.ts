/**
 * What an element's checked source had to repair, kept for the element to show: a notice at the
 * top of the element ("12 values from this source could not be read") with the details, and one
 * console warning per element, however many answers or live events were malformed.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ReadReport, Repair } from '../data/checked-source.js';
import { LazyModule } from '../data/lazy-module.js';
import type { Lang } from './i18n.js';
import { common } from './messages.js';

/** Requests remembered at most; older ones are forgotten first (their counts go with them). */
const MAX_REQUESTS = 500;

// The notice loads with the first repair (read-problems-notice.ts): most pages never show one.
const notice = new LazyModule(() => import('./read-problems-notice.js'));

export class ReadProblems implements ReadReport {
  private readonly byRequest = new Map<string, Repair[]>();
  private readonly live = new Map<string, Repair>();
  private warned = false;
  private scheduled = false;
  private container?: HTMLElement;
  /**
   * The problems of the element this one got its source from (a `<run-page>` around its tabs):
   * answers to the same requests are listed there already, not again here.
   */
  above?: ReadProblems;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {}

  /** Whether the answer to `request` needed repairs (and is listed by this element). */
  has(request: string): boolean {
    return this.byRequest.has(request);
  }

  repaired(request: string, repairs: Repair[]): void {
    if (request === 'watch' || request === 'watchRuns') {
      for (const r of repairs) {
        const key = `${r.action}\u0000${r.what}`;
        const known = this.live.get(key);
        if (known) known.count += r.count;
        else this.live.set(key, { ...r });
      }
    } else {
      this.byRequest.delete(request);
      this.byRequest.set(request, repairs);
      if (this.byRequest.size > MAX_REQUESTS) this.byRequest.delete(this.byRequest.keys().next().value!);
    }
    if (!this.above?.has(request)) this.warnOnce(repairs);
    // the element updates once the notice's code is in; a failed load is tried again by the next repair
    if (notice.now) this.schedule();
    else
      notice.get().then(
        () => this.schedule(),
        () => undefined,
      );
  }

  /** Forgets everything (a new source). */
  reset(): void {
    if (!this.byRequest.size && !this.live.size) return;
    this.byRequest.clear();
    this.live.clear();
    this.schedule();
  }

  /**
   * Draws the notice as the first child of `root`, outside what the element's own `render()`
   * manages, so no element has to make room for it. Call after every update.
   */
  renderInto(root: HTMLElement | DocumentFragment, lang: Lang): void {
    const m = this.byRequest.size || this.live.size ? notice.now : undefined;
    const own = [...this.byRequest].filter(([request]) => !this.above?.has(request)).flatMap(([, r]) => r);
    const s = m?.summarize([...own, ...this.live.values()]);
    if (!m || !s || (!s.dropped && !s.converted)) {
      this.container?.remove();
      this.container = undefined;
      return;
    }
    if (!this.container) {
      this.container = document.createElement('div');
      this.container.className = 'rp-read-problems-host';
    }
    if (root.firstChild !== this.container) root.insertBefore(this.container, root.firstChild);
    m.showNotice(this.container, s, (key, n) => common(lang, key, n));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // however many live events arrive, the element updates once per frame for them
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.host.requestUpdate();
    });
  }

  private warnOnce(repairs: Repair[]): void {
    if (this.warned) return;
    this.warned = true;
    const first = repairs
      .slice(0, 3)
      .map((r) => `${r.method}: ${r.what} (${r.count} ${r.action})`)
      .join('; ');
    console.warn(
      `<${this.host.localName}>: some values from the data source do not fit the runpage source contract; ` +
        `what could be read is shown and the element lists the rest. First: ${first}. ` +
        'Further problems are counted in the element, not logged.',
    );
  }
}
