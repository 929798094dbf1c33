/**
 * Long plain text drawn a window of lines at a time (the shared virtual window), so a log read
 * to many megabytes with "load more" scrolls as lightly as a short one.
 */
import { html, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { styleProps } from '../../../internal/style-props.js';
import { virtualWindow } from '../../../internal/virtual-window.js';

export const LINE_HEIGHT = 20;

interface Host {
  requestUpdate(): void;
}

export class LinesView {
  private text?: string;
  private lines: string[] = [];
  private longest = 0;
  private scrollTop = 0;
  private viewportHeight = 400;
  private observer?: ResizeObserver;
  private observed?: Element;

  constructor(private readonly host: Host) {}

  get lineCount(): number {
    return this.lines.length;
  }

  private setText(text: string): void {
    if (text === this.text) return;
    this.text = text;
    const lines = text.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    this.lines = lines;
    let longest = 0;
    for (const l of lines) if (l.length > longest) longest = l.length;
    this.longest = longest;
  }

  private observe = (el: Element | undefined): void => {
    if (!el || el === this.observed || typeof ResizeObserver === 'undefined') return;
    this.observer?.disconnect();
    this.observed = el;
    this.observer = new ResizeObserver(() => {
      const height = (el as HTMLElement).clientHeight;
      if (height && height !== this.viewportHeight) {
        this.viewportHeight = height;
        this.host.requestUpdate();
      }
    });
    this.observer.observe(el);
  };

  private onScroll = (e: Event): void => {
    const el = e.currentTarget as HTMLElement;
    if (el.scrollTop === this.scrollTop) return;
    this.scrollTop = el.scrollTop;
    this.viewportHeight = el.clientHeight;
    this.host.requestUpdate();
  };

  dispose(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  render(text: string, label: string): TemplateResult {
    this.setText(text);
    const win = virtualWindow({
      rowCount: this.lines.length,
      rowHeight: LINE_HEIGHT,
      scrollTop: this.scrollTop,
      viewportHeight: this.viewportHeight,
    });
    const digits = String(this.lines.length).length;
    const rows: TemplateResult[] = [];
    for (let i = win.first; i < win.last; i++) {
      rows.push(
        html`<div class="line" style=${styleProps({ top: `${win.top + (i - win.first) * LINE_HEIGHT}px` })}>
          <span class="ln" aria-hidden="true">${i + 1}</span><span class="lt">${this.lines[i]}</span>
        </div>`,
      );
    }
    return html`<div
      class="lines"
      part="code"
      role="region"
      aria-label=${label}
      tabindex="0"
      ${ref(this.observe)}
      @scroll=${this.onScroll}
    >
      <div
        class="lines-body"
        style=${styleProps({ height: `${win.scrollHeight}px`, width: `calc(${digits + 2}ch + ${this.longest + 2}ch)`, '--ln-width': `${digits + 1}ch` })}
      >
        ${rows}
      </div>
    </div>`;
  }
}
