import { expect, fixture, html } from '@open-wc/testing';
import { SourceError } from '../../../src/data/errors.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import type { LogChunk, LogQuery, Req, RunSource } from '../../../src/data/source.js';
import type { LogViewer } from '../../../src/elements/log-viewer/log-viewer.js';
import { button, lines, loaded, shadow, shownLines, sourceWith, until, viewer, visibleLines } from './helpers.js';

function viewport(el: LogViewer): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('.viewport')!;
}

function pill(el: LogViewer): HTMLButtonElement | null {
  return shadow(el).querySelector<HTMLButtonElement>('.pill');
}

describe('log-viewer states', () => {
  it('shows loading while the source has not answered', async () => {
    const source: RunSource = {
      getRun: async () => ({ id: 'r', state: 'finished' }),
      defaultRunId: () => 'r',
      getLogs: () => new Promise<LogChunk>(() => {}),
    };
    const el = await viewer(source);
    await el.updateComplete;
    expect(shadow(el).querySelector('.rp-state--loading')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows the empty state for a run without console output', async () => {
    const el = await viewer(sourceWith([]));
    await loaded(el);
    expect(shadow(el).querySelector('.body-state')!.textContent).to.contain('No console output');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry that works', async () => {
    const inner = sourceWith(lines(3));
    let fail = true;
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => inner.defaultRunId(),
      getLogs: (q: LogQuery, o?: Req) =>
        fail ? Promise.reject(new SourceError('unavailable', 'The log server is down.')) : inner.getLogs(q, o),
    };
    const el = await viewer(source);
    await until(el, () => !!shadow(el).querySelector('.rp-state--error'), 'error state');
    expect(shadow(el).querySelector('.rp-state--error')!.textContent).to.contain('The log server is down.');
    await expect(el).to.be.accessible();
    fail = false;
    button(el, 'Retry').click();
    await until(el, () => shownLines(el).length === 3, 'lines after retry');
  });

  it('reports lines that failed to load and retries them', async () => {
    const inner = sourceWith(lines(3000));
    let fail = false;
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => inner.defaultRunId(),
      getLogs: (q: LogQuery, o?: Req) =>
        fail ? Promise.reject(new SourceError('unavailable', 'flaky')) : inner.getLogs(q, o),
    };
    const el = await viewer(source);
    await loaded(el);
    fail = true;
    button(el, 'End').click();
    await until(el, () => !!shadow(el).querySelector('.status .error'), 'window failure reported');
    fail = false;
    button(el, 'Retry').click();
    await until(el, () => visibleLines(el).at(-1)?.[0] === '3000', 'lines after retry');
  });

  it('shows loading, then an error with retry, when the lines of a filter do not come', async () => {
    const inner = sourceWith(
      lines(30).map((l, i) => ({ ...l, stream: i % 3 ? ('stdout' as const) : ('stderr' as const) })),
    );
    let release: (() => void) | undefined;
    let fail = false;
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => inner.defaultRunId(),
      getLogs: async (q: LogQuery, o?: Req) => {
        if (q.streams) {
          await new Promise<void>((r) => (release = r));
          if (fail) throw new SourceError('unavailable', 'filter down');
        }
        return inner.getLogs(q, o);
      },
    };
    const el = await viewer(source);
    await loaded(el);
    fail = true;
    el.stream = 'stderr';
    await until(el, () => !!shadow(el).querySelector('.body-state .rp-state--loading'), 'loading the filtered lines');
    release!();
    await until(el, () => !!shadow(el).querySelector('.body-state .rp-state--error'), 'error for the filtered lines');
    fail = false;
    release = undefined;
    button(el, 'Retry').click();
    await until(el, () => release !== undefined, 'asked again');
    release!();
    await until(el, () => shownLines(el).length === 10, 'stderr lines after retry');
    expect(shownLines(el)[1]).to.deep.equal(['4', 'line 4']);
  });

  it('survives a source that answers with malformed data', async () => {
    const broken: RunSource = {
      getRun: async () => ({ id: 'r', state: 'finished' }),
      defaultRunId: () => 'r',
      getLogs: async () => ({ nonsense: true }) as unknown as LogChunk,
    };
    const el = await viewer(broken);
    await until(el, () => !!shadow(el).querySelector('.rp-state--error'), 'error state');
    expect(shadow(el).querySelector('.rp-state--error')!.textContent).to.contain('without a list of lines');

    const odd: RunSource = {
      getRun: async () => ({ id: 'r', state: 'finished' }),
      defaultRunId: () => 'r',
      getLogs: async () =>
        ({
          start: 0,
          total: 3,
          lines: [{ text: 'fine' }, { n: 'x', text: null, stream: 'purple' }, 'bare string'],
        }) as unknown as LogChunk,
    };
    const el2 = await viewer(odd);
    await loaded(el2);
    expect(shownLines(el2)).to.deep.equal([
      ['1', 'fine'],
      ['2', ''],
      ['3', 'bare string'],
    ]);
  });

  it('says when the source has no logs at all', async () => {
    const el = await viewer({ getRun: async () => ({ id: 'r', state: 'finished' }), defaultRunId: () => 'r' });
    await until(el, () => !!shadow(el).querySelector('.rp-state--unsupported'), 'unsupported');
    expect(shadow(el).textContent).to.contain('console logs');
  });

  it('shows the sample run log accessibly, in light and dark', async () => {
    const source = new MemorySource(generateSampleRun({ logLines: 400 }));
    for (const theme of ['light', 'dark']) {
      const el = await viewer(source, { theme });
      await loaded(el);
      expect(shownLines(el)[0][1]).to.contain('wandb: Currently logged in as: ada');
      await expect(el).to.be.accessible();
    }
  });

  it('speaks Japanese', async () => {
    const el = await viewer(sourceWith([{ text: 'a' }, { text: 'b', stream: 'stderr' }]), { lang: 'ja' });
    await loaded(el);
    expect(button(el, '折り返し')).to.exist;
    expect(button(el, 'タイムスタンプ')).to.exist;
    expect(shadow(el).querySelector('input[type="search"]')!.getAttribute('aria-label')).to.equal('ログを検索');
    expect(shadow(el).querySelector('.status')!.textContent).to.contain('2 行');
    expect(shadow(el).querySelector('select[aria-label="ストリーム"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('is a run-page tab', async () => {
    const { tabElement } = await import('../../../src/internal/tab-registry.js');
    const { LogViewer } = await import('../../../src/elements/log-viewer/log-viewer.js');
    expect(tabElement('logs')).to.equal(LogViewer);
  });
});

