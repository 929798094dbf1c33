import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { ResizeController } from '../../../src/internal/resize-controller.js';

/** A host that renders one of two boxes and records every height the controller reports. */
class ResizeHost extends LitElement {
  @property({ type: Boolean }) second = false;
  @property({ type: Boolean }) none = false;
  readonly heights: [id: string, height: number][] = [];
  readonly resize = new ResizeController(this, (el) => this.heights.push([el.id, (el as HTMLElement).clientHeight]));

  protected override render(): TemplateResult {
    if (this.none) return html``;
    return this.second
      ? html`<div id="b" style="height: 30px" ${ref(this.resize.observe)}></div>`
      : html`<div id="a" style="height: 20px" ${ref(this.resize.observe)}></div>`;
  }
}
customElements.define('test-resize-host', ResizeHost);

const box = (el: ResizeHost, id: string) => el.shadowRoot!.getElementById(id)!;
const last = (el: ResizeHost) => el.heights.at(-1);

describe('ResizeController', () => {
  it('reports the observed element once it is observed and after each change of its size', async () => {
    const el = await fixture<ResizeHost>(html`<test-resize-host></test-resize-host>`);
    await waitUntil(() => el.heights.length > 0, 'first report');
    expect(last(el)).to.deep.equal(['a', 20]);
    box(el, 'a').style.height = '55px';
    await waitUntil(() => last(el)?.[1] === 55, 'report after the resize');
    expect(el.resize.target?.id).to.equal('a');
  });

  it('follows the element a re-render puts in place of the first, and none when it goes', async () => {
    const el = await fixture<ResizeHost>(html`<test-resize-host></test-resize-host>`);
    await waitUntil(() => el.heights.length > 0, 'first report');
    el.second = true;
    await el.updateComplete;
    expect(el.resize.target?.id).to.equal('b');
    await waitUntil(() => last(el)?.[0] === 'b', 'report of the new element');
    expect(last(el)).to.deep.equal(['b', 30]);
    el.none = true;
    await el.updateComplete;
    expect(el.resize.target?.id).to.equal(undefined);
  });

  it('stops while the host is out of the document and starts again when it is back', async () => {
    const el = await fixture<ResizeHost>(html`<test-resize-host></test-resize-host>`);
    await waitUntil(() => el.heights.length > 0, 'first report');
    const parent = el.parentElement!;
    el.remove();
    const a = box(el, 'a');
    const count = el.heights.length;
    a.style.height = '70px';
    // An element still observed when it leaves the document reports a zero size: none may come.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(el.heights.length).to.equal(count);
    parent.append(el);
    await waitUntil(() => last(el)?.[1] === 70, 'report after reconnecting');
    expect(el.resize.target === a).to.equal(true, 'the same element is followed again');
  });
});
