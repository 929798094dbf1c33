/**
 * What changes the rows after the first listing (listing changes, live events, later pages) loads
 * with the first such change: nothing that arrives while it loads is lost, and a failed load says
 * so and is tried again. Its own file: a fresh page, where that code has not loaded yet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-table/define.js';
import { updatesCode, type RunTable } from '../../../src/elements/run-table/run-table.js';
import { SourceError } from '../../../src/data/errors.js';
import type { RunListEvent, RunRef, RunSource } from '../../../src/data/source.js';
import { until } from '../helpers/sources.js';

function pushSource(refs: RunRef[]): RunSource & { push(e: RunListEvent): void } {
  const listeners = new Set<(e: RunListEvent) => void>();
  return {
    getRun: () => Promise.reject(new SourceError('not-found', 'x')),
    listRuns: async () => refs.map((r) => ({ ...r })),
    watchRuns(on) {
      listeners.add(on);
      return () => listeners.delete(on);
    },
    push(e) {
      for (const l of listeners) l(e);
    },
  };
}

const refs: RunRef[] = [
  { id: 'a', name: 'alpha', state: 'finished', startedAt: Date.UTC(2024, 0, 1) },
  { id: 'b', name: 'beta', state: 'finished', startedAt: Date.UTC(2024, 0, 2) },
];

async function mount(source: RunSource): Promise<RunTable> {
  const el = await fixture<RunTable>(html`<run-table lang="en" .source=${source} refresh-interval="0"></run-table>`);
  await until(() => !!el.shadowRoot!.querySelector('.body-row'));
  return el;
}

const ids = (el: RunTable) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('.body-row')].map((r) => r.dataset.id).sort();
const alert = (el: RunTable) => el.shadowRoot!.querySelector('.updates-failed');

/** Makes the next load of the updates' code fail as a chunk that cannot be fetched does; counts the failures. */
let failures = 0;
function failNextLoad(): void {
  const load = updatesCode.load.bind(updatesCode);
  updatesCode.load = () => {
    updatesCode.load = load;
    failures++;
    return Promise.resolve(undefined);
  };
}

describe('run-table: the code of listing changes on first use', () => {
  it('is not loaded by the first listing; a failed load says so, is tried again, and loses nothing', async () => {
    const source = pushSource(refs);
    const el = await mount(source);
    expect(updatesCode.now, 'not loaded with the first listing').to.equal(undefined);

    failNextLoad();
    source.push({ type: 'run-added', run: { id: 'c', name: 'gamma', state: 'running' } });
    await until(() => !!alert(el));
    expect(alert(el)!.getAttribute('role')).to.equal('alert');
    expect(alert(el)!.textContent).to.contain('could not load');
    expect(ids(el)).to.deep.equal(['a', 'b']);

    // the next change tries again (and fails again here): both changes wait
    failNextLoad();
    source.push({ type: 'run-removed', runId: 'a' });
    await until(() => failures === 2);
    await el.updateComplete;
    expect(alert(el)).to.not.equal(null);
    expect(ids(el)).to.deep.equal(['a', 'b']);

    // Retry loads it and applies what waited, in order
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.retry-updates')!.click();
    await until(() => ids(el).join() === 'b,c');
    expect(alert(el)).to.equal(null);
    expect(el.shadowRoot!.querySelector('.announce')!.textContent!.trim()).to.equal('1 new run, 1 run removed');
    expect(updatesCode.now).to.not.equal(undefined);

    // the next change after a successful load loads nothing more
    source.push({ type: 'run-added', run: { id: 'd', name: 'delta', state: 'running' } });
    await until(() => ids(el).join() === 'b,c,d');
  });
});
