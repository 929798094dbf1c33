/** A long command is cut to three lines with a button that shows it whole; a short one has no button. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-overview/define.js';
import type { RunOverview } from '../../../src/elements/run-overview/run-overview.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { settle, until } from '../helpers/sources.js';

async function withCommand(args: string[]): Promise<RunOverview> {
  const run = generateSampleRun({ seed: 3, steps: 20 });
  run.info.command = { program: 'train.py', args };
  const wrap = await fixture<HTMLDivElement>(
    html`<div style="width:600px"><run-overview .source=${new MemorySource(run)}></run-overview></div>`,
  );
  const el = wrap.querySelector('run-overview')!;
  await settle(el);
  await until(() => el.shadowRoot!.querySelector('.command-text') !== null);
  return el;
}

const lineHeight = (el: Element) => parseFloat(getComputedStyle(el).lineHeight);

describe('<run-overview> command', () => {
  it('cuts a long command to three lines and shows it whole on request', async () => {
    const args = Array.from({ length: 80 }, (_, i) => `--option-${i}=value-${i}`);
    const el = await withCommand(args);
    const code = el.shadowRoot!.querySelector<HTMLElement>('.command-text')!;
    await until(() => expect(el.shadowRoot!.querySelector('.command .more')).to.exist);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('.command .more')!;
    expect(more.textContent!.trim()).to.equal('Show more');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    const clamped = code.getBoundingClientRect().height;
    expect(clamped).to.be.at.most(lineHeight(code) * 3 + 2);
    more.click();
    await el.updateComplete;
    expect(code.getBoundingClientRect().height).to.be.greaterThan(clamped * 3);
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    expect(more.textContent!.trim()).to.equal('Show less');
    // the whole command is in the text either way (copied and read out in full)
    expect(code.textContent).to.contain('--option-79=value-79');
  });

  it('has no button for a command that fits', async () => {
    const el = await withCommand(['--steps', '10']);
    await new Promise((r) => requestAnimationFrame(r));
    expect(el.shadowRoot!.querySelector('.command .more')).to.equal(null);
  });
});
