/**
 * The column picker's code loads on its first opening. When it cannot be fetched the picker's box
 * says so (not busy), and opening it again loads the code and shows the columns. Its own file: a
 * fresh page, where that code has not loaded yet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-table/define.js';
import type { RunTable } from '../../../src/elements/run-table/run-table.js';
import { columnPicker } from '../../../src/elements/run-table/table-toolbar.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { failImports } from '../helpers/failing-import.js';
import { until } from '../helpers/sources.js';

const source = new MemorySource([1, 2].map((seed) => generateSampleRun({ seed, steps: 20, logLines: 1, files: 1 })));

describe('run-table: the column picker could not load', () => {
  it('its box says so; opening it again loads it and shows the columns', async () => {
    const failing = failImports(columnPicker, 1);
    try {
      const el = await fixture<RunTable>(
        html`<run-table .source=${source} refresh-interval="0" lang="en"></run-table>`,
      );
      const root = el.shadowRoot!;
      await until(() => !!root.querySelector('button.columns'), 10_000);
      const columns = () => root.querySelector<HTMLButtonElement>('button.columns')!;
      const picker = () => root.querySelector('[part~="column-picker"]');
      columns().click();
      await until(() => picker()?.getAttribute('aria-busy') === 'false', 10_000);
      expect(picker()!.textContent!.trim()).to.equal('Could not load this');
      expect(picker()!.querySelector('input[type="checkbox"]')).to.equal(null);
      expect(failing.tries).to.equal(1);

      columns().click(); // closed
      await el.updateComplete;
      expect(picker()).to.equal(null);
      columns().click(); // opened again
      await until(() => !!picker()?.querySelector('input[type="checkbox"]'), 10_000);
      expect(failing.tries).to.equal(2);
    } finally {
      failing.restore();
    }
  });
});
