/**
 * `el.focus()` moves focus to the element's obvious first control (a form field's behaviour), so a
 * host page can focus a runpage element after opening a dialog or a route.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import '../../../src/define.js';
import { MemorySource } from '../../../src/index.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { SourceError } from '../../../src/data/errors.js';
import type { RunSource } from '../../../src/data/source.js';

const run = generateSampleRun({ seed: 12, steps: 40, gpus: 1, logLines: 30 });
const source = new MemorySource(run);

/** Each element and the control focus() should reach (matched in its shadow root). */
const CASES: [tag: string, control: string, attrs?: string][] = [
  ['run-page', '[role="tab"][aria-selected="true"]', 'no-hash'],
  ['log-viewer', 'input[type="search"]', 'no-permalink'],
  ['file-browser', 'input[type="search"]', 'no-hash'],
  ['model-table', 'input[type="search"]'],
  ['artifact-list', 'input[type="search"]'],
  ['media-panel', 'input[type="range"]'],
  ['system-panel', '[role="switch"]'],
  ['run-overview', 'input[type="search"]'],
];

describe('focus()', () => {
  for (const [tag, control, attrs] of CASES) {
    it(`<${tag}> focuses ${control}`, async () => {
      const t = unsafeStatic(tag);
      const a = unsafeStatic(attrs ?? '');
      const el = await fixture<HTMLElement>(staticHtml`<${t} ${a} .source=${source}></${t}>`);
      const target = await waitUntil(() => el.shadowRoot!.querySelector<HTMLElement>(control), `${control} rendered`, {
        timeout: 15_000,
      }).then(() => el.shadowRoot!.querySelector<HTMLElement>(control)!);
      el.focus();
      expect(document.activeElement).to.equal(el);
      expect(el.shadowRoot!.activeElement).to.equal(target);
    });
  }

  it('an element showing an error focuses Retry', async () => {
    const failing: RunSource = {
      defaultRunId: () => 'r',
      getRun: () => Promise.reject(new SourceError('unavailable', 'down')),
      getModel: () => Promise.reject(new SourceError('unavailable', 'down')),
    } as unknown as RunSource;
    const el = await fixture<HTMLElement>(html`<model-table .source=${failing}></model-table>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="retry"]'), 'retry shown', { timeout: 10_000 });
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[part~="retry"]'));
  });
});
