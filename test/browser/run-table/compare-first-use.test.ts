/**
 * The comparison's code (<run-compare>, its charts, uPlot) loads the first time runs are compared:
 * meanwhile the view is there with its way back, busy; then the comparison shows. Its own file: a
 * fresh page, where that code has not loaded and <run-compare> is not registered yet.
 */
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import '../../../src/elements/run-table/define.js';
import { codeLoading } from '../../../src/elements/run-table/run-table.js';
import { until } from '../helpers/sources.js';
import { first, source, twoTicked } from './two-ticked.js';

describe('run-table: the comparison on first use', () => {
  it('shows a busy view while its code loads, then the comparison', async () => {
    expect(customElements.get('run-compare'), 'not loaded with the table').to.equal(undefined);
    const el = await twoTicked();
    const root = el.shadowRoot!;
    await until(() => !!root.querySelector('button.compare'));
    root.querySelector<HTMLButtonElement>('button.compare')!.click();
    await el.updateComplete;
    const view = root.querySelector('[part~="compare"]')!;
    expect(view, 'the view opens at once').to.exist;
    expect(view.querySelector('button.back')).to.exist;
    expect(view.querySelector('.rp-state--loading')!.getAttribute('aria-busy')).to.equal('true');

    await until(() => !!root.querySelector('run-compare'), 10_000);
    expect(customElements.get('run-compare')).to.not.equal(undefined);
    expect(view.querySelector('.rp-state--loading')).to.equal(null);
    const compare = root.querySelector('run-compare')!;
    const name = (await source.getRun(first)).name!;
    await until(() => !!compare.shadowRoot?.textContent?.includes(name), 10_000);
  });

  it('says why when its code could not load, with a retry', () => {
    let retries = 0;
    const host = document.createElement('div');
    document.body.append(host);
    render(
      codeLoading('en', new Error('chunk gone'), () => retries++),
      host,
    );
    expect(host.querySelector('[role="alert"]')!.textContent).to.include('chunk gone');
    host.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    expect(retries).to.equal(1);
    render(
      codeLoading('en', undefined, () => retries++),
      host,
    );
    expect(host.querySelector('.rp-state--loading')).to.exist;
    host.remove();
  });
});
