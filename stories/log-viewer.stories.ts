import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemorySource, type MemoryLogLine } from '../src/data/memory-source.js';
import { generateLargeLogs, generateSampleRun, playLiveRun } from '../src/data/sample-run.js';
import { tqdmLine } from '../src/data/sample-logs.js';
import type { LogChunk, RunSource } from '../src/data/source.js';
import { failingSource, loadingSource, malformedSource, runOnlySource, sampleSource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';

const meta: Meta = {
  title: 'Elements/log-viewer',
  component: 'log-viewer',
};
export default meta;
type Story = StoryObj;

const show = (source: RunSource) => html`<log-viewer .source=${source} no-hash style="height: 560px"></log-viewer>`;

const logSource = (logs: MemoryLogLine[] | ReturnType<typeof generateLargeLogs>, id = 'log-run') =>
  new MemorySource({ info: { id, state: 'finished' }, logs });

const E = '\x1b[';

/** The generated sample run's console: wandb banner, coloured epochs, tqdm bars, warnings, a traceback on stderr. */
export const SampleRun: Story = { render: () => show(sampleSource()) };

let stopLive: (() => void) | undefined;
/** A running run: lines stream in every half second; scroll up to see the "N new lines" pill. */
export const Live: Story = {
  render: () => {
    stopLive?.();
    const run = generateSampleRun({ seed: 3, steps: 200, logLines: 300, state: 'running', id: 'live-run' });
    const source = new MemorySource(run);
    stopLive = playLiveRun(source, 'live-run', { intervalMs: 500, end: 'never' });
    return show(source);
  },
};

let million: MemorySource | undefined;
/** 1,000,000 lines (lazy, ≈100 MB of text), four rank labels, warnings on stderr. Press End, or search. */
export const MillionLines: Story = {
  render: () => show((million ??= logSource(generateLargeLogs(1_000_000), 'million'))),
};

function ansiTable(): MemoryLogLine[] {
  const out: MemoryLogLine[] = [];
  const names = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
  out.push({ text: `${E}1mThe 16 colours (theme tokens --runpage-log-viewer-ansi-0…15)${E}0m` });
  out.push({ text: names.map((n, i) => `${E}${30 + i}m${n.padEnd(8)}${E}0m`).join(' ') });
  out.push({ text: names.map((n, i) => `${E}${90 + i}m${('bright ' + n).slice(0, 8).padEnd(8)}${E}0m`).join(' ') });
  out.push({ text: names.map((n, i) => `${E}${40 + i}m ${n.padEnd(7)}${E}0m`).join(' ') });
  out.push({ text: names.map((n, i) => `${E}${100 + i}m ${n.padEnd(7)}${E}0m`).join(' ') });
  out.push({ text: `${E}1mStyles${E}0m` });
  out.push({
    text: `${E}1mbold${E}0m ${E}2mdim${E}0m ${E}3mitalic${E}0m ${E}4munderline${E}0m ${E}7minverse${E}0m ${E}9mstrikethrough${E}0m ${E}1;31mbold red${E}0m`,
  });
  out.push({ text: `${E}1m256 colours${E}0m` });
  for (let row = 0; row < 16; row++) {
    let line = '';
    for (let col = 0; col < 16; col++) {
      const c = row * 16 + col;
      line += `${E}48;5;${c}m ${String(c).padStart(3)} ${E}0m`;
    }
    out.push({ text: line });
  }
  out.push({ text: `${E}1mTrue colour${E}0m` });
  let gradient = '';
  for (let i = 0; i < 96; i++) {
    const r = Math.round(255 * Math.max(0, 1 - i / 48));
    const g = Math.round(255 * (i < 48 ? i / 48 : 2 - i / 48));
    const b = Math.round(255 * Math.max(0, i / 48 - 1));
    gradient += `${E}48;2;${r};${g};${b}m ${E}0m`;
  }
  out.push({ text: gradient });
  out.push({ text: `${E}38;2;255;105;180mhot pink foreground${E}0m ${E}38:2::0:160:160mcolon form teal${E}0m` });
  out.push({
    text: `Other escapes are removed: ${E}?25l\x1b]0;window title\x07${E}2Kcursor hidden, title set, line cleared`,
  });
  return out;
}

/** Every ANSI colour and style the viewer draws. Switch the theme to see the dark palette. */
export const AnsiColourTable: Story = { render: () => show(logSource(ansiTable(), 'ansi')) };

function tqdmOutput(): MemoryLogLine[] {
  const nested =
    tqdmLine('epochs', 3, 3, 0.5).split('\r')[1] +
    '\n' +
    tqdmLine('batches', 500, 50, 120) +
    `${E}A\r` +
    tqdmLine('epochs', 3, 3, 0.5).split('\r')[2];
  return [
    { text: 'python train.py --epochs 3' },
    { text: tqdmLine('Epoch 1', 500, 500, 118.4), stream: 'stderr' },
    { text: tqdmLine('Epoch 2', 500, 500, 121.9), stream: 'stderr' },
    { text: `${tqdmLine('Eval', 80, 40, 310)}\r${E}K${E}32mEval done: acc=0.912${E}0m`, stream: 'stderr' },
    { text: nested, stream: 'stderr' },
    { text: 'Each bar above is one log line holding hundreds of \\r redraws; the viewer shows the final state.' },
  ];
}

/** tqdm progress bars: 500 `\r` redraws per line, an erased bar, and nested bars redrawn with cursor-up. */
export const TqdmOutput: Story = { render: () => show(logSource(tqdmOutput(), 'tqdm')) };

function hostileLines(): MemoryLogLine[] {
  return [
    { text: '<script>alert("this must never run")</script>' },
    { text: '<img src=x onerror="alert(1)"> <b>not bold</b> &amp; &lt;entities stay as typed&gt;' },
    {
      text: 'Links: https://wandb.ai/acme/vit/runs/abc123, http://localhost:6006/#scalars and javascript:alert(1) (not a link)',
    },
    { text: `A 100,000-character line: ${'0123456789'.repeat(10_000)}` },
    { text: 'العربية: نص من اليمين إلى اليسار في سطر السجل' },
    { text: '日本語のログ行: 学習を開始します（エポック 1/10）' },
    { text: 'Tabs\tare\tkept\tas\ttabs' },
    { text: `${E}31mA traceback on stderr${E}0m`, stream: 'stderr' },
  ];
}

/** HTML in log lines stays text, URLs become links, a 100,000-character line is cut with an expand control. */
export const HtmlAndLongLines: Story = { render: () => show(logSource(hostileLines(), 'hostile')) };

export const Wrapped: Story = {
  render: () =>
    html`<log-viewer .source=${logSource(hostileLines(), 'wrapped')} wrap no-hash style="height: 560px"></log-viewer>`,
};

export const WithTimestamps: Story = {
  render: () => html`<log-viewer .source=${sampleSource()} timestamps no-hash style="height: 560px"></log-viewer>`,
};

export const StderrOnly: Story = {
  render: () => html`<log-viewer .source=${sampleSource()} stream="stderr" no-hash style="height: 560px"></log-viewer>`,
};

/** The source never answers. */
export const Loading: Story = {
  render: () => show({ ...loadingSource(), getLogs: () => new Promise<LogChunk>(() => {}) }),
};

export const Empty: Story = { render: () => show(logSource([], 'empty')) };

export const Error: Story = { render: () => show(failingSource()) };

export const Unsupported: Story = { render: () => show(runOnlySource()) };

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => show(malformedSource()) };

/** At a phone's width (390 px): the log viewer: everything but the search folds into a "More" menu. */
export const Phone: Story = { render: () => atPhoneWidth(show(sampleSource())) };
