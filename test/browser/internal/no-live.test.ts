import { expect } from '@open-wc/testing';
import '../../../src/elements/artifact-list/define.js';
import '../../../src/elements/log-viewer/define.js';
import '../../../src/elements/run-overview/define.js';
import '../../../src/elements/run-page/define.js';
import type { RunPage } from '../../../src/elements/run-page/run-page.js';
import type { RunOverview } from '../../../src/elements/run-overview/run-overview.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { mountElement, settled } from '../helpers/mount.js';
import { settle } from '../helpers/sources.js';

/** A source that counts the runs it was asked to watch. */
function countingSource(): MemorySource & { watched: number } {
  const source = Object.assign(new MemorySource(generateSampleRun({ seed: 3, steps: 20, logLines: 5 })), {
    watched: 0,
  });
  const watch = source.watch.bind(source);
  source.watch = (...args: Parameters<MemorySource['watch']>) => {
    source.watched++;
    return watch(...args);
  };
  return source;
}

async function mount(tag: string, noLive: boolean, source: MemorySource) {
  const attrs: Record<string, string> = noLive ? { 'no-live': '', 'no-hash': '' } : { 'no-hash': '' };
  return settled(await mountElement<HTMLElement & { noLive: boolean }>(tag, { source, attrs }));
}

describe('no-live', () => {
  for (const tag of ['artifact-list', 'log-viewer', 'run-overview', 'run-page']) {
    it(`<${tag}> watches the run unless no-live is set`, async () => {
      const following = countingSource();
      await mount(tag, false, following);
      expect(following.watched, 'watched without no-live').to.be.greaterThan(0);

      const still = countingSource();
      const el = await mount(tag, true, still);
      expect(el.noLive).to.equal(true);
      expect(still.watched, 'watched with no-live').to.equal(0);
    });
  }

  it('<run-page no-live> hands no-live to its tabs, also when it changes later', async () => {
    const source = countingSource();
    const el = (await mount('run-page', true, source)) as unknown as RunPage;
    const overview = el.shadowRoot!.querySelector('run-overview') as RunOverview;
    expect(overview.noLive).to.equal(true);
    el.noLive = false;
    await settle(el);
    expect(overview.noLive).to.equal(false);
    expect(source.watched).to.be.greaterThan(0);
  });

  it('<run-page no-hash> hands no-hash to a tab that uses the hash', async () => {
    const source = countingSource();
    const el = await settled(
      await mountElement<RunPage>('run-page', { source, attrs: { 'no-hash': '', tab: 'logs' } }),
    );
    const viewer = el.shadowRoot!.querySelector('log-viewer')!;
    expect(viewer.noHash).to.equal(true);
    el.noHash = false;
    await settle(el);
    expect(viewer.noHash).to.equal(false);
  });
});
