/**
 * <run-table> and <run-compare> against hostile listings: markup in every listed text is shown as
 * text, and malformed listing answers (from listRuns or queryRuns) never throw out of the element.
 */
import { expect } from '@open-wc/testing';
import '../../../src/elements/run-table/define.js';
import '../../../src/elements/run-compare/define.js';
import type { RunRef, RunSource } from '../../../src/data/source.js';
import { queryRunList } from '../../../src/data/run-query.js';
import { deepQueryAll, deepText, eventually, expectNoUncaught, recordTrouble, settle, unmount } from './harness.js';

const EVIL = '<img src=x onerror="window.__hostileRan=1">';

const evilRef: RunRef = {
  id: `id${EVIL}`,
  name: `name${EVIL}`,
  project: `project${EVIL}`,
  group: `group${EVIL}`,
  tags: [`tag${EVIL}`],
  state: 'finished',
  startedAt: Date.UTC(2024, 0, 1),
  config: { [`key${EVIL}`]: `value${EVIL}` },
  summary: { [`sum${EVIL}`]: `value${EVIL}` },
};

let host: HTMLElement | undefined;

function mountTag(tag: 'run-table' | 'run-compare', props: Record<string, unknown>): HTMLElement {
  unmount();
  host?.remove();
  host = document.createElement('div');
  host.setAttribute('lang', 'en');
  document.body.append(host);
  const el = document.createElement(tag);
  el.setAttribute('refresh-interval', '0');
  Object.assign(el, props);
  host.append(el);
  return el;
}

const pagingSource = (refs: RunRef[]): RunSource => ({
  getRun: async (id) => {
    const { warnings: _w, error: _e, ...ref } = refs.find((r) => r.id === id)!;
    void _w;
    void _e;
    return { ...ref, state: 'finished' };
  },
  queryRuns: (q, o) => queryRunList(refs, q, o),
});

describe('hostile listings (client)', function () {
  this.timeout(30_000);
  afterEach(() => host?.remove());

  for (const [what, source] of [
    ['listRuns', { getRun: pagingSource([evilRef]).getRun, listRuns: async () => [evilRef] } as RunSource],
    ['queryRuns', pagingSource([evilRef])],
  ] as const) {
    it(`<run-table> (${what}): markup in names, ids, tags, projects, groups, config and summary is text`, async () => {
      const trouble = recordTrouble();
      try {
        const el = mountTag('run-table', {
          source,
          tableState: {
            query: '',
            filters: {},
            sort: { column: 'started', dir: 'desc' },
            columns: [`config.key${EVIL}`, `summary.sum${EVIL}`],
            groupBy: 'project',
            ticked: [],
            view: 'table',
            metrics: [],
          },
        });
        // grouping by project loads its code first: wait for the groups, however slow the machine
        const parts = ['name', 'project', 'tag', 'value'];
        await eventually(() => parts.every((part) => deepText(el).includes(`${part}${EVIL}`)));
        expect(deepQueryAll(el, 'img')).to.deep.equal([]);
        const text = deepText(el);
        for (const part of parts) expect(text).to.contain(`${part}${EVIL}`);
        expect((window as { __hostileRan?: number }).__hostileRan).to.equal(undefined);
        expectNoUncaught(trouble);
      } finally {
        trouble.stop();
      }
    });
  }

  it('<run-compare>: markup in the compared runs is text', async () => {
    const trouble = recordTrouble();
    try {
      const el = mountTag('run-compare', { source: pagingSource([evilRef]), runs: [evilRef.id], refs: [evilRef] });
      await settle();
      expect(deepQueryAll(el, 'img')).to.deep.equal([]);
      expect((window as { __hostileRan?: number }).__hostileRan).to.equal(undefined);
      expectNoUncaught(trouble);
    } finally {
      trouble.stop();
    }
  });

  const malformed: [string, (q: unknown) => unknown][] = [
    ['null', () => null],
    ['an array instead of a page', () => [evilRef]],
    ['runs that are not a list', () => ({ runs: 'nope', total: 1 })],
    ['runs of every wrong type', () => ({ runs: [null, 7, 'x', { id: 5 }, { name: 'no id' }, evilRef], total: 'NaN' })],
    [
      'a next cursor that loops',
      (q) => ({
        runs: [{ ...evilRef, id: String((q as { cursor?: string }).cursor ?? 'a') }],
        total: 3,
        next: 'again',
      }),
    ],
    ['a rejection with undefined', () => Promise.reject(undefined)],
    [
      'a thrown plain object',
      () => {
        throw { nope: true };
      },
    ],
  ];
  for (const [what, answer] of malformed) {
    it(`<run-table>: a queryRuns answer of ${what} never throws out of the element`, async () => {
      const trouble = recordTrouble();
      try {
        let calls = 0;
        const source: RunSource = {
          getRun: () => Promise.reject(new Error('x')),
          queryRuns: async (q) => {
            // a page source that never ends its pages is cut off by the test, not by the element
            if (++calls > 50) return { runs: [], total: 0 };
            return answer(q) as never;
          },
        };
        const el = mountTag('run-table', { source });
        await settle();
        expect(deepText(el).trim()).to.not.equal('');
        expectNoUncaught(trouble);
      } finally {
        trouble.stop();
      }
    });
  }
});
