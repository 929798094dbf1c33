/**
 * The theming guide (stories/theming.stories.ts): the reference lists every custom property and
 * part in custom-elements.json, and the branded run page takes its colours and font from custom
 * properties set on a wrapper.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/define.js';
import manifest from '../../../custom-elements.json';
import * as stories from '../../../stories/theming.stories.js';
import type { RunPage } from '../../../src/index.js';
import { SPACING_TOKENS } from '../../../src/internal/spacing.js';
import { spacingTokens } from '../../../stories/support/theming-reference.js';

type Story = { render: () => TemplateResult };
const { Reference, BrandedRunPage } = stories as unknown as Record<string, Story>;

interface Decl {
  tagName?: string;
  cssProperties?: { name: string }[];
  cssParts?: { name: string }[];
}

describe('theming stories', () => {
  it('Reference lists every --runpage-* property and ::part of the manifest', async () => {
    const el = await fixture<HTMLElement>(Reference.render());
    const text = (el.parentElement ?? el).textContent ?? '';
    const decls = (manifest as { modules: { declarations?: Decl[] }[] }).modules.flatMap((m) => m.declarations ?? []);
    let count = 0;
    for (const d of decls.filter((x) => x.tagName)) {
      for (const p of d.cssProperties ?? []) {
        expect(text, `${d.tagName} ${p.name}`).to.contain(p.name);
        count++;
      }
      for (const p of d.cssParts ?? []) {
        expect(text, `${d.tagName} part ${p.name}`).to.contain(`${d.tagName}::part(${p.name})`);
        count++;
      }
    }
    expect(count).to.be.greaterThan(50);
    expect(text).to.contain('--runpage-color-accent').and.to.contain('--runpage-series-9');
  });

  it('Reference says what every spacing step is for', () => {
    const rows = spacingTokens();
    expect(rows.map((r) => r.name)).to.deep.equal(Object.keys(SPACING_TOKENS).map((n) => `--runpage-${n}`));
    for (const row of rows) expect(row.description, row.name).to.not.equal('');
    expect(rows[0].value).to.equal('calc(var(--runpage-space) * 0.5)');
  });

  it('BrandedRunPage restyles the run page with custom properties only', async () => {
    const wrapper = await fixture<HTMLElement>(BrandedRunPage.render());
    const page = (wrapper.parentElement ?? wrapper).querySelector<RunPage>('run-page')!;
    await waitUntil(() => page.shadowRoot?.querySelector('.title')?.textContent, 'run page never rendered', {
      timeout: 10_000,
    });
    const style = getComputedStyle(page);
    expect(style.fontFamily).to.contain('Georgia');
    expect(style.getPropertyValue('--_color-accent').trim()).to.equal('#0f6e5c');
    expect(getComputedStyle(page.shadowRoot!.querySelector('.title')!).color).to.equal('rgb(43, 33, 24)');
  });
});
