/**
 * Every element renders on the server with Lit SSR (`@lit-labs/ssr`), as a Next.js, Astro or
 * Eleventy page would render it: defining the elements, constructing them and rendering their
 * shadow roots must not need a browser DOM. Each one renders into a declarative shadow root.
 */
import '@lit-labs/ssr/lib/install-global-dom-shim.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';

const { ELEMENTS, defineElements } = await import('../../../src/elements/registry.js');

/**
 * Elements that do not render under SSR yet, each with the reason. Add a tag here only with an
 * open issue; the test below fails once one of them renders, so the list cannot go stale.
 */
const PENDING: Record<string, string> = {};

try {
  defineElements();
} catch (cause) {
  // Defining must work whatever the pending list says: this is the first step of any SSR render.
  throw new Error('defineElements() under the SSR DOM shim threw', { cause });
}

async function renderTag(tag: string): Promise<string> {
  const t = unsafeStatic(tag);
  return collectResult(render(staticHtml`<${t} theme="dark" lang="en"></${t}>`));
}

describe('Lit SSR', () => {
  test('the list of elements is the registry’s', () => {
    assert.ok(ELEMENTS.length >= 11);
    for (const tag of Object.keys(PENDING))
      assert.ok(
        ELEMENTS.some((e) => e.tag === tag),
        `${tag} is pending but not an element`,
      );
  });

  for (const { tag } of ELEMENTS) {
    const pending = PENDING[tag];
    test(`<${tag}> renders its shadow root`, async () => {
      let out: string;
      try {
        out = await renderTag(tag);
      } catch (e) {
        if (pending) return; // known and listed; the else branch below keeps the list honest
        throw e;
      }
      assert.ok(!pending, `<${tag}> renders now: take it off PENDING (${pending})`);
      assert.match(out, new RegExp(`<${tag}[^>]*theme="dark"`));
      assert.match(out, /<template shadowroot(mode)?="open"/);
      assert.doesNotMatch(out, /\[object Object\]/);
    });
  }

  test('<run-page> writes its first tab’s element as markup', async () => {
    const out = await renderTag('run-page');
    assert.match(
      out,
      /role="tabpanel"[^>]*id="panel-overview"[\s\S]*<run-overview\s+no-header private-details="shown"/,
    );
  });

  test('a composite renders with its children in place', async () => {
    const out = await collectResult(render(html`<run-source><run-overview></run-overview></run-source>`));
    assert.match(out, /<run-source[^>]*>[\s\S]*<run-overview/);
  });
});
