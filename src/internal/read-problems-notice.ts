/**
 * The list of what an element's checked source had to repair and its notice (read-problems.ts),
 * loaded with the first repair: most pages never have one. Written with DOM calls, not a lit
 * template, so this chunk shares no module with the element's first paint; what a source gave is
 * set as text.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Repair } from '../data/checked-source.js';
import { adoptStyles, sheetOf } from './adopt-styles.js';

/** Details listed in the notice at most. */
const MAX_DETAILS = 20;
/** Requests remembered at most; older ones are forgotten first (their counts go with them). */
const MAX_REQUESTS = 500;

/**
 * The repairs of one element's source, by request (live events add up), the notice listing them,
 * and one console warning per element.
 */
export class RepairList {
  private readonly byRequest = new Map<string, Repair[]>();
  private readonly live = new Map<string, Repair>();
  private scheduled = false;
  private warned = false;
  private container?: HTMLElement;

  /** `above`: the list of the element this one got its source from, whose requests are not listed again. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly above: () => { has(request: string): boolean } | undefined,
  ) {}

  has(request: string): boolean {
    return this.byRequest.has(request);
  }

  repaired(request: string, repairs: Repair[]): void {
    // one console warning per element, none for what the element above lists
    if (!this.warned && !this.above()?.has(request)) {
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
    this.schedule();
  }

  reset(): void {
    if (!this.byRequest.size && !this.live.size) return;
    this.byRequest.clear();
    this.live.clear();
    this.schedule();
  }

  /** Draws the notice as the first child of `root` (removes it when there is nothing to list). */
  renderInto(root: HTMLElement | DocumentFragment, text: NoticeText): void {
    const above = this.above();
    const own = [...this.byRequest].filter(([request]) => !above?.has(request)).flatMap(([, r]) => r);
    const s = summarize([...own, ...this.live.values()]);
    if (!s.dropped && !s.converted) {
      this.container?.remove();
      this.container = undefined;
      return;
    }
    if (!this.container) {
      this.container = document.createElement('div');
      this.container.className = 'rp-read-problems-host';
    }
    if (root.firstChild !== this.container) root.insertBefore(this.container, root.firstChild);
    showNotice(this.container, s, text);
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
}

export interface ReadProblemsSummary {
  dropped: number;
  converted: number;
  /** Problems merged across requests, largest first. */
  details: Repair[];
}

/** The repairs merged by method, action and what, with the counts of values dropped and converted. */
function summarize(repairs: Iterable<Repair>): ReadProblemsSummary {
  const merged = new Map<string, Repair>();
  let dropped = 0;
  let converted = 0;
  for (const r of repairs) {
    if (r.action === 'dropped') dropped += r.count;
    else converted += r.count;
    const key = `${r.method}\u0000${r.action}\u0000${r.what}`;
    const m = merged.get(key);
    if (m) m.count += r.count;
    else merged.set(key, { ...r });
  }
  const details = [...merged.values()].sort((a, b) => b.count - a.count);
  return { dropped, converted, details };
}

/**
 * The notice's labels in English. They come with the notice, and other languages translate them
 * under the `common` namespace (src/translations/catalog.ts), as the labels every element shares.
 */
export const NOTICE_LABELS = {
  readProblemsDropped: (n: number) =>
    n === 1
      ? '1 value from the data source could not be read and is left out.'
      : `${n.toLocaleString('en')} values from the data source could not be read and are left out.`,
  readProblemsConverted: (n: number) =>
    n === 1
      ? '1 value had the wrong type and was converted.'
      : `${n.toLocaleString('en')} values had the wrong type and were converted.`,
  readProblemLeftOut: (n: number) => `${n.toLocaleString('en')} left out`,
  readProblemConverted: (n: number) => `${n.toLocaleString('en')} converted`,
  readProblemsMore: (n: number) => `and ${n.toLocaleString('en')} more kinds of problem`,
};

/** A notice label in the element's language. */
export type NoticeText = (key: keyof typeof NOTICE_LABELS, n: number) => string;

/**
 * Shows `s` in `container`: built the first time, then only its texts change, so a notice the
 * user opened stays open while counts grow.
 */
function showNotice(container: HTMLElement, s: ReadProblemsSummary, text: NoticeText): void {
  let details = container.querySelector('details');
  if (!details) {
    adoptStyles(container.getRootNode() as DocumentFragment, (noticeSheet ??= sheetOf(NOTICE_CSS)));
    const box = document.createElement('div');
    box.className = 'rp-read-problems';
    box.setAttribute('part', 'read-problems');
    box.setAttribute('role', 'status');
    details = document.createElement('details');
    details.append(document.createElement('summary'), document.createElement('ul'));
    box.append(details);
    container.replaceChildren(box);
  }
  details.querySelector('summary')!.textContent = [
    s.dropped ? text('readProblemsDropped', s.dropped) : '',
    s.converted ? text('readProblemsConverted', s.converted) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const items = s.details.slice(0, MAX_DETAILS).map((d) => {
    const li = document.createElement('li');
    const method = document.createElement('code');
    method.textContent = d.method;
    const count = text(d.action === 'dropped' ? 'readProblemLeftOut' : 'readProblemConverted', d.count);
    li.append(method, ` ${d.what}: ${count}`);
    return li;
  });
  if (s.details.length > MAX_DETAILS) {
    const more = document.createElement('li');
    more.textContent = text('readProblemsMore', s.details.length - MAX_DETAILS);
    items.push(more);
  }
  details.querySelector('ul')!.replaceChildren(...items);
}

/** The notice's look: it comes with the notice, not with every element's first paint. */
const NOTICE_CSS = `
  .rp-read-problems {
    margin: 0 0 var(--_space-2);
    padding: 4px var(--_space-2);
    border: 1px solid var(--_color-warning, #b26b00);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-fg);
    font-size: 0.9em;
  }
  .rp-read-problems summary {
    cursor: pointer;
  }
  .rp-read-problems ul {
    margin: 4px 0;
    padding-inline-start: 1.5em;
    overflow-wrap: anywhere;
  }
`;
let noticeSheet: CSSStyleSheet | undefined;
