/**
 * autoloadElements (src/internal/autoload.ts) with stand-in loaders: which loader runs when a tag is
 * in the document, added later (nested), under a prefix, already registered, or after a failed load.
 */
import { expect } from '@open-wc/testing';
import { autoloadElements } from '../../../src/internal/autoload.js';
import { until } from '../helpers/sources.js';

let seq = 0;

/** Loaders for `tags` under a fresh prefix (each test its own tags), counting their calls. */
function stand(tags: string[], fail = new Set<string>(), prefix = `al${++seq}`) {
  const calls: string[] = [];
  const loaders = Object.fromEntries(
    tags.map((tag) => [
      tag,
      async () => {
        calls.push(tag);
        if (fail.delete(tag)) throw new Error('offline');
        customElements.define(`${prefix}-${tag}`, class extends HTMLElement {});
      },
    ]),
  );
  return { prefix, calls, loaders };
}

const microtasks = () => new Promise((r) => setTimeout(r, 0));

describe('autoloadElements', () => {
  const stops: (() => void)[] = [];
  const added: Element[] = [];
  const add = (html: string) => {
    const div = document.createElement('div');
    div.innerHTML = html;
    document.body.append(div);
    added.push(div);
    return div;
  };
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    for (const el of added.splice(0)) el.remove();
  });

  it('loads only the tags in the document', async () => {
    const { prefix, calls, loaders } = stand(['chart', 'logs']);
    add(`<${prefix}-chart></${prefix}-chart><${prefix}-chart></${prefix}-chart><chart></chart>`);
    stops.push(autoloadElements(document, loaders, { prefix }));
    await until(() => expect(customElements.get(`${prefix}-chart`)).to.not.equal(undefined));
    await microtasks();
    expect(calls).to.deep.equal(['chart']);
  });

  it('loads a tag added later, nested in other elements, once', async () => {
    const { prefix, calls, loaders } = stand(['chart', 'logs']);
    stops.push(autoloadElements(document, loaders, { prefix }));
    await microtasks();
    expect(calls).to.deep.equal([]);
    add(`<section><p><${prefix}-logs></${prefix}-logs></p></section>`);
    add(`<${prefix}-logs></${prefix}-logs>`);
    await until(() => expect(customElements.get(`${prefix}-logs`)).to.not.equal(undefined));
    add(`<${prefix}-logs></${prefix}-logs>`);
    await microtasks();
    expect(calls).to.deep.equal(['logs']);
  });

  it('finds a nested tag under a prefix with a dot', async () => {
    const { prefix, calls, loaders } = stand(['chart', 'logs'], new Set(), `al.v${++seq}`);
    stops.push(autoloadElements(document, loaders, { prefix }));
    add(`<section><${prefix}-chart></${prefix}-chart></section>`);
    await until(() => expect(customElements.get(`${prefix}-chart`)).to.not.equal(undefined));
    await microtasks();
    expect(calls).to.deep.equal(['chart']);
  });

  it('loads the tags a tag loads with, and retries a failed one when that tag is next added', async () => {
    const { prefix, calls, loaders } = stand(['page', 'tab', 'other'], new Set(['tab']));
    const errors: unknown[][] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      add(`<${prefix}-page></${prefix}-page>`);
      stops.push(autoloadElements(document, loaders, { prefix, loadWith: { page: ['tab'] } }));
      await until(() => expect(customElements.get(`${prefix}-page`)).to.not.equal(undefined));
      await until(() => expect(errors.length).to.equal(1));
      expect(String(errors[0][0])).to.contain(`could not load <${prefix}-tab>`);

      add(`<div><${prefix}-page></${prefix}-page></div>`);
      await until(() => expect(customElements.get(`${prefix}-tab`)).to.not.equal(undefined));
      expect(calls.sort()).to.deep.equal(['page', 'tab', 'tab']);
    } finally {
      console.error = error;
    }
  });

  it('leaves a tag that is registered already alone', async () => {
    const { prefix, calls, loaders } = stand(['chart']);
    customElements.define(`${prefix}-chart`, class extends HTMLElement {});
    add(`<${prefix}-chart></${prefix}-chart>`);
    stops.push(autoloadElements(document, loaders, { prefix }));
    await microtasks();
    expect(calls).to.deep.equal([]);
  });

  it('reports a failed load and tries again when the tag is next added', async () => {
    const { prefix, calls, loaders } = stand(['chart'], new Set(['chart']));
    const errors: unknown[][] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      add(`<${prefix}-chart></${prefix}-chart>`);
      stops.push(autoloadElements(document, loaders, { prefix }));
      await until(() => expect(errors.length).to.equal(1));
      expect(String(errors[0][0])).to.contain(`could not load <${prefix}-chart>`);
      expect(String(errors[0][1])).to.contain('offline');
      expect(customElements.get(`${prefix}-chart`)).to.equal(undefined);

      add(`<${prefix}-chart></${prefix}-chart>`);
      await until(() => expect(customElements.get(`${prefix}-chart`)).to.not.equal(undefined));
      expect(calls).to.deep.equal(['chart', 'chart']);
      expect(errors.length).to.equal(1);
    } finally {
      console.error = error;
    }
  });
});
