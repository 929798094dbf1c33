import { expect, nextFrame } from '@open-wc/testing';
import { encodePng } from '../../../src/data/png.js';
import { SourceError } from '../../../src/data/errors.js';
import { DEFAULT_PREVIEW_LIMITS } from '../../../src/elements/file-browser/preview-limits.js';
import { installHighlighter, mount, preview, shadow, sourceWith, until } from './helpers.js';

const png = encodePng(4, 3, new Uint8Array(4 * 3 * 4).fill(200));
const notebook = JSON.stringify({
  metadata: { kernelspec: { language: 'python' } },
  cells: [
    { cell_type: 'markdown', source: '## Notebook title' },
    {
      cell_type: 'code',
      execution_count: 7,
      source: 'import torch\nprint(2)',
      outputs: [{ output_type: 'stream', name: 'stdout', text: '2\n' }],
    },
  ],
});

const files = [
  { path: 'train.py', bytes: 'import os\n\ndef main():\n    return "hi"\n' },
  { path: 'config.yaml', bytes: 'optimizer:\n  lr: 0.001\n' },
  {
    path: 'summary.json',
    bytes: JSON.stringify({ loss: 0.25, nested: { deep: { value: [1, 2, 3] } }, name: '<b>x</b>' }),
  },
  { path: 'broken.json', bytes: '{"a": 1,' },
  {
    path: 'diff.patch',
    bytes: 'diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n keep\n-old line\n+new line\n',
  },
  {
    path: 'table.csv',
    bytes: 'step,loss\n' + Array.from({ length: 5000 }, (_, i) => `${i},${(1 / (i + 1)).toFixed(4)}`).join('\n') + '\n',
  },
  {
    path: 'README.md',
    bytes: '# Hello\n\n<script>window.__fbPwned = 1</script><img src=x onerror="window.__fbPwned = 2">\n\n**bold**',
  },
  {
    path: 'logo.svg',
    bytes:
      '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__fbPwned = 3" width="10" height="10"><script>window.__fbPwned = 4</script><rect width="10" height="10" fill="red"/></svg>',
  },
  { path: 'plot.png', bytes: png },
  { path: 'clip.wav', bytes: new Uint8Array(64) },
  { path: 'rollout.mp4', bytes: new Uint8Array(64), url: '/does-not-exist/rollout.mp4' },
  { path: 'model.safetensors', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 4, 5]) },
  { path: 'notes.ipynb', bytes: notebook },
  { path: 'ansi.log', bytes: '\x1b[34m\x1b[1mwandb\x1b[0m: syncing\nplain line\n' },
  { path: 'predictions.tsv', bytes: 'id\tlabel\n1\tcat, black\n' },
  { path: 'big.log', bytes: Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n') + '\n' },
];

async function open(file: string, setup?: (el: Awaited<ReturnType<typeof mount>>) => void) {
  const source = sourceWith(files);
  const el = await mount(source);
  setup?.(el);
  el.file = file;
  await until(() => preview(el) && !preview(el)!.querySelector('.rp-state--loading'), `${file} previews`);
  return el;
}

