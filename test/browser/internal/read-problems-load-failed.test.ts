/**
 * The read-problems notice's code (read-problems-notice.ts) loads with an element's first repair.
 * When it cannot be fetched nothing is thrown and nothing is lost: the repairs are kept, the next
 * repair loads the code again, and the notice then counts them all. Its own file: a fresh page,
 * where the notice's code has not loaded yet.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { notice, ReadProblems } from '../../../src/internal/read-problems.js';
import type { Repair } from '../../../src/data/checked-source.js';
import { failLoads } from '../../support/failing-load.js';

const repair = (method: string, what: string, count: number): Repair => ({ method, what, action: 'dropped', count });

describe('read problems: the notice could not load', () => {
  it('keeps the repairs; the next repair loads the notice, which counts them all', async () => {
    const el = document.createElement('div') as HTMLDivElement & { requestUpdate(): void };
    el.requestUpdate = () => problems.renderInto(el, 'en');
    const problems = new ReadProblems(el as never);
    document.body.append(el);
    const warn = console.warn;
    console.warn = () => {};
    const failing = failLoads(notice);
    try {
      problems.repaired('getSeries ["a"]', [repair('getSeries', 'strings', 2)]);
      problems.repaired('watch', [repair('watch', 'live events that could not be read', 1)]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(failing.tries).to.equal(1, 'both waited on one load');
      el.requestUpdate();
      expect(el.querySelector('summary'), 'no notice without its code').to.equal(null);
      expect(problems.has('getSeries ["a"]'), 'kept').to.equal(true);

      problems.repaired('watch', [repair('watch', 'live events that could not be read', 1)]);
      await waitUntil(() => el.querySelector('summary'), 'the notice, once its code loaded again');
      expect(failing.tries).to.equal(2);
      expect(el.querySelector('summary')!.textContent).to.contain('4 values');
      expect(el.querySelectorAll('li').length).to.equal(2);
    } finally {
      failing.restore();
      console.warn = warn;
      el.remove();
    }
  });
});
