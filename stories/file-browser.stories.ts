import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemorySource, type MemoryFile } from '../src/data/memory-source.js';
import { generateLargeFiles, generateSampleRun } from '../src/data/sample-run.js';
import { encodePng } from '../src/data/png.js';
import { SAMPLE_DIFF } from '../src/data/sample-files.js';
import type { FileEntry, RunSource } from '../src/data/source.js';
import { failingSource, loadingSource, malformedSource, runOnlySource, sampleSource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';

const meta: Meta = {
  title: 'Elements/file-browser',
  component: 'file-browser',
};
export default meta;
type Story = StoryObj;

const show = (source: RunSource, options: { path?: string; file?: string } = {}) =>
  html`<file-browser
    .source=${source}
    path=${options.path ?? ''}
    file=${options.file ?? ''}
    no-hash
    style="height: 600px"
    @file-browser-open=${(e: CustomEvent) => console.info('file-browser-open', e.detail)}
    @file-browser-select=${(e: CustomEvent) => console.info('file-browser-select', e.detail)}
  ></file-browser>`;

function gradientPng(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      rgba[i] = Math.round((255 * x) / width);
      rgba[i + 1] = Math.round((255 * y) / height);
      rgba[i + 2] = 180;
      rgba[i + 3] = 255;
    }
  }
  return encodePng(width, height, rgba);
}

/** A one-second 440 Hz tone as a 16-bit mono WAV. */
function toneWav(seconds = 1, rate = 8000): Uint8Array {
  const samples = seconds * rate;
  const out = new Uint8Array(44 + samples * 2);
  const v = new DataView(out.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  v.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  text(36, 'data');
  v.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++)
    v.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), true);
  return out;
}

const NOTEBOOK = JSON.stringify({
  nbformat: 4,
  metadata: { kernelspec: { language: 'python', name: 'python3' } },
  cells: [
    { cell_type: 'markdown', source: ['# Loss analysis\n', 'Smoothed **train/loss** against the learning rate.'] },
    {
      cell_type: 'code',
      execution_count: 1,
      source: [
        'import wandb\n',
        'run = wandb.Api().run("team/vit/abc123")\n',
        'history = run.history(keys=["train/loss"])\n',
        'history.tail(3)',
      ],
      outputs: [
        {
          output_type: 'execute_result',
          data: { 'text/plain': ['   train/loss\n', '0  0.4123\n', '1  0.4098\n', '2  0.4071'] },
        },
      ],
    },
    {
      cell_type: 'code',
      execution_count: 2,
      source: 'history.plot()',
      outputs: [
        {
          output_type: 'display_data',
          data: { 'image/png': btoa(String.fromCharCode(...gradientPng(64, 32))), 'text/plain': '<Figure>' },
        },
      ],
    },
    {
      cell_type: 'code',
      execution_count: 3,
      source: '1 / 0',
      outputs: [
        {
          output_type: 'error',
          ename: 'ZeroDivisionError',
          evalue: 'division by zero',
          traceback: ['\u001b[31mZeroDivisionError\u001b[0m: division by zero'],
        },
      ],
    },
  ],
});

const MARKDOWN = `# Run notes

Trained **ViT-S/16** on ImageNet-1k subset. See \`config.yaml\`.

| metric | value |
|---|---|
| top-1 | 0.781 |
| loss | 0.412 |

<script>alert('this never runs')</script>
<img src="x" onerror="alert('nor this')" alt="sanitized image">

- [x] warmup
- [ ] longer schedule
`;

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" onload="alert('no')"><script>alert('no')</script><rect width="120" height="80" rx="8" fill="#2559d9"/><text x="60" y="48" fill="white" font-size="20" text-anchor="middle">SVG</text></svg>`;

function csv(rows: number): string {
  const out = ['step,train/loss,val/acc,lr,note'];
  for (let i = 0; i < rows; i++)
    out.push(
      `${i},${(2.3 * Math.exp(-i / 3000) + 0.1).toFixed(5)},${(0.78 * (1 - Math.exp(-i / 2000))).toFixed(4)},${(3e-4).toExponential(2)},"row ${i}, quoted"`,
    );
  return out.join('\n') + '\n';
}

