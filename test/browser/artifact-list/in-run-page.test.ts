import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/run-page/define.js';
import '../../../src/elements/artifact-list/define.js';
import '../../../src/elements/model-table/define.js';
import { ArtifactList } from '../../../src/elements/artifact-list/artifact-list.js';
import { ModelTable } from '../../../src/elements/model-table/model-table.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';

async function find<T extends Element>(root: Element, cls: new () => T, ready: (el: T) => boolean): Promise<T> {
  let el: T | undefined;
  await waitUntil(
    () => {
      el = [...(root.shadowRoot?.querySelectorAll('*') ?? [])].find((e) => e instanceof cls) as T | undefined;
      return el && ready(el);
    },
    `no ready ${cls.name} inside ${root.localName}`,
    { timeout: 5000 },
  );
  return el!;
}

describe('<artifact-list> and <model-table> as run-page tabs', () => {
  it('show the sample run through the page context', async () => {
    const source = new MemorySource(generateSampleRun({ seed: 3, steps: 50, logLines: 10 }));
    const page = await fixture<HTMLElement & { tab: string }>(
      html`<run-page .source=${source} no-hash tab="artifacts"></run-page>`,
    );
    const list = await find(page, ArtifactList, (el) => !!el.shadowRoot?.querySelector('.artifact-row'));
    expect(list.shadowRoot!.querySelectorAll('.artifact-row[data-dir="input"]').length).to.equal(1);
    expect(list.shadowRoot!.querySelectorAll('.artifact-row[data-dir="output"]').length).to.equal(1);
    const hash = location.hash;
    list.shadowRoot!.querySelector<HTMLElement>('.artifact-row')!.click();
    await find(page, ArtifactList, (el) => !!el.shadowRoot?.querySelector('[part="file-browser"]'));
    expect(location.hash, 'the embedded file browser leaves the URL hash alone').to.equal(hash);

    page.tab = 'model';
    const table = await find(page, ModelTable, (el) => !!el.shadowRoot?.querySelector('.body-row'));
    expect(table.shadowRoot!.querySelector('.body-row .name-text')!.textContent).to.equal('gpt');
  });
});
