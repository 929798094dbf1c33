import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/run-overview/define.js';
import '../../../src/elements/run-source/define.js';
import type { RunOverview } from '../../../src/elements/run-overview/run-overview.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { SourceError } from '../../../src/data/errors.js';
import type { JsonObject, RunInfo, RunSource } from '../../../src/data/source.js';
import { flakySource, pendingSource, settle, shadowText, until } from '../helpers/sources.js';

const sample = () => generateSampleRun({ seed: 3, steps: 50, logLines: 20 });

async function overview(source: RunSource, attrs = html``): Promise<RunOverview> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div><run-overview .source=${source}>${attrs}</run-overview></div>`,
  );
  const el = wrapper.querySelector('run-overview')!;
  await settle(el);
  return el;
}

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const qa = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];

describe('<run-overview>', () => {
  it('shows a skeleton while the run loads', async () => {
    const el = await overview(pendingSource());
    const status = q(el, '[role="status"]');
    expect(status).to.exist;
    expect(status!.getAttribute('aria-busy')).to.equal('true');
    expect(shadowText(el)).to.contain('Loading');
  });

  it('says there is no source when none is given', async () => {
    const el = await fixture<RunOverview>(html`<run-overview></run-overview>`);
    await settle(el);
    expect(shadowText(el)).to.contain('No data source');
  });

  it('asks for a run when the source has no default run and none is named', async () => {
    const el = await overview({ getRun: async () => ({ id: 'x', state: 'finished' }) });
    expect(shadowText(el)).to.contain('No run selected');
    el.run = 'x';
    await settle(el);
    expect(q(el, '.name')!.textContent).to.equal('x');
  });

  it('shows an error with a retry button that works', async () => {
    const run = sample();
    const source = flakySource(run.info, 1);
    const el = await overview(source);
    expect(q(el, '[role="alert"]')!.textContent).to.contain('The server did not answer (503).');
    q<HTMLButtonElement>(el, '[part~="retry"]')!.click();
    await until(() => expect(q(el, '.name')?.textContent).to.equal(run.info.name));
    expect(source.calls).to.equal(2);
  });

  it('offers no retry for an error that retrying cannot fix', async () => {
    const el = await overview({
      getRun: () => Promise.reject(new SourceError('unauthorized', 'Sign in to see this run.')),
      defaultRunId: () => 'r',
    });
    expect(shadowText(el)).to.contain('Sign in to see this run.');
    expect(q(el, '[part~="retry"]')).to.be.null;
  });

  it('shows "run not found" as an empty state', async () => {
    const el = await overview(new MemorySource(sample()), html``);
    el.run = 'no-such-run';
    await settle(el);
    expect(shadowText(el)).to.contain('Run not found');
  });

  it('shows the unsupported state when the source cannot serve runs', async () => {
    const el = await overview({
      getRun: () => Promise.reject(new SourceError('unsupported', 'no runs here')),
      defaultRunId: () => 'r',
    });
    expect(shadowText(el)).to.contain('Not available from this source');
  });

  it('shows the run: name, state, tags, environment, command and git link', async () => {
    const run = sample();
    const el = await overview(new MemorySource(run));
    expect(q(el, '.name')!.textContent).to.equal(run.info.name);
    expect(q(el, '[part~="state-badge"]')!.textContent).to.contain('Finished');
    expect(qa(el, '.rp-tag').map((t) => t.textContent)).to.deep.equal(run.info.tags);
    const text = shadowText(el);
    expect(text).to.contain('gpu-node-07');
    expect(text).to.contain('3.11.9');
    expect(text).to.contain('train.py --config configs/gpt_small.yaml --steps 50');
    expect(text).to.contain('8 GPUs: 8 × NVIDIA A100-SXM4-80GB (80 GB)');
    expect(text).to.contain('uncommitted changes');
    const commit = qa<HTMLAnchorElement>(el, '.git a').find((a) => a.href.includes('/commit/'))!;
    expect(commit.href).to.equal(`https://github.com/acme-research/vit-imagenet/commit/${run.info.git!.commit}`);
    expect(commit.rel).to.contain('noopener');
    await expect(el).to.be.accessible();
  });

  it('shows a module run (W&B records the program as "-m pkg.mod") as the command that was typed', async () => {
    const run = sample();
    run.info = { ...run.info, command: { program: '-m kws.train', args: ['--epochs', '3', 'a b'] } };
    const el = await overview(new MemorySource(run));
    expect(shadowText(el)).to.contain("python -m kws.train --epochs 3 'a b'");
  });

  it('shows a failed run with its exit code', async () => {
    const run = sample();
    run.info = { ...run.info, state: 'failed', exitCode: 255 };
    const el = await overview(new MemorySource(run));
    expect(q(el, '[part~="state-badge"]')!.textContent).to.contain('Failed');
    expect(q(el, '[part~="state-badge"]')!.textContent).to.contain('255');
  });

  it('turns a running run crashed when its heartbeat is older than the threshold', async () => {
    const info: RunInfo = {
      id: 'r',
      state: 'running',
      startedAt: Date.now() - 3_600_000,
      heartbeatAt: Date.now() - 30_000,
    };
    const el = await overview({ getRun: async () => info, defaultRunId: () => 'r' });
    expect(q(el, '[part~="state-badge"]')!.dataset.state).to.equal('running');
    el.heartbeatTimeout = 10;
    await settle(el);
    expect(q(el, '[part~="state-badge"]')!.dataset.state).to.equal('crashed');
  });

  it('updates the state badge in place while the run goes on', async () => {
    const run = generateSampleRun({ seed: 4, steps: 20, logLines: 5, state: 'running' });
    const source = new MemorySource(run);
    const el = await overview(source);
    const badge = () => q(el, '[part~="state-badge"]')!;
    expect(badge().dataset.state).to.equal('running');
    const header = q(el, '.header');
    source.append(run.info.id, { run: { state: 'finished', exitCode: 0, endedAt: Date.now() } });
    await until(() => expect(badge().dataset.state).to.equal('finished'));
    expect(q(el, '.header')).to.equal(header);
  });

  it('renders notes as sanitized Markdown', async () => {
    const info: RunInfo = {
      id: 'n',
      state: 'finished',
      notes:
        '**bold** and <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [link](https://example.com)',
    };
    const el = await overview({ getRun: async () => info, defaultRunId: () => 'n' });
    await until(() => expect(q(el, '.notes strong')?.textContent).to.equal('bold'));
    const notes = q(el, '.notes')!;
    expect(notes.querySelector('script')).to.be.null;
    expect(notes.querySelector('[onerror]')).to.be.null;
    // an image with no text alternative is named by its file, so axe and screen readers have a name
    expect(notes.querySelector('img')!.getAttribute('alt')).to.equal('x');
    expect((window as unknown as { __pwned?: number }).__pwned).to.be.undefined;
    expect(notes.querySelector('a')!.getAttribute('rel')).to.contain('noopener');
  });

  it('shows hostile config values and keys as text', async () => {
    const config: JsonObject = {
      '<b>key</b>': '<img src=x onerror="window.__pwned=3">',
      nested: { html: '<script>1</script>' },
    };
    const el = await overview({
      getRun: async () => ({ id: 'h', state: 'finished', config }),
      defaultRunId: () => 'h',
    });
    const table = q(el, '[data-table="config"]')!;
    expect(table.textContent).to.contain('<b>key</b>');
    expect(table.textContent).to.contain('<img src=x onerror="window.__pwned=3">');
    expect(table.querySelector('img, b, script')).to.be.null;
  });

  it('flattens nested config, collapses groups and searches keys and values', async () => {
    const run = sample();
    const el = await overview(new MemorySource(run));
    const table = () => q(el, '[data-table="config"]')!;
    const keys = () =>
      [...table().querySelectorAll('[role="row"]')].map((r) => r.querySelector('.kv__keytext')!.textContent);
    expect(keys()).to.include('data');
    expect(keys()).to.include('batch_size');
    const group = [...table().querySelectorAll<HTMLElement>('[role="row"]')].find(
      (r) => r.querySelector('.kv__keytext')!.textContent === 'data',
    )!;
    expect(group.getAttribute('aria-expanded')).to.equal('true');
    group.querySelector<HTMLButtonElement>('.kv__toggle')!.click();
    await settle(el);
    expect(keys()).to.not.include('batch_size');
    expect(keys()).to.include('optimizer');

    const search = table().querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = 'imagenet';
    search.dispatchEvent(new InputEvent('input'));
    await settle(el);
    expect(keys()).to.deep.equal(['data', 'dataset']);
  });

  it('moves through the config table with the keyboard', async () => {
    const el = await overview(new MemorySource(sample()));
    const rows = () => [...q(el, '[data-table="config"]')!.querySelectorAll<HTMLElement>('[role="row"]')];
    rows()[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(el.shadowRoot!.activeElement).to.equal(rows()[1]);
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(el.shadowRoot!.activeElement!.getAttribute('aria-rowindex')).to.equal(
      String(rows().length && q(el, '[role="treegrid"]')!.getAttribute('aria-rowcount')),
    );
    await sendKeys({ press: 'Home' });
    await settle(el);
    const first = el.shadowRoot!.activeElement as HTMLElement;
    expect(first.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    expect((el.shadowRoot!.activeElement as HTMLElement).getAttribute('aria-expanded')).to.equal('false');
  });

  it('keeps 10,000 config keys smooth by rendering only the rows on screen', async () => {
    const config: JsonObject = {};
    for (let i = 0; i < 10_000; i++) config[`key_${String(i).padStart(5, '0')}`] = i;
    const el = await overview({
      getRun: async () => ({ id: 'big', state: 'finished', config }),
      defaultRunId: () => 'big',
    });
    const table = q(el, '[data-table="config"]')!;
    expect(table.querySelectorAll('[role="row"]').length).to.be.lessThan(60);
    expect(table.querySelector('[role="treegrid"]')!.getAttribute('aria-rowcount')).to.equal('10000');
    const scroller = table.querySelector<HTMLElement>('.kv__scroll')!;
    scroller.scrollTop = scroller.scrollHeight;
    scroller.dispatchEvent(new Event('scroll'));
    await settle(el);
    expect(table.textContent).to.contain('key_09999');
  });

  describe('numbers in the config and summary', () => {
    const t = Date.UTC(2024, 4, 1, 8, 0, 12) / 1000 + 0.3456788;
    const summary: JsonObject = {
      _timestamp: t,
      _step: 123_456_789,
      num_params: 1_234_567_890,
      lr: 0.00010000001,
      loss: NaN,
      best: Infinity,
      worst: -Infinity,
      tiny: 1.25e-7,
      huge: 2 ** 60,
      started_ms: { createdAt: Date.UTC(2024, 4, 1) },
      epoch_time: 12.5,
      hist: [0.1, NaN, Infinity],
    };
    const mount = async (lang: 'en' | 'ja') => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang=${lang}>
          <run-overview
            .source=${{ getRun: async () => ({ id: 'n', state: 'finished', summary }), defaultRunId: () => 'n' }}
          ></run-overview>
        </div>`,
      );
      const el = wrapper.querySelector('run-overview')!;
      await settle(el);
      return el;
    };
    const rowOf = (el: RunOverview, key: string) =>
      [...q(el, '[data-table="summary"]')!.querySelectorAll<HTMLElement>('[role="row"]')].find(
        (r) => r.querySelector('.kv__keytext')!.textContent === key,
      )!;
    const valueOf = (el: RunOverview, key: string) => rowOf(el, key).querySelector('.kv__value')!.textContent!.trim();

    it('shows integers in full, floats with every digit needed, NaN and infinities by name', async () => {
      const el = await mount('en');
      expect(valueOf(el, '_step')).to.equal('123,456,789');
      expect(valueOf(el, 'num_params')).to.equal('1,234,567,890');
      expect(valueOf(el, 'lr')).to.equal('0.00010000001');
      expect(valueOf(el, 'loss')).to.equal('NaN');
      expect(valueOf(el, 'best')).to.equal('Infinity');
      expect(valueOf(el, 'worst')).to.equal('-Infinity');
      expect(valueOf(el, 'tiny')).to.equal('1.25e-7');
      expect(valueOf(el, 'huge')).to.equal('1.152921504606847e18');
      expect(valueOf(el, 'epoch_time')).to.equal('12.5');
      expect(valueOf(el, 'hist')).to.equal('[0.1,NaN,Infinity]');
    });

    it('shows timestamps in full and as dates, and only those', async () => {
      const el = await mount('en');
      const ts = rowOf(el, '_timestamp');
      expect(ts.querySelector('.kv__value')!.textContent).to.contain('1,714,550,412.3456788');
      const time = ts.querySelector('time')!;
      expect(time.getAttribute('datetime')).to.equal('2024-05-01T08:00:12.345Z');
      expect(time.textContent).to.equal(
        new Date(t * 1000).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'medium' }),
      );
      expect(rowOf(el, 'createdAt').querySelector('time')!.getAttribute('datetime')).to.equal(
        '2024-05-01T00:00:00.000Z',
      );
      for (const key of ['_step', 'num_params', 'epoch_time']) expect(rowOf(el, key).querySelector('time')).to.be.null;
      await expect(el).to.be.accessible();
    });

    it('shows them the Japanese way under lang="ja"', async () => {
      const el = await mount('ja');
      expect(valueOf(el, 'num_params')).to.equal('1,234,567,890');
      expect(rowOf(el, '_timestamp').querySelector('time')!.textContent).to.equal(
        new Date(t * 1000).toLocaleString('ja-JP', { dateStyle: 'medium', timeStyle: 'medium' }),
      );
      expect(valueOf(el, 'loss')).to.equal('NaN');
    });

    it('copies the exact value, not the shown one', async () => {
      const copied: string[] = [];
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: async (text: string) => void copied.push(text) },
      });
      try {
        const el = await mount('en');
        for (const [i, key] of ['_timestamp', 'num_params', 'loss', 'hist'].entries()) {
          rowOf(el, key).querySelector<HTMLButtonElement>('.kv__copy')!.click();
          await until(() => expect(copied).to.have.length(i + 1));
        }
        expect(copied).to.deep.equal(['1714550412.3456788', '1234567890', 'NaN', '[0.1,NaN,Infinity]']);
        expect(Number(copied[0])).to.equal(t);
      } finally {
        delete (navigator as unknown as { clipboard?: unknown }).clipboard;
      }
    });
  });

  it('links media values in the summary to their file', async () => {
    const run = sample();
    run.files = [
      ...(run.files ?? []),
      { path: 'media/images/p.png', bytes: new Uint8Array([1]), url: 'https://files.example/p.png' },
    ];
    run.info.summary = { ...run.info.summary, pic: { _type: 'image-file', path: 'media/images/p.png' } };
    const el = await overview(new MemorySource(run));
    const summary = q(el, '[data-table="summary"]')!;
    const link = [...summary.querySelectorAll('a')].find((a) => a.textContent!.includes('media/images/p.png'));
    expect(link?.getAttribute('href')).to.equal('https://files.example/p.png');
  });

  it('speaks Japanese under lang="ja"', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ja"><run-overview .source=${new MemorySource(sample())}></run-overview></div>`,
    );
    const el = wrapper.querySelector('run-overview')!;
    await settle(el);
    const text = shadowText(el);
    expect(text).to.contain('設定');
    expect(text).to.contain('サマリー');
    expect(q(el, '[part~="state-badge"]')!.textContent).to.contain('完了');
    wrapper.setAttribute('lang', 'en');
    await until(() => expect(shadowText(el)).to.contain('Config'));
  });

  it('switches to dark colours with theme="dark"', async () => {
    const el = await overview(new MemorySource(sample()));
    const light = getComputedStyle(el).backgroundColor;
    el.theme = 'dark';
    await settle(el);
    const dark = getComputedStyle(el).backgroundColor;
    expect(dark).to.not.equal(light);
    expect(dark).to.equal('rgb(20, 22, 27)');
  });

  it('takes its source from an enclosing <run-source>', async () => {
    const run = sample();
    const wrapper = await fixture<HTMLElement>(
      html`<run-source .source=${new MemorySource(run)}><run-overview></run-overview></run-source>`,
    );
    const el = wrapper.querySelector('run-overview')!;
    await settle(el);
    expect(q(el, '.name')!.textContent).to.equal(run.info.name);
  });

  it('shows the problems met while reading the run', async () => {
    const el = await overview({
      getRun: async () => ({
        id: 'w',
        state: 'crashed',
        warnings: ['run-w.wandb: 1,204 bytes after offset 32768 could not be read'],
      }),
      defaultRunId: () => 'w',
    });
    expect(q(el, '[part~="warnings"]')!.textContent).to.contain('1,204 bytes after offset 32768');
  });
});