const previewFiles: MemoryFile[] = [
  {
    path: 'code/train.py',
    bytes:
      'import torch\n\n\ndef train(cfg):\n    """One epoch."""\n    for step, batch in enumerate(cfg.loader):\n        loss = cfg.model(batch).mean()\n        loss.backward()\n    return loss.item()\n',
  },
  {
    path: 'config.yaml',
    bytes: 'model:\n  name: vit_small\n  depth: 12\noptimizer:\n  lr: 3.0e-4\n  betas: [0.9, 0.999]\n',
  },
  { path: 'pyproject.toml', bytes: '[project]\nname = "vit"\nversion = "0.1.0"\n\n[tool.ruff]\nline-length = 100\n' },
  { path: 'run.sh', bytes: '#!/usr/bin/env bash\nset -euo pipefail\npython code/train.py --config config.yaml "$@"\n' },
  {
    path: 'wandb-summary.json',
    bytes: JSON.stringify({
      'train/loss': 0.412,
      'val/acc': 0.781,
      _runtime: 5123.4,
      gradients: { layer0: { mean: 0.01, hist: [1, 4, 9, 4, 1] } },
      tags: ['vit', 'baseline'],
    }),
  },
  { path: 'analysis.ipynb', bytes: NOTEBOOK },
  { path: 'README.md', bytes: MARKDOWN },
  { path: 'diff.patch', bytes: SAMPLE_DIFF },
  { path: 'metrics.csv', bytes: csv(20_000) },
  { path: 'predictions.tsv', bytes: 'id\tlabel\tscore\n1\tcat\t0.93\n2\tdog\t0.88\n3\tbird\t0.41\n' },
  { path: 'media/gradient.png', bytes: gradientPng(240, 160) },
  { path: 'media/logo.svg', bytes: SVG },
  { path: 'media/tone.wav', bytes: toneWav() },
  { path: 'checkpoints/model.safetensors', bytes: new Uint8Array(4096).map((_, i) => (i * 37 + 11) % 256) },
  {
    path: 'output.log',
    bytes:
      Array.from({ length: 60_000 }, (_, i) => `[step ${i}] loss=${(2 / (1 + i / 500)).toFixed(4)} lr=3e-4`).join(
        '\n',
      ) + '\n',
  },
  { path: 'checkpoints/huge.mp4', size: 3_000_000_000 },
];

let previews: MemorySource | undefined;
const previewSource = () =>
  (previews ??= new MemorySource({ info: { id: 'previews', state: 'finished' }, files: previewFiles }));

/** The generated sample run's files: config, requirements, the code diff, logs, images, checkpoints. */
export const SampleRun: Story = { render: () => show(sampleSource()) };

/** Python with syntax highlighting (highlight.js and the language load only now). */
export const Code: Story = { render: () => show(previewSource(), { path: 'code', file: 'code/train.py' }) };
export const Yaml: Story = { render: () => show(previewSource(), { file: 'config.yaml' }) };
export const Toml: Story = { render: () => show(previewSource(), { file: 'pyproject.toml' }) };
export const Shell: Story = { render: () => show(previewSource(), { file: 'run.sh' }) };
/** JSON as a foldable tree. */
export const Json: Story = { render: () => show(previewSource(), { file: 'wandb-summary.json' }) };
/** A notebook as cells: Markdown, highlighted code, text, image and error outputs. */
export const Notebook: Story = { render: () => show(previewSource(), { file: 'analysis.ipynb' }) };
/** Markdown rendered and sanitized: the `<script>` and `onerror` in it never run. */
export const Markdown: Story = { render: () => show(previewSource(), { file: 'README.md' }) };
/** The run's diff.patch: file headers, coloured lines, old and new line numbers. */
export const Diff: Story = { render: () => show(previewSource(), { file: 'diff.patch' }) };
/** 20,000 CSV rows in a virtualised table. */
export const Csv: Story = { render: () => show(previewSource(), { file: 'metrics.csv' }) };
export const Tsv: Story = { render: () => show(previewSource(), { file: 'predictions.tsv' }) };
export const Image: Story = { render: () => show(previewSource(), { path: 'media', file: 'media/gradient.png' }) };
/** An SVG with a script and an onload handler, sanitized before it is shown. */
export const Svg: Story = { render: () => show(previewSource(), { path: 'media', file: 'media/logo.svg' }) };
export const Audio: Story = { render: () => show(previewSource(), { path: 'media', file: 'media/tone.wav' }) };

/** A short WebM recorded from a canvas in the browser, played from a Blob URL of its bytes. */
export const Video: Story = {
  render: () => {
    const browser = document.createElement('file-browser');
    browser.noHash = true;
    browser.style.height = '600px';
    browser.source = new MemorySource({ info: { id: 'video', state: 'finished' }, files: [{ path: 'recording/' }] });
    browser.path = 'recording';
    void recordCanvas().then((bytes) => {
      if (!bytes) return;
      browser.source = new MemorySource({
        info: { id: 'video', state: 'finished' },
        files: [{ path: 'recording/rollout.webm', bytes }],
      });
      browser.file = 'recording/rollout.webm';
    });
    return browser;
  },
};

