import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/artifact-list/define.js';
import type { ArtifactList } from '../../../src/elements/artifact-list/artifact-list.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { SourceError } from '../../../src/data/errors.js';
import type { ArtifactDetail, RunEvent, RunSource } from '../../../src/data/source.js';

const dataset: ArtifactDetail = {
  id: 'mnist:v3',
  name: 'mnist',
  type: 'dataset',
  direction: 'input',
  version: 'v3',
  aliases: ['latest', 'best'],
  size: 11_000_000,
  digest: 'sha256:0123456789abcdef0123',
  createdAt: Date.UTC(2024, 0, 2),
  fileCount: 3,
  description:
    '# MNIST\n\nHandwritten **digits**. <img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>',
  metadata: { images: 70000, split: { train: 60000, test: 10000 }, tags: ['a', 'b'], ok: true, note: null },
  files: [
    { path: 'train/images.idx', name: 'images.idx', kind: 'file', size: 9_000_000 },
    { path: 'train/labels.idx', name: 'labels.idx', kind: 'file', size: 60_000 },
    { path: 'README.md', name: 'README.md', kind: 'file', size: 12 },
  ],
  producer: { id: 'prep-1', name: 'prepare-mnist', state: 'finished' },
  consumers: [
    { id: 'r1', state: 'finished' },
    { id: 'eval-2', name: 'eval', state: 'finished' },
  ],
  versions: [
    { id: 'mnist:v3', name: 'mnist', type: 'dataset', direction: 'input', version: 'v3', aliases: ['latest'] },
    { id: 'mnist:v2', name: 'mnist', type: 'dataset', direction: 'input', version: 'v2', aliases: [] },
  ],
};

const model = (v: number, extra: Partial<ArtifactDetail> = {}): ArtifactDetail => ({
  id: `model:v${v}`,
  name: 'model',
  type: 'model',
  direction: 'output',
  version: `v${v}`,
  aliases: v === 10 ? ['latest'] : [],
  size: 1000 * v,
  createdAt: Date.UTC(2024, 0, 3, v),
  files: [{ path: 'model.pt', name: 'model.pt', kind: 'file', size: 1000 * v }],
  producer: { id: 'r1', state: 'finished' },
  ...extra,
});

const hostile: ArtifactDetail = {
  id: 'evil',
  name: '<img src=x onerror="window.__pwned = 3">',
  type: '<b>bold</b>',
  direction: 'output',
  aliases: ['<i>alias</i>'],
  metadata: { '<b>key</b>': '<img src=x onerror="window.__pwned = 4">' },
  files: [],
};

function sourceWith(artifacts: ArtifactDetail[]): MemorySource {
  const artifactFiles = Object.fromEntries(
    artifacts.map((a) => [a.id, a.files.map((f) => ({ path: f.path, bytes: `contents of ${f.path}` }))]),
  );
  return new MemorySource({ info: { id: 'r1', state: 'finished' }, artifacts, artifactFiles });
}

const all = () => [dataset, model(2), model(10), model(9), hostile];

async function until(el: ArtifactList, ready: () => unknown): Promise<void> {
  await waitUntil(ready, 'the list never got there', { timeout: 5000 });
  await el.updateComplete;
}

