/**
 * An element whose language loads on demand (German) waits for those labels before its first
 * render, so it never shows English first. Own file: a fresh page, German not loaded yet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-overview/define.js';
import type { RunOverview } from '../../../src/elements/run-overview/run-overview.js';
import { pendingSource, shadowText } from '../helpers/sources.js';

describe('first render in a language that loads on demand', () => {
  it('lang="de" set before the element renders: its first render is German', async () => {
    const texts: string[] = [];
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de"></div>`);
    const el = document.createElement('run-overview') as RunOverview;
    el.source = pendingSource();
    // every state the element renders, from the first one on
    const seen = new MutationObserver(() => texts.push(shadowText(el)));
    wrapper.append(el);
    seen.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await el.updateComplete;
    seen.disconnect();
    texts.push(shadowText(el));
    expect(shadowText(el)).to.contain('Wird geladen');
    expect(texts.filter((t) => t.includes('Loading'))).to.deep.equal([], 'no English before German');
  });
});
