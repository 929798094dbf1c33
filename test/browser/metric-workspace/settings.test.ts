import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { chartOf, freshStorageKey, panelTitles, root, sourceOf, workspace } from './helpers.js';
import type { MetricWorkspace } from '../../../src/elements/metric-workspace/metric-workspace.js';

const KEYS = ['train/loss', 'train/accuracy', 'val/loss', 'epoch'];

async function chartReady(el: MetricWorkspace, id: string) {
  await waitUntil(() => chartOf(el, id), `no chart for ${id}`, { timeout: 5000 });
  return chartOf(el, id)!;
}

function dialog(el: MetricWorkspace): HTMLDialogElement {
  return root(el).querySelector('dialog.settings')!;
}

/** Whether the settings dialog is open (it is in the page only once its code has loaded). */
function dialogOpen(el: MetricWorkspace): boolean {
  return root(el).querySelector<HTMLDialogElement>('dialog.settings')?.open === true;
}

function button(el: MetricWorkspace, label: string): HTMLButtonElement {
  const b = [...root(el).querySelectorAll<HTMLButtonElement>('button')].find(
    (x) => x.getAttribute('aria-label') === label,
  );
  if (!b) throw new Error(`no button ${label}`);
  return b;
}

describe('metric-workspace: settings', () => {
  it('resolves workspace < section < panel for every chart', async () => {
    const el = await workspace(sourceOf(KEYS));
    el.settings = {
      version: 1,
      workspace: { x: 'relative', smoothing: 'ema', smoothingWeight: 0.8, ignoreOutliers: true },
      sort: 'alpha',
      syncZoom: false,
      sections: { train: { x: 'wallclock', smoothing: 'gaussian' } },
      panels: { 'train/loss': { x: 'step', logY: true } },
      custom: [],
      hidden: [],
    };
    await el.updateComplete;
    const loss = await chartReady(el, 'train/loss');
    const acc = await chartReady(el, 'train/accuracy');
    const val = await chartReady(el, 'val/loss');
    expect([loss.x, loss.smoothing, loss.logY, loss.ignoreOutliers]).to.deep.equal(['step', 'gaussian', true, true]);
    expect([acc.x, acc.smoothing, acc.logY]).to.deep.equal(['wallclock', 'gaussian', false]);
    expect([val.x, val.smoothing, val.smoothingWeight]).to.deep.equal(['relative', 'ema', 0.8]);
    // a workspace change reaches panels that do not override it
    const xSelect = root(el).querySelector<HTMLSelectElement>('[part~="toolbar"] select')!;
    xSelect.value = 'process';
    xSelect.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(val.x).to.equal('process');
    expect(acc.x).to.equal('wallclock');
    expect(loss.x).to.equal('step');
  });

  it('edits a panel in an accessible modal dialog and resets it to automatic', async () => {
    const el = await workspace(sourceOf(KEYS));
    await chartReady(el, 'val/loss');
    const opener = button(el, 'Settings of val/loss');
    opener.focus();
    opener.click();
    // the dialog's code loads on the first opening: the opener keeps focus and says it is busy meanwhile
    expect(opener.getAttribute('aria-busy')).to.equal('true');
    expect(root(el).activeElement).to.equal(opener);
    await waitUntil(() => dialogOpen(el));
    expect(opener.hasAttribute('aria-busy')).to.equal(false);
    expect(dialog(el).matches(':modal')).to.equal(true);
    expect(dialog(el).getAttribute('aria-labelledby')).to.equal('dialog-title');
    // its labels load with it (settings-dialog.messages.ts)
    expect(dialog(el).querySelector('#dialog-title')!.textContent!.trim()).to.equal('Settings of val/loss');
    expect(root(el).activeElement && dialog(el).contains(root(el).activeElement)).to.equal(true);
    await expect(el).to.be.accessible();
    const form = dialog(el).querySelector('form')!;
    (form.querySelector('[name="title"]') as HTMLInputElement).value = 'Validation <b>loss</b>';
    (form.querySelector('[name="x"]') as HTMLSelectElement).value = 'wallclock';
    (form.querySelector('[name="logY"]') as HTMLInputElement).checked = true;
    (form.querySelector('[name="colors"]') as HTMLInputElement).value = 'tomato';
    // a second metric on the same chart
    const box = [...form.querySelectorAll('.metric-list label')].find((l) => l.textContent!.trim() === 'train/loss')!;
    (box.querySelector('input') as HTMLInputElement).click();
    await el.updateComplete;
    const changed = oneEvent(el, 'metric-workspace-change');
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = await changed;
    expect(detail.settings.panels['val/loss']).to.deep.equal({
      title: 'Validation <b>loss</b>',
      x: 'wallclock',
      logY: true,
      colors: ['tomato'],
      metrics: ['val/loss', 'train/loss'],
    });
    await waitUntil(() => !dialog(el).open);
    expect(root(el).activeElement).to.equal(opener);
    expect(panelTitles(el, 'val')).to.deep.equal(['Validation <b>loss</b>']);
    expect(root(el).querySelector('.panel-title b')).to.equal(null);
    const chart = chartOf(el, 'val/loss')!;
    expect([chart.x, chart.logY, chart.metrics]).to.deep.equal(['wallclock', true, ['val/loss', 'train/loss']]);

    button(el, 'Settings of Validation <b>loss</b>').click();
    await waitUntil(() => dialogOpen(el));
    [...dialog(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Reset to automatic')!.click();
    await waitUntil(() => !dialog(el).open);
    expect(el.settings.panels).to.deep.equal({});
    expect(panelTitles(el, 'val')).to.deep.equal(['val/loss']);
  });

  it('the dialog inherits at every level and offers metric keys as x; the toolbar sets values', async () => {
    const el = await workspace(sourceOf(KEYS));
    el.settings = {
      version: 1,
      workspace: {},
      sort: 'alpha',
      syncZoom: false,
      sections: {},
      panels: { epoch: { smoothing: 'ema', ignoreOutliers: false } },
      custom: [],
      hidden: [],
    };
    await chartReady(el, 'epoch');
    const values = (select: HTMLSelectElement) => [...select.options].map((o) => o.value);
    const toolbar = root(el).querySelector('[part~="toolbar"]')!;
    const toolbarX = toolbar.querySelector('select')!;
    expect(values(toolbarX)).to.deep.equal(['step', 'relative', 'process', 'wallclock']);
    expect(toolbar.querySelector('[name]'), 'toolbar fields are not form fields').to.equal(null);
    expect(toolbar.querySelector<HTMLInputElement>('.check input[type="checkbox"]')).to.not.equal(null);

    button(el, 'Settings of epoch').click();
    await waitUntil(() => dialogOpen(el));
    const field = <T extends Element>(name: string) => dialog(el).querySelector<T>(`[name="${name}"]`)!;
    const x = field<HTMLSelectElement>('x');
    expect(values(x)).to.deep.equal(['', 'step', 'relative', 'process', 'wallclock', ...KEYS]);
    expect(x.value, 'x inherited').to.equal('');
    const smoothing = field<HTMLSelectElement>('smoothing');
    expect(values(smoothing)[0]).to.equal('');
    expect(smoothing.value).to.equal('ema');
    const outliers = field<HTMLSelectElement>('ignoreOutliers');
    expect(values(outliers)).to.deep.equal(['', 'on', 'off']);
    expect(outliers.value).to.equal('off');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open);

    button(el, 'Settings of section train').click();
    await waitUntil(() => dialogOpen(el));
    expect(values(field<HTMLSelectElement>('x'))).to.deep.equal([
      '',
      'step',
      'relative',
      'process',
      'wallclock',
      ...KEYS,
    ]);
    expect(field<HTMLSelectElement>('ignoreOutliers').value, 'section inherits').to.equal('');
  });

  it('rejects an invalid colour and keeps the dialog open; Escape closes it', async () => {
    const el = await workspace(sourceOf(KEYS));
    await chartReady(el, 'epoch');
    button(el, 'Settings of epoch').click();
    await waitUntil(() => dialogOpen(el));
    (dialog(el).querySelector('[name="colors"]') as HTMLInputElement).value = 'notacolour';
    dialog(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect(dialog(el).querySelector('[role="alert"]')!.textContent).to.contain('notacolour');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open);
    expect(el.settings.panels).to.deep.equal({});
  });

  it('section settings override the workspace for that section only', async () => {
    const el = await workspace(sourceOf(KEYS));
    button(el, 'Settings of section train').click();
    await waitUntil(() => dialogOpen(el));
    (dialog(el).querySelector('[name="x"]') as HTMLSelectElement).value = 'relative';
    (dialog(el).querySelector('[name="columns"]') as HTMLSelectElement).value = '1';
    dialog(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => !dialog(el).open);
    expect(el.settings.sections.train).to.deep.equal({ x: 'relative', columns: 1 });
    expect((await chartReady(el, 'train/loss')).x).to.equal('relative');
    expect((await chartReady(el, 'val/loss')).x).to.equal('step');
    const grid = root(el).querySelector<HTMLElement>('section[data-section="train"] .grid')!;
    expect(getComputedStyle(grid).gridTemplateColumns.split(' ').length).to.equal(1);
  });

  it('adds, duplicates and deletes panels, and restores deleted ones', async () => {
    const el = await workspace(sourceOf(KEYS));
    await chartReady(el, 'epoch');
    button(el, 'Duplicate epoch').click();
    await el.updateComplete;
    expect(panelTitles(el, '')).to.deep.equal(['epoch', 'epoch']);
    expect(el.settings.custom).to.deep.equal([{ id: 'panel-1', section: '', metrics: ['epoch'] }]);
    button(el, 'Add a panel to val').click();
    await waitUntil(() => dialogOpen(el));
    dialog(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await el.updateComplete;
    expect(dialog(el).querySelector('[role="alert"]')!.textContent).to.contain('Choose at least one metric');
    const box = [...dialog(el).querySelectorAll('.metric-list label')].find(
      (l) => l.textContent!.trim() === 'train/accuracy',
    )!;
    (box.querySelector('input') as HTMLInputElement).click();
    await el.updateComplete;
    (dialog(el).querySelector('[name="title"]') as HTMLInputElement).value = 'Accuracy next to val';
    dialog(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => !dialog(el).open);
    expect(panelTitles(el, 'val')).to.deep.equal(['Accuracy next to val', 'val/loss']);
    await chartReady(el, 'val/loss');
    button(el, 'Delete val/loss').click();
    await el.updateComplete;
    expect(panelTitles(el, 'val')).to.deep.equal(['Accuracy next to val']);
    expect(el.settings.hidden).to.deep.equal(['val/loss']);
    [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Restore deleted panels'))!.click();
    await el.updateComplete;
    expect(panelTitles(el, 'val')).to.deep.equal(['Accuracy next to val', 'val/loss']);
  });

  it('persists across reload with the same storage key, apart from other keys', async () => {
    const key = freshStorageKey();
    const source = sourceOf(KEYS);
    const first = await workspace(source, { storageKey: key });
    root(first).querySelector<HTMLButtonElement>('section[data-section="val"] [aria-pressed]')!.click();
    await first.updateComplete;
    const cols = root(first).querySelectorAll<HTMLSelectElement>('[part~="toolbar"] select')[2];
    cols.value = '3';
    cols.dispatchEvent(new Event('change'));
    await first.updateComplete;
    first.remove();

    const again = await workspace(source, { storageKey: key });
    expect(again.settings.sections.val).to.deep.equal({ pinned: true });
    expect(again.settings.workspace.columns).to.equal(3);
    expect(root(again).querySelector('section')!.getAttribute('data-section')).to.equal('val');
    const other = await workspace(source, { storageKey: freshStorageKey() });
    expect(other.settings.sections).to.deep.equal({});
  });

  it('reports malformed saved settings and ignores them without crashing', async () => {
    const key = freshStorageKey();
    localStorage.setItem(
      `runpage:metric-workspace:${key}:ws-run`,
      '{"sections": {"val": {"pinned": true}}, "workspace": {"columns": 99}',
    );
    const el = await workspace(sourceOf(KEYS), { storageKey: key });
    expect(root(el).querySelector('[part~="notice"]')!.textContent).to.contain('could not be used');
    expect(panelTitles(el).length).to.equal(4);
    localStorage.setItem(
      `runpage:metric-workspace:${key}b:ws-run`,
      JSON.stringify({ sections: { val: { pinned: true } }, workspace: { columns: 99 } }),
    );
    const partial = await workspace(sourceOf(KEYS), { storageKey: `${key}b` });
    expect(partial.settings.sections.val.pinned).to.equal(true);
    expect(partial.settings.workspace.columns).to.equal(undefined);
    expect(root(partial).querySelector('[part~="notice"]')!.textContent).to.contain('(1)');
  });
});
