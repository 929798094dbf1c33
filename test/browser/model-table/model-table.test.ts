import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/model-table/define.js';
import type { ModelTable } from '../../../src/elements/model-table/model-table.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { SourceError } from '../../../src/data/errors.js';
import { sampleModel } from '../../../src/data/sample-assets.js';
import type { ModelGraph, RunSource } from '../../../src/data/source.js';
import { mountElement } from '../helpers/mount.js';

const graph: ModelGraph = {
  format: 'test',
  name: 'Net',
  layers: [
    { id: 'enc', name: 'encoder', type: 'Sequential', params: 0 },
    { id: 'enc.0', parent: 'enc', name: 'conv', type: 'Conv2d', params: 1_200_000, outputShape: '(B, 32, 26, 26)' },
    { id: 'enc.1', parent: 'enc', name: 'act', type: 'ReLU', params: 0 },
    { id: 'head', name: 'head', type: 'Linear', params: 50_000, trainableParams: 0 },
    { id: 'emb', name: '<img src=x onerror=alert(1)>', type: '<b>Embedding</b>', params: 300_000 },
  ],
};

/** One root, blocks of 9 layers under it, 10,000 layers in all. */
function manyLayers(count: number): ModelGraph {
  const layers: ModelGraph['layers'] = [{ id: 'model', name: 'model', type: 'Model', params: 0 }];
  for (let b = 0; layers.length < count; b++) {
    layers.push({ id: `b${b}`, parent: 'model', name: `block_${b}`, type: 'Block', params: 0 });
    for (let k = 0; k < 8 && layers.length < count; k++) {
      layers.push({
        id: `b${b}.${k}`,
        parent: `b${b}`,
        name: `linear_${k}`,
        type: 'Linear',
        params: 1000 + k,
        outputShape: '(B, 256)',
      });
    }
  }
  return { format: 'test', layers };
}

const sourceOf = (model?: ModelGraph) => new MemorySource({ info: { id: 'r1', state: 'finished' }, model });

async function settle(el: ModelTable): Promise<void> {
  await waitUntil(
    () => el.shadowRoot!.querySelector('[role="treegrid"], .rp-state:not(.rp-state--loading)'),
    'table or state shown',
    {
      timeout: 5000,
    },
  );
  await el.updateComplete;
}

async function load(model: ModelGraph | null = graph, attrs = ''): Promise<ModelTable> {
  const source = sourceOf(model ?? undefined);
  const el = await mountElement<ModelTable>('model-table', { source, attrs: { theme: attrs || 'light' } });
  await settle(el);
  return el;
}

const rowNames = (el: ModelTable) =>
  [...el.shadowRoot!.querySelectorAll('.body-row .name-text')].map((e) => e.textContent);
const row = (el: ModelTable, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('.body-row')].find(
    (r) => r.querySelector('.name-text')?.textContent === name,
  )!;
const active = (el: ModelTable) => el.shadowRoot!.activeElement as HTMLElement | null;

