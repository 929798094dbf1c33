import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-source/define.js';
import type { FileBrowser } from '../../../src/elements/file-browser/file-browser.js';
import { unzipSync, strFromU8 } from 'fflate';
import { listed, mount, rowNames, shadow, sourceWith, until } from './helpers.js';

const png = new Uint8Array(2048).map((_, i) => (i * 31) % 256);
const files = [
  { path: 'logs/output.log', bytes: 'epoch 1\n'.repeat(500) },
  { path: 'logs/sub/日本語.txt', bytes: 'こんにちは' },
  { path: 'media/a.png', bytes: png },
  { path: 'config.yaml', bytes: 'lr: 0.1\n' },
];

/** Catches what the element hands to the browser's downloads instead of saving it. */
function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  const create = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    if (obj instanceof Blob) blobs.push(obj);
    return create.call(URL, obj);
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    names.push(this.download);
  };
  return {
    blobs,
    names,
    restore() {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

function button(el: HTMLElement, text: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(text));
  if (!found) throw new Error(`no button ${text}`);
  return found as HTMLButtonElement;
}

describe('file-browser downloads', () => {
  it('zips a folder with the right files and bytes', async () => {
    const cap = captureDownloads();
    try {
      const el = await mount(sourceWith(files), { path: 'logs' });
      await listed(el);
      button(el, 'Download folder as zip').click();
      await until(() => cap.names.length === 1, 'the zip is saved');
      expect(cap.names[0]).to.equal('logs.zip');
      const zip = unzipSync(new Uint8Array(await cap.blobs.at(-1)!.arrayBuffer()));
      expect(Object.keys(zip).sort()).to.deep.equal(['logs/output.log', 'logs/sub/日本語.txt']);
      expect(strFromU8(zip['logs/output.log'])).to.equal('epoch 1\n'.repeat(500));
      expect(strFromU8(zip['logs/sub/日本語.txt'])).to.equal('こんにちは');
    } finally {
      cap.restore();
    }
  });

  it('zips the root through every page, also those not yet listed', async () => {
    const cap = captureDownloads();
    try {
      const el = await mount(sourceWith(files, 1));
      await listed(el);
      button(el, 'Download folder as zip').click();
      await until(() => cap.names.length === 1, 'the zip is saved');
      expect(cap.names[0]).to.equal('run-1.zip');
      const zip = unzipSync(new Uint8Array(await cap.blobs.at(-1)!.arrayBuffer()));
      expect(Object.keys(zip).sort()).to.deep.equal([
        'config.yaml',
        'logs/output.log',
        'logs/sub/日本語.txt',
        'media/a.png',
      ]);
    } finally {
      cap.restore();
    }
  });

  it('zips a selection, folders included, with a progress bar', async () => {
    const cap = captureDownloads();
    try {
      const source = sourceWith(files);
      const read = source.readFile.bind(source);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      source.readFile = async (...a) => {
        await gate;
        return read(...a);
      };
      const el = await mount(source);
      await listed(el);
      const boxes = shadow(el).querySelectorAll<HTMLInputElement>('.body .row input[type=checkbox]');
      boxes[1].click(); // media
      boxes[2].click(); // config.yaml
      await el.updateComplete;
      button(el, 'Download selection as zip').click();
      await until(() => shadow(el).querySelector('progress'), 'progress shows');
      release();
      await until(() => cap.names.length === 1, 'the zip is saved');
      const zip = unzipSync(new Uint8Array(await cap.blobs.at(-1)!.arrayBuffer()));
      expect(Object.keys(zip).sort()).to.deep.equal(['config.yaml', 'media/a.png']);
      expect(zip['media/a.png']).to.deep.equal(png);
      await until(() => !shadow(el).querySelector('progress'), 'progress goes away');
    } finally {
      cap.restore();
    }
  });

  it('cancels a zip', async () => {
    const cap = captureDownloads();
    try {
      const source = sourceWith(files);
      source.readFile = () => new Promise(() => {});
      const el = await mount(source);
      await listed(el);
      button(el, 'Download folder as zip').click();
      await until(() => shadow(el).querySelector('progress'), 'progress shows');
      button(el, 'Cancel').click();
      await el.updateComplete;
      expect(shadow(el).querySelector('progress')).to.equal(null);
      expect(cap.names).to.deep.equal([]);
    } finally {
      cap.restore();
    }
  });

  it('downloads one file read from the source', async () => {
    const cap = captureDownloads();
    try {
      const el = await mount(sourceWith(files), { file: 'config.yaml' });
      await until(() => shadow(el).querySelector('.preview-actions'), 'preview and its actions');
      const download = [...shadow(el).querySelectorAll('.preview-actions button')].find(
        (b) => b.textContent!.trim() === 'Download',
      ) as HTMLButtonElement;
      download.click();
      await until(() => cap.names.length === 1, 'saved');
      expect(cap.names[0]).to.equal('config.yaml');
      expect(await cap.blobs.at(-1)!.text()).to.equal('lr: 0.1\n');
    } finally {
      cap.restore();
    }
  });

  it('copies a path', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void copied.push(t) },
    });
    try {
      const el = await mount(sourceWith(files), { file: 'logs/output.log' });
      await until(() => shadow(el).querySelector('.preview-actions'), 'preview and its actions');
      const copy = [...shadow(el).querySelectorAll('.preview-actions button')].find((b) =>
        b.textContent!.includes('Copy path'),
      ) as HTMLButtonElement;
      copy.click();
      await until(() => copied.length === 1, 'copied');
      expect(copied[0]).to.equal('/logs/output.log');
      await until(() => shadow(el).querySelector('[role=status]')!.textContent === 'Path copied', 'announced');
    } finally {
      delete (navigator as unknown as { clipboard?: unknown }).clipboard;
    }
  });
});

