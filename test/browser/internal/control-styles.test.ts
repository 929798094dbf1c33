/**
 * The look of the shared controls: `.rp-button` is in every element's styles, the fields, labels,
 * counts and toolbars (`controlStyles`) only in the elements that draw them, after the base styles.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { CSSResultGroup, CSSResultOrNative } from 'lit';
import {
  ArtifactList,
  FileBrowser,
  LogViewer,
  MediaPanel,
  MetricChart,
  MetricWorkspace,
  ModelTable,
  RunCompare,
  RunOverview,
  RunPage,
  RunpageElement,
  RunTable,
  SystemPanel,
} from '../../../src/index.js';
import { controlStyles } from '../../../src/internal/control-styles.js';
import { stateStyles } from '../../../src/internal/states.js';
import '../../../src/elements/run-overview/define.js';

function flat(styles: CSSResultGroup | undefined): CSSResultOrNative[] {
  if (styles === undefined) return [];
  return Array.isArray(styles) ? styles.flatMap((s) => flat(s as CSSResultGroup)) : [styles as CSSResultOrNative];
}

describe('control styles', () => {
  it('are not part of every element: a chart draws none of those controls', () => {
    expect(flat(RunpageElement.styles)).to.not.include(controlStyles);
    for (const cls of [MetricChart, MediaPanel, RunPage])
      expect(flat(cls.styles), cls.name).to.not.include(controlStyles);
    expect(stateStyles.cssText).to.contain('.rp-button');
  });

  it('come after the base styles in every element that draws controls', () => {
    const drawing = [
      ArtifactList,
      FileBrowser,
      LogViewer,
      MetricWorkspace,
      ModelTable,
      RunCompare,
      RunOverview,
      RunTable,
      SystemPanel,
    ];
    for (const cls of drawing) {
      const all = flat(cls.styles);
      expect(all, cls.name).to.include(controlStyles);
      expect(all.indexOf(controlStyles), cls.name).to.be.greaterThan(all.indexOf(stateStyles));
    }
  });

  it('give a field its look in an element that draws one', async () => {
    const el = await fixture<HTMLElement>(html`<run-overview></run-overview>`);
    const input = document.createElement('input');
    input.className = 'rp-input';
    el.shadowRoot!.append(input);
    const cs = getComputedStyle(input);
    expect(cs.paddingLeft).to.equal('6px');
    expect(cs.borderTopStyle).to.equal('solid');
    input.remove();
  });
});
