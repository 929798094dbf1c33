/**
 * Repairs heard before the notice's code is in (internal/read-problems.ts keeps them while it
 * loads): all of them are listed once it is, and an element inside another one that already heard
 * the same request neither warns nor lists it again. Its own file: the notice's code is not loaded
 * before.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ReadProblems } from '../../../src/internal/read-problems.js';
import type { Repair } from '../../../src/data/checked-source.js';

function host() {
  const el = document.createElement('div') as HTMLDivElement & { requestUpdate(): void };
  el.requestUpdate = () => problems.renderInto(el, 'en');
  const problems = new ReadProblems(el as never);
  document.body.append(el);
  return { el, problems };
}

const repair = (what: string, count: number): Repair => ({ method: 'getSeries', what, action: 'dropped', count });

describe('read problems heard while the notice loads', () => {
  it('lists every one of them, and the inner element leaves out what the outer one lists', async () => {
    const outer = host();
    const inner = host();
    inner.problems.above = outer.problems;
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...a: unknown[]) => warned.push(a[0]);
    try {
      outer.problems.repaired('getSeries ["a"]', [repair('strings', 2)]);
      inner.problems.repaired('getSeries ["a"]', [repair('strings', 2)]);
      expect(outer.problems.has('getSeries ["a"]'), 'the outer element has it before its list loads').to.equal(true);
      inner.problems.repaired('getSeries ["b"]', [repair('nulls', 3)]);
      outer.problems.repaired('watch', [repair('live events that are not objects', 4)]);

      await waitUntil(() => outer.el.querySelectorAll('li').length === 2, 'the outer notice lists both repairs');
      // the warnings come with the notice's code: one per element, the inner one about its own request
      expect(warned.length, 'one warning per element').to.equal(2);
      expect(String(warned[0])).to.contain('strings');
      expect(String(warned[1]), 'the inner element does not warn about what the outer one has').to.contain('nulls');
      expect(outer.el.querySelector('summary')!.textContent).to.contain('6');
      await waitUntil(() => inner.el.querySelector('summary'), 'no inner notice');
      expect(inner.el.querySelectorAll('li').length, 'only its own request').to.equal(1);
      expect(inner.el.querySelector('summary')!.textContent).to.contain('3');
    } finally {
      console.warn = warn;
      outer.el.remove();
      inner.el.remove();
    }
  });
});
