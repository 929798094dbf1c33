/**
 * Key/value grids line up in every language: the hardware header of the System tab and the facts
 * of the overview, in English and in Japanese (whose labels fall back to a CJK font of another height).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/system-panel/define.js';
import '../../../src/elements/run-overview/define.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import type { RunOverview } from '../../../src/elements/run-overview/run-overview.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { settle, until } from '../helpers/sources.js';

const run = () => generateSampleRun({ seed: 7, steps: 40 });
const box = (el: Element) => el.getBoundingClientRect();

for (const lang of ['en', 'ja']) {
  describe(`key/value grids (${lang})`, () => {
    it('hardware header: every label level with its value, labels and values in two columns', async () => {
      const wrap = await fixture<HTMLDivElement>(
        html`<div lang=${lang} style="width:900px">
          <system-panel .source=${new MemorySource(run())}></system-panel>
        </div>`,
      );
      const el = wrap.querySelector<SystemPanel>('system-panel')!;
      await until(() => expect(el.shadowRoot!.querySelector('[part="hardware"] dt')).to.exist, 10_000);
      const rows = [...el.shadowRoot!.querySelectorAll('[part="hardware"] .row')];
      expect(rows.length).to.be.greaterThan(2);
      const dts = rows.map((r) => box(r.querySelector('dt')!));
      const dds = rows.map((r) => box(r.querySelector('dd')!));
      rows.forEach((_, i) => {
        expect(Math.abs(dts[i].top - dds[i].top), `row ${i} top`).to.be.lessThan(1);
        expect(Math.abs(dts[i].height - dds[i].height), `row ${i} height`).to.be.lessThan(1);
      });
      expect(new Set(dts.map((b) => Math.round(b.left))).size).to.equal(1);
      expect(new Set(dds.map((b) => Math.round(b.left))).size).to.equal(1);
      expect(Math.min(...dds.map((b) => b.left))).to.be.greaterThan(Math.max(...dts.map((b) => b.right)));
    });

    it('overview facts: the labels of a row level, and their values level', async () => {
      const wrap = await fixture<HTMLDivElement>(
        html`<div lang=${lang} style="width:1100px">
          <run-overview .source=${new MemorySource(run())}></run-overview>
        </div>`,
      );
      const el = wrap.querySelector<RunOverview>('run-overview')!;
      await settle(el);
      await until(() => expect(el.shadowRoot!.querySelector('[part="facts"] dt')).to.exist, 10_000);
      const facts = [...el.shadowRoot!.querySelectorAll('[part="facts"] .fact')];
      const byRow = new Map<number, Element[]>();
      for (const f of facts) {
        const top = Math.round(box(f).top);
        byRow.set(top, [...(byRow.get(top) ?? []), f]);
      }
      const rows = [...byRow.values()].filter((r) => r.length > 1);
      expect(rows.length).to.be.greaterThan(1);
      for (const row of rows) {
        const dtTops = row.map((f) => box(f.querySelector('dt')!).top);
        const ddTops = row.map((f) => box(f.querySelector('dd')!).top);
        expect(Math.max(...dtTops) - Math.min(...dtTops)).to.be.lessThan(1);
        expect(Math.max(...ddTops) - Math.min(...ddTops)).to.be.lessThan(1);
      }
    });
  });
}
