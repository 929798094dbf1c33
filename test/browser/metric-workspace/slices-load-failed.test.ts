/**
 * When the code that renders sections in slices cannot load, a long workspace renders every panel
 * at once (slower, nothing missing), says so in the console, and the next listing asks for the code
 * again. Its own file: a fresh page, where an import map points that module at an address that
 * answers nothing.
 */
import { expect } from '@open-wc/testing';
import { MemorySource } from '../../../src/data/memory-source.js';
import { until } from '../helpers/sources.js';
import { metric, root, START, workspace } from './helpers.js';

// the module as the test server serves it (TypeScript, by its own name)
const SLICES = new URL('../../../src/elements/metric-workspace/section-slices.ts', import.meta.url).pathname;

function longSource(id: string, count: number): MemorySource {
  const metrics = Array.from({ length: count }, (_, i) => metric(`${['a', 'b', 'c'][i % 3]}/m_${i}`, 5));
  return new MemorySource({ info: { id, state: 'finished', startedAt: START }, metrics });
}

describe('metric-workspace: the section slices could not load', () => {
  it('renders every panel at once, says so, and tries again with the next listing', async () => {
    const map = document.createElement('script');
    map.type = 'importmap';
    map.textContent = JSON.stringify({ imports: { [SLICES]: 'http://127.0.0.1:9/section-slices.js' } });
    document.head.append(map);
    const warn = console.warn;
    const failures: unknown[] = [];
    console.warn = (...a: unknown[]) => failures.push(a[1]);
    try {
      const el = await workspace(longSource('one', 150), { height: 700 });
      await el.updateComplete;
      expect(failures).to.have.length(1);
      expect(String(failures[0])).to.contain('Failed to fetch');
      expect(root(el).querySelectorAll('[data-pending-section]').length).to.equal(0);
      expect(root(el).querySelectorAll('[data-panel-id]').length).to.equal(150);

      el.source = longSource('two', 120);
      await until(() => root(el).querySelectorAll('[data-panel-id]').length === 120, 5000);
      await new Promise((r) => setTimeout(r, 200));
      expect(failures, 'asked again, once').to.have.length(2);
      expect(root(el).querySelectorAll('[data-panel-id]').length).to.equal(120);
    } finally {
      console.warn = warn;
    }
  });
});
