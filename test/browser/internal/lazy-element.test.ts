/** lazyElement: a composite's child element, loaded on first use and registered only when it is not yet. */
import { expect } from '@open-wc/testing';
import { defineElement, tagOf } from '../../../src/internal/define-element.js';
import { lazyElement } from '../../../src/internal/lazy-import.js';

describe('lazyElement', () => {
  it('registers the class through its define module when nothing registered it', async () => {
    class Fresh extends HTMLElement {}
    let defines = 0;
    const code = lazyElement(
      async () => Fresh,
      async () => {
        defines++;
        defineElement('lazy-fresh', Fresh);
      },
    );
    expect(await code.load()).to.equal(Fresh);
    expect(defines).to.equal(1);
    expect(tagOf(Fresh)).to.equal('lazy-fresh');
  });

  it('leaves a class registered under a prefix as it is: no second, unprefixed tag', async () => {
    class Prefixed extends HTMLElement {}
    defineElement('lazy-prefixed', Prefixed, 'acme');
    let defines = 0;
    const code = lazyElement(
      async () => Prefixed,
      async () => {
        defines++;
        defineElement('lazy-prefixed', Prefixed);
      },
    );
    expect(await code.load()).to.equal(Prefixed);
    expect(defines).to.equal(0);
    expect(customElements.get('lazy-prefixed')).to.equal(undefined);
    expect(tagOf(Prefixed)).to.equal('acme-lazy-prefixed');
  });
});
