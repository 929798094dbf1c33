/**
 * Every family of hostile answers (families.ts) against every element: what the user sees, and
 * that nothing escaped as an uncaught error.
 */
import { expect } from '@open-wc/testing';
import { FAMILIES, MARKER } from './families.js';
import {
  deepQueryAll,
  deepText,
  ELEMENTS,
  elementCount,
  eventually,
  expectNotBlank,
  expectNoUncaught,
  mount,
  noticeText,
  recordTrouble,
  settle,
  unmount,
} from './harness.js';

const BAD_MESSAGES = /^(undefined|null|\[object Object\]|Unknown error)$/;

describe('hostile sources (client)', function () {
  this.timeout(30_000);

  for (const family of FAMILIES) {
    describe(family.name, () => {
      for (const tag of ELEMENTS) {
        const outcome = family.outcome(tag);
        it(`<${tag}>: ${outcome === 'failed' ? 'says what failed' : outcome === 'repaired' ? 'shows what it can and marks the rest' : 'shows it'}`, async () => {
          const trouble = recordTrouble();
          try {
            const c = family.make(tag);
            const el = mount(tag, c.source, c.attrs, c.props);
            await settle();
            if (c.act) {
              c.act();
              await settle();
            }
            const extra = family.text?.(tag);
            if (outcome === 'failed') {
              await eventually(() => deepQueryAll(el, '[part~="error"]').length > 0);
              const errors = deepQueryAll(el, '[part~="error"]');
              expect(errors.length, `${tag} shows an error state`).to.be.greaterThan(0);
              for (const e of errors)
                expect(e.querySelector('p')?.textContent?.trim() ?? '').to.not.match(BAD_MESSAGES);
              expect(deepText(el)).to.contain(extra!);
              expect(deepQueryAll(el, '[part~="retry"]').length, 'a retry button').to.be.greaterThan(0);
            } else {
              await eventually(() => deepText(el).includes(MARKER[tag]) && (!extra || deepText(el).includes(extra)));
              expect(deepText(el), 'the readable parts are shown').to.contain(MARKER[tag]);
              if (extra) expect(deepText(el)).to.contain(extra);
              expect(deepQueryAll(el, '[part~="error"]'), 'no error state').to.have.length(0);
            }
            if (outcome === 'repaired') {
              await eventually(() => noticeText(el) !== '');
              expect(noticeText(el), 'a notice of what could not be read').to.match(/could not be read|wrong type/);
              expect(trouble.warnings.length, 'at least one warning').to.be.greaterThan(0);
            }
            expect(
              trouble.warnings.length,
              `one warning per element at most: ${trouble.warnings.map((w) => String(w[0])).join(' / ')}`,
            ).to.be.at.most(elementCount(el));
            expectNotBlank(el);
            expectNoUncaught(trouble);
          } finally {
            trouble.stop();
            unmount();
          }
        });
      }
    });
  }
});
