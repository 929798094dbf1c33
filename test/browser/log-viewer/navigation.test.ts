import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateLargeLogs } from '../../../src/data/sample-run.js';
import type { LogViewer } from '../../../src/elements/log-viewer/log-viewer.js';
import { button, lines, loaded, shadow, shownLines, sourceWith, until, viewer, visibleLines } from './helpers.js';

function viewport(el: LogViewer): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('.viewport')!;
}

function lazyLog(count: number) {
  return {
    count,
    line: (i: number) => ({
      text: `this is line ${i + 1}`,
      stream: (i % 7 === 0 ? 'stderr' : 'stdout') as 'stderr' | 'stdout',
    }),
  };
}

describe('log-viewer navigation', () => {
  it('reaches and reads line 1,000,000 of a million-line log', async () => {
    const el = await viewer(sourceWith(lazyLog(1_000_000)));
    await loaded(el);
    expect(shadow(el).querySelector('.status')!.textContent).to.contain('1,000,000 lines');
    // The scroll content is compressed below the browser's height cap.
    expect(viewport(el).scrollHeight).to.be.below(33_000_000);
    button(el, 'End').click();
    await until(el, () => visibleLines(el).some(([n]) => n === '1000000'), 'line 1,000,000 visible');
    expect(visibleLines(el).at(-1)).to.deep.equal(['1000000', 'this is line 1000000']);
    // Scrolling to the middle shows the lines there, in order.
    viewport(el).scrollTop = viewport(el).scrollHeight / 2;
    await until(el, () => visibleLines(el).length > 5, 'middle lines loaded');
    const numbers = visibleLines(el).map(([n]) => Number(n));
    expect(numbers[0]).to.be.within(490_000, 510_000);
    numbers.forEach((n, i) => expect(n).to.equal(numbers[0] + i));
    for (const [n, text] of visibleLines(el)) expect(text).to.equal(`this is line ${n}`);
    button(el, 'Top').click();
    await until(el, () => visibleLines(el)[0]?.[0] === '1', 'back at the top');
  });

  it('shows the generated million-line log with labels, colours and tqdm bars', async () => {
    const source = new MemorySource({ info: { id: 'big', state: 'finished' }, logs: generateLargeLogs(1_000_000) });
    const el = await viewer(source);
    await loaded(el);
    const first = shownLines(el)[0];
    expect(first[0]).to.equal('1');
    expect(first[1]).to.equal('Epoch 1: 100%|██████████| 500/500');
    expect(shadow(el).querySelectorAll('select[aria-label="Label"] option').length).to.equal(5);
  });

  it('restores an old #L120-L140 permalink on load and writes the selection back under L', async () => {
    const before = location.href;
    history.replaceState(null, '', '#L120-L140');
    try {
      const el = await viewer(sourceWith(lines(1000)), { noHash: false });
      await loaded(el);
      await until(el, () => visibleLines(el).some(([n]) => n === '120'), 'line 120 on screen');
      for (const line of shadow(el).querySelectorAll('.line')) {
        const n = Number(line.querySelector('.num')!.textContent);
        expect(line.classList.contains('selected'), `line ${n}`).to.equal(n >= 120 && n <= 140);
      }
      expect(visibleLines(el)[0][0]).to.not.equal('120', 'the selection is not glued to the top edge');
      expect(shadow(el).querySelector('.status')!.textContent).to.contain('Lines 120–140 selected');
      // Click a line, shift-click another: the hash follows.
      const row = (n: string) =>
        [...shadow(el).querySelectorAll<HTMLElement>('.line')].find((l) => l.querySelector('.num')!.textContent === n)!;
      row('125').querySelector<HTMLElement>('.num')!.click();
      await el.updateComplete;
      expect(location.hash).to.equal('#L=125');
      row('130')
        .querySelector<HTMLElement>('.num')!
        .dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, shiftKey: true }));
      await el.updateComplete;
      expect(location.hash).to.equal('#L=125-130');
      // A hash set by the page (back/forward) selects and scrolls there.
      location.hash = '#tab=logs&L=900';
      await until(
        el,
        () => shadow(el).querySelector('.line.selected .num')?.textContent === '900',
        'line 900 selected',
      );
    } finally {
      history.replaceState(null, '', before.split('#')[0]);
    }
  });

  it('shares the hash with the run page Logs tab: #logs gets L=3 and comes back when cleared', async () => {
    const before = location.href;
    history.replaceState(null, '', '#logs');
    try {
      const el = await viewer(sourceWith(lines(20)), { noHash: false });
      await loaded(el);
      shadow(el).querySelectorAll<HTMLElement>('.line .num')[2].click();
      await el.updateComplete;
      expect(location.hash).to.equal('#logs&L=3');
      viewport(el).focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(location.hash).to.equal('#logs');
    } finally {
      history.replaceState(null, '', before.split('#')[0]);
    }
  });

  it('leaves the URL alone with no-hash and with a foreign hash; writes beside other keys', async () => {
    const before = location.href;
    history.replaceState(null, '', '#L5');
    try {
      const el = await viewer(sourceWith(lines(20)), { noHash: true });
      await loaded(el);
      expect(shadow(el).querySelector('.line.selected')).to.equal(null);
      shadow(el).querySelector<HTMLElement>('.line .num')!.click();
      await el.updateComplete;
      expect(location.hash).to.equal('#L5');
      history.replaceState(null, '', '#tab=logs');
      const other = await viewer(sourceWith(lines(20)), { noHash: false });
      await loaded(other);
      shadow(other).querySelector<HTMLElement>('.line .num')!.click();
      await other.updateComplete;
      expect(location.hash).to.equal('#tab=logs&L=1');
      expect(shadow(other).querySelector('.line.selected .num')!.textContent).to.equal('1');
      // A hash in the page's own form is not ours to touch.
      history.replaceState(null, '', '#/settings');
      shadow(other).querySelectorAll<HTMLElement>('.line .num')[1].click();
      await other.updateComplete;
      expect(location.hash).to.equal('#/settings');
      expect(shadow(other).querySelector('.line.selected .num')!.textContent).to.equal('2');
    } finally {
      history.replaceState(null, '', before.split('#')[0]);
    }
  });

  it('still honours the deprecated no-permalink, with one warning', async () => {
    const before = location.href;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...a: unknown[]) => void warnings.push(a.map(String).join(' '));
    history.replaceState(null, '', '#L=5');
    try {
      const source = sourceWith(lines(20));
      const first = await fixture<LogViewer>(html`<log-viewer .source=${source} no-permalink></log-viewer>`);
      const second = await fixture<LogViewer>(html`<log-viewer .source=${source} no-permalink></log-viewer>`);
      await loaded(first);
      await loaded(second);
      expect(shadow(first).querySelector('.line.selected')).to.equal(null);
      shadow(first).querySelector<HTMLElement>('.line .num')!.click();
      await first.updateComplete;
      expect(location.hash).to.equal('#L=5');
      expect(warnings.filter((w) => w.includes('no-permalink'))).to.deep.equal([
        '<log-viewer>: no-permalink is deprecated; use no-hash.',
      ]);
    } finally {
      console.warn = warn;
      history.replaceState(null, '', before.split('#')[0]);
    }
  });

  it('is usable from the keyboard: scroll, ends, select, copy, search', async () => {
    const el = await viewer(sourceWith(lines(5000)));
    await loaded(el);
    viewport(el).focus();
    await sendKeys({ press: 'End' });
    await until(el, () => visibleLines(el).at(-1)?.[0] === '5000', 'End reaches the last line');
    await sendKeys({ press: 'Home' });
    await until(el, () => visibleLines(el)[0]?.[0] === '1', 'Home reaches the first line');
    await sendKeys({ press: 'PageDown' });
    await until(el, () => Number(visibleLines(el)[0]?.[0]) > 10, 'PageDown moves a screen');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowDown' });
    await until(el, () => visibleLines(el)[0]?.[0] === '2', 'ArrowDown scrolls one line');
    await sendKeys({ press: 'Shift+ArrowDown' });
    await sendKeys({ press: 'Shift+ArrowDown' });
    await sendKeys({ press: 'Shift+ArrowDown' });
    await el.updateComplete;
    expect([...shadow(el).querySelectorAll('.line.selected .num')].map((n) => n.textContent)).to.deep.equal([
      '2',
      '3',
      '4',
    ]);
    const copied = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('log-viewer-copy', (e) => {
        e.preventDefault();
        resolve(e);
      }),
    );
    await sendKeys({ press: 'Control+c' });
    const copy = await copied;
    expect(copy.detail).to.deep.equal({ text: 'line 2\nline 3\nline 4', lines: 3 });
    await until(
      el,
      () => shadow(el).querySelector('.status')!.textContent!.includes('Copied 3 lines'),
      'copy reported',
    );
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(shadow(el).querySelector('.line.selected')).to.equal(null);
    await sendKeys({ press: '/' });
    expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('input[type="search"]'));
  });

  it('copies selected lines as plain text from the toolbar', async () => {
    const el = await viewer(sourceWith([{ text: '\x1b[31mred\x1b[0m' }, { text: 'a\rb' }, { text: 'c' }]));
    await loaded(el);
    button(el, 'Copy lines').click();
    await until(
      el,
      () => shadow(el).querySelector('.status')!.textContent!.includes('Select lines first'),
      'asks for a selection',
    );
    const nums = shadow(el).querySelectorAll<HTMLElement>('.line .num');
    nums[0].click();
    nums[1].dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, shiftKey: true }));
    const copied = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('log-viewer-copy', (e) => {
        e.preventDefault();
        resolve(e);
      }),
    );
    button(el, 'Copy lines').click();
    expect((await copied).detail.text).to.equal('red\nb');
  });

  it('copies only the lines shown under a stream filter or in matching-only mode', async () => {
    const el = await viewer(
      sourceWith(
        lines(40, (i) => (i % 4 === 0 ? `err ${i + 1}` : `out ${i + 1}`)).map((l, i) => ({
          ...l,
          stream: i % 4 === 0 ? ('stderr' as const) : ('stdout' as const),
        })),
      ),
    );
    await loaded(el);
    const copyNext = () =>
      new Promise<CustomEvent>((resolve) =>
        el.addEventListener(
          'log-viewer-copy',
          (e) => {
            e.preventDefault();
            resolve(e);
          },
          { once: true },
        ),
      );
    el.stream = 'stderr';
    await until(el, () => shownLines(el).length === 10, 'stderr only');
    let nums = shadow(el).querySelectorAll<HTMLElement>('.line .num');
    nums[1].click();
    nums[3].dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, shiftKey: true }));
    let copied = copyNext();
    button(el, 'Copy lines').click();
    expect((await copied).detail.text).to.equal('err 5\nerr 9\nerr 13');

    el.stream = 'all';
    await until(el, () => shownLines(el).some(([n]) => n === '2'), 'all lines');
    const input = shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    input.value = '1';
    input.dispatchEvent(new Event('input'));
    await until(el, () => shadow(el).querySelector('.count')!.textContent!.includes('of 13'), 'searched');
    button(el, 'Only matching lines').click();
    await until(el, () => shownLines(el)[0]?.[0] === '1', 'matching lines');
    nums = shadow(el).querySelectorAll<HTMLElement>('.line .num');
    nums[0].click();
    nums[2].dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, shiftKey: true }));
    copied = copyNext();
    button(el, 'Copy lines').click();
    expect((await copied).detail.text).to.equal('err 1\nout 10\nout 11');
  });

  it('downloads the whole log assembled from windows, or from the source file URL', async () => {
    const el = await viewer(sourceWith(lines(25_000)));
    await loaded(el);
    const got = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('log-viewer-download', (e) => {
        e.preventDefault();
        resolve(e);
      }),
    );
    button(el, 'Download').click();
    const detail = (await got).detail;
    expect(detail.fileName).to.equal('run-1-output.log');
    const text = await detail.blob.text();
    expect(text.split('\n').length).to.equal(25_001);
    expect(text.startsWith('line 1\nline 2\n')).to.equal(true);
    expect(text.endsWith('line 25000\n')).to.equal(true);

    const withFile = new MemorySource({
      info: { id: 'run-2', state: 'finished' },
      logs: [{ text: 'x' }],
      files: [{ path: 'output.log', size: 2, url: 'https://example.com/run-2/output.log' }],
    });
    const el2 = await fixture<LogViewer>(html`<log-viewer .source=${withFile} no-hash></log-viewer>`);
    await loaded(el2);
    const got2 = new Promise<CustomEvent>((resolve) =>
      el2.addEventListener('log-viewer-download', (e) => {
        e.preventDefault();
        resolve(e);
      }),
    );
    button(el2, 'Download').click();
    expect((await got2).detail).to.deep.equal({
      url: 'https://example.com/run-2/output.log',
      fileName: 'run-2-output.log',
    });

    // A file URL that is not http(s) is not handed to a link: the log is assembled instead.
    const hostile = new MemorySource({
      info: { id: 'run/3', state: 'finished' },
      logs: [{ text: 'safe' }],
      files: [{ path: 'output.log', size: 2, url: 'javascript:alert(1)' }],
    });
    const el3 = await fixture<LogViewer>(html`<log-viewer .source=${hostile} no-hash></log-viewer>`);
    await loaded(el3);
    const got3 = new Promise<CustomEvent>((resolve) =>
      el3.addEventListener('log-viewer-download', (e) => {
        e.preventDefault();
        resolve(e);
      }),
    );
    button(el3, 'Download').click();
    const d3 = (await got3).detail;
    expect(d3.url).to.equal(undefined);
    expect(d3.fileName).to.equal('run_3-output.log');
    expect(await d3.blob.text()).to.equal('safe\n');
  });
});
