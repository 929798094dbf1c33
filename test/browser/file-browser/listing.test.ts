import { expect, nextFrame, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SourceError } from '../../../src/data/errors.js';
import type { FileListing, Page, Req } from '../../../src/data/source.js';
import { listed, mount, rowNames, shadow, sourceWith, until } from './helpers.js';

const files = [
  { path: 'b_small.txt', bytes: 'x', modified: Date.UTC(2024, 0, 5) },
  { path: 'a_big.bin', bytes: new Uint8Array(5000), modified: Date.UTC(2024, 0, 1) },
  { path: 'c_mid.py', bytes: 'print(1)\n'.repeat(20), modified: Date.UTC(2024, 0, 9) },
  { path: 'checkpoints/ckpt-01.pt', bytes: 'a' },
  { path: 'checkpoints/ckpt-02.pt', bytes: 'a' },
  { path: 'zeta/', bytes: undefined },
];

function headerButton(el: HTMLElement, column: string): HTMLButtonElement {
  return el.shadowRoot!.querySelector(`.head .col-${column} button`) as HTMLButtonElement;
}

describe('file-browser listing', () => {
  it('keeps its toolbar on one line and shows whole dates when it has room', async () => {
    const el = await mount(
      sourceWith([...files, { path: 'late.txt', bytes: 'x', modified: new Date(2026, 11, 17, 23, 44, 48).getTime() }]),
    );
    await listed(el);
    await until(() => shadow(el).querySelectorAll('.tools > *').length === 3, 'the filter, zip download and copy path');
    const boxes = [...shadow(el).querySelectorAll('.tools > *')].map((c) => c.getBoundingClientRect());
    const lowestTop = Math.max(...boxes.map((b) => b.top));
    expect(lowestTop, 'the filter and the buttons share a line').to.be.below(Math.min(...boxes.map((b) => b.bottom)));
    const late = [...shadow(el).querySelectorAll<HTMLElement>('.body .col-modified')].find((c) =>
      c.textContent!.includes('2026'),
    )!;
    expect(late.scrollWidth, `"${late.textContent!.trim()}" is cut`).to.be.at.most(late.clientWidth);
  });

  it('sorts by name, size and modified, folders always first', async () => {
    const el = await mount(sourceWith(files));
    await listed(el);
    expect(rowNames(el)).to.deep.equal(['checkpoints', 'zeta', 'a_big.bin', 'b_small.txt', 'c_mid.py']);
    headerButton(el, 'size').click();
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(['checkpoints', 'zeta', 'a_big.bin', 'c_mid.py', 'b_small.txt']);
    expect(shadow(el).querySelector('.head .col-size')!.getAttribute('aria-sort')).to.equal('descending');
    headerButton(el, 'size').click();
    await el.updateComplete;
    expect(rowNames(el).slice(2)).to.deep.equal(['b_small.txt', 'c_mid.py', 'a_big.bin']);
    headerButton(el, 'modified').click();
    await el.updateComplete;
    expect(rowNames(el).slice(2)).to.deep.equal(['c_mid.py', 'b_small.txt', 'a_big.bin']);
    headerButton(el, 'name').click();
    await el.updateComplete;
    expect(shadow(el).querySelector('.head .col-name')!.getAttribute('aria-sort')).to.equal('ascending');
  });

  it('filters by substring and by glob', async () => {
    const el = await mount(sourceWith(files));
    await listed(el);
    const input = shadow(el).querySelector('input.filter') as HTMLInputElement;
    input.focus();
    await sendKeys({ type: 'SMALL' });
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(['b_small.txt']);
    expect(shadow(el).querySelector('.summary')!.textContent).to.include('1 of 5');
    input.value = '*.p?';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(['c_mid.py']);
    input.value = 'nothing-like-this';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal([]);
    expect(shadow(el).querySelector('.no-matches')!.textContent).to.include('nothing-like-this');
  });

  it('pages from the source as you scroll through 100,000 entries, rendering only a window', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      path: `shards/part-${String(i).padStart(6, '0')}.bin`,
      size: i,
    }));
    const source = sourceWith(many, 500);
    const cursors: (string | undefined)[] = [];
    const list = source.listFiles.bind(source);
    source.listFiles = (runId: string, dir: string, page?: Page, o?: Req): Promise<FileListing> => {
      cursors.push(page?.cursor);
      return list(runId, dir, page, o);
    };
    const el = await mount(source, { path: 'shards' });
    await listed(el);
    expect(cursors).to.deep.equal([undefined]);
    expect(shadow(el).querySelector('.summary')!.textContent).to.include('100,000 entries');
    expect(shadow(el).querySelector('.grid')!.getAttribute('aria-rowcount')).to.equal('100001');
    const rendered = shadow(el).querySelectorAll('.body .row').length;
    expect(rendered).to.be.lessThan(60);
    const grid = shadow(el).querySelector('.grid') as HTMLElement;
    grid.scrollTop = grid.scrollHeight;
    grid.dispatchEvent(new Event('scroll'));
    await until(() => cursors.length >= 2, 'the next page is requested on scroll');
    expect(cursors[1]).to.equal('500');
    await until(() => grid.scrollHeight > 1000 * 32, 'the list grows with the second page');
    grid.scrollTop = grid.scrollHeight;
    grid.dispatchEvent(new Event('scroll'));
    await until(() => rowNames(el).includes('part-000999.bin'), 'rows of the second page are shown');
    expect(shadow(el).querySelectorAll('.body .row').length).to.be.lessThan(60);
  });

  it('fills a tall grid with rows without waiting for a scroll', async () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ path: `f${i}.txt`, size: 1 }));
    const el = await mount(sourceWith(many));
    el.style.height = '1600px';
    await listed(el);
    await until(() => shadow(el).querySelectorAll('.body .row').length >= 1500 / 32, 'rows cover the grid');
  });

  it('reads every page before a filter, so matches in unread pages are found', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ path: `p/f${i}.txt`, size: 1 }));
    const el = await mount(sourceWith(many, 1000), { path: 'p' });
    await listed(el);
    const input = shadow(el).querySelector('input.filter') as HTMLInputElement;
    input.value = 'f2999';
    input.dispatchEvent(new Event('input'));
    await until(() => rowNames(el).join() === 'f2999.txt', 'the match from the last page shows');
  });

  it('shows hostile, unicode and very long names as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>.txt';
    const long = `${'very long name '.repeat(30)}.log`;
    const alerts: unknown[] = [];
    const original = window.alert;
    window.alert = (m?: unknown) => alerts.push(m);
    try {
      const el = await mount(
        sourceWith([
          { path: hostile, bytes: 'safe' },
          { path: 'ファイル 名前 ✓.txt', bytes: 'ok' },
          { path: 'مرحبا.txt', bytes: 'x' },
          { path: long, bytes: 'x' },
        ]),
      );
      await listed(el);
      expect(rowNames(el)).to.include(hostile);
      expect(rowNames(el)).to.include('ファイル 名前 ✓.txt');
      expect(rowNames(el)).to.include(long);
      expect(shadow(el).querySelector('.body img')).to.equal(null);
      const row = [...shadow(el).querySelectorAll('.body .row')].find((r) =>
        r.textContent!.includes(hostile),
      ) as HTMLElement;
      row.click();
      await until(
        () => shadow(el).querySelector('.preview-name')?.textContent === hostile,
        'preview title is the name as text',
      );
      await until(() => shadow(el).querySelector('.code-text')?.textContent === 'safe', 'contents shown');
      expect(shadow(el).querySelector('.preview-pane img')).to.equal(null);
      const nameCell = [...shadow(el).querySelectorAll('.body .name')].find(
        (n) => n.textContent === long,
      ) as HTMLElement;
      expect(nameCell.scrollWidth).to.be.greaterThan(nameCell.clientWidth - 1);
      expect(el.getBoundingClientRect().width).to.equal(900);
      expect(alerts).to.deep.equal([]);
    } finally {
      window.alert = original;
    }
  });

  it('selects with Space and the checkboxes, announcing file-browser-select', async () => {
    const el = await mount(sourceWith(files));
    await listed(el);
    (shadow(el).querySelector('.grid') as HTMLElement).focus();
    const first = oneEvent(el, 'file-browser-select');
    await sendKeys({ press: 'Space' });
    expect((await first).detail.paths).to.deep.equal(['checkpoints']);
    const box = shadow(el).querySelectorAll<HTMLInputElement>('.body .row input[type=checkbox]')[3];
    const second = oneEvent(el, 'file-browser-select');
    box.click();
    expect((await second).detail.paths).to.deep.equal(['checkpoints', 'b_small.txt']);
    expect(el.selection).to.deep.equal(['checkpoints', 'b_small.txt']);
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('.body .row[aria-selected=true]').length).to.equal(2);
    expect(shadow(el).querySelector('.tools')!.textContent).to.include('Download selection as zip (2)');
    await sendKeys({ press: 'Escape' });
    expect(el.selection).to.deep.equal([]);
  });

  it('selects ranges with Shift+arrows and Shift+click', async () => {
    const el = await mount(sourceWith(files));
    await listed(el);
    (shadow(el).querySelector('.grid') as HTMLElement).focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Shift+ArrowDown' });
    await sendKeys({ press: 'Shift+ArrowDown' });
    expect(el.selection).to.deep.equal(['checkpoints', 'zeta', 'a_big.bin']);
    await sendKeys({ press: 'Escape' });
    expect(el.selection).to.deep.equal([]);
    const boxes = () => shadow(el).querySelectorAll<HTMLInputElement>('.body .row input[type=checkbox]');
    boxes()[1].click();
    await el.updateComplete;
    boxes()[4].dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, shiftKey: true }));
    await el.updateComplete;
    expect(el.selection).to.deep.equal(['zeta', 'a_big.bin', 'b_small.txt', 'c_mid.py']);
    expect([...boxes()].map((b) => b.checked)).to.deep.equal([false, true, true, true, true]);
  });

  it('lets a file-browser-open listener keep the browser in place', async () => {
    const el = await mount(sourceWith(files));
    await listed(el);
    el.addEventListener('file-browser-open', (e) => e.preventDefault(), { once: true });
    (shadow(el).querySelector('.body .row') as HTMLElement).click();
    await el.updateComplete;
    expect(el.path).to.equal('');
  });
});

