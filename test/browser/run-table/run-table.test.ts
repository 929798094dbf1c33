import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/run-table/define.js';
import type { RunTable } from '../../../src/elements/run-table/run-table.js';
import { defaultState, type TableState } from '../../../src/elements/run-table/table-state.js';
import { loadColumnPicker } from '../../../src/elements/run-table/table-toolbar.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { SourceError } from '../../../src/data/errors.js';
import { generateSampleRefs, sampleRunsSource } from '../../../src/data/sample-runs.js';
import { queryRunList } from '../../../src/data/run-query.js';
import type { RunRef, RunSource } from '../../../src/data/source.js';
import { installFakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { shadowText, until } from '../helpers/sources.js';

const refs: RunRef[] = [
  {
    id: 'abc111',
    name: 'alpha',
    project: 'p1',
    group: 'g1',
    state: 'finished',
    tags: ['best'],
    startedAt: Date.UTC(2024, 0, 1),
    runtime: 100,
    config: { lr: 0.1, opt: 'adam' },
    summary: { loss: 0.5, mem_bytes: 2048 },
  },
  {
    id: 'def222',
    name: 'beta',
    project: 'p2',
    group: 'g1',
    state: 'failed',
    tags: ['debug'],
    startedAt: Date.UTC(2024, 0, 2),
    runtime: 50,
    config: { lr: 0.01, opt: 'sgd' },
    summary: { loss: 0.25 },
  },
  {
    id: 'ghi333',
    name: 'gamma',
    project: 'p1',
    state: 'finished',
    startedAt: Date.UTC(2024, 0, 3),
    runtime: 10,
    config: { lr: 0.001, opt: 'adam' },
    summary: { loss: 0.75 },
  },
];

const state = (patch: Partial<TableState> = {}): TableState => ({ ...defaultState(), ...patch });

async function mount(source: RunSource, patch: Partial<TableState> = {}, lang = 'en'): Promise<RunTable> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}>
      <run-table .source=${source} refresh-interval="0" .tableState=${state(patch)}></run-table>
    </div>`,
  );
  const el = wrapper.querySelector('run-table')!;
  await until(() => !!el.shadowRoot!.querySelector('.body-row, .rp-state:not(.rp-state--loading), .no-matches'));
  await el.updateComplete;
  return el;
}

const root = (el: RunTable) => el.shadowRoot!;
const ids = (el: RunTable) => [...root(el).querySelectorAll<HTMLElement>('.body-row')].map((r) => r.dataset.id);

async function search(el: RunTable, q: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>('.toolbar > .search')!;
  input.value = q;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

describe('run-table', () => {
  it('lists every run: name with its id, project, group, state, runtime, tags', async () => {
    const el = await mount(sampleRunsSource(refs));
    expect(ids(el)).to.deep.equal(['ghi333', 'def222', 'abc111']); // newest first
    const row = root(el).querySelector('.body-row[data-id="abc111"]')!;
    expect(row.querySelector('.name-text')!.textContent).to.equal('alpha');
    expect(row.querySelector('.id')!.textContent).to.equal('abc111');
    expect(row.textContent).to.contain('p1').and.contain('g1').and.contain('best').and.contain('1m 40s');
    expect(row.querySelector('[data-state="finished"]')).to.exist;
    expect(shadowText(el)).to.contain('3 runs');
  });

  it('searches ids, names, tags and values: substring, /regex/, -exclude', async () => {
    const el = await mount(sampleRunsSource(refs));
    await search(el, 'ef22');
    expect(ids(el)).to.deep.equal(['def222']);
    await search(el, 'sgd');
    expect(ids(el)).to.deep.equal(['def222']);
    await search(el, '/^al/');
    expect(ids(el)).to.deep.equal(['abc111']);
    await search(el, 'adam -gamma');
    expect(ids(el)).to.deep.equal(['abc111']);
    await search(el, 'lr=0.01');
    expect(ids(el)).to.deep.equal(['def222']);
    await search(el, 'nothing-like-this');
    expect(ids(el)).to.deep.equal([]);
    expect(root(el).querySelector('.no-matches')!.textContent).to.contain('No run matches');
    await search(el, '/[/');
    expect(shadowText(el)).to.contain('not a regular expression');
  });

  it('filters by state, project and tag', async () => {
    const el = await mount(sampleRunsSource(refs));
    const pick = async (name: string, value: string) => {
      const select = root(el).querySelector<HTMLSelectElement>(`select[data-filter="${name}"]`)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
    };
    await pick('state', 'failed');
    expect(ids(el)).to.deep.equal(['def222']);
    await pick('state', '');
    await pick('project', 'p1');
    expect(ids(el)).to.deep.equal(['ghi333', 'abc111']);
    await pick('tag', 'best');
    expect(ids(el)).to.deep.equal(['abc111']);
  });

  it('sorts by a column with aria-sort, and by an added summary column', async () => {
    const el = await mount(sampleRunsSource(refs), { columns: ['summary.loss', 'summary.mem_bytes'] });
    const header = (col: string) => root(el).querySelector<HTMLElement>(`.head [data-column="${col}"]`)!;
    expect(header('started').getAttribute('aria-sort')).to.equal('descending');
    header('name').querySelector('button')!.click();
    await el.updateComplete;
    expect(header('name').getAttribute('aria-sort')).to.equal('ascending');
    expect(header('started').getAttribute('aria-sort')).to.equal('none');
    expect(ids(el)).to.deep.equal(['abc111', 'def222', 'ghi333']);
    header('summary.loss').querySelector('button')!.click();
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['ghi333', 'abc111', 'def222']); // numbers: largest first
    header('summary.loss').querySelector('button')!.click();
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['def222', 'abc111', 'ghi333']);
    const cell = root(el).querySelector<HTMLElement>('.body-row[data-id="abc111"] [data-column="summary.mem_bytes"]')!;
    expect(cell.classList.contains('num')).to.be.true;
    expect(cell.textContent!.trim()).to.equal('2 KB');
    // a run without the value shows a dash, not "undefined"
    expect(
      root(el).querySelector('.body-row[data-id="def222"] [data-column="summary.mem_bytes"]')!.textContent!.trim(),
    ).to.equal('—');
  });

  it('adds and removes columns through the picker with search', async () => {
    const el = await mount(sampleRunsSource(refs));
    const button = root(el).querySelector<HTMLButtonElement>('button.columns')!;
    button.focus();
    button.click();
    await el.updateComplete;
    // its code loads on the first opening: a busy box stands in its place meanwhile, focus stays put
    expect(root(el).querySelector('.picker')!.getAttribute('aria-busy')).to.equal('true');
    expect(root(el).activeElement).to.equal(button);
    await loadColumnPicker(el);
    await el.updateComplete;
    const picker = root(el).querySelector('.picker')!;
    const all = [...picker.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].map((i) => i.dataset.key);
    expect(all).to.deep.equal(['config.lr', 'config.opt', 'summary.loss', 'summary.mem_bytes']);
    const q = picker.querySelector<HTMLInputElement>('.picker-search')!;
    q.value = 'opt';
    q.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const boxes = root(el).querySelectorAll<HTMLInputElement>('.picker input[type=checkbox]');
    expect(boxes.length).to.equal(1);
    boxes[0].click();
    await el.updateComplete;
    expect(el.tableState.columns).to.deep.equal(['config.opt']);
    expect(root(el).querySelector('.body-row[data-id="def222"] [data-column="config.opt"]')!.textContent).to.contain(
      'sgd',
    );
    root(el).querySelector<HTMLButtonElement>('.head [data-column="config.opt"] .remove')!.click();
    await el.updateComplete;
    expect(el.tableState.columns).to.deep.equal([]);
    // a press outside the picker closes it; one inside does not
    root(el)
      .querySelector('.picker')!
      .dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(root(el).querySelector('.picker')).to.exist;
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(root(el).querySelector('.picker')).to.be.null;
  });

  it('groups by project with counts, and a group folds', async () => {
    const el = await mount(sampleRunsSource(refs), { groupBy: 'project' });
    const groups = [...root(el).querySelectorAll('.group-row')].map((g) => g.textContent!.replace(/\s+/g, ' ').trim());
    expect(groups).to.deep.equal(['▸ p1 (2)', '▸ p2 (1)']);
    root(el).querySelector<HTMLElement>('.group-row')!.click();
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['def222']);
  });

  it('keyboard: arrows move, Space ticks, Enter opens', async () => {
    const el = await mount(sampleRunsSource(refs));
    const opened: string[] = [];
    el.addEventListener('run-table-open', (e) => {
      e.preventDefault();
      opened.push(e.detail.runId);
    });
    root(el).querySelector<HTMLElement>('.body-row')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect((root(el).activeElement as HTMLElement).dataset.id).to.equal('def222');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.tableState.ticked).to.deep.equal(['def222']);
    expect(root(el).querySelector('.body-row[data-id="def222"]')!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.tableState.ticked).to.deep.equal(['def222', 'abc111']);
    expect(root(el).querySelector('button.compare')!.textContent).to.contain('Compare 2');
    await sendKeys({ press: 'Enter' });
    expect(opened).to.deep.equal(['abc111']);
  });

  it('draws only the rows on screen for 10,000 runs, and scrolls to the end', async () => {
    const many = generateSampleRefs({ count: 10_000, running: 0 });
    const el = await mount(sampleRunsSource(many));
    const drawn = root(el).querySelectorAll('.body-row').length;
    expect(drawn).to.be.greaterThan(5).and.lessThan(80);
    expect(root(el).querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).to.equal('10001');
    const scroller = root(el).querySelector<HTMLElement>('.scroller')!;
    scroller.scrollTop = scroller.scrollHeight;
    await until(() => ids(el).includes(many[many.length - 1].id)); // oldest last
  });

  it('pages a source that pages: the first screen from one small page, the rest in the background', async () => {
    const many = generateSampleRefs({ count: 3000, running: 0 });
    const asked: { limit?: number; cursor?: string }[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const paged: RunSource = {
      getRun: () => Promise.reject(new SourceError('not-found', 'x')),
      listRuns: () => Promise.reject(new Error('a paging source is not asked for every run at once')),
      async queryRuns(q, o) {
        asked.push({ limit: q.limit, cursor: q.cursor });
        if (q.cursor) await held;
        return queryRunList(many, q, o);
      },
    };
    const el = await mount(paged);
    // the first screen is up while the later pages are held back
    expect(asked[0]).to.deep.equal({ limit: 200, cursor: undefined });
    expect(root(el).querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).to.equal('201');
    release();
    await until(() => root(el).querySelector('[role="grid"]')!.getAttribute('aria-rowcount') === '3001');
    expect(asked.map((a) => a.cursor)).to.deep.equal([undefined, '200', '2200']);
    // a search covers the runs of every page (the oldest run came in the last one)
    const oldest = many.reduce((a, b) => ((a.startedAt ?? 0) < (b.startedAt ?? 0) ? a : b));
    await search(el, oldest.id);
    expect(ids(el)).to.deep.equal([oldest.id]);
  });

  it('a running run ticks its runtime each second (fake clock)', async () => {
    let clock: FakeClock | undefined;
    try {
      clock = installFakeClock();
      const start = clock.now - 65_000;
      const el = await mount(sampleRunsSource([{ id: 'live1', name: 'live', state: 'running', startedAt: start }]));
      const runtime = () => root(el).querySelector<HTMLElement>('[data-runtime]')!.textContent!.trim();
      expect(runtime()).to.equal('1m 5s');
      clock.tick(3000);
      await el.updateComplete;
      expect(runtime()).to.equal('1m 8s');
    } finally {
      clock?.restore();
    }
  });

  it('updates live as a run ends', async () => {
    const source = new MemorySource({ info: { id: 'r1', name: 'live', state: 'running', startedAt: Date.now() } });
    const el = await mount(source);
    expect(root(el).querySelector('[data-state]')!.getAttribute('data-state')).to.equal('running');
    source.append('r1', { run: { state: 'finished', endedAt: Date.now() } });
    await until(() => root(el).querySelector('[data-state]')!.getAttribute('data-state') === 'finished');
  });

  it('shows every state: loading, empty, error with retry, unsupported', async () => {
    const loading = await fixture<RunTable>(
      html`<run-table
        .source=${{ getRun: () => new Promise(() => {}), listRuns: () => new Promise(() => {}) }}
      ></run-table>`,
    );
    await loading.updateComplete;
    expect(root(loading).querySelector('.rp-state--loading')).to.exist;

    const empty = await mount(sampleRunsSource([]));
    expect(shadowText(empty)).to.contain('No runs');

    let calls = 0;
    const flaky: RunSource = {
      getRun: () => Promise.reject(new SourceError('unavailable', 'down')),
      listRuns: async () => {
        calls++;
        if (calls === 1) throw new SourceError('unavailable', 'The server did not answer (503).');
        return refs;
      },
    };
    const failing = await mount(flaky);
    expect(shadowText(failing)).to.contain('503');
    root(failing).querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await until(() => ids(failing).length === 3);

    const unsupported = await mount({ getRun: () => Promise.reject(new SourceError('not-found', 'x')) });
    expect(root(unsupported).querySelector('.rp-state--unsupported')).to.exist;
  });

  it('a slow answer of a source no longer shown never replaces the new one', async () => {
    let answerOld: (refs: RunRef[]) => void = () => {};
    const slow: RunSource = {
      getRun: () => Promise.reject(new SourceError('not-found', 'x')),
      // ignores the abort signal, as a careless source might
      listRuns: () => new Promise<RunRef[]>((resolve) => (answerOld = resolve)),
    };
    const el = await fixture<RunTable>(html`<run-table refresh-interval="0" .source=${slow}></run-table>`);
    await el.updateComplete;
    el.source = sampleRunsSource(refs);
    await until(() => ids(el).length === 3);
    answerOld([{ id: 'stale', state: 'finished' }]);
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(ids(el)).to.have.members(['abc111', 'def222', 'ghi333']);
  });

  it('shows hostile text as text', async () => {
    const el = await mount(
      sampleRunsSource([{ id: '<b>id</b>', name: '<img src=x onerror="window.hacked=1">', tags: ['<i>t</i>'] }]),
    );
    expect(root(el).querySelector('img, b, i')).to.be.null;
    expect(shadowText(el)).to.contain('<img src=x');
    expect((window as { hacked?: number }).hacked).to.equal(undefined);
  });

  it('passes axe in light and dark, with added columns and grouping', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await mount(sampleRunsSource(refs), { columns: ['summary.loss'], groupBy: 'project' });
      el.theme = theme as 'light' | 'dark';
      await el.updateComplete;
      await expect(el).to.be.accessible();
    }
  });

  it('speaks Japanese', async () => {
    const el = await mount(sampleRunsSource(refs), {}, 'ja');
    expect(shadowText(el)).to.contain('3 件のラン').and.contain('名前').and.contain('完了');
  });

  it('keeps its state in the URL hash with url-state', async () => {
    const before = location.hash;
    try {
      history.replaceState(null, '', '#q=alpha&sort=name:asc&compare=abc111');
      const wrapper = await fixture<HTMLElement>(
        html`<div><run-table url-state refresh-interval="0" .source=${sampleRunsSource(refs)}></run-table></div>`,
      );
      const el = wrapper.querySelector('run-table')!;
      await until(() => ids(el).length > 0);
      expect(ids(el)).to.deep.equal(['abc111']);
      expect(el.tableState.ticked).to.deep.equal(['abc111']);
      await search(el, 'a');
      expect(location.hash).to.contain('q=a&').and.contain('sort=name%3Aasc').and.contain('compare=abc111');
    } finally {
      history.replaceState(null, '', before || location.pathname);
    }
  });
});
