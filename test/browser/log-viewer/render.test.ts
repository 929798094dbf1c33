import { expect } from '@open-wc/testing';
import {
  button,
  lineIsSeen,
  lines,
  loaded,
  shadow,
  shownLines,
  sourceWith,
  until,
  viewer,
  visibleLines,
} from './helpers.js';
import { DISPLAY_LIMIT } from '../../../src/elements/log-viewer/log-line.js';

const E = '\x1b';

function spanOf(el: HTMLElement, text: string): HTMLElement {
  const found = [...shadow(el as never).querySelectorAll<HTMLElement>('.text span, .text a, .text mark')].find(
    (s) => s.textContent === text,
  );
  if (!found) throw new Error(`no span with ${text}`);
  return found;
}

/** A computed colour as [r, g, b] 0–255, from `rgb()` or `color(srgb …)`. */
function rgbOf(css: string): number[] {
  const srgb = /color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/.exec(css);
  if (srgb) return [srgb[1], srgb[2], srgb[3]].map((v) => Math.round(Number(v) * 255));
  const rgb = /rgba?\((\d+), (\d+), (\d+)/.exec(css);
  if (rgb) return [rgb[1], rgb[2], rgb[3]].map(Number);
  throw new Error(`unreadable colour ${css}`);
}

function expectColor(css: string, expected: number[]): void {
  const got = rgbOf(css);
  got.forEach((v, i) => expect(Math.abs(v - expected[i]), `${css} vs rgb(${expected})`).to.be.at.most(1));
}

function isHitTarget(el: HTMLElement, target: HTMLElement): boolean {
  const r = target.getBoundingClientRect();
  return el.shadowRoot!.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === target;
}

describe('log-viewer rendering', () => {
  it('shows the lines of a log with their line numbers; stderr is marked', async () => {
    const el = await viewer(sourceWith([{ text: 'hello' }, { text: 'world', stream: 'stderr' }]));
    await loaded(el);
    expect(shownLines(el)).to.deep.equal([
      ['1', 'hello'],
      ['2', 'world'],
    ]);
    const err = shadow(el).querySelector<HTMLElement>('.line.stderr')!;
    expect(err).to.exist;
    expect(err.querySelector('.gutter')!.textContent).to.contain('stderr');
    expect(getComputedStyle(err.querySelector('.mark')!).backgroundColor).to.equal('rgb(200, 40, 28)');
    expect(shadow(el).querySelector('.status')!.textContent).to.contain('2 lines');
  });

  it('draws known ANSI inputs with the right colours and styles', async () => {
    const el = await viewer(
      sourceWith([
        {
          text: `${E}[31mred${E}[0m ${E}[1;32mboldgreen${E}[0m ${E}[38;5;208morange${E}[0m ${E}[38;2;10;20;30mtrue${E}[0m`,
        },
        {
          text: `${E}[2mdim${E}[22m ${E}[3mitalic${E}[23m ${E}[4munder${E}[24m ${E}[7minverse${E}[27m ${E}[9mstrike${E}[0m ${E}[44mbluebg${E}[0m ${E}[96mbrightcyan`,
        },
        { text: `${E}]0;window title${E}\\${E}[?25lafter escapes${E}(B` },
      ]),
    );
    await loaded(el);
    const cs = (t: string) => getComputedStyle(spanOf(el, t));
    // Base colours are mid-tone hues mixed with the theme's text colour (light theme: darker).
    expectColor(cs('red').color, [140, 47, 49]);
    expectColor(cs('boldgreen').color, [50, 112, 72]); // bold base colour shows bright
    expect(cs('boldgreen').fontWeight).to.equal('700');
    expect(cs('orange').color).to.equal('rgb(255, 135, 0)');
    expect(cs('true').color).to.equal('rgb(10, 20, 30)');
    expect(cs('dim').opacity).to.equal('0.65');
    expect(cs('italic').fontStyle).to.equal('italic');
    expect(cs('under').textDecorationLine).to.equal('underline');
    expect(cs('strike').textDecorationLine).to.equal('line-through');
    expect(cs('inverse').color).to.equal('rgb(255, 255, 255)');
    expect(cs('inverse').backgroundColor).to.equal('rgb(27, 30, 36)');
    // Background colours are the hue mixed into the theme background, so default text stays readable.
    expectColor(cs('bluebg').backgroundColor, [186, 211, 252]);
    expectColor(cs('brightcyan').color, [45, 118, 130]);
    expect(shownLines(el)[2][1]).to.equal('after escapes');
  });

  it('uses the dark palette under the dark theme', async () => {
    const el = await viewer(sourceWith([{ text: `${E}[31mred${E}[0m ${E}[34mblue` }]), { theme: 'dark' });
    await loaded(el);
    expectColor(getComputedStyle(spanOf(el, 'red')).color, [221, 128, 129]);
    expectColor(getComputedStyle(spanOf(el, 'blue')).color, [127, 171, 242]);
    await expect(el).to.be.accessible();
  });

  it('follows a dark wrapper theme and takes palette overrides', async () => {
    const { fixture, html } = await import('@open-wc/testing');
    const { themeTokenCss } = await import('../../../src/internal/theme.js');
    const style = document.createElement('style');
    style.textContent = themeTokenCss('.dark-wrapper', 'dark');
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<div class="dark-wrapper">
          <log-viewer
            .source=${sourceWith([{ text: `${E}[31mred${E}[0m ${E}[32mgreen` }])}
            no-hash
            style="--runpage-log-viewer-ansi-2: rgb(1, 2, 3)"
          ></log-viewer>
        </div>`,
      );
      const el = wrapper.querySelector('log-viewer')!;
      await loaded(el);
      expectColor(getComputedStyle(spanOf(el, 'red')).color, [221, 128, 129]);
      expectColor(getComputedStyle(spanOf(el, 'green')).color, [1, 2, 3]);
    } finally {
      style.remove();
    }
  });

  it('shows a tqdm stream of 500 \\r updates as one line with the final text', async () => {
    let bar = '';
    for (let i = 0; i <= 500; i++) {
      const filled = Math.floor((i / 500) * 20);
      bar += `\r${String(Math.round((i / 500) * 100)).padStart(3)}%|${'█'.repeat(filled)}${' '.repeat(20 - filled)}| ${i}/500 [00:0${Math.floor(i / 100)}<00:00, 120.5it/s]`;
    }
    const el = await viewer(sourceWith([{ text: 'Epoch 1' }, { text: bar, stream: 'stderr' }, { text: 'done' }]));
    await loaded(el);
    expect(shownLines(el)).to.deep.equal([
      ['1', 'Epoch 1'],
      ['2', `100%|${'█'.repeat(20)}| 500/500 [00:05<00:00, 120.5it/s]`],
      ['3', 'done'],
    ]);
  });

  it('marks lines drawn over by a cursor-up redraw and shows the final screen rows', async () => {
    const el = await viewer(
      sourceWith([
        { text: '\rOuter   0%' },
        { text: '\rInner  10%\x1b[A' },
        { text: '\rInner  20%\x1b[A' },
        { text: '\rInner 100%\x1b[A\rOuter  33%' },
        { text: 'after the bars' },
      ]),
    );
    await loaded(el);
    const rows = [...shadow(el).querySelectorAll('.line')];
    expect(rows.map((r) => r.classList.contains('redrawn'))).to.deep.equal([true, true, true, false, false]);
    expect(rows[0].querySelector('.redraw-mark')!.getAttribute('aria-label')).to.contain('cursor-up');
    expect(shownLines(el)[3][1]).to.equal('Outer  33%\nInner 100%');
    // The two-row line pushes the next one down; nothing is cut off.
    expect(visibleLines(el).at(-1)).to.deep.equal(['5', 'after the bars']);
    expect(lineIsSeen(el, '5')).to.equal(true);
  });

  it('keeps the last line in view at the end of a long log whose last lines span several rows', async () => {
    const el = await viewer(sourceWith([...lines(2000), { text: 'row a\nrow b\nrow c' }, { text: 'the very end' }]));
    await loaded(el);
    button(el, 'End').click();
    await until(el, () => visibleLines(el).at(-1)?.[1] === 'the very end', 'last line visible');
    expect(lineIsSeen(el, '2002')).to.equal(true);
    const vp = shadow(el).querySelector('.viewport')!.getBoundingClientRect();
    const last = [...shadow(el).querySelectorAll('.line')].at(-1)!.getBoundingClientRect();
    expect(last.bottom).to.be.at.most(vp.bottom + 1);
  });

  it('keeps HTML in a line as text and links only http(s) URLs with rel=noopener', async () => {
    const hostile =
      '<script>window.__logViewerPwned = true</script><img src=x onerror="window.__logViewerPwned = true"> <b>bold?</b>';
    const el = await viewer(
      sourceWith([
        { text: hostile },
        { text: 'see https://example.com/run?a=1&b=2. and javascript:alert(1) or http://x.io' },
      ]),
    );
    await loaded(el);
    expect(shownLines(el)[0][1]).to.equal(hostile);
    const root = shadow(el);
    expect(root.querySelector('.text script, .text img, .text b')).to.equal(null);
    expect((window as { __logViewerPwned?: boolean }).__logViewerPwned).to.equal(undefined);
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.text a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/run?a=1&b=2', 'http://x.io']);
    for (const a of links) expect(a.rel).to.contain('noopener');
  });

  it('cuts a 100,000-character line for display and expands it on request', async () => {
    const long = 'x'.repeat(99_990) + 'END-OF-LINE';
    const el = await viewer(sourceWith([{ text: long }, { text: 'next' }]));
    await loaded(el);
    expect(shownLines(el)[0][1].length).to.equal(DISPLAY_LIMIT);
    expect(shadow(el).querySelector('.line')!.getBoundingClientRect().height).to.equal(
      20,
      'the expand control fits the row',
    );
    const expand = shadow(el).querySelector<HTMLButtonElement>('.expand')!;
    expect(expand.textContent).to.contain('100,001');
    expand.click();
    await until(el, () => shownLines(el)[0][1].endsWith('END-OF-LINE'), 'line expanded');
    // Scrolled sideways, the line numbers stay in view.
    const vp = shadow(el).querySelector<HTMLElement>('.viewport')!;
    vp.scrollLeft = 50_000;
    await el.updateComplete;
    expect(vp.scrollLeft).to.be.greaterThan(0);
    const gutter = shadow(el).querySelector('.gutter')!.getBoundingClientRect();
    expect(Math.abs(gutter.left - vp.getBoundingClientRect().left)).to.be.below(2);
    expect(shownLines(el)[1]).to.deep.equal(['2', 'next']);
    shadow(el).querySelector<HTMLButtonElement>('.expand')!.click();
    await until(el, () => shownLines(el)[0][1].length === DISPLAY_LIMIT, 'collapsed again');
  });

  it('toggles timestamps and wrapping', async () => {
    const t = new Date(2024, 0, 2, 13, 4, 5, 60).getTime();
    const el = await viewer(sourceWith([{ text: 'a '.repeat(400), time: t }]));
    await loaded(el);
    expect(shadow(el).querySelector('.time')).to.equal(null);
    button(el, 'Timestamps').click();
    await until(el, () => shadow(el).querySelector('.time')?.textContent === '13:04:05.060', 'timestamp shown');
    const row = shadow(el).querySelector<HTMLElement>('.line')!;
    expect(row.getBoundingClientRect().height).to.equal(20);
    button(el, 'Wrap').click();
    await until(
      el,
      () => shadow(el).querySelector<HTMLElement>('.line')!.getBoundingClientRect().height > 40,
      'line wrapped',
    );
    expect(button(el, 'Wrap').getAttribute('aria-pressed')).to.equal('true');
  });

  it('wraps a short log of very long lines in full and reaches its end', async () => {
    const el = await viewer(sourceWith(lines(6, (i) => `${i + 1}: ${'word '.repeat(600)}end ${i + 1}`)));
    await loaded(el);
    button(el, 'Wrap').click();
    await el.updateComplete;
    const vp = shadow(el).querySelector<HTMLElement>('.viewport')!;
    await until(el, () => vp.scrollHeight > 6 * 200, 'wrapped lines make the log taller than 6 rows');
    button(el, 'End').click();
    await until(el, () => visibleLines(el).some(([n]) => n === '6'), 'last line reachable');
    const last = [...shadow(el).querySelectorAll<HTMLElement>('.line')].at(-1)!.getBoundingClientRect();
    expect(last.bottom).to.be.at.most(vp.getBoundingClientRect().bottom + 1);
  });

  it('shows label filter choices when the log has labels', async () => {
    const el = await viewer(
      sourceWith([
        { text: 'from rank 0', label: 'rank0' },
        { text: 'from rank 1', label: 'rank1' },
        { text: 'again rank 0', label: 'rank0' },
      ]),
    );
    await loaded(el);
    const select = shadow(el).querySelector<HTMLSelectElement>('select[aria-label="Label"]')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'rank0', 'rank1']);
    select.value = 'rank1';
    select.dispatchEvent(new Event('change'));
    await until(el, () => shownLines(el).length === 1, 'filtered by label');
    expect(shownLines(el)).to.deep.equal([['2', 'from rank 1']]);
    expect(shadow(el).querySelector('.line .label')!.textContent).to.equal('[rank1]');
  });

  it('shows a label filter set from outside even when the log lacks it, so it can be cleared', async () => {
    const el = await viewer(sourceWith([{ text: 'no labels here' }]));
    el.labelFilter = 'rank7';
    await until(el, () => !!shadow(el).querySelector('.body-state'), 'nothing matches');
    expect(shadow(el).querySelector('.body-state')!.textContent).to.contain('No lines match');
    const select = shadow(el).querySelector<HTMLSelectElement>('select[aria-label="Label"]')!;
    expect(select.value).to.equal('rank7');
    // The message covers the log area only: the filters stay usable.
    expect(isHitTarget(el, select)).to.equal(true);
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await until(el, () => shownLines(el).length === 1, 'all lines again');
  });

  it('filters by stream, keeping real line numbers', async () => {
    const el = await viewer(
      sourceWith(
        lines(50, (i) => `l${i + 1}`).map((l, i) => ({
          ...l,
          stream: i % 5 === 0 ? ('stderr' as const) : ('stdout' as const),
        })),
      ),
    );
    await loaded(el);
    const select = shadow(el).querySelector<HTMLSelectElement>('select[aria-label="Stream"]')!;
    select.value = 'stderr';
    select.dispatchEvent(new Event('change'));
    await until(el, () => shownLines(el).length === 10, 'stderr only');
    expect(shownLines(el).slice(0, 3)).to.deep.equal([
      ['1', 'l1'],
      ['6', 'l6'],
      ['11', 'l11'],
    ]);
    expect(el.stream).to.equal('stderr');
    el.stream = 'all';
    await until(el, () => shownLines(el).length > 10, 'all streams again');
  });

  it('warns about an unknown stream attribute and shows all streams', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => warnings.push(m);
    try {
      const el = await viewer(sourceWith([{ text: 'a' }, { text: 'b', stream: 'stderr' }]));
      el.setAttribute('stream', 'bogus');
      await loaded(el);
      await until(el, () => shownLines(el).length === 2, 'both lines');
      expect(el.stream).to.equal('all');
      expect(warnings.join()).to.contain('bogus');
    } finally {
      console.warn = warn;
    }
  });
});
