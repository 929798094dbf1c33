/**
 * What an element's checked source had to repair, kept for the element to show: a notice at the
 * top of the element ("12 values from this source could not be read") with the details, and one
 * console warning per element, however many answers or live events were malformed.
 */
import { css, html, nothing, render, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ReadReport, Repair } from '../data/checked-source.js';
import type { Lang } from './i18n.js';
import { common } from './messages.js';

/** Requests remembered at most; older ones are forgotten first (their counts go with them). */
const MAX_REQUESTS = 500;
/** Details listed in the notice at most. */
const MAX_DETAILS = 20;

export interface ReadProblemsSummary {
  dropped: number;
  converted: number;
  /** Problems merged across requests, largest first. */
  details: Repair[];
}

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
    this.schedule();
  }

  /** Forgets everything (a new source). */
  reset(): void {
    if (!this.byRequest.size && !this.live.size) return;
    this.byRequest.clear();
    this.live.clear();
    this.schedule();
  }

  get summary(): ReadProblemsSummary {
    const merged = new Map<string, Repair>();
    let dropped = 0;
    let converted = 0;
    const own = [...this.byRequest].filter(([request]) => !this.above?.has(request)).flatMap(([, r]) => r);
    for (const r of [...own, ...this.live.values()]) {
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
   * Draws the notice as the first child of `root`, outside what the element's own `render()`
   * manages, so no element has to make room for it. Call after every update.
   */
  renderInto(root: HTMLElement | DocumentFragment, lang: Lang): void {
    const s = this.summary;
    if (!s.dropped && !s.converted) {
      if (this.container) render(nothing, this.container);
      this.container?.remove();
      return;
    }
    if (!this.container) {
      this.container = document.createElement('div');
      this.container.className = 'rp-read-problems-host';
    }
    if (root.firstChild !== this.container) root.insertBefore(this.container, root.firstChild);
    render(renderNotice(s, lang), this.container);
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

function renderNotice(s: ReadProblemsSummary, lang: Lang): TemplateResult {
  const parts = [
    s.dropped ? common(lang, 'readProblemsDropped', s.dropped) : '',
    s.converted ? common(lang, 'readProblemsConverted', s.converted) : '',
  ].filter(Boolean);
  return html`<div class="rp-read-problems" part="read-problems" role="status">
    <details>
      <summary>${parts.join(' ')}</summary>
      <ul>
        ${s.details
          .slice(0, MAX_DETAILS)
          .map(
            (d) =>
              html`<li>
                <code>${d.method}</code> ${d.what}:
                ${
                  d.action === 'dropped'
                    ? common(lang, 'readProblemLeftOut', d.count)
                    : common(lang, 'readProblemConverted', d.count)
                }
              </li>`,
          )}
        ${s.details.length > MAX_DETAILS ? html`<li>${common(lang, 'readProblemsMore', s.details.length - MAX_DETAILS)}</li>` : nothing}
      </ul>
    </details>
  </div>`;
}

export const readProblemsStyles = css`
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
