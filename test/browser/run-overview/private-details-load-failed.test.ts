/**
 * When the rules that hide private details cannot load, the overview and the run page's title say
 * so, with a retry that loads them again, and show nothing they would hide. Its own file: a fresh
 * page, where an import map points the rules' module at an address that answers nothing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { RunOverview } from '../../../src/elements/run-overview/run-overview.js';
import type { RunPage } from '../../../src/elements/run-page/run-page.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { RunInfo } from '../../../src/data/source.js';
import { until } from '../helpers/sources.js';

const INFO: RunInfo = { id: 'r1', name: 'run on gpu-box-7', state: 'finished', host: 'gpu-box-7' };
// the module as the test server serves it (TypeScript, by its own name)
const RULES = new URL('../../../src/data/private-details.ts', import.meta.url).pathname;

before(async () => {
  // before any module asks for the rules: an address nothing answers on
  const map = document.createElement('script');
  map.type = 'importmap';
  map.textContent = JSON.stringify({ imports: { [RULES]: 'http://127.0.0.1:9/private-details.js' } });
  document.head.append(map);
  await import('../../../src/elements/run-overview/define.js');
  await import('../../../src/elements/run-page/define.js');
});

const text = (el: Element) => el.shadowRoot!.textContent ?? '';

describe('private details hidden, the rules could not load', () => {
  it('says so with a retry, and shows no private detail', async () => {
    const warn = console.warn;
    const failures: unknown[] = [];
    console.warn = (...a: unknown[]) => failures.push(a[1]);
    try {
      const page = await fixture<RunPage>(
        html`<run-page no-hash private-details="hidden" .source=${new MemorySource({ info: INFO })}></run-page>`,
      );
      const overview = () => page.shadowRoot!.querySelector<RunOverview>('run-overview')!;
      await until(() => !!overview()?.shadowRoot?.querySelector('[role="alert"]'), 10_000);
      await until(() => !!page.shadowRoot!.querySelector('[role="alert"]'));
      expect(failures).to.have.length(1);
      expect(String(failures[0])).to.contain('Failed to fetch');
      expect(text(page)).not.to.contain('gpu-box-7');
      expect(text(overview())).not.to.contain('gpu-box-7');

      overview().shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
      await until(() => failures.length === 2, 10_000); // it loaded again, and failed again
      await until(() => !!overview().shadowRoot!.querySelector('[role="alert"]'));
      expect(text(overview())).not.to.contain('gpu-box-7');
    } finally {
      console.warn = warn;
    }
  });
});
