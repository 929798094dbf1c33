/**
 * Values nested thousands of levels deep, opened the ways a user opens them: the overview's cut
 * rows ("Show more"), the file browser's JSON tree (Expand all, Text view) and the artifact
 * metadata tree opened level after level. Drawn without recursion; nothing overflows the stack.
 */
import { expect } from '@open-wc/testing';
import {
  deepQueryAll,
  deepText,
  eventually,
  expectNoUncaught,
  mount,
  recordTrouble,
  settle,
  unmount,
} from './harness.js';
import { cyclicObject, deepObject, READABLE, spoiled } from './hostile-sources.js';

const click = (el: Element | undefined) => (el as HTMLElement | undefined)?.click();
const byText = (root: Element, selector: string, text: string) =>
  deepQueryAll(root, selector).find((b) => b.textContent?.trim() === text);

describe('values nested thousands of levels deep, opened by the user', function () {
  this.timeout(30_000);
  afterEach(() => unmount());

  it('<run-overview> cuts a 5,000-level config into rows and shows the rest as text behind Show more', async () => {
    const t = recordTrouble();
    try {
      const el = mount('run-overview', spoiled({ getRun: (r) => ({ ...r, config: { deep: deepObject(5000) } }) }));
      await eventually(() => deepText(el).includes(READABLE.runName));
      const config = deepQueryAll(el, '[part~="config"]')[0];
      expect(deepText(config)).to.contain('level');
      // the last row of the cut holds the rest as JSON text, shortened
      expect(deepText(config)).to.match(/\{"level":\{"level":/);
      click(deepQueryAll(config, '.kv__more').at(-1));
      await settle(2);
      const detail = deepQueryAll(config, '.kv__detail-body')[0];
      expect(detail?.textContent?.length).to.be.greaterThan(5000 * 8);
      expect(detail?.textContent).to.contain('"leaf":1');
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });

  it('<run-overview> shows a config that contains itself, marking where it refers back', async () => {
    const t = recordTrouble();
    try {
      const el = mount('run-overview', spoiled({ getRun: (r) => ({ ...r, config: cyclicObject() }) }));
      await eventually(() => deepText(el).includes('circular reference'));
      const config = deepText(deepQueryAll(el, '[part~="config"]')[0]);
      expect(config).to.contain('lr');
      expect(config).to.contain('[circular reference to config]');
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });

  it('<file-browser> expands a 5,000-level JSON file and shows it as text', async () => {
    const t = recordTrouble();
    try {
      const el = mount('file-browser', spoiled({}), { file: 'deep.json' });
      await eventually(() => !!byText(el, 'button', 'Expand all'));
      click(byText(el, 'button', 'Expand all'));
      await settle(3);
      expect(deepText(el)).to.contain('nested too deep for the tree');
      click(byText(el, 'button', 'Text'));
      await eventually(() =>
        deepQueryAll(el, '[part~="code"]').some((c) => (c.textContent ?? '').includes('"leaf": 1')),
      );
      const code = deepQueryAll(el, '[part~="code"]')
        .map((c) => c.textContent ?? '')
        .join('');
      expect(code).to.contain('"leaf": 1');
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });

  it('<artifact-list> opens 5,000-level metadata level after level, then shows the rest as text', async () => {
    const t = recordTrouble();
    try {
      const el = mount(
        'artifact-list',
        spoiled({ getArtifact: (a) => ({ ...a, metadata: { deep: deepObject(5000) } }) }),
        { selected: READABLE.artifactId },
      );
      await eventually(() => deepQueryAll(el, '.metadata details').length > 0);
      for (let i = 0; i < 40; i++) {
        const closed = deepQueryAll(el, '.metadata details:not([open]) > summary')[0];
        if (!closed) break;
        click(closed);
        await settle(1);
      }
      const text = deepText(deepQueryAll(el, '.metadata')[0]);
      expect(text).to.match(/\{"level":\{"level":/);
      expectNoUncaught(t);
    } finally {
      t.stop();
    }
  });
});