describe('<model-table>', () => {
  it('shows every layer with type, compact count, exact count on hover, shape and share', async () => {
    const el = await load();
    expect(rowNames(el)).to.deep.equal(['encoder', 'conv', 'act', 'head', '<img src=x onerror=alert(1)>']);
    const conv = row(el, 'conv');
    const cells = conv.querySelectorAll('[role="gridcell"]');
    expect(cells[1].textContent!.trim()).to.equal('Conv2d');
    expect(cells[2].textContent!.trim()).to.equal('1.2M');
    expect(cells[2].getAttribute('title')).to.equal('1,200,000 parameters');
    expect(cells[3].textContent!.trim()).to.equal('(B, 32, 26, 26)');
    expect(cells[4].textContent!.trim()).to.equal('77%');
    expect(row(el, 'act').querySelectorAll('[role="gridcell"]')[4].textContent!.trim()).to.equal('0%');
    // A module's count and share include its children.
    const enc = row(el, 'encoder').querySelectorAll('[role="gridcell"]');
    expect(enc[2].textContent!.trim()).to.equal('1.2M');
    expect(enc[2].getAttribute('title')).to.equal('1,200,000 parameters (0 in this layer itself)');
    expect(row(el, 'encoder').getAttribute('aria-level')).to.equal('1');
    expect(conv.getAttribute('aria-level')).to.equal('2');
  });

  it('shows hostile names and types as text', async () => {
    const el = await load();
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.body-row b')).to.equal(null);
    expect(row(el, '<img src=x onerror=alert(1)>').textContent).to.contain('<b>Embedding</b>');
  });

  it('a tiny share reads <0.1%, not 0.0%', async () => {
    const el = await load({
      format: 't',
      layers: [
        { id: 'big', name: 'big', params: 1_000_000 },
        { id: 'tiny', name: 'tiny', params: 10 },
      ],
    });
    expect(row(el, 'tiny').querySelectorAll('[role="gridcell"]')[4].textContent!.trim()).to.equal('<0.1%');
  });

  it('totals equal the sum of the layers', async () => {
    const model = sampleModel();
    const el = await load(model);
    const sum = model.layers.reduce((s, l) => s + l.params, 0);
    const trainable = model.layers.reduce((s, l) => s + (l.trainableParams ?? l.params), 0);
    const total = (k: string) =>
      Number(el.shadowRoot!.querySelector(`[data-total="${k}"] dd`)!.getAttribute('data-exact'));
    expect(total('total')).to.equal(sum);
    expect(total('trainable')).to.equal(trainable);
    expect(total('non-trainable')).to.equal(sum - trainable);
    // A top-level module's row counts everything inside it.
    const top = model.layers.find((l) => !l.parent && model.layers.some((c) => c.parent === l.id))!;
    const inside = (id: string): number =>
      model.layers.filter((l) => l.parent === id).reduce((s, l) => s + l.params + inside(l.id), 0);
    expect(Number(row(el, top.name).querySelectorAll('[role="gridcell"]')[2].getAttribute('data-exact'))).to.equal(
      top.params + inside(top.id),
    );
  });

  it('collapse hides children; expand shows them; collapse all and expand all', async () => {
    const el = await load();
    const twisty = row(el, 'encoder').querySelector<HTMLElement>('.twisty')!;
    twisty.click();
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(['encoder', 'head', '<img src=x onerror=alert(1)>']);
    expect(row(el, 'encoder').getAttribute('aria-expanded')).to.equal('false');
    row(el, 'encoder').querySelector<HTMLElement>('.twisty')!.click();
    await el.updateComplete;
    expect(rowNames(el)).to.have.length(5);
    const [expandAll, collapseAll] = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toolbar button');
    collapseAll.click();
    await el.updateComplete;
    expect(rowNames(el)).to.have.length(3);
    expandAll.click();
    await el.updateComplete;
    expect(rowNames(el)).to.have.length(5);
  });

  it('search keeps ancestors of matches; sort orders siblings by parameters', async () => {
    const el = await load();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('.search')!;
    input.value = 'relu';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(['encoder', 'act']);
    expect(el.shadowRoot!.querySelector('.count')!.textContent).to.contain('1 matching');
    input.value = 'zzz';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.no-matches')).to.exist;
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;

    const sort = el.shadowRoot!.querySelector<HTMLButtonElement>('.sort')!;
    sort.click();
    await el.updateComplete;
    expect(el.sort).to.equal('desc');
    expect(sort.parentElement!.getAttribute('aria-sort')).to.equal('descending');
    expect(rowNames(el)).to.deep.equal(['encoder', 'conv', 'act', '<img src=x onerror=alert(1)>', 'head']);
    sort.click();
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(['head', '<img src=x onerror=alert(1)>', 'encoder', 'act', 'conv']);
  });

  it('keyboard tree navigation: arrows, Right/Left expand, collapse and move, Home/End', async () => {
    const el = await load();
    const first = row(el, 'encoder');
    expect(first.tabIndex).to.equal(0);
    first.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active(el)?.dataset.id).to.equal('enc.0');
    await sendKeys({ press: 'ArrowLeft' }); // leaf: to parent
    await el.updateComplete;
    expect(active(el)?.dataset.id).to.equal('enc');
    await sendKeys({ press: 'ArrowLeft' }); // expanded: collapse
    await el.updateComplete;
    expect(rowNames(el)).to.have.length(3);
    expect(active(el)?.dataset.id).to.equal('enc');
    await sendKeys({ press: 'ArrowRight' }); // collapsed: expand
    await el.updateComplete;
    expect(rowNames(el)).to.have.length(5);
    await sendKeys({ press: 'ArrowRight' }); // expanded: first child
    await el.updateComplete;
    expect(active(el)?.dataset.id).to.equal('enc.0');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(active(el)?.dataset.id).to.equal('emb');
    expect(active(el)?.tabIndex).to.equal(0);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(active(el)?.dataset.id).to.equal('enc');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(active(el)?.dataset.id).to.equal('enc');
  });

  it('virtualises 10,000 layers and reaches the last one with End', async () => {
    const model = manyLayers(10_000);
    const el = await load(model);
    const rendered = el.shadowRoot!.querySelectorAll('.body-row').length;
    expect(rendered).to.be.greaterThan(5).and.lessThan(200);
    expect(el.shadowRoot!.querySelector('[role="treegrid"]')!.getAttribute('aria-rowcount')).to.equal(
      String(model.layers.length + 1),
    );
    row(el, 'model').focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => active(el)?.dataset.id === model.layers.at(-1)!.id, 'the last row focused');
    expect(active(el)?.dataset.id).to.equal(model.layers.at(-1)!.id);
    expect(active(el)?.getAttribute('aria-rowindex')).to.equal(String(model.layers.length + 1));
  });

  it('states: empty, unsupported, error with working retry, loading', async () => {
    const empty = await load(null);
    expect(empty.shadowRoot!.querySelector('.rp-state--empty')!.textContent).to.contain('No model logged');

    const unsupported = await mountElement<ModelTable>('model-table', {
      source: { getRun: async () => ({ id: 'r', state: 'finished' }), defaultRunId: () => 'r' },
    });
    await settle(unsupported);
    expect(unsupported.shadowRoot!.querySelector('.rp-state--unsupported')).to.exist;

    let calls = 0;
    const flaky: RunSource = {
      getRun: async () => ({ id: 'r', state: 'finished' }),
      defaultRunId: () => 'r',
      getModel: async () => {
        calls++;
        if (calls === 1) throw new SourceError('unavailable', 'Server is down');
        return graph;
      },
    };
    const el = await mountElement<ModelTable>('model-table', { source: flaky });
    await settle(el);
    expect(el.shadowRoot!.querySelector('.rp-state--error')!.textContent).to.contain('Server is down');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await settle(el);
    expect(rowNames(el)).to.have.length(5);

    const never: RunSource = {
      getRun: () => new Promise(() => {}),
      defaultRunId: () => 'r',
      getModel: () => new Promise(() => {}),
    };
    const loading = await mountElement('model-table', { source: never });
    expect(loading.shadowRoot!.querySelector('.rp-state--loading')).to.exist;
  });

  it('bad layer data is repaired and reported, intact layers kept', async () => {
    const el = await load({
      format: 'test',
      layers: [
        { id: 'a', name: 'a', type: 'Linear', params: 10 },
        { id: 'b', parent: 'missing', name: 'b', params: 'lots' as unknown as number },
        { id: 'a', name: 'again', params: 5 },
      ],
    });
    expect(rowNames(el)).to.deep.equal(['a', 'b', 'again']);
    expect(el.shadowRoot!.querySelector('[data-total="total"] dd')!.getAttribute('data-exact')).to.equal('15');
    const warnings = el.shadowRoot!.querySelector('.warnings')!;
    expect(warnings.querySelector('summary')!.textContent).to.contain('2 problems');
    expect(warnings.textContent).to.contain('unknown parent missing');
    // a count that is no number never reaches the table: the source boundary leaves it out and says so
    // (the notice's code loads with the first repair)
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="read-problems"]'), 'no read-problems notice');
    expect(el.shadowRoot!.querySelector('[part~="read-problems"]')!.textContent).to.contain('layer parameter counts');
  });

  it('search and sort given as attributes before connection; a bad sort warns and falls back', async () => {
    const el = await fixture<ModelTable>(
      html`<model-table .source=${sourceOf(graph)} search="conv" sort="desc"></model-table>`,
    );
    await settle(el);
    expect(rowNames(el)).to.deep.equal(['encoder', 'conv']);
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...args: unknown[]) => warned.push(args[0]);
    try {
      el.setAttribute('sort', 'sideways');
      await el.updateComplete;
      await el.updateComplete;
    } finally {
      console.warn = warn;
    }
    expect(el.sort).to.equal('none');
    expect(String(warned[0])).to.contain('sideways');
  });

  it('a graph without parameter counts (an MLflow signature) shows its name, types and shapes, no counts', async () => {
    const signature: ModelGraph = {
      format: 'mlflow-signature',
      name: 'model (pytorch)',
      layers: [
        { id: 'signature/inputs', name: 'inputs', type: '1 column', params: 0 },
        {
          id: 'signature/inputs/0',
          parent: 'signature/inputs',
          name: 'image',
          type: 'float32 tensor',
          inputShape: '(-1, 28, 28)',
          params: 0,
        },
        { id: 'signature/outputs', name: 'outputs', type: '1 tensor', params: 0 },
        {
          id: 'signature/outputs/0',
          parent: 'signature/outputs',
          name: '[0]',
          type: 'float32 tensor',
          outputShape: '(-1, 10)',
          params: 0,
        },
      ],
    };
    const el = await load(signature);
    const root = el.shadowRoot!;
    expect(root.querySelector('[part="model-name"]')!.textContent).to.equal('model (pytorch)');
    expect(root.querySelector('[part="totals"]')).to.equal(null);
    const heads = [...root.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent!.trim());
    expect(heads).to.deep.equal(['Name', 'Type', 'Shape']);
    expect(row(el, 'image').textContent).to.contain('(-1, 28, 28)');
    expect(row(el, '[0]').textContent).to.contain('(-1, 10)');
    expect(root.textContent).not.to.contain('0%');
    await expect(el).to.be.accessible();
  });

  it('Japanese labels', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ja"><model-table .source=${sourceOf(graph)}></model-table></div>`,
    );
    const el = wrapper.querySelector('model-table')!;
    await settle(el);
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('パラメータ数');
    expect(text).to.contain('学習対象外');
    expect(el.shadowRoot!.querySelector('.search')!.getAttribute('aria-label')).to.equal('レイヤーを検索');
  });

  it('dark theme changes the colours', async () => {
    const light = await load(graph, 'light');
    const dark = await load(graph, 'dark');
    const bg = (el: ModelTable) => getComputedStyle(el.shadowRoot!.querySelector('.grid')!).backgroundColor;
    expect(bg(dark)).to.not.equal(bg(light));
    expect(bg(dark)).to.equal('rgb(20, 22, 27)');
  });

  it('is accessible', async () => {
    const el = await load();
    await expect(el).to.be.accessible();
    el.search = 'no layer is called this';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.search = '';
    await el.updateComplete;
    const dark = await load(graph, 'dark');
    await expect(dark).to.be.accessible();
  });
});
