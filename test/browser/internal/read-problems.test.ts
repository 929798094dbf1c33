/**
 * The notice of what a checked source repaired (internal/read-problems.ts): its code loads with
 * the first repair, what a source named stays text, and a notice the user opened stays open as
 * counts grow. Its own file: the page is fresh, the notice's code not loaded before.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ReadProblems } from '../../../src/internal/read-problems.js';
import { loadTranslation } from '../../../src/internal/i18n.js';
import '../../../src/translations/lazy-languages.js';
import type { Repair } from '../../../src/data/checked-source.js';

const fetched = (file: string): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(`/internal/${file}`));

/** A host element that draws the notice into itself (or its shadow root) on every update. */
function host(shadow = false, lang = 'en') {
  const el = document.createElement('div') as HTMLDivElement & { requestUpdate(): void; updates: number };
  const root = shadow ? el.attachShadow({ mode: 'open' }) : el;
  el.updates = 0;
  el.requestUpdate = () => {
    el.updates++;
    problems.renderInto(root, lang);
  };
  const problems = new ReadProblems(el as never);
  document.body.append(el);
  return { el, root, problems };
}

const repair = (what: string, count: number): Repair => ({ method: 'getSeries', what, action: 'dropped', count });

describe('read problems notice', () => {
  it('loads with the first repair, shows hostile text as text, and stays open as counts grow', async () => {
    const { el, problems } = host();
    problems.renderInto(el, 'en');
    expect(el.querySelector('[part~="read-problems"]')).to.equal(null);
    expect(fetched('read-problems-notice.ts'), 'fetched before any repair').to.equal(false);

    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...a: unknown[]) => warned.push(a[0]);
    try {
      problems.repaired('getSeries ["a"]', [repair('<img src=x onerror="window.hacked=1">', 3)]);
      await waitUntil(() => el.querySelector('[part~="read-problems"]'), 'no notice');
      expect(warned.length, 'warned with the notice').to.equal(1);
      expect(fetched('read-problems-notice.ts')).to.equal(true);
      const notice = el.querySelector('[part~="read-problems"]')!;
      expect(notice.querySelector('img')).to.equal(null);
      expect(notice.querySelector('li')!.textContent).to.contain('<img src=x onerror="window.hacked=1">');
      expect(notice.querySelector('code')!.textContent).to.equal('getSeries');
      expect(notice.querySelector('summary')!.textContent).to.contain('3');

      notice.querySelector('details')!.open = true;
      problems.repaired('watch', [repair('live events that are not objects', 2)]);
      await waitUntil(() => el.querySelectorAll('li').length === 2, 'the second repair is not listed');
      expect(el.querySelector('details')!.open, 'the opened notice stays open').to.equal(true);
      expect(el.querySelector('summary')!.textContent).to.contain('5');
      expect(warned.length, 'one warning per element').to.equal(1);

      problems.reset();
      await waitUntil(() => el.querySelector('[part~="read-problems"]') === null, 'the notice stays after a reset');
    } finally {
      console.warn = warn;
      el.remove();
    }
  });

  it('brings its styles to the shadow root it is shown in, once', async () => {
    const { el, root, problems } = host(true);
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      problems.repaired('getSeries ["a"]', [repair('strings', 2)]);
      await waitUntil(() => root.querySelector('[part~="read-problems"]'), 'no notice');
      const box = root.querySelector('[part~="read-problems"]')!;
      expect(getComputedStyle(box).borderTopStyle).to.equal('solid');
      expect(getComputedStyle(box.querySelector('summary')!).cursor).to.equal('pointer');
      const sheets = (root as ShadowRoot).adoptedStyleSheets.length;
      problems.reset();
      await waitUntil(() => root.querySelector('[part~="read-problems"]') === null, 'the notice stays after a reset');
      problems.repaired('getSeries ["b"]', [repair('strings', 1)]);
      await waitUntil(() => root.querySelector('[part~="read-problems"]'), 'no second notice');
      expect((root as ShadowRoot).adoptedStyleSheets.length, 'adopted once').to.equal(sheets);
    } finally {
      console.warn = warn;
      el.remove();
    }
  });

  it('speaks the element’s language', async () => {
    await loadTranslation('de');
    const { el, problems } = host(false, 'de');
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      problems.repaired('getSeries ["a"]', [repair('strings', 1234)]);
      await waitUntil(() => el.querySelector('summary'), 'no notice');
      expect(el.querySelector('summary')!.textContent).to.match(/^1\.234 Werte aus der Datenquelle/);
      expect(el.querySelector('li')!.textContent).to.contain('1.234 ausgelassen');
    } finally {
      console.warn = warn;
      el.remove();
    }
  });
});
