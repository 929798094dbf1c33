import { expect } from '@open-wc/testing';
import { SourceError } from '../../../src/data/errors.js';
import type { FileBytes, FileEntry, RunSource } from '../../../src/data/source.js';
import { mount, preview, shadow, until } from './helpers.js';

const LOG = 'line 1\nline 2\n';

/** A run folder as `runpage serve` lists one with links (see src/server/node-folder.ts). */
const ENTRIES: FileEntry[] = [
  {
    path: 'debug.log',
    name: 'debug.log',
    kind: 'file',
    mime: 'inode/symlink',
    link: { to: 'nothing', target: 'run-20240101_000000-old/logs/debug.log' },
  },
  { path: 'gone', name: 'gone', kind: 'file', mime: 'inode/symlink', link: { to: 'nothing' } },
  {
    path: 'latest.log',
    name: 'latest.log',
    kind: 'file',
    size: LOG.length,
    link: { to: 'inside', target: 'logs/output.log' },
  },
  { path: 'logs', name: 'logs', kind: 'dir', count: 1 },
  { path: 'model.pt', name: 'model.pt', kind: 'file', mime: 'inode/symlink', link: { to: 'outside' } },
  // a source that leaks an outside target is not echoed
  {
    path: 'leaky',
    name: 'leaky',
    kind: 'file',
    mime: 'inode/symlink',
    link: { to: 'outside', target: '/home/author/secret' } as never,
  },
  // a source that only marks links (MemorySource runs read by the W&B reader)
  { path: 'old-style', name: 'old-style', kind: 'file', mime: 'inode/symlink' },
];

function linkSource(readNotFound = false): RunSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    defaultRunId: () => 'run-1',
    getRun: async () => ({ id: 'run-1', state: 'finished' }),
    listFiles: async (_run, dir) =>
      dir === 'logs'
        ? { dir, entries: [{ path: 'logs/output.log', name: 'output.log', kind: 'file', size: LOG.length }], total: 1 }
        : { dir: '', entries: ENTRIES, total: ENTRIES.length },
    readFile: async (_run, path, range): Promise<FileBytes> => {
      reads.push(path);
      if (readNotFound || path !== 'latest.log') throw new SourceError('not-found', `${path} is a link to nothing`);
      const bytes = new TextEncoder().encode(LOG);
      const start = range?.start ?? 0;
      const end = Math.min(range?.end ?? bytes.length, bytes.length);
      return { path, bytes: bytes.slice(start, end), start, size: bytes.length };
    },
  };
}

function row(el: HTMLElement, name: string): HTMLElement {
  const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.body .row:not(.more)')];
  const found = rows.find((r) => r.querySelector('.name')?.textContent === name);
  expect(found, name).to.exist;
  return found!;
}

const label = (el: HTMLElement, name: string) => row(el, name).querySelector('.link-to')?.textContent ?? '';

describe('file-browser: symbolic links', () => {
  let errors: unknown[];
  const consoleError = console.error;
  beforeEach(() => {
    errors = [];
    console.error = (...args: unknown[]) => errors.push(args);
  });
  afterEach(() => {
    console.error = consoleError;
  });

  it('lists links as links, saying where they lead only inside the run', async () => {
    const el = await mount(linkSource());
    await until(() => shadow(el).querySelector('.body .row'), 'rows');
    expect(label(el, 'debug.log')).to.equal('link to /run-20240101_000000-old/logs/debug.log, which does not exist');
    expect(label(el, 'gone')).to.equal('link to nothing');
    expect(label(el, 'latest.log')).to.equal('link to /logs/output.log');
    expect(label(el, 'model.pt')).to.equal('link out of the run folder');
    expect(label(el, 'leaky')).to.equal('link out of the run folder');
    expect(label(el, 'old-style')).to.equal('link, not followed');
    expect(label(el, 'logs')).to.equal('');
    expect(shadow(el).textContent).to.not.contain('/home/author');
    for (const name of ['debug.log', 'model.pt', 'old-style'])
      expect(row(el, name).querySelector('.icon-link'), name).to.exist;
    // a link inside is its target: its icon is the target's
    expect(row(el, 'latest.log').querySelector('.icon-link')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('opens a link to nothing with a message, reading nothing', async () => {
    const source = linkSource();
    const el = await mount(source);
    await until(() => shadow(el).querySelector('.body .row'), 'rows');
    row(el, 'debug.log').click();
    await until(() => preview(el)?.textContent?.includes('This link points to nothing'), 'the message');
    expect(preview(el)!.textContent).to.contain(
      'Its target, /run-20240101_000000-old/logs/debug.log, does not exist in the run folder.',
    );
    expect(preview(el)!.querySelector('[role="alert"], .rp-state--error')).to.equal(null);
    const download = [...shadow(el).querySelectorAll<HTMLButtonElement>('.preview-actions button')].find(
      (b) => b.textContent!.trim() === 'Download',
    )!;
    expect(download.disabled).to.equal(true);
    expect(source.reads).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  it('opens a link out of the run folder with a message, reading nothing', async () => {
    const source = linkSource();
    const el = await mount(source);
    await until(() => shadow(el).querySelector('.body .row'), 'rows');
    row(el, 'model.pt').click();
    await until(() => preview(el)?.textContent?.includes('This link points outside the run folder'), 'the message');
    expect(preview(el)!.textContent).to.contain('Links out of the run folder are never followed');
    row(el, 'old-style').click();
    await until(() => preview(el)?.textContent?.includes('This link is not followed'), 'the message');
    expect(source.reads).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  it('reads a link inside the run as its target', async () => {
    const source = linkSource();
    const el = await mount(source);
    await until(() => shadow(el).querySelector('.body .row'), 'rows');
    row(el, 'latest.log').click();
    await until(() => preview(el)?.textContent?.includes('line 2'), 'the contents');
    expect(source.reads).to.deep.equal(['latest.log']);
  });

  it('a link opened by path before its folder is listed ends on the message, not an error', async () => {
    const el = await mount(linkSource(true), { file: 'debug.log' });
    await until(() => preview(el)?.textContent?.includes('This link points to nothing'), 'the message');
    expect(preview(el)!.querySelector('.rp-state--error')).to.equal(null);
  });

  it('speaks Japanese', async () => {
    const el = await mount(linkSource(), { lang: 'ja' });
    await until(() => shadow(el).querySelector('.body .row'), 'rows');
    expect(label(el, 'model.pt')).to.equal('ランのフォルダー外へのリンク');
    expect(label(el, 'latest.log')).to.equal('/logs/output.log へのリンク');
    row(el, 'debug.log').click();
    await until(() => preview(el)?.textContent?.includes('このリンクの先には何もありません'), 'the message');
    expect(preview(el)!.textContent).to.contain(
      'リンク先の /run-20240101_000000-old/logs/debug.log はランのフォルダーにありません。',
    );
  });

  it('shows the labels in the dark theme in the muted colour', async () => {
    const el = await mount(linkSource(), { theme: 'dark' });
    await until(() => shadow(el).querySelector('.body .row'), 'rows');
    const text = row(el, 'model.pt').querySelector('.link-to')!;
    const name = row(el, 'model.pt').querySelector('.name')!;
    expect(getComputedStyle(text).color).to.not.equal(getComputedStyle(name).color);
    await expect(el).to.be.accessible();
  });
});
