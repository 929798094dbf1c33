/**
 * The settings dialog's and the full-screen view's styles come with their code, on their first
 * opening: the workspace's first view does not carry them, and each view is styled once open. Its
 * own file: a fresh page, where neither view has opened yet.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-workspace/define.js';
import type { MetricWorkspace } from '../../../src/elements/metric-workspace/metric-workspace.js';
import { chartOf, root, sourceOf, workspace } from './helpers.js';

/** Whether a style sheet of the workspace's shadow root has a rule for exactly `selector`. */
function styled(el: MetricWorkspace, selector: string): boolean {
  return root(el).adoptedStyleSheets.some((s) =>
    [...s.cssRules].some((r) => r instanceof CSSStyleRule && r.selectorText === selector),
  );
}

function button(el: MetricWorkspace, label: string): HTMLButtonElement {
  return [...root(el).querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.getAttribute('aria-label') === label,
  )!;
}

describe('metric-workspace: the dialogs’ styles on first use', () => {
  it('are not in the first view; the full-screen view and the settings dialog are styled once open', async () => {
    const el = await workspace(sourceOf(['train/loss', 'val/loss']));
    await waitUntil(() => chartOf(el, 'train/loss'));
    expect(styled(el, '.toolbar'), 'the workspace’s own styles').to.equal(true);
    expect(styled(el, 'dialog.fullscreen[open]')).to.equal(false);
    expect(styled(el, '.dialog-buttons')).to.equal(false);

    button(el, 'Full screen: train/loss').click();
    const full = root(el).querySelector<HTMLDialogElement>('dialog.fullscreen')!;
    await waitUntil(() => full.open);
    expect(getComputedStyle(full).display, 'laid out as a column, not as a block').to.equal('flex');
    expect(getComputedStyle(full.querySelector('.fullscreen-header')!).display).to.equal('flex');
    full.close();

    button(el, 'Add a panel to val').click();
    await waitUntil(() => root(el).querySelector<HTMLDialogElement>('dialog.settings')?.open === true);
    const settings = root(el).querySelector<HTMLDialogElement>('dialog.settings')!;
    expect(getComputedStyle(settings.querySelector('.dialog-buttons')!).display).to.equal('flex');
    expect(getComputedStyle(settings.querySelector('.metric-list')!).overflow).to.equal('auto');
  });
});
