/**
 * The spacing scale (src/internal/spacing.ts): every step follows `--runpage-space`, a single step
 * can be set alone, and the elements lay themselves out with the steps.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/model-table/define.js';
import { SPACING_TOKENS } from '../../../src/internal/spacing.js';

/** The empty-state box of an element with no source, whose padding is `--_space-4`. */
async function statePadding(style: string): Promise<{ padding: number; gap: number; el: HTMLElement }> {
  const wrap = await fixture<HTMLElement>(html`<div style=${style}><model-table></model-table></div>`);
  const el = wrap.querySelector<HTMLElement>('model-table')!;
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  const box = el.shadowRoot!.querySelector<HTMLElement>('.rp-state')!;
  const cs = getComputedStyle(box);
  return { padding: parseFloat(cs.paddingTop), gap: parseFloat(cs.rowGap), el };
}

describe('spacing scale', () => {
  it('defaults to multiples of the 8px base unit', async () => {
    const { padding, gap, el } = await statePadding('');
    expect(padding).to.equal(16);
    expect(gap).to.equal(8);
    const cs = getComputedStyle(el);
    const px = (name: string) => {
      const probe = document.createElement('div');
      probe.style.width = `var(--_${name})`;
      el.shadowRoot!.append(probe);
      const w = parseFloat(getComputedStyle(probe).width);
      probe.remove();
      return w;
    };
    expect(['space-1', 'space-2', 'space-3', 'space-4', 'space-5', 'space-6'].map(px)).to.deep.equal([
      4, 8, 12, 16, 24, 32,
    ]);
    expect(px('section-gap')).to.equal(16);
    expect(px('panel-padding')).to.equal(8);
    expect(px('panel-min-width')).to.equal(360);
    // every step has a private variable on the host
    for (const name of Object.keys(SPACING_TOKENS)) expect(cs.getPropertyValue(`--_${name}`), name).to.not.equal('');
  });

  it('scales every step with --runpage-space', async () => {
    const { padding, gap } = await statePadding('--runpage-space: 10px');
    expect(padding).to.equal(20);
    expect(gap).to.equal(10);
  });

  it('lets one step be set alone', async () => {
    const { padding, gap } = await statePadding('--runpage-space-4: 30px');
    expect(padding).to.equal(30);
    expect(gap).to.equal(8);
  });
});