async function recordCanvas(): Promise<Uint8Array | undefined> {
  if (typeof MediaRecorder === 'undefined') return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 90;
  const ctx = canvas.getContext('2d')!;
  const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const done = new Promise((r) => (recorder.onstop = r));
  recorder.start();
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const frame = (t: number) => {
      const p = (t - start) / 1500;
      ctx.fillStyle = '#14161b';
      ctx.fillRect(0, 0, 160, 90);
      ctx.fillStyle = '#7aa7ff';
      ctx.beginPath();
      ctx.arc(20 + 120 * (p % 1), 45, 12, 0, Math.PI * 2);
      ctx.fill();
      if (p < 1) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  recorder.stop();
  await done;
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

/** Anything else: size, type and a hex view of the first bytes, with "load more". */
export const Binary: Story = {
  render: () => show(previewSource(), { path: 'checkpoints', file: 'checkpoints/model.safetensors' }),
};
/** A 1.8 MB log: the first 256 KB are read with a byte range; "load more" reads the next. */
export const LargeText: Story = { render: () => show(previewSource(), { file: 'output.log' }) };
/** A 3 GB video the source has no URL for: too large to preview. */
export const TooLarge: Story = {
  render: () => show(previewSource(), { path: 'checkpoints', file: 'checkpoints/huge.mp4' }),
};

let hundredThousand: MemorySource | undefined;
/** 100,000 entries in one folder (paged 1,000 at a time as you scroll); sort or filter reads every page. */
export const HundredThousandEntries: Story = {
  render: () => {
    hundredThousand ??= new MemorySource({
      info: { id: 'large-files', state: 'finished' },
      files: generateLargeFiles(100_000).map((f) => ({
        ...f,
        path: `shards/${f.path.slice(f.path.lastIndexOf('/') + 1)}`,
      })),
    });
    return show(hundredThousand, { path: 'shards' });
  },
};

/** Names are text: HTML, right-to-left, emoji, spaces and very long names. */
export const HostileNames: Story = {
  render: () =>
    show(
      new MemorySource({
        info: { id: 'names', state: 'finished' },
        files: [
          { path: '<img src=x onerror=alert(1)>.txt', bytes: 'Shown as text.' },
          { path: '<b>bold?</b>/inside.txt', bytes: 'x' },
          { path: 'مرحبا بالعالم.txt', bytes: 'x' },
          { path: 'ファイル 名前 ✓ 🚀.md', bytes: '# 日本語の見出し' },
          { path: `${'a very long file name that keeps going '.repeat(8)}.log`, bytes: 'x' },
          { path: '   leading and trailing spaces   .txt', bytes: 'x' },
        ],
      }),
    ),
};

/**
 * Symbolic links as `runpage serve` lists them: a link inside the run (followed, opens its
 * target), links to nothing and out of the run folder (open with a message; nothing is read).
 */
export const Links: Story = {
  render: () => {
    const inner = new MemorySource({
      info: { id: 'links', state: 'finished' },
      files: [{ path: 'logs/output.log', bytes: 'epoch 1: loss 0.52\nepoch 2: loss 0.41\n' }],
    });
    const links: FileEntry[] = [
      {
        path: 'latest.log',
        name: 'latest.log',
        kind: 'file',
        size: 38,
        link: { to: 'inside', target: 'logs/output.log' },
      },
      {
        path: 'debug.log',
        name: 'debug.log',
        kind: 'file',
        mime: 'inode/symlink',
        link: { to: 'nothing', target: 'run-20240101_000000-old/logs/debug.log' },
      },
      { path: 'model.pt', name: 'model.pt', kind: 'file', mime: 'inode/symlink', link: { to: 'outside' } },
    ];
    const source: RunSource = {
      defaultRunId: () => 'links',
      getRun: (id, o) => inner.getRun(id, o),
      listFiles: async (id, dir, page, o) => {
        const listing = await inner.listFiles(id, dir, page, o);
        return dir
          ? listing
          : { ...listing, entries: [...listing.entries, ...links], total: listing.entries.length + 3 };
      },
      readFile: (id, path, range, o) => inner.readFile(id, path === 'latest.log' ? 'logs/output.log' : path, range, o),
    };
    return show(source, { file: 'debug.log' });
  },
};

export const EmptyFolder: Story = {
  render: () =>
    show(new MemorySource({ info: { id: 'empty', state: 'finished' }, files: [{ path: 'empty/' }] }), {
      path: 'empty',
    }),
};
export const Loading: Story = { render: () => show(loadingSource()) };
/** The listing fails with a retryable error; Retry asks again (and fails again here). */
export const Error: Story = { render: () => show(failingSource()) };
/** A source with no listFiles. */
export const Unsupported: Story = { render: () => show(runOnlySource()) };

/** A listing-only adapter (no readFile): folders browse, previews say they are not available. */
export const ListingOnly: Story = {
  render: () => {
    const source = sampleSource();
    const adapter: RunSource = {
      getRun: (id, o) => source.getRun(id, o),
      defaultRunId: () => source.defaultRunId(),
      listFiles: (id, dir, page, o) => source.listFiles(id, dir, page, o),
    };
    return show(adapter, { file: 'config.yaml' });
  },
};

/** The sample run with a generated run id of its own (shows the zip name). */
export const ZipDownload: Story = {
  render: () =>
    show(new MemorySource(generateSampleRun({ seed: 4, steps: 100, logLines: 200, id: 'zip-demo' })), {
      path: 'media',
    }),
};

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => show(malformedSource()) };

/** At a phone's width (390 px): the file browser. */
export const Phone: Story = { render: () => atPhoneWidth(show(sampleSource())) };
