import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-table/define.js';
import type { RunTable } from '../../../src/elements/run-table/run-table.js';
import { defaultState, type TableState } from '../../../src/elements/run-table/table-state.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { SourceError } from '../../../src/data/errors.js';
import { generateSampleRefs } from '../../../src/data/sample-runs.js';
import { queryRunList } from '../../../src/data/run-query.js';
import type { RunListEvent, RunRef, RunSource } from '../../../src/data/source.js';
import { installFakeClock } from '../helpers/fake-clock.js';
import { until } from '../helpers/sources.js';
import type { TemplateResult } from 'lit';
import { LiveListing } from '../../../stories/run-table.stories.js';

/** A source whose listing changes the test tells, through `watchRuns`. */
function pushSource(refs: RunRef[]): RunSource & { push(e: unknown): void; watchers: number; listed: number } {
  const listeners = new Set<(e: RunListEvent) => void>();
  const source = {
    watchers: 0,
    listed: 0,
    getRun: () => Promise.reject(new SourceError('not-found', 'x')),
    async listRuns() {
      source.listed++;
      return refs.map((r) => ({ ...r }));
    },
    watchRuns(on: (e: RunListEvent) => void) {
      listeners.add(on);
      source.watchers = listeners.size;
      return () => {
        listeners.delete(on);
        source.watchers = listeners.size;
      };
    },
    push(e: unknown) {
      for (const l of listeners) l(e as RunListEvent);
    },
  };
  return source;
}

const refs: RunRef[] = [
  { id: 'a', name: 'alpha', state: 'finished', startedAt: Date.UTC(2024, 0, 1), runtime: 10 },
  { id: 'b', name: 'beta', state: 'running', startedAt: Date.UTC(2024, 0, 2) },
  { id: 'c', name: 'gamma', state: 'failed', startedAt: Date.UTC(2024, 0, 3), runtime: 5 },
];

async function mount(source: RunSource, patch: Partial<TableState> = {}, interval = 0): Promise<RunTable> {
  const el = await fixture<RunTable>(
    html`<run-table
      .source=${source}
      refresh-interval=${interval}
      .tableState=${{ ...defaultState(), ...patch }}
    ></run-table>`,
  );
  await until(() => !!el.shadowRoot!.querySelector('.body-row'));
  return el;
}

const root = (el: RunTable) => el.shadowRoot!;
const ids = (el: RunTable) => [...root(el).querySelectorAll<HTMLElement>('.body-row')].map((r) => r.dataset.id);
const stateOf = (el: RunTable, id: string) =>
  root(el).querySelector(`.body-row[data-id="${id}"] [data-state]`)?.getAttribute('data-state');
const announced = (el: RunTable) => root(el).querySelector('.announce')!.textContent!.trim();