describe('file-browser states', () => {
  it('shows loading while the listing is pending', async () => {
    const pending = {
      getRun: () => new Promise(() => {}),
      defaultRunId: () => 'r',
      listFiles: () => new Promise(() => {}),
    };
    const el = await mount(pending);
    await el.updateComplete;
    expect(shadow(el).querySelector('.rp-state--loading')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says so when no run is named and the source has no default', async () => {
    const source = sourceWith(files);
    const el = await mount({ getRun: source.getRun.bind(source), listFiles: source.listFiles.bind(source) });
    await el.updateComplete;
    expect(shadow(el).querySelector('.rp-state--empty')!.textContent).to.include('No run selected');
    el.run = 'run-1';
    await until(() => rowNames(el).length === 5, 'the run is listed once named');
  });

  it('warns about bad attribute values and falls back', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...a: unknown[]) => void warnings.push(a[0]);
    try {
      const el = await mount(sourceWith(files));
      el.setAttribute('page-size', '-3');
      el.setAttribute('path', '../../etc');
      await listed(el);
      expect(el.pageSize).to.equal(undefined);
      expect(el.path).to.equal('');
      expect(rowNames(el).length).to.equal(5);
      expect(warnings.length).to.equal(2);
    } finally {
      console.warn = warn;
    }
  });

  it('shows a malformed listing without breaking and stops a cursor that repeats', async () => {
    let calls = 0;
    const source = {
      getRun: async () => ({ id: 'r', state: 'finished' as const }),
      defaultRunId: () => 'r',
      listFiles: async () => {
        calls++;
        return {
          dir: '',
          entries: [
            { path: 'ok.txt', name: 'ok.txt', kind: 'file', size: 'big' },
            { nope: true },
            { path: 'x/', kind: 'dir', name: 7 },
          ],
          next: 'again',
        } as never;
      },
    };
    const el = await mount(source);
    await listed(el);
    await until(() => calls >= 2, 'the second page is asked for');
    // A third page would be asked for as soon as the second answer is read, before the next frame.
    await nextFrame();
    await el.updateComplete;
    expect(calls).to.equal(2);
    expect(rowNames(el)).to.include('ok.txt');
    expect(shadow(el).querySelector('.row.more')).to.equal(null);
  });

  it('shows an empty folder', async () => {
    const el = await mount(sourceWith([{ path: 'empty/' }]), { path: 'empty' });
    await until(() => shadow(el).querySelector('.rp-state--empty'), 'empty state');
    expect(shadow(el).querySelector('.rp-state--empty')!.textContent).to.include('This folder is empty');
    await expect(el).to.be.accessible();
  });

  it('shows a missing folder as not found', async () => {
    const el = await mount(sourceWith(files), { path: 'nope' });
    await until(() => shadow(el).querySelector('.rp-state--empty'), 'not found state');
    expect(shadow(el).querySelector('.rp-state--empty')!.textContent).to.include('There is no folder nope');
  });

  it('shows an error with a retry that works', async () => {
    const source = sourceWith(files);
    const list = source.listFiles.bind(source);
    let fail = true;
    source.listFiles = (...a) =>
      fail ? Promise.reject(new SourceError('unavailable', 'Backend unreachable')) : list(...a);
    const el = await mount(source);
    await until(() => shadow(el).querySelector('.rp-state--error'), 'error state');
    expect(shadow(el).querySelector('.rp-state--error')!.textContent).to.include('Backend unreachable');
    await expect(el).to.be.accessible();
    fail = false;
    (shadow(el).querySelector('.rp-state--error button') as HTMLButtonElement).click();
    await listed(el);
    expect(rowNames(el).length).to.equal(5);
  });

  it('shows unsupported for a source without listFiles', async () => {
    const el = await mount({ getRun: async () => ({ id: 'r', state: 'finished' }), defaultRunId: () => 'r' });
    await until(() => shadow(el).querySelector('.rp-state--unsupported'), 'unsupported state');
    expect(shadow(el).querySelector('.rp-state--unsupported')!.textContent).to.include('files');
  });

  it('shows the next page failing inline with a retry', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ path: `f${String(i).padStart(2, '0')}.txt`, size: 1 }));
    const source = sourceWith(many, 20);
    const list = source.listFiles.bind(source);
    let fail = true;
    source.listFiles = (runId, dir, page, o) =>
      page?.cursor && fail ? Promise.reject(new SourceError('unavailable', 'flaky')) : list(runId, dir, page, o);
    const el = await mount(source);
    await listed(el);
    const grid = shadow(el).querySelector('.grid') as HTMLElement;
    grid.scrollTop = grid.scrollHeight;
    grid.dispatchEvent(new Event('scroll'));
    await until(() => shadow(el).querySelector('.row.more .error'), 'inline error');
    fail = false;
    (shadow(el).querySelector('.row.more button') as HTMLButtonElement).click();
    await until(
      () => grid.scrollHeight > 40 * 32 && !shadow(el).querySelector('.row.more .error'),
      'the next page arrives after retry',
    );
  });
});