describe('log-viewer live', () => {
  function liveSource(count = 100): MemorySource {
    return new MemorySource({ info: { id: 'live', state: 'running' }, logs: lines(count) });
  }

  it('follows new lines while at the bottom, and offers a pill when scrolled up', async () => {
    const source = liveSource();
    const el = await viewer(source);
    await loaded(el);
    await until(el, () => visibleLines(el).at(-1)?.[0] === '100', 'a live run opens at the end');
    expect(button(el, 'Follow').getAttribute('aria-pressed')).to.equal('true');
    source.append('live', { logs: [{ text: 'fresh 101' }, { text: 'fresh 102', stream: 'stderr' }] });
    await until(el, () => visibleLines(el).at(-1)?.[1] === 'fresh 102', 'followed to the new last line');
    expect(pill(el)).to.equal(null);

    viewport(el).scrollTop = 0;
    await until(
      el,
      () => button(el, 'Follow').getAttribute('aria-pressed') === 'false',
      'scrolling up stops following',
    );
    source.append('live', { logs: [{ text: 'x' }, { text: 'y' }, { text: 'z' }] });
    await until(el, () => pill(el)?.textContent?.includes('3 new lines') === true, 'new-lines pill');
    expect(visibleLines(el)[0][0]).to.equal('1', 'the view stays where the user is');
    source.append('live', { logs: [{ text: 'w' }] });
    await until(el, () => pill(el)?.textContent?.includes('4 new lines') === true, 'pill counts up');
    pill(el)!.click();
    await until(el, () => visibleLines(el).at(-1)?.[1] === 'w' && pill(el) === null, 'pill jumps to the end');
    expect(button(el, 'Follow').getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('stops offering Follow once the run ends', async () => {
    const source = liveSource(10);
    const el = await viewer(source);
    await loaded(el);
    expect(button(el, 'Follow')).to.exist;
    source.append('live', { logs: [{ text: 'Training finished' }], run: { state: 'finished', exitCode: 0 } });
    await until(el, () => visibleLines(el).at(-1)?.[1] === 'Training finished', 'last line shown');
    expect([...shadow(el).querySelectorAll('button')].some((b) => b.textContent!.trim() === 'Follow')).to.equal(false);
  });

  it('follows within a stream filter', async () => {
    const source = liveSource(30);
    const el = await viewer(source);
    await loaded(el);
    el.stream = 'stderr';
    await until(el, () => !!shadow(el).querySelector('.body-state .rp-state--empty'), 'no stderr lines yet');
    expect(shadow(el).querySelector('.body-state')!.textContent).to.contain('No lines match');
    source.append('live', { logs: [{ text: 'out' }, { text: 'err 1', stream: 'stderr' }] });
    await until(el, () => shownLines(el).length === 1, 'stderr line arrived');
    expect(shownLines(el)).to.deep.equal([['32', 'err 1']]);
  });

  it('keeps a search current as lines arrive', async () => {
    const source = liveSource(50);
    const el = await fixture<LogViewer>(
      html`<log-viewer .source=${source} no-hash style="height: 300px"></log-viewer>`,
    );
    await loaded(el);
    const input = shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    input.value = 'needle';
    input.dispatchEvent(new Event('input'));
    await until(el, () => shadow(el).querySelector('.count')!.textContent!.includes('No matches'), 'none yet');
    source.append('live', { logs: [{ text: 'a needle' }] });
    await until(el, () => shadow(el).querySelector('.count')!.textContent!.includes('1 of 1'), 'found in the new line');
  });
});
