/**
 * The state in the URL hash (`url-state`) loads its code with the first table that keeps it there:
 * the rows wait for it (never a flash of them in another state), and a failed load says so with a
 * retry. Its own file: a fresh page, where that code has not loaded yet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-table/define.js';
import { hashCode, type RunTable } from '../../../src/elements/run-table/run-table.js';
import { SourceError } from '../../../src/data/errors.js';
import type { RunRef, RunSource } from '../../../src/data/source.js';
import { until } from '../helpers/sources.js';

const refs: RunRef[] = [
  { id: 'a', name: 'alpha', state: 'finished', startedAt: Date.UTC(2024, 0, 1) },
  { id: 'b', name: 'beta', state: 'finished', startedAt: Date.UTC(2024, 0, 2) },
];
const source: RunSource = {
  getRun: () => Promise.reject(new SourceError('not-found', 'x')),
  listRuns: async () => refs.map((r) => ({ ...r })),
};
const ids = (el: RunTable) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.body-row')].map((r) => r.dataset.id);

describe('run-table: url-state on first use', () => {
  it('a failed load of the hash code says so with a retry; the rows then show in the state the URL names', async () => {
    expect(hashCode.now, 'not loaded with the table').to.equal(undefined);
    const before = location.hash;
    const load = hashCode.load.bind(hashCode);
    let loads = 0;
    // the first load fails as a chunk that cannot be fetched does
    hashCode.load = (host) => {
      if (++loads > 1) return load(host);
      (hashCode as { failed: unknown }).failed = new Error('chunk gone');
      host?.requestUpdate();
      return Promise.resolve(undefined);
    };
    try {
      history.replaceState(null, '', '#q=beta');
      const el = await fixture<RunTable>(
        html`<run-table lang="en" url-state refresh-interval="0" .source=${source}></run-table>`,
      );
      await until(() => !!el.shadowRoot!.querySelector('[role="alert"]'));
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('chunk gone');
      expect(ids(el)).to.deep.equal([]);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
      await until(() => ids(el).length > 0);
      expect(ids(el)).to.deep.equal(['b']);
      expect(el.tableState.query).to.equal('beta');
      expect(loads).to.equal(2);
    } finally {
      hashCode.load = load;
      history.replaceState(null, '', before || location.pathname);
    }
  });
});
