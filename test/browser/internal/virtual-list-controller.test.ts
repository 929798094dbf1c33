import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, css, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { VirtualListController } from '../../../src/internal/virtual-list-controller.js';

const ROW = 24;

/** A grid of `count` rows drawn the way the elements draw theirs: rows with data-row, absolutely placed. */
class ListHost extends LitElement {
  static override styles = css`
    .scroller {
      height: 240px;
      overflow: auto;
      position: relative;
    }
    .body {
      position: relative;
    }
    .row {
      position: absolute;
      left: 0;
      right: 0;
      height: ${ROW}px;
    }
  `;
  @property({ type: Number }) count = 100_000;
  readonly list = new VirtualListController(this, { rowHeight: ROW, headerRows: 1 });

  protected override render(): TemplateResult {
    this.list.rowCount = this.count;
    const win = this.list.window();
    const rows: TemplateResult[] = [];
    for (let i = win.first; i < win.last; i++)
      rows.push(
        html`<div
          class="row"
          role="row"
          data-row=${i}
          tabindex=${i === this.list.active ? 0 : -1}
          aria-rowindex=${this.list.ariaRowIndex(i)}
          style="top: ${this.list.rowTop(i)}px"
        >
          row ${i}
        </div>`,
      );
    return html`<div
      class="scroller"
      role="grid"
      ${ref(this.list.attach)}
      @keydown=${(e: KeyboardEvent) => this.list.handleKey(e, { focus: true })}
    >
      <div class="body" style="height: ${win.scrollHeight}px">${rows}</div>
    </div>`;
  }
}
customElements.define('test-virtual-list-host', ListHost);

const drawn = (el: ListHost) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')].map((r) => Number(r.dataset.row));
const scroller = (el: ListHost) => el.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
const focusedRow = (el: ListHost) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.row;

describe('VirtualListController in a lit element', () => {
  it('draws only the rows on screen and follows scrolling', async () => {
    const el = await fixture<ListHost>(html`<test-virtual-list-host></test-virtual-list-host>`);
    expect(drawn(el).length).to.be.lessThan(40);
    expect(drawn(el)[0]).to.equal(0);
    scroller(el).scrollTop = 50_000 * ROW;
    await waitUntil(() => drawn(el).includes(50_000), 'rows around row 50,000');
    expect(drawn(el).length).to.be.lessThan(40);
    const row = el.shadowRoot!.querySelector<HTMLElement>('[data-row="50000"]')!;
    expect(row.getBoundingClientRect().top).to.be.closeTo(scroller(el).getBoundingClientRect().top, 1);
  });

  it('draws more rows when the scroller grows', async () => {
    const el = await fixture<ListHost>(html`<test-virtual-list-host></test-virtual-list-host>`);
    await el.updateComplete; // the render after the first measurement
    // The rows in view, one partly shown below them, and the overscan of 8.
    expect(drawn(el).length).to.equal(240 / ROW + 1 + 8);
    scroller(el).style.height = '600px';
    await waitUntil(() => el.list.viewportHeight === 600, 'the new height measured');
    await el.updateComplete;
    expect(drawn(el).length).to.equal(600 / ROW + 1 + 8);
  });

  it('moves the active row with the keyboard, focused and in view, to the last of 100,000', async () => {
    const el = await fixture<ListHost>(html`<test-virtual-list-host></test-virtual-list-host>`);
    el.shadowRoot!.querySelector<HTMLElement>('[data-row="0"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focusedRow(el)).to.equal('1');
    await sendKeys({ press: 'PageDown' });
    await el.updateComplete;
    expect(focusedRow(el)).to.equal(String(1 + 240 / ROW - 1));
    await sendKeys({ press: 'End' });
    await waitUntil(() => focusedRow(el) === '99999', 'the last row focused');
    const last = el.shadowRoot!.activeElement as HTMLElement;
    expect(last.getAttribute('aria-rowindex')).to.equal('100001');
    const box = scroller(el).getBoundingClientRect();
    const rowBox = last.getBoundingClientRect();
    expect(rowBox.top).to.be.at.least(box.top - 0.5);
    expect(rowBox.bottom).to.be.at.most(box.bottom + 0.5);
    await sendKeys({ press: 'Home' });
    await waitUntil(() => focusedRow(el) === '0', 'the first row focused');
    expect(scroller(el).scrollTop).to.equal(0);
  });

  it('scrolls a row into place after the render that draws it', async () => {
    const el = await fixture<ListHost>(html`<test-virtual-list-host .count=${10}></test-virtual-list-host>`);
    el.count = 1000;
    el.list.scrollToRow(600);
    await waitUntil(() => drawn(el).includes(600), 'row 600 drawn');
    await el.updateComplete;
    expect(el.list.topRow()).to.equal(600);
  });
});