const $ = (el: ArtifactList, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: ArtifactList, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const names = (el: ArtifactList, dir: string) =>
  $$(el, `.artifact-row[data-dir="${dir}"] .name-cell`).map((c) => c.textContent);
const versions = (el: ArtifactList, dir: string) =>
  $$(el, `.artifact-row[data-dir="${dir}"] td:nth-child(3)`).map((c) => c.textContent);

async function load(artifacts = all(), theme = 'light'): Promise<ArtifactList> {
  const el = await fixture<ArtifactList>(
    html`<artifact-list .source=${sourceWith(artifacts)} theme=${theme}></artifact-list>`,
  );
  await until(el, () => $(el, '.artifact-row, .rp-state:not(.rp-state--loading)'));
  return el;
}

async function openDetail(el: ArtifactList, id: string): Promise<void> {
  $$(el, '.artifact-row')
    .find((r) => r.dataset.id === id)!
    .click();
  await until(el, () => $(el, '.detail-title'));
}

describe('<artifact-list>', () => {
  it('shows inputs and outputs in two tables with every column', async () => {
    const el = await load();
    expect(names(el, 'input')).to.deep.equal(['mnist']);
    expect(names(el, 'output')).to.have.length(4);
    const cells = $$(el, '.artifact-row[data-dir="input"] td').map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
    expect(cells[0]).to.equal('mnist');
    expect(cells[1]).to.equal('dataset');
    expect(cells[2]).to.equal('v3');
    expect($$(el, '.artifact-row[data-dir="input"] .chip').map((c) => c.textContent)).to.deep.equal(['latest', 'best']);
    expect(cells[4]).to.equal('10.5 MB');
    expect(cells[5]).to.contain('01234567');
    expect($(el, '.artifact-row[data-dir="input"] code')!.getAttribute('title')).to.equal(
      'sha256:0123456789abcdef0123',
    );
    expect(cells[6]).to.contain('2024');
    expect(cells[7]).to.equal('3');
  });

  it('search over name, type and aliases; sort by columns, versions naturally', async () => {
    const el = await load();
    const search = $(el, '.search[data-dir="output"]') as HTMLInputElement;
    search.value = 'latest';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(versions(el, 'output')).to.deep.equal(['v10']);
    search.value = 'bold';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(names(el, 'output')).to.deep.equal(['<img src=x onerror="window.__pwned = 3">']);
    search.value = 'nothing at all';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect($(el, 'section[part~="outputs"] .none')!.textContent).to.contain('No artifact matches');
    search.value = '';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;

    const sortBy = (key: string) => $$(el, `section[part~="outputs"] .sort[data-sort="${key}"]`)[0];
    sortBy('version').click();
    await el.updateComplete;
    expect(versions(el, 'output')).to.deep.equal(['v10', 'v9', 'v2', '—']);
    expect(sortBy('version').parentElement!.getAttribute('aria-sort')).to.equal('descending');
    sortBy('version').click();
    await el.updateComplete;
    expect(versions(el, 'output')).to.deep.equal(['v2', 'v9', 'v10', '—']);
    sortBy('size').click();
    await el.updateComplete;
    expect(versions(el, 'output')).to.deep.equal(['v10', 'v9', 'v2', '—']);
    // The inputs table keeps its own order.
    expect($$(el, 'section[part~="inputs"] th[aria-sort="ascending"]')).to.have.length(1);
  });

  it('opening a detail shows its files, metadata, description and versions, and fires select', async () => {
    const el = await load();
    setTimeout(() =>
      $$(el, '.artifact-row')
        .find((r) => r.dataset.id === 'mnist:v3')!
        .click(),
    );
    const event = await oneEvent(el, 'artifact-list-select');
    expect(event.detail.id).to.equal('mnist:v3');
    await until(el, () => $(el, '.detail-title'));
    expect(el.selected).to.equal('mnist:v3');
    expect($(el, '.detail-title')!.textContent!.replace(/\s+/g, '')).to.equal('mnist:v3');
    // Metadata: a foldable tree, top level open.
    const meta = $(el, '.metadata')!;
    expect(meta.textContent).to.contain('images');
    expect(meta.textContent).to.contain('70000');
    const split = [...meta.querySelectorAll('details')].find((d) =>
      d.querySelector('summary')!.textContent!.includes('split'),
    )!;
    expect(split.open).to.equal(false);
    expect(meta.textContent).to.not.contain('60000');
    split.querySelector('summary')!.click();
    await until(el, () => meta.textContent!.includes('60000'));
    expect(meta.textContent).to.contain('60000');
    // Description: Markdown, sanitized.
    await until(el, () => $(el, '.markdown h5'));
    // Its headings sit below the section heading.
    expect($(el, '.markdown h5')!.textContent).to.equal('MNIST');
    expect($(el, '.markdown h1')).to.equal(null);
    expect($(el, '.markdown strong')!.textContent).to.equal('digits');
    expect($(el, '.markdown script')).to.equal(null);
    expect($(el, '.markdown img')?.getAttribute('onerror') ?? null).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    // Versions: this one and one not in the run.
    expect($(el, '.versions')!.textContent).to.contain('mnist:v2');
    expect($(el, '.versions')!.textContent).to.contain('not in this run');
    // Files, through <file-browser> showing the manifest.
    const files = $(el, '[part~="files"]')!;
    expect(files.textContent).to.contain('3');
    const browser = files.querySelector('[part="file-browser"]') as HTMLElement;
    expect(browser, 'a <file-browser> shows the files').to.exist;
    await waitUntil(() => browser.shadowRoot?.textContent?.includes('README.md'), 'README.md not listed', {
      timeout: 5000,
    });
    expect(browser.shadowRoot!.textContent).to.contain('README.md');
    expect(browser.shadowRoot!.textContent).to.contain('train');
  });

  it('lineage links fire artifact-list-open-run with the run id', async () => {
    const el = await load();
    await openDetail(el, 'mnist:v3');
    const links = $$(el, '[part~="lineage"] .link');
    expect(links.map((l) => l.textContent!.trim())).to.deep.equal(['prepare-mnist', 'r1', 'eval']);
    expect($(el, '[part~="lineage"]')!.textContent).to.contain('(this run)');
    setTimeout(() => links[0].click());
    const event = await oneEvent(el, 'artifact-list-open-run');
    expect(event.detail.runId).to.equal('prep-1');
    setTimeout(() => links[2].click());
    expect((await oneEvent(el, 'artifact-list-open-run')).detail.runId).to.equal('eval-2');
  });

  it('back returns to the list and focuses the opened row; other versions in the run open', async () => {
    const el = await load();
    await openDetail(el, 'model:v9');
    expect(el.shadowRoot!.activeElement?.classList.contains('detail-title')).to.equal(true);
    ($(el, '.back') as HTMLButtonElement).click();
    await until(el, () => $(el, '.artifact-row'));
    expect(el.selected).to.equal('');
    expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id).to.equal('model:v9');

    const withVersions = await load([model(1, { versions: [model(2), model(1)] }), model(2)]);
    await openDetail(withVersions, 'model:v1');
    const other = $$(withVersions, '.versions .link')[0];
    expect(other.textContent!.trim()).to.equal('model:v2');
    other.click();
    await until(withVersions, () => $(withVersions, '.detail-title')?.textContent?.includes('v2'));
    expect(withVersions.selected).to.equal('model:v2');
  });

  it('keyboard: arrows move between rows (roving tabindex), Enter opens', async () => {
    const el = await load();
    const rows = $$(el, '.artifact-row[data-dir="output"]');
    expect(rows.filter((r) => r.tabIndex === 0)).to.have.length(1);
    rows[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(rows[1]);
    expect(rows[1].tabIndex).to.equal(0);
    expect(rows[0].tabIndex).to.equal(-1);
    await sendKeys({ press: 'End' });
    expect(el.shadowRoot!.activeElement).to.equal(rows[rows.length - 1]);
    await sendKeys({ press: 'Home' });
    expect(el.shadowRoot!.activeElement).to.equal(rows[0]);
    const id = rows[0].dataset.id;
    await sendKeys({ press: 'Enter' });
    await until(el, () => $(el, '.detail-title'));
    expect(el.selected).to.equal(id);
  });

  it('draws 500 rows per table, then more on request', async () => {
    const many = Array.from({ length: 620 }, (_, i) => model(i));
    const el = await load(many);
    expect(names(el, 'output')).to.have.length(500);
    const more = $(el, 'section[part~="outputs"] .more')!;
    expect(more.textContent).to.contain('120');
    more.click();
    await el.updateComplete;
    expect(names(el, 'output')).to.have.length(620);
    expect($(el, 'section[part~="outputs"] .more')).to.equal(null);
  });

  it('reloads when the source reports artifacts-changed', async () => {
    const backing = sourceWith([model(1)]);
    let notify: ((e: RunEvent) => void) | undefined;
    const live: RunSource = {
      getRun: (id, o) => backing.getRun(id, o),
      defaultRunId: () => 'r1',
      listArtifacts: (id, o) => backing.listArtifacts(id, o),
      watch: (_id, on) => {
        notify = on;
        return () => (notify = undefined);
      },
    };
    const el = await fixture<ArtifactList>(html`<artifact-list .source=${live}></artifact-list>`);
    await until(el, () => $(el, '.artifact-row'));
    expect(names(el, 'output')).to.have.length(1);
    const grown = sourceWith([model(1), model(2)]);
    live.listArtifacts = (id, o) => grown.listArtifacts(id, o);
    notify!({ type: 'artifacts-changed' });
    await until(el, () => names(el, 'output').length === 2);
    expect(names(el, 'output')).to.have.length(2);
  });

  it('a cancelled select keeps the list', async () => {
    const el = await load();
    el.addEventListener('artifact-list-select', (e) => e.preventDefault());
    $$(el, '.artifact-row')[0].click();
    await el.updateComplete;
    expect(el.selected).to.equal('');
  });

  it('shows hostile names, types, aliases and descriptions as text', async () => {
    const el = await load();
    expect(names(el, 'output')).to.include('<img src=x onerror="window.__pwned = 3">');
    expect(el.shadowRoot!.querySelector('.artifact-row img, .artifact-row b, .artifact-row i')).to.equal(null);
    await openDetail(el, 'evil');
    expect($(el, '.detail-title')!.textContent).to.contain('<img');
    expect($(el, '.metadata')!.textContent).to.contain('<b>key</b>');
    expect($(el, '.metadata')!.textContent).to.contain('window.__pwned = 4');
    expect(el.shadowRoot!.querySelector('.detail img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('states: none logged, unsupported, error with working retry, loading, gone', async () => {
    const none = await load([]);
    expect($(none, '.rp-state--empty')!.textContent).to.contain('No artifacts logged');

    const unsupported = await fixture<ArtifactList>(
      html`<artifact-list
        .source=${{ getRun: async () => ({ id: 'r', state: 'finished' }), defaultRunId: () => 'r' } as RunSource}
      ></artifact-list>`,
    );
    await until(unsupported, () => $(unsupported, '.rp-state--unsupported'));
    expect($(unsupported, '.rp-state--unsupported')).to.exist;

    let calls = 0;
    const backing = sourceWith([model(1)]);
    const flaky: RunSource = {
      getRun: async () => ({ id: 'r1', state: 'finished' }),
      defaultRunId: () => 'r1',
      listArtifacts: async (id, o) => {
        calls++;
        if (calls === 1) throw new SourceError('unavailable', 'Tracking server is down');
        return backing.listArtifacts(id, o);
      },
    };
    const el = await fixture<ArtifactList>(html`<artifact-list .source=${flaky}></artifact-list>`);
    await until(el, () => $(el, '.rp-state--error'));
    expect($(el, '.rp-state--error')!.textContent).to.contain('Tracking server is down');
    ($(el, '[part="retry"]') as HTMLButtonElement).click();
    await until(el, () => $(el, '.artifact-row'));
    expect(names(el, 'output')).to.deep.equal(['model']);

    const never: RunSource = {
      getRun: () => new Promise(() => {}),
      defaultRunId: () => 'r',
      listArtifacts: () => new Promise(() => {}),
    };
    const loading = await fixture<ArtifactList>(html`<artifact-list .source=${never}></artifact-list>`);
    expect($(loading, '.rp-state--loading')).to.exist;

    const gone = await fixture<ArtifactList>(
      html`<artifact-list .source=${sourceWith([model(1)])} selected="nope"></artifact-list>`,
    );
    await until(gone, () => $(gone, '.rp-state--empty'));
    expect($(gone, '.rp-state--empty')!.textContent).to.contain('not in the run');
    ($(gone, '.back') as HTMLButtonElement).click();
    await until(gone, () => $(gone, '.artifact-row'));
    expect(names(gone, 'output')).to.deep.equal(['model']);
  });

  it('Japanese labels', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ja"><artifact-list .source=${sourceWith(all())}></artifact-list></div>`,
    );
    const el = wrapper.querySelector('artifact-list')!;
    await until(el, () => $(el, '.artifact-row'));
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('入力');
    expect(text).to.contain('出力');
    expect(text).to.contain('バージョン');
    await openDetail(el, 'mnist:v3');
    expect(el.shadowRoot!.textContent).to.contain('系譜');
    expect(el.shadowRoot!.textContent).to.contain('メタデータ');
  });

  it('dark theme and accessibility (list and detail)', async () => {
    const light = await load();
    const dark = await load(all(), 'dark');
    expect(getComputedStyle(dark).backgroundColor).to.equal('rgb(20, 22, 27)');
    expect(getComputedStyle(dark).backgroundColor).to.not.equal(getComputedStyle(light).backgroundColor);
    await expect(light).to.be.accessible();
    await expect(dark).to.be.accessible();
    await openDetail(dark, 'mnist:v3');
    await until(dark, () => $(dark, '.markdown h5'));
    await expect(dark).to.be.accessible();
  });
});
