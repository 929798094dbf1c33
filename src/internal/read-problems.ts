/**
 * What an element's checked source had to repair, kept for the element to show: a notice at the
 * top of the element ("12 values from this source could not be read") with the details, and one
 * console warning per element, however many answers or live events were malformed.
 *
 * The list, its notice and the warning load with the first repair (read-problems-notice.ts), since
 * most pages never have one; repairs heard meanwhile are kept here.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ReadReport, Repair } from '../data/checked-source.js';
import { LazyModule } from '../data/source.js';
import { defineMessages, type Lang } from './i18n.js';
import type { RepairList } from './read-problems-notice.js';

/** The list and its notice (exported for the test of its failed load). */
export const notice = new LazyModule(() =>
  import('./read-problems-notice.js').then((m) => ({
    RepairList: m.RepairList,
    labels: defineMessages('common', m.NOTICE_LABELS),
  })),
);

export class ReadProblems implements ReadReport {
  /**
   * The problems of the element this one got its source from (a `<run-page>` around its tabs):
   * answers to the same requests are listed there already, not again here.
   */
  above?: ReadProblems;
  private list?: RepairList;
  /** Repairs heard while the list's code loads; a failed load is tried again by the next repair. */
  private early: [request: string, repairs: Repair[]][] = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {}

  /** Whether the answer to `request` needed repairs (and is listed by this element). */
  has(request: string): boolean {
    return !!this.list?.has(request) || this.early.some(([r]) => r === request);
  }

  repaired(request: string, repairs: Repair[]): void {
    if (this.list) return this.list.repaired(request, repairs);
    this.early.push([request, repairs]);
    notice.get().then(
      (m) => {
        const list = (this.list ??= new m.RepairList(this.host, () => this.above));
        for (const [request_, repairs_] of this.early.splice(0)) list.repaired(request_, repairs_);
      },
      () => undefined,
    );
  }

  /** Forgets everything (a new source). */
  reset(): void {
    this.early = [];
    this.list?.reset();
  }

  /**
   * Draws the notice as the first child of `root`, outside what the element's own `render()`
   * manages, so no element has to make room for it. Call after every update.
   */
  renderInto(root: HTMLElement | DocumentFragment, lang: Lang): void {
    const labels = notice.now?.labels;
    if (labels) this.list?.renderInto(root, (key, n) => labels(lang, key, n));
  }
}
