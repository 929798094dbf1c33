/**
 * Long plain text drawn a window of lines at a time (the shared virtual list controller), so a
 * log read to many megabytes with "load more" scrolls as lightly as a short one.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { styleProps } from '../../../internal/style-props.js';
import { VirtualListController } from '../../../internal/virtual-list-controller.js';

export const LINE_HEIGHT = 20;

export class LinesView {
  private text?: string;
  private lines: string[] = [];
  private longest = 0;
  private readonly list: VirtualListController;

  constructor(host: ReactiveControllerHost) {
    this.list = new VirtualListController(host, { rowHeight: LINE_HEIGHT });
  }

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

  dispose(): void {
    this.list.dispose();
  }

  render(text: string, label: string): TemplateResult {
    this.setText(text);
    this.list.rowCount = this.lines.length;
    const win = this.list.window();
    const digits = String(this.lines.length).length;
    const rows: TemplateResult[] = [];
    for (let i = win.first; i < win.last; i++) {
      rows.push(
        html`<div class="line" style=${styleProps({ top: `${this.list.rowTop(i)}px` })}>
          <span class="ln" aria-hidden="true">${i + 1}</span><span class="lt">${this.lines[i]}</span>
        </div>`,
      );
    }
    return html`<div class="lines" part="code" role="region" aria-label=${label} tabindex="0" ${ref(this.list.attach)}>
      <div
        class="lines-body"
        style=${styleProps({ height: `${win.scrollHeight}px`, width: `calc(${digits + 2}ch + ${this.longest + 2}ch)`, '--ln-width': `${digits + 1}ch` })}
      >
        ${rows}
      </div>
    </div>`;
  }
}