describe('file-browser page integration', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('restores the folder and file from the URL hash and writes them back under its key', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#tab=files&files=/logs/output.log`);
    const el = await mount(sourceWith(files), { hash: true });
    await listed(el);
    expect(el.path).to.equal('logs');
    expect(el.file).to.equal('logs/output.log');
    await until(() => shadow(el).querySelector('.code-text'), 'file previewed');
    (shadow(el).querySelector('.crumb') as HTMLButtonElement).click();
    await until(() => rowNames(el)[0] === 'logs', 'root listed');
    expect(location.hash).to.equal('#tab=files&files=/');
    history.replaceState(null, '', `${location.pathname}#tab=files&files=/media/`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await until(() => rowNames(el).join() === 'a.png', 'hash change navigates');
  });

  it('takes its source from an enclosing <run-source>, also for a file opened before it arrived', async () => {
    const wrapper = await fixture(
      html`<run-source><file-browser no-hash path="logs" file="logs/output.log"></file-browser></run-source>`,
    );
    const el = wrapper.querySelector('file-browser') as FileBrowser;
    await el.updateComplete;
    (wrapper as HTMLElement & { source: unknown }).source = sourceWith(files);
    await until(() => shadow(el).querySelector('.code-text'), 'the file previews once the source arrives');
    expect(rowNames(el)).to.deep.equal(['sub', 'output.log']);
  });

  it('keeps out of the hash with no-hash', async () => {
    const el = await mount(sourceWith(files), { path: 'logs' });
    await listed(el);
    expect(location.hash).to.equal('');
  });

  it('shows Japanese labels', async () => {
    const el = await mount(sourceWith(files), { lang: 'ja', file: 'config.yaml' });
    await listed(el);
    expect(shadow(el).querySelector('.crumb')!.textContent!.trim()).to.equal('ランのファイル');
    expect(shadow(el).querySelector('.head .col-name')!.textContent!.replace('▲', '').trim()).to.equal('名前');
    expect(shadow(el).querySelector('input.filter')!.getAttribute('aria-label')).to.equal('名前で絞り込み');
    expect(shadow(el).querySelector('.body .col-size')!.textContent!.trim()).to.equal('2 項目');
    await until(() => shadow(el).querySelector('.preview-actions'), 'preview');
    expect(shadow(el).querySelector('.preview-actions')!.textContent).to.include('パスをコピー');
  });

  it('follows the dark theme', async () => {
    const el = await mount(sourceWith(files), { theme: 'dark' });
    await listed(el);
    const bg = getComputedStyle(shadow(el).querySelector('.grid')!).backgroundColor;
    expect(bg).to.equal('rgb(20, 22, 27)');
    await expect(el).to.be.accessible();
  });

  it('passes axe with the listing and a preview open', async () => {
    const el = await mount(
      sourceWith([
        ...files,
        { path: 'diff.patch', bytes: 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n' },
      ]),
      { file: 'diff.patch' },
    );
    await listed(el);
    await until(() => shadow(el).querySelector('.diff'), 'diff shown');
    await expect(el).to.be.accessible();
    el.file = 'config.yaml';
    await until(() => shadow(el).querySelector('.code-text'), 'code shown');
    await expect(el).to.be.accessible();
  });
});
