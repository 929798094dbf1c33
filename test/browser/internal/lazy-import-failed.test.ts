/**
 * What every click-loaded part relies on (src/internal/lazy-import.ts) when its chunk cannot be
 * fetched: the load resolves to undefined with the reason in `failed`, the element is re-rendered
 * to say so, nothing is thrown, and the next load fetches again; an opening says it is busy, stops
 * saying so, opens nothing, and the next click opens.
 */
import { expect } from '@open-wc/testing';
import { defineElement, tagOf } from '../../../src/internal/define-element.js';
import { LazyOpening, lazyElement, lazyImport } from '../../../src/internal/lazy-import.js';

/** A load that fails its first `fails` tries as an unreachable chunk does. */
function flaky<M>(fails: number, module: M): { load: () => Promise<M>; tries: () => number } {
  let tries = 0;
  return {
    load: () =>
      tries++ < fails
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module: chunk gone'))
        : Promise.resolve(module),
    tries: () => tries,
  };
}

/** Keeps console.warn's calls for the length of `run`. */
async function warnings(run: (said: unknown[][]) => Promise<void>): Promise<void> {
  const warn = console.warn;
  const said: unknown[][] = [];
  console.warn = (...a: unknown[]) => said.push(a);
  try {
    await run(said);
  } finally {
    console.warn = warn;
  }
}

describe('lazy-import: a chunk that could not load', () => {
  it('lazyImport: undefined and `failed`, the host re-rendered, a warning; the next load fetches again', () =>
    warnings(async (said) => {
      const code = flaky(1, { answer: 42 });
      const lazy = lazyImport(code.load);
      let updates = 0;
      const host = { requestUpdate: () => updates++ } as never;
      expect(await lazy.load(host)).to.equal(undefined);
      expect(String(lazy.failed)).to.contain('chunk gone');
      expect(lazy.now).to.equal(undefined);
      expect(updates).to.equal(1, 'the element renders the failure');
      expect(said).to.have.length(1);

      const next = lazy.load(host);
      expect(lazy.failed, 'no longer failed while it loads again').to.equal(undefined);
      expect(await next).to.deep.equal({ answer: 42 });
      expect(code.tries()).to.equal(2);
      expect(updates).to.equal(2);
      expect(lazy.now).to.deep.equal({ answer: 42 });
    }));

  it('LazyOpening: busy while loading, not busy and nothing opened when it failed; the next click opens', () =>
    warnings(async () => {
      const code = flaky(1, { name: 'dialog' });
      const opening = new LazyOpening(lazyImport(code.load));
      const button = document.createElement('button');
      const opened: string[] = [];
      opening.open(
        button,
        () => true,
        (m) => opened.push(m.name),
      );
      expect(button.getAttribute('aria-busy')).to.equal('true');
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(button.hasAttribute('aria-busy')).to.equal(false);
      expect(opened).to.deep.equal([]);

      opening.open(
        button,
        () => true,
        (m) => opened.push(m.name),
      );
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(opened).to.deep.equal(['dialog']);
      expect(button.hasAttribute('aria-busy')).to.equal(false);
      expect(code.tries()).to.equal(2);
    }));

  it('lazyElement: a define module that cannot load fails the load; the next one registers the element', () =>
    warnings(async () => {
      class Retried extends HTMLElement {}
      const define = flaky(1, undefined);
      const lazy = lazyElement(
        async () => Retried,
        () => define.load().then(() => defineElement('lazy-retried', Retried)),
      );
      expect(await lazy.load()).to.equal(undefined);
      expect(String(lazy.failed)).to.contain('chunk gone');
      expect(tagOf(Retried)).to.equal(undefined);
      expect(await lazy.load()).to.equal(Retried);
      expect(tagOf(Retried)).to.equal('lazy-retried');
    }));
});
