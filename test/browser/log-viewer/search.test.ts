import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LogMatches, LogSearch, Req } from '../../../src/data/source.js';
import type { LogViewer } from '../../../src/elements/log-viewer/log-viewer.js';
import { button, lines, loaded, shadow, shownLines, sourceWith, until, viewer, visibleLines } from './helpers.js';

function searchBox(el: LogViewer): HTMLInputElement {
  return shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
}

function count(el: LogViewer): string {
  return shadow(el).querySelector('.count')!.textContent!.trim();
}

async function type(el: LogViewer, text: string): Promise<void> {
  searchBox(el).focus();
  await sendKeys({ type: text });
}

function currentLine(el: LogViewer): string | undefined {
  return shadow(el).querySelector('.line.current .num')?.textContent ?? undefined;
}

// Every 10th line mentions the loss; one in a hundred has it in capitals.
const log = lines(2000, (i) =>
  i % 10 === 9 ? `step ${i + 1} ${i % 100 === 99 ? 'LOSS' : 'loss'}=${(1 / (i + 1)).toFixed(5)}` : `step ${i + 1} tick`,
);

describe('log-viewer search', () => {
  it('counts matches, highlights them and moves with Enter / Shift+Enter', async () => {
    const el = await viewer(sourceWith(log));
    await loaded(el);
    await type(el, 'loss');
    await until(el, () => count(el) === '1 of 200', 'match count');
    expect(currentLine(el)).to.equal('10');
    const marks = [...shadow(el).querySelectorAll('.line mark')].map((m) => m.textContent);
    expect(marks.length).to.be.greaterThan(0);
    expect(marks.every((m) => m!.toLowerCase() === 'loss')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(el, () => count(el) === '2 of 200', 'next');
    expect(currentLine(el)).to.equal('20');
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ press: 'Shift+Enter' });
    await until(el, () => count(el) === '200 of 200', 'wraps around to the last match');
    await until(el, () => visibleLines(el).some(([n]) => n === '2000'), 'last match scrolled into view');
    expect(currentLine(el)).to.equal('2000');
    button(el, 'Next match (Enter)').click();
    await until(el, () => count(el) === '1 of 200', 'next wraps to the first');
  });

  it('toggles case sensitivity and regular expressions; an invalid regex says so', async () => {
    const el = await viewer(sourceWith(log));
    await loaded(el);
    await type(el, 'LOSS');
    await until(el, () => count(el) === '1 of 200', 'case-insensitive');
    button(el, 'Match case').click();
    await until(el, () => count(el) === '1 of 20', 'case-sensitive');
    button(el, 'Match case').click();
    searchBox(el).select();
    await sendKeys({ type: 'step 1\\d{2} loss' });
    await until(el, () => count(el) === 'No matches', 'plain text treats \\d literally');
    button(el, 'Regular expression').click();
    await until(el, () => count(el) === '1 of 10', 'regex');
    searchBox(el).select();
    await sendKeys({ type: 'loss=(' });
    await until(el, () => !!shadow(el).querySelector('.search-error'), 'invalid regex message');
    expect(shadow(el).querySelector('.search-error')!.textContent).to.contain('Invalid regular expression');
    expect(searchBox(el).getAttribute('aria-invalid')).to.equal('true');
    await sendKeys({ press: 'Backspace' });
    await until(el, () => !shadow(el).querySelector('.search-error') && count(el).endsWith(' of 200'), 'valid again');
  });

  it('shows only matching lines with their real line numbers', async () => {
    const el = await viewer(sourceWith(log));
    await loaded(el);
    await type(el, 'LOSS');
    await until(el, () => count(el) === '1 of 200', 'searched');
    button(el, 'Only matching lines').click();
    await until(el, () => shownLines(el)[0]?.[0] === '10', 'filter mode');
    expect(
      shownLines(el)
        .slice(0, 3)
        .map(([n]) => n),
    ).to.deep.equal(['10', '20', '30']);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await until(el, () => currentLine(el) === '30', 'navigates within the matching lines');
    button(el, 'Match case').click();
    await until(el, () => shownLines(el)[0]?.[0] === '100', 'narrowed');
    expect(shownLines(el).map(([n]) => n)).to.deep.equal([
      '100',
      '200',
      '300',
      '400',
      '500',
      '600',
      '700',
      '800',
      '900',
      '1000',
      '1100',
      '1200',
      '1300',
      '1400',
      '1500',
      '1600',
      '1700',
      '1800',
      '1900',
      '2000',
    ]);
    searchBox(el).select();
    await sendKeys({ type: 'nothing like this' });
    await until(
      el,
      () => shadow(el).querySelector('.body-state')?.textContent?.includes('No matches') === true,
      'no matching lines state',
    );
    button(el, 'Only matching lines').click();
    await until(el, () => shownLines(el)[0]?.[0] === '1', 'whole log again');
  });

  it('searches at once on Enter, and a new query starts from the view, not the old match', async () => {
    const el = await viewer(sourceWith(log));
    await loaded(el);
    await type(el, 'step 1500 ');
    await sendKeys({ press: 'Enter' });
    await until(el, () => count(el) === '1 of 1', 'found without waiting for the debounce');
    await until(el, () => currentLine(el) === '1500', 'scrolled to line 1500');
    searchBox(el).select();
    await sendKeys({ type: 'tick' });
    await until(el, () => count(el).endsWith(' of 1,800'), 'new query counted');
    const current = Number(currentLine(el));
    expect(current).to.be.within(1490, 1520);
  });

  it('virtualises matching-only mode over many matches and reaches the last one', async () => {
    const big = { count: 100_000, line: (i: number) => ({ text: i % 10 === 3 ? `hit ${i + 1}` : `miss ${i + 1}` }) };
    const el = await viewer(sourceWith(big));
    await loaded(el);
    await type(el, 'hit');
    await until(el, () => count(el) === '1 of 10,000', 'counted');
    button(el, 'Only matching lines').click();
    await until(el, () => shownLines(el)[0]?.[0] === '4', 'matching lines');
    expect(shadow(el).querySelectorAll('.line').length).to.be.lessThan(60);
    button(el, 'End').click();
    await until(el, () => visibleLines(el).at(-1)?.[0] === '99994', 'last match at the end');
    expect(visibleLines(el).at(-1)![1]).to.equal('hit 99994');
  });

  it('searches within the stream filter', async () => {
    const el = await viewer(
      sourceWith(log.map((l, i) => ({ ...l, stream: i % 20 === 19 ? ('stderr' as const) : ('stdout' as const) }))),
    );
    await loaded(el);
    el.stream = 'stderr';
    await until(el, () => shownLines(el)[0]?.[0] === '20', 'stderr only');
    await type(el, 'loss');
    await until(el, () => count(el) === '1 of 100', 'matches counted in the filtered log');
  });

  it('cancels the previous search on each keystroke and never waits for it to type', async () => {
    const source = sourceWith(log);
    const seen: { query: string; aborted: boolean }[] = [];
    const held: (() => void)[] = [];
    const original = source.searchLogs.bind(source);
    source.searchLogs = (q: LogSearch, o?: Req): Promise<LogMatches> => {
      const entry = { query: q.query, aborted: false };
      seen.push(entry);
      o?.signal?.addEventListener('abort', () => (entry.aborted = true));
      // A slow source: answers only when the test lets it (however slow the typing), unless cancelled.
      return new Promise((resolve, reject) => {
        held.push(() => entry.aborted || resolve(original(q, o)));
        o?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    };
    const el = await viewer(source);
    await loaded(el);
    await type(el, 'lo');
    await until(el, () => seen.length === 1, 'the search for "lo" in flight');
    await sendKeys({ type: 'ss' });
    expect(searchBox(el).value).to.equal('loss');
    await until(el, () => seen.at(-1)?.query === 'loss', 'the search for "loss" in flight');
    held.forEach((answer) => answer());
    await until(el, () => count(el) === '1 of 200', 'the last query answered');
    expect(seen[0]).to.deep.equal({ query: 'lo', aborted: true });
    expect(seen.at(-1)).to.deep.equal({ query: 'loss', aborted: false });
    expect(seen.filter((s) => !s.aborted).length).to.equal(1);
  });

  it('disables search when the source cannot search', async () => {
    const source = sourceWith(log) as unknown as Record<string, unknown>;
    source.searchLogs = undefined;
    const el = await viewer(source);
    await loaded(el);
    expect(searchBox(el).disabled).to.equal(true);
    expect(searchBox(el).placeholder).to.contain('cannot search');
  });
});
