/**
 * Highlighting loads highlight.js's core and each language's module with the first file that
 * needs them. When one of those chunks cannot be fetched the file is shown as plain text, and the
 * next file of that language loads it again and is highlighted. Its own file: a fresh page, where
 * no highlighter has loaded yet.
 */
import { expect } from '@open-wc/testing';
import { highlightCode, LANGUAGES, useHighlighter } from '../../../src/elements/file-browser/previews/highlight.js';

const CODE = 'def main():\n    return 1\n';

/** highlight.js's core as the test server can hand it over (see helpers.ts), failing the first `fails` loads. */
async function coreFailing(fails: number): Promise<{ tries: () => number }> {
  const text = await (await fetch('/node_modules/highlight.js/lib/core.js')).text();
  const module: { exports: unknown } = { exports: {} };
  new Function('module', 'exports', text)(module, module.exports);
  let tries = 0;
  useHighlighter(async () => {
    if (tries++ < fails) throw new TypeError('Failed to fetch dynamically imported module: chunk gone');
    return module.exports as never;
  });
  return { tries: () => tries };
}

describe('highlighting: a chunk that could not load', () => {
  it('a core that failed to load is loaded again by the next file', async () => {
    const core = await coreFailing(1);
    expect(await highlightCode(CODE, 'python')).to.equal(undefined, 'plain text');
    expect(core.tries()).to.equal(1);
    const html = await highlightCode(CODE, 'python');
    expect(core.tries()).to.equal(2, 'loaded again');
    expect(html).to.contain('<span class="hljs-keyword">def</span>');
  });

  it('a language that failed to load is loaded again by the next file in it', async () => {
    await coreFailing(0);
    const real = LANGUAGES.yaml!;
    let tries = 0;
    LANGUAGES.yaml = () => (tries++ === 0 ? Promise.reject(new TypeError('chunk gone')) : real());
    try {
      expect(await highlightCode('a: 1\n', 'yaml')).to.equal(undefined, 'plain text');
      expect(tries).to.equal(1);
      const html = await highlightCode('a: 1\n', 'yaml');
      expect(tries).to.equal(2, 'loaded again');
      expect(html).to.contain('<span class="hljs-attr">a:</span>');
      expect(await highlightCode('b: 2\n', 'yaml')).to.contain('hljs-attr');
      expect(tries).to.equal(2, 'registered once loaded');
    } finally {
      LANGUAGES.yaml = real;
    }
  });
});
