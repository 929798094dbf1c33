/**
 * The rules that hide private details load the first time an element hides them: meanwhile the
 * overview and the run page's title are busy and show nothing they would hide. Its own file: a
 * fresh page, where those rules have not loaded yet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-overview/define.js';
import '../../../src/elements/run-page/define.js';
import type { RunOverview } from '../../../src/elements/run-overview/run-overview.js';
import type { RunPage } from '../../../src/elements/run-page/run-page.js';
import { privateDetailsCode } from '../../../src/elements/run-overview/private-details-code.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { RunInfo } from '../../../src/data/source.js';
import { until } from '../helpers/sources.js';

const INFO: RunInfo = {
  id: 'r1',
  name: 'run on gpu-box-7',
  state: 'finished',
  host: 'gpu-box-7',
  config: { lr: 0.1, WANDB_API_KEY: 'f00dfeedf00dfeedf00dfeed' },
};

const text = (el: Element) => el.shadowRoot!.textContent ?? '';

describe('private details hidden on first use', () => {
  it('shows no private detail while the rules load, then the run with them hidden', async () => {
    expect(privateDetailsCode.now, 'not loaded with the elements').to.equal(undefined);
    const page = await fixture<RunPage>(
      html`<run-page no-hash private-details="hidden" .source=${new MemorySource({ info: INFO })}></run-page>`,
    );
    const overview = () => page.shadowRoot!.querySelector<RunOverview>('run-overview');
    // every render until the rules are in: busy, and never the host name
    const seen: string[] = [];
    await until(() => {
      const o = overview();
      seen.push(text(page), o ? text(o) : '');
      return privateDetailsCode.now !== undefined && !!o?.shadowRoot?.querySelector('.fact');
    }, 10_000);
    for (const t of seen) expect(t).not.to.contain('gpu-box-7');
    await until(() => page.shadowRoot!.querySelector('.title')!.textContent === 'run on [hidden]');
    const o = overview()!;
    await until(() => text(o).includes('hidden on this page'));
    expect(text(o)).not.to.contain('gpu-box-7');
    expect(text(o)).not.to.contain('f00dfeed');
    expect(text(o)).to.contain('lr');
  });

  it('an overview that shows them needs no rules and shows the run at once', async () => {
    const el = await fixture<RunOverview>(
      html`<run-overview .source=${new MemorySource({ info: INFO })}></run-overview>`,
    );
    await until(() => text(el).includes('gpu-box-7'));
  });
});