describe('run-table: live listing (watchRuns)', () => {
  it('a run added appears in sort order, respecting the search, and is announced once', async () => {
    const source = pushSource(refs);
    const el = await mount(source, { sort: { column: 'name', dir: 'asc' } });
    expect(ids(el)).to.deep.equal(['a', 'b', 'c']);
    source.push({ type: 'run-added', run: { id: 'd', name: 'aardvark', state: 'running', startedAt: Date.now() } });
    source.push({ type: 'run-added', run: { id: 'e', name: 'zeta', state: 'running', startedAt: Date.now() } });
    await until(() => ids(el).length === 5);
    expect(ids(el)).to.deep.equal(['d', 'a', 'b', 'c', 'e']);
    expect(announced(el)).to.equal('2 new runs');
    // with a search, a new run that does not match stays out of sight
    const input = root(el).querySelector<HTMLInputElement>('.toolbar > .search')!;
    input.value = 'alpha';
    input.dispatchEvent(new Event('input'));
    source.push({ type: 'run-added', run: { id: 'f', name: 'omega', state: 'running' } });
    source.push({ type: 'run-added', run: { id: 'g', name: 'alpha two', state: 'running' } });
    await until(() => ids(el).includes('g'));
    expect(ids(el)).to.deep.equal(['a', 'g']);
    expect(root(el).querySelector('.count')!.textContent).to.contain('2 of 7 runs');
  });

  it('a run that ends gets its badge and its runtime stops ticking; ticks stay', async () => {
    const clock = installFakeClock();
    try {
      const start = clock.now - 60_000;
      const source = pushSource([{ id: 'r', name: 'live', state: 'running', startedAt: start }, refs[0]]);
      const el = await mount(source, { ticked: ['r'] });
      const runtime = () =>
        root(el).querySelector<HTMLElement>('.body-row[data-id="r"] [data-runtime]')!.textContent!.trim();
      expect(runtime()).to.equal('1m 0s');
      source.push({
        type: 'run-changed',
        run: { id: 'r', name: 'live', state: 'finished', startedAt: start, endedAt: start + 61_000, runtime: 61 },
      });
      await until(() => stateOf(el, 'r') === 'finished');
      expect(announced(el)).to.equal('1 run ended');
      clock.tick(5000);
      await el.updateComplete;
      expect(runtime()).to.equal('1m 1s');
      expect(el.tableState.ticked).to.deep.equal(['r']);
    } finally {
      clock.restore();
    }
  });

  it('a run removed goes; resync lists again; malformed events are dropped, never thrown', async () => {
    const source = pushSource(refs);
    const el = await mount(source);
    const before = source.listed;
    source.push({ type: 'run-removed', runId: 'c' });
    source.push({ type: 'run-added', run: { name: 'no id' } });
    source.push(null);
    source.push({ type: 'run-changed', run: { id: 'a', state: 'exploded' } });
    await until(() => !ids(el).includes('c'));
    expect(announced(el)).to.contain('1 run removed');
    // a state the contract does not have reads as unknown
    expect(stateOf(el, 'a')).to.equal('unknown');
    source.push({ type: 'resync' });
    await until(() => source.listed === before + 1);
    await until(() => ids(el).includes('c'));
  });

  it('does not re-list on a timer when the source tells changes, and does when it cannot', async () => {
    const clock = installFakeClock();
    try {
      const source = pushSource(refs);
      const el = await mount(source, {}, 30);
      const listed = source.listed;
      clock.tick(95_000);
      await el.updateComplete;
      expect(source.listed).to.equal(listed);
      expect(source.watchers).to.equal(1);
      el.remove();
      expect(source.watchers).to.equal(0);

      const plain: RunSource = { getRun: source.getRun, listRuns: () => source.listRuns!() };
      const el2 = await mount(plain, {}, 30);
      const listed2 = source.listed;
      clock.tick(30_000);
      await until(() => source.listed === listed2 + 1);
      el2.remove();
    } finally {
      clock.restore();
    }
  });

  it('keeps the scrolled rows in place when runs are added above them', async () => {
    const many = generateSampleRefs({ count: 300, running: 0 });
    const source = pushSource(many);
    const el = await mount(source);
    const scroller = root(el).querySelector<HTMLElement>('.scroller')!;
    scroller.scrollTop = 44 * 100;
    scroller.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    const top = scroller.scrollTop;
    source.push({ type: 'run-added', run: { id: 'new1', name: 'newest', startedAt: Date.now() + 1 } });
    source.push({ type: 'run-added', run: { id: 'new2', name: 'newer', startedAt: Date.now() } });
    await until(() => scroller.scrollTop === top + 88);
  });

  it('follows a MemorySource: add, finish and remove', async () => {
    const source = new MemorySource([{ info: { id: 'm1', name: 'one', state: 'finished' } }]);
    const el = await mount(source);
    source.add({ info: { id: 'm2', name: 'two', state: 'running', startedAt: Date.now() } });
    await until(() => ids(el).includes('m2'));
    source.append('m2', { run: { state: 'failed', endedAt: Date.now() } });
    await until(() => stateOf(el, 'm2') === 'failed');
    source.remove('m1');
    await until(() => !ids(el).includes('m1'));
  });

  it('a search while pages still load asks the source, so it covers every run', async () => {
    const many = generateSampleRefs({ count: 3000, running: 0 });
    const oldest = many.reduce((a, b) => ((a.startedAt ?? 0) < (b.startedAt ?? 0) ? a : b));
    const searches: string[] = [];
    const paged: RunSource = {
      getRun: () => Promise.reject(new SourceError('not-found', 'x')),
      async queryRuns(q, o) {
        if (q.search) searches.push(q.search);
        // the later pages of the listing never arrive in this test
        else if (q.cursor) return new Promise(() => {});
        return queryRunList(many, q, o);
      },
    };
    const el = await mount(paged);
    expect(ids(el)).not.to.include(oldest.id);
    const input = root(el).querySelector<HTMLInputElement>('.toolbar > .search')!;
    input.value = oldest.id;
    input.dispatchEvent(new Event('input'));
    await until(() => ids(el).join() === oldest.id);
    expect(searches).to.deep.equal([oldest.id]);
  });
});

describe('run-table LiveListing story', () => {
  it('adds a run and ends it when its buttons are pressed, with no timer', async () => {
    const wrapper = await fixture<HTMLElement>(LiveListing.render!({}, {} as never) as TemplateResult);
    const el = wrapper.querySelector('run-table')!;
    await until(() => !!el.shadowRoot!.querySelector('.body-row'));
    const before = ids(el).length;
    wrapper.querySelector<HTMLButtonElement>('.add-run')!.click();
    await until(() => ids(el).includes('live1'));
    expect(ids(el)[0], 'the new run is the newest').to.equal('live1');
    expect(ids(el)).to.have.length(before + 1);
    expect(stateOf(el, 'live1')).to.equal('running');
    wrapper.querySelector<HTMLButtonElement>('.end-run')!.click();
    await until(() => stateOf(el, 'live1') === 'finished');
    expect(ids(el)).to.have.length(before + 1);
  });
});