describe('file-browser previews', () => {
  before(installHighlighter);
  beforeEach(() => {
    (window as unknown as { __fbPwned?: number }).__fbPwned = undefined;
  });

  it('highlights code lazily, with line numbers', async () => {
    const el = await open('train.py');
    await until(() => preview(el)!.querySelector('.hljs-keyword'), 'python is highlighted');
    expect(preview(el)!.querySelector('.gutter')!.textContent!.trim().split('\n')).to.deep.equal(['1', '2', '3', '4']);
    expect(preview(el)!.querySelector('.code-text')!.textContent).to.equal(
      'import os\n\ndef main():\n    return "hi"\n',
    );
  });

  it('drops terminal colour codes from console logs', async () => {
    const el = await open('ansi.log');
    expect(preview(el)!.querySelector('.code-text')!.textContent).to.equal('wandb: syncing\nplain line\n');
  });

  it('highlights YAML', async () => {
    const el = await open('config.yaml');
    await until(() => preview(el)!.querySelector('.hljs-attr'), 'yaml keys are highlighted');
  });

  it('shows JSON as a tree that folds and unfolds', async () => {
    const el = await open('summary.json');
    const p = preview(el)!;
    const toggles = () => [...p.querySelectorAll<HTMLButtonElement>('.json-toggle')];
    expect(toggles().length).to.be.greaterThan(1);
    const nested = toggles().find((b) => b.textContent!.includes('"nested"'))!;
    expect(nested.getAttribute('aria-expanded')).to.equal('true');
    expect(p.textContent).to.include('"deep"');
    nested.click();
    await el.updateComplete;
    expect(nested.getAttribute('aria-expanded')).to.equal('false');
    expect(p.textContent).not.to.include('"deep"');
    const tool = (label: string) =>
      [...p.querySelectorAll<HTMLButtonElement>('.json-tools button')].find((b) => b.textContent!.trim() === label)!;
    tool('Expand all').click();
    await el.updateComplete;
    expect(p.textContent).to.include('"deep"');
    expect(p.querySelector('.json-number')!.textContent).to.equal('0.25');
    expect(p.querySelector('b')).to.equal(null);
    expect(p.textContent).to.include('"<b>x</b>"');
    tool('Text').click();
    await until(() => p.querySelector('.code-text .hljs-attr'), 'pretty-printed JSON, highlighted');
    expect(p.querySelector('.code-text')!.textContent).to.equal(
      JSON.stringify(JSON.parse(files[2].bytes as string), null, 2),
    );
    expect(p.querySelector('.code-text b')).to.equal(null);
  });

  it('shows invalid JSON as text with a note', async () => {
    const el = await open('broken.json');
    expect(preview(el)!.querySelector('.preview-note')!.textContent).to.include('not valid JSON');
    expect(preview(el)!.querySelector('.code-text')!.textContent).to.equal('{"a": 1,');
  });

  it('colours added and removed diff lines, with line numbers', async () => {
    const el = await open('diff.patch');
    const p = preview(el)!;
    expect(p.querySelector('.diff-title')!.textContent).to.equal('x.py');
    const add = p.querySelector('.diff-add') as HTMLElement;
    const del = p.querySelector('.diff-del') as HTMLElement;
    const ctx = p.querySelector('.diff-context') as HTMLElement;
    expect(add.querySelector('.diff-text')!.textContent).to.equal('+new line');
    expect(del.querySelector('.diff-text')!.textContent).to.equal('-old line');
    const bg = (e: Element) => getComputedStyle(e).backgroundColor;
    expect(bg(add)).not.to.equal(bg(del));
    expect(bg(add)).not.to.equal(bg(ctx));
    expect(getComputedStyle(add.querySelector('.diff-text')!).color).not.to.equal(
      getComputedStyle(del.querySelector('.diff-text')!).color,
    );
    expect([...del.querySelectorAll('.ln')].map((c) => c.textContent)).to.deep.equal(['2', '']);
    expect([...add.querySelectorAll('.ln')].map((c) => c.textContent)).to.deep.equal(['', '2']);
  });

  it('shows CSV as a virtualised table', async () => {
    const el = await open('table.csv');
    const p = preview(el)!;
    expect([...p.querySelectorAll('.csv-head [role=columnheader]')].map((c) => c.textContent)).to.deep.equal([
      '#',
      'step',
      'loss',
    ]);
    expect(p.querySelector('.csv-summary')!.textContent).to.include('5,000 rows');
    const rendered = p.querySelectorAll('.csv-body [role=row]').length;
    expect(rendered).to.be.greaterThan(5).and.lessThan(200);
    const scroller = p.querySelector('.csv-scroll') as HTMLElement;
    scroller.scrollTop = 26 * 4000;
    scroller.dispatchEvent(new Event('scroll'));
    await until(
      () => [...p.querySelectorAll('.csv-body [role=cell]')].some((c) => c.textContent === '4000'),
      'row 4000 is rendered after scrolling',
    );
  });

  it('shows TSV split on tabs', async () => {
    const el = await open('predictions.tsv');
    const cells = [...preview(el)!.querySelectorAll('.csv-body [role=cell]')].map((c) => c.textContent);
    expect(cells).to.deep.equal(['1', 'cat, black']);
  });

  it('passes axe with each kind of preview open', async () => {
    const el = await open('table.csv');
    for (const file of [
      'table.csv',
      'summary.json',
      'README.md',
      'notes.ipynb',
      'model.safetensors',
      'plot.png',
      'diff.patch',
      'train.py',
    ]) {
      el.file = file;
      await until(() => preview(el) && !preview(el)!.querySelector('.rp-state--loading'), `${file} previews`);
      await nextFrame(); // the preview's first paint, before axe reads colours
      await expect(el).to.be.accessible();
    }
    el.theme = 'dark';
    for (const file of ['summary.json', 'diff.patch', 'train.py']) {
      el.file = file;
      await until(() => preview(el) && !preview(el)!.querySelector('.rp-state--loading'), `${file} previews in dark`);
      await nextFrame(); // the preview's first paint, before axe reads colours
      await expect(el).to.be.accessible();
    }
  });

  it('renders Markdown sanitized: no script runs, no handler survives', async () => {
    const el = await open('README.md');
    const p = preview(el)!;
    await until(() => p.querySelector('.markdown h1'), 'markdown rendered');
    expect(p.querySelector('.markdown h1')!.textContent).to.equal('Hello');
    expect(p.querySelector('strong')!.textContent).to.equal('bold');
    expect(p.querySelector('script')).to.equal(null);
    const img = p.querySelector('img');
    expect(img?.getAttribute('onerror') ?? null).to.equal(null);
    await until(() => !img || img.complete, 'the image has tried to load');
    await nextFrame(); // its error event has been dispatched
    expect((window as unknown as { __fbPwned?: number }).__fbPwned).to.equal(undefined);
  });

  it('shows SVG sanitized through a Blob URL', async () => {
    const el = await open('logo.svg');
    const img = preview(el)!.querySelector('img') as HTMLImageElement;
    expect(img.src.startsWith('blob:')).to.equal(true);
    const text = await (await fetch(img.src)).text();
    expect(text).to.include('<rect');
    expect(text).not.to.include('script');
    expect(text).not.to.include('onload');
    await until(() => img.complete && img.naturalWidth > 0, 'the svg loads');
    expect((window as unknown as { __fbPwned?: number }).__fbPwned).to.equal(undefined);
  });

  it('loads an image from the file bytes and revokes its URL when closed', async () => {
    const revoked: string[] = [];
    const original = URL.revokeObjectURL;
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      original.call(URL, url);
    };
    try {
      const el = await open('plot.png');
      const img = preview(el)!.querySelector('img') as HTMLImageElement;
      await until(() => img.complete && img.naturalWidth === 4, 'the image loads');
      el.file = '';
      await el.updateComplete;
      expect(revoked).to.include(img.src);
    } finally {
      URL.revokeObjectURL = original;
    }
  });

  it('plays audio from bytes and video from the source URL', async () => {
    const el = await open('clip.wav');
    expect((preview(el)!.querySelector('audio') as HTMLAudioElement).src.startsWith('blob:')).to.equal(true);
    el.file = 'rollout.mp4';
    await until(() => preview(el)!.querySelector('video'), 'video shown');
    expect(preview(el)!.querySelector('video')!.getAttribute('src')).to.equal('/does-not-exist/rollout.mp4');
  });

  it('shows size, type and a hex view for binary files', async () => {
    const el = await open('model.safetensors');
    const p = preview(el)!;
    expect(p.querySelector('.preview-note')!.textContent).to.include('10 B');
    expect(p.querySelector('.hex')!.textContent).to.equal(
      '00000000  89 50 4e 47 00 01 02 03  04 05                    |.PNG......|',
    );
  });

  it('shows a notebook as cells', async () => {
    const el = await open('notes.ipynb');
    const p = preview(el)!;
    await until(() => p.querySelector('.nb-markdown h2'), 'markdown cell rendered');
    expect(p.querySelector('.nb-prompt')!.textContent).to.equal('[7]');
    expect(p.querySelector('.nb-output')!.textContent).to.equal('2\n');
    await until(() => p.querySelector('.nb-code .hljs-keyword'), 'code cell highlighted');
  });

  it('reads large text in byte ranges with "load more"', async () => {
    const source = sourceWith(files);
    const ranges: { start: number; end?: number }[] = [];
    const read = source.readFile.bind(source);
    source.readFile = (runId, path, range, o) => {
      if (range) ranges.push(range);
      return read(runId, path, range, o);
    };
    const el = await mount(source);
    el.previewLimits = { ...DEFAULT_PREVIEW_LIMITS, textChunk: 4096 };
    el.file = 'big.log';
    await until(() => preview(el)?.querySelector('.code-text'), 'first part shown');
    const text = () => preview(el)!.querySelector('.code-text')!.textContent!;
    expect(text().length).to.equal(4096);
    expect(ranges).to.deep.equal([{ start: 0, end: 4096 }]);
    expect(preview(el)!.querySelector('.load-more')!.textContent).to.include('4 KB');
    (preview(el)!.querySelector('.load-more button') as HTMLButtonElement).click();
    await until(() => text().length === 8192, 'second part appended');
    expect(ranges[1]).to.deep.equal({ start: 4096, end: 8192 });
    const total = files.find((f) => f.path === 'big.log')!.bytes as string;
    while (preview(el)!.querySelector('.load-more button')) {
      const before = text().length;
      (preview(el)!.querySelector('.load-more button') as HTMLButtonElement).click();
      await until(() => text().length > before, 'the next part appended');
    }
    await until(() => text() === total, 'whole file shown');
    expect(preview(el)!.querySelector('.gutter')!.textContent!.trim().split('\n').length).to.equal(2000);
  });

  it('draws long text a window of lines at a time, and keeps it across "load more"', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `log line ${i + 1}`);
    const source = sourceWith([{ path: 'huge.log', bytes: lines.join('\n') + '\n' }]);
    const el = await mount(source);
    el.previewLimits = { ...DEFAULT_PREVIEW_LIMITS, textChunk: 320_000 };
    el.file = 'huge.log';
    await until(() => preview(el)?.querySelector('.lines'), 'lines view');
    const view = preview(el)!.querySelector('.lines') as HTMLElement;
    expect(view.querySelectorAll('.line').length).to.be.lessThan(120);
    expect(view.querySelector('.line .lt')!.textContent).to.equal('log line 1');
    view.scrollTop = view.scrollHeight;
    view.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    const shownNumbers = () => [...view.querySelectorAll('.line .lt')].map((n) => Number(n.textContent!.split(' ')[2]));
    await until(() => shownNumbers().some((n) => n > 20_000), 'the end of the loaded part is drawn');
    (preview(el)!.querySelector('.load-more button') as HTMLButtonElement).click();
    await until(
      () => !preview(el)!.querySelector('.load-more button[disabled]') && view.scrollHeight > 33_000 * 20,
      'more lines arrive',
    );
    expect(preview(el)!.querySelector('.lines')).to.equal(view);
  });

  it('says when a file is too large to preview', async () => {
    const source = sourceWith([{ path: 'huge.png', size: 5_000_000_000 }]);
    const el = await mount(source);
    el.file = 'huge.png';
    await until(() => preview(el)?.querySelector('.rp-state--empty'), 'too large state');
    expect(preview(el)!.textContent).to.include('File too large to preview');
    expect(preview(el)!.textContent).to.include('4.7 GB');
  });

  /** A promise and the function that settles it. */
  function gate(): { promise: Promise<void>; resolve: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  }

  for (const first of ['the listing', 'the read'] as const)
    it(`a file opened by path is judged by its folder's listing when ${first} answers first`, async () => {
      const base = sourceWith([{ path: 'huge.png', size: 5_000_000_000 }]);
      const gates = { list: gate(), read: gate() };
      const source = {
        getRun: base.getRun.bind(base),
        defaultRunId: () => 'run-1',
        listFiles: async (...a: Parameters<typeof base.listFiles>) => {
          await gates.list.promise;
          return base.listFiles(...a);
        },
        readFile: async (...a: Parameters<typeof base.readFile>) => {
          await gates.read.promise;
          return base.readFile(...a);
        },
      };
      const el = await mount(source);
      el.file = 'huge.png';
      await until(() => preview(el), 'the preview opens before the listing');
      const [one, two] = first === 'the listing' ? [gates.list, gates.read] : [gates.read, gates.list];
      one.resolve();
      await new Promise((r) => setTimeout(r, 0));
      await el.updateComplete;
      two.resolve();
      await until(() => preview(el)?.textContent?.includes('File too large to preview'), 'too large state');
      expect(preview(el)!.textContent).to.include('4.7 GB');
    });

  it('says when the source cannot read files', async () => {
    const source = sourceWith(files);
    const adapter = {
      getRun: source.getRun.bind(source),
      defaultRunId: () => 'run-1',
      listFiles: source.listFiles.bind(source),
    };
    const el = await mount(adapter);
    el.file = 'train.py';
    await until(() => preview(el)?.querySelector('.rp-state--empty'), 'unsupported state');
    expect(preview(el)!.textContent).to.include('No preview from this source');
  });

  it("gives the source's reason when a file's contents were not kept", async () => {
    const el = await mount(sourceWith([{ path: 'checkpoints/best.pt', size: 87_312_448 }]));
    el.openFile('checkpoints/best.pt');
    await until(() => preview(el)?.querySelector('.rp-state--empty'), 'unsupported state');
    expect(preview(el)!.textContent).to.include('were not kept');
    await until(
      () => shadow(el).querySelector('.preview-meta')!.textContent!.includes('83.3 MB'),
      'size from the listing',
    );
  });

  it('shows a source that sends no bytes as an error, not a crash', async () => {
    const source = sourceWith(files);
    source.readFile = async () => ({ path: 'train.py', bytes: 'not bytes' }) as never;
    const el = await mount(source);
    el.file = 'train.py';
    await until(() => preview(el)?.querySelector('.rp-state--error'), 'error state');
    expect(preview(el)!.textContent).to.include('The source sent no bytes for train.py');
  });

  it('shows a read error with a retry that works', async () => {
    const source = sourceWith(files);
    let fail = true;
    const read = source.readFile.bind(source);
    source.readFile = (...a) => (fail ? Promise.reject(new SourceError('unavailable', 'Server is down')) : read(...a));
    const el = await mount(source);
    el.file = 'train.py';
    await until(() => preview(el)?.querySelector('.rp-state--error'), 'error state');
    expect(preview(el)!.textContent).to.include('Server is down');
    fail = false;
    (preview(el)!.querySelector('.rp-state--error button') as HTMLButtonElement).click();
    await until(() => preview(el)!.querySelector('.code-text'), 'retried');
  });

  it('sends no request and shows nothing for a path climbing out', async () => {
    const el = await mount(sourceWith(files));
    el.openFile('../../etc/passwd');
    await el.updateComplete;
    expect(shadow(el).querySelector('.preview-pane')).to.equal(null);
  });
});
