/**
 * Every element from the built script-tag bundle under a strict Content-Security-Policy
 * (header set by web-test-runner.config.mjs for test/pages/csp*.html): no violations allowed.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ELEMENTS } from '../../../src/elements/registry.js';
import { chartSeriesPixels, deepText, fixtureRunName, openPage } from './pages.js';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

type CspWindow = Window & { runpageCspViolations: Violation[] };

const RUN_PAGE_TABS = ['overview', 'charts', 'system', 'model', 'logs', 'files', 'artifacts'];

/** Every match of `selector` in `root` and in the shadow roots under it. */
function deepQueryAll(root: Element | ShadowRoot, selector: string): Element[] {
  const out = [...root.querySelectorAll(selector)];
  for (const el of [...root.querySelectorAll('*'), ...(root instanceof Element ? [root] : [])])
    if (el.shadowRoot) out.push(...deepQueryAll(el.shadowRoot, selector));
  return out;
}

/** The element of a run-page tab is shown and no longer shows its loading state. */
function tabLoaded(page: Element, tab: string): boolean {
  const el = page.shadowRoot!.querySelector(`#panel-${tab}:not([hidden]) > *`);
  return !!el?.shadowRoot?.firstElementChild && !el.shadowRoot.querySelector('[part~="loading"]');
}

/** Opens the page and uses every element the way a reader would, then returns the violations seen. */
async function exercise(path: string): Promise<{ frame: HTMLIFrameElement; violations: Violation[] }> {
  const frame = await openPage(path, 1200, 2400);
  const win = frame.contentWindow as CspWindow;
  const doc = frame.contentDocument!;
  expect(win.runpageCspViolations, 'csp-violations.js did not run').to.be.an('array');
  const name = await fixtureRunName();

  const page = doc.querySelector('run-page')!;
  await waitUntil(() => deepText(page).includes(name), 'run page never showed the run', { timeout: 10_000 });
  for (const tab of RUN_PAGE_TABS) {
    const button = page.shadowRoot!.querySelector<HTMLElement>(`[data-tab="${tab}"]`);
    if (!button || button.getAttribute('aria-disabled') === 'true') continue;
    button.click();
    await waitUntil(() => tabLoaded(page, tab), `the ${tab} tab never finished loading`, { timeout: 10_000 });
  }

  for (const chart of doc.querySelectorAll('run-source > metric-chart')) {
    expect(await chartSeriesPixels(chart)).to.be.greaterThan(20);
  }
  const logs = doc.querySelector('run-source > log-viewer')!;
  await waitUntil(() => deepText(logs).includes('wandb'), 'log viewer never showed lines', { timeout: 10_000 });

  // A file preview loads lazy chunks (highlighting) and draws highlighted text.
  const files = doc.querySelector('run-source > file-browser')!;
  await waitUntil(() => deepText(files).includes('config.yaml'), 'file browser never listed files', {
    timeout: 10_000,
  });
  const row = [...files.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"], [role="treeitem"], button, a')].find(
    (e) => (e.textContent ?? '').includes('config.yaml'),
  );
  expect(row, 'no config.yaml row').to.exist;
  row!.click();
  await waitUntil(
    () => files.shadowRoot!.querySelector('[part~="preview"]') && deepText(files).includes('optimizer'),
    'config.yaml preview never showed',
    {
      timeout: 10_000,
    },
  );
  // Highlighting loads a lazy chunk, then replaces the plain text: wait until every code block has it.
  await waitUntil(
    () => deepQueryAll(files, 'code.hljs').every((code) => code.querySelector('span[class]')),
    'config.yaml never highlighted',
    { timeout: 10_000 },
  );
  return { frame, violations: [...win.runpageCspViolations] };
}

describe('strict Content-Security-Policy', () => {
  it('the pages are served with the policy, and a violation is seen', async () => {
    const res = await fetch('/test/pages/csp.html');
    expect(res.headers.get('content-security-policy')).to.contain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).to.not.contain('unsafe-inline');
    const frame = await openPage('/test/pages/csp.html');
    const doc = frame.contentDocument!;
    const inline = doc.createElement('script');
    inline.textContent = 'window.inlineRan = true;';
    doc.body.append(inline);
    await waitUntil(() => (frame.contentWindow as CspWindow).runpageCspViolations.length > 0, 'no violation event');
    expect((frame.contentWindow as CspWindow & { inlineRan?: boolean }).inlineRan).to.equal(undefined);
    frame.remove();
  });

  it('every element runs without a violation under the documented policy', async () => {
    const { frame, violations } = await exercise('/test/pages/csp.html');
    for (const { tag } of ELEMENTS) {
      expect(frame.contentDocument!.querySelector(tag), `csp.html has no <${tag}>`).to.exist;
    }
    expect(violations, JSON.stringify(violations, null, 1)).to.deep.equal([]);
    frame.remove();
  });
});
