/**
 * When the comparison's code (<run-compare>) cannot be fetched, the comparison view says so with a
 * Retry and keeps its way back; the Retry loads it and shows the comparison. Its own file: a fresh
 * page, where that code has not loaded and <run-compare> is not registered yet.
 */
import { expect } from '@open-wc/testing';
import '../../../src/elements/run-table/define.js';
import { compareCode } from '../../../src/elements/run-table/run-table.js';
import { failImports } from '../helpers/failing-import.js';
import { until } from '../helpers/sources.js';
import { first, source, twoTicked } from './two-ticked.js';

describe('run-table: the comparison could not load', () => {
  it('says so with a Retry and a way back; the Retry shows the comparison', async () => {
    const failing = failImports(compareCode, 1);
    try {
      const el = await twoTicked();
      const root = el.shadowRoot!;
      await until(() => !!root.querySelector('button.compare'), 10_000);
      root.querySelector<HTMLButtonElement>('button.compare')!.click();
      const view = () => root.querySelector('[part~="compare"]')!;
      await until(() => !!view()?.querySelector('[role="alert"]'), 10_000);
      expect(view().querySelector('[role="alert"]')!.textContent).to.contain('chunk gone');
      expect(view().querySelector('button.back')).to.exist;
      expect(view().querySelector('[aria-busy="true"]')).to.equal(null);
      await el.updateComplete;
      expect(failing.tries).to.equal(1, 'not asked again without a Retry');

      view().querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
      await until(() => !!root.querySelector('run-compare'), 10_000);
      expect(failing.tries).to.equal(2);
      expect(view().querySelector('[role="alert"]')).to.equal(null);
      const name = (await source.getRun(first)).name!;
      await until(() => !!root.querySelector('run-compare')!.shadowRoot?.textContent?.includes(name), 10_000);
    } finally {
      failing.restore();
    }
  });
});
