/**
 * Actions the source cannot perform are disabled, with the reason shown: zipping files listed
 * without contents (a bundle exported without --file-contents), zipping from a source that reads
 * no files at all, and downloading one file listed without contents.
 */
import { expect } from '@open-wc/testing';
import type { RunSource } from '../../../src/data/source.js';
import { sourceFromBundle, runsToBundle } from '../../../src/data/bundle.js';
import { listed, mount, shadow, sourceWith, until } from './helpers.js';

const zipButton = (el: HTMLElement) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.tools button')].find((b) =>
    /zip/i.test(b.textContent ?? ''),
  )!;

describe('file-browser: what the source cannot do', () => {
  it('files listed without contents: zip disabled with the reason, previews say why', async () => {
    // What `runpage export --files` writes: names and sizes only, read back through the bundle reader.
    const bundle = runsToBundle([
      {
        info: { id: 'run-1', state: 'finished' },
        files: [
          { path: 'a.txt', size: 5 },
          { path: 'b.log', size: 9 },
        ],
      },
    ]);
    const el = await mount(sourceFromBundle(JSON.parse(JSON.stringify(bundle))));
    await listed(el);
    const button = zipButton(el);
    expect(button.disabled).to.equal(true);
    expect(button.title).to.contain('without their contents');
    expect(shadow(el).querySelector('[part="blocked"]')!.textContent).to.contain('--file-contents');

    el.file = 'a.txt';
    await until(() => shadow(el).querySelector('.preview-actions button'), 'preview pane');
    const download = shadow(el).querySelector<HTMLButtonElement>('.preview-actions button')!;
    expect(download.disabled).to.equal(true);
    expect(download.title).to.contain('without its contents');
  });

  it('files with contents: zip and download stay enabled', async () => {
    const el = await mount(
      sourceWith([
        { path: 'a.txt', bytes: 'hello' },
        { path: 'b.txt', size: 3 },
      ]),
    );
    await listed(el);
    expect(zipButton(el).disabled).to.equal(false);
    expect(shadow(el).querySelector('[part="blocked"]')).to.equal(null);
  });

  it('the reason follows the selection: only files without contents chosen, then one with', async () => {
    const el = await mount(
      sourceWith([
        { path: 'a.txt', bytes: 'hello' },
        { path: 'b.txt', size: 3 },
      ]),
    );
    await listed(el);
    const boxes = () => shadow(el).querySelectorAll<HTMLInputElement>('.body .row input[type=checkbox]');
    boxes()[1].click(); // b.txt, listed without contents
    await el.updateComplete;
    expect(el.selection).to.deep.equal(['b.txt']);
    expect(zipButton(el).disabled).to.equal(true);
    expect(shadow(el).querySelector('[part="blocked"]')).to.not.equal(null);
    boxes()[0].click(); // a.txt can be read
    await el.updateComplete;
    expect(el.selection).to.have.members(['a.txt', 'b.txt']);
    expect(zipButton(el).disabled).to.equal(false);
    expect(shadow(el).querySelector('[part="blocked"]')).to.equal(null);
  });

  it('a source without readFile: zip disabled with the reason', async () => {
    const full = sourceWith([{ path: 'a.txt', bytes: 'hello' }]);
    const listOnly: RunSource = {
      defaultRunId: () => 'run-1',
      getRun: (id, o) => full.getRun(id, o),
      listFiles: (id, dir, page, o) => full.listFiles(id, dir, page, o),
    };
    const el = await mount(listOnly);
    await listed(el);
    expect(zipButton(el).disabled).to.equal(true);
    expect(zipButton(el).title).to.contain('cannot read file contents');
  });
});
