import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { consume } from '@lit/context';
import '../../../src/elements/run-page/define.js';
import { RunPage, tabFromHash } from '../../../src/elements/run-page/run-page.js';
import { RunOverview } from '../../../src/elements/run-overview/run-overview.js';
import { runContext, type RunContextValue } from '../../../src/internal/context.js';
import { defineElement } from '../../../src/internal/define-element.js';
import { provideTab } from '../../../src/internal/tab-registry.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import type { RunSource } from '../../../src/data/source.js';
import { settle, until } from '../helpers/sources.js';

/** A stand-in tab element that records the context it receives and how often it was created. */
class ProbeTab extends LitElement {
  static created = 0;
  @consume({ context: runContext, subscribe: true }) context?: RunContextValue;
  constructor() {
    super();
    ProbeTab.created++;
  }
  override render() {
    return `probe for ${this.context?.runId ?? 'nothing'}`;
  }
}
defineElement('test-probe-tab', ProbeTab);
provideTab('files', ProbeTab);
provideTab('model', ProbeTab);

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const tabs = (el: RunPage) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')];
const selected = (el: RunPage) => tabs(el).find((t) => t.getAttribute('aria-selected') === 'true')!.dataset.tab;

async function page(source: RunSource, noHash = true): Promise<RunPage> {
  const el = await fixture<RunPage>(html`<run-page .source=${source} ?no-hash=${noHash}></run-page>`);
  await settle(el);
  return el;
}

describe('<run-page>', () => {
  beforeEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('shows the run in its header and the tabs whose elements exist', async () => {
    const run = generateSampleRun({ seed: 2, steps: 30, logLines: 5 });
    const el = await page(new MemorySource(run));
    expect(q(el, '.title')!.textContent).to.equal(run.info.name);
    expect(q(el, '[part~="state-badge"]')!.textContent).to.contain('Finished');
    const ids = tabs(el).map((t) => t.dataset.tab);
    expect(ids).to.include.members(['overview', 'files']);
    expect(selected(el)).to.equal('overview');
    const overview = q(el, '[role="tabpanel"]:not([hidden])')!.firstElementChild;
    expect(overview).to.be.instanceOf(RunOverview);
    await expect(el).to.be.accessible();
  });

  it('follows the WAI-ARIA tabs pattern with arrows, Home and End', async () => {
    const el = await page(new MemorySource(generateSampleRun({ seed: 2, steps: 30, logLines: 5 })));
    const first = tabs(el)[0];
    first.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(selected(el)).to.equal(tabs(el)[1].dataset.tab);
    expect(el.shadowRoot!.activeElement).to.equal(tabs(el)[1]);
    expect(tabs(el).filter((t) => t.tabIndex === 0)).to.have.length(1);
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(selected(el)).to.equal('overview');
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(selected(el)).to.equal(tabs(el).at(-1)!.dataset.tab);
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(selected(el)).to.equal('overview');
  });

  it('creates a tab element when first shown and keeps it (no refetch on return)', async () => {
    const source = new MemorySource(generateSampleRun({ seed: 2, steps: 30, logLines: 5 }));
    let getRunCalls = 0;
    const counting: RunSource = Object.assign(Object.create(source), {
      getRun: (id: string, o?: { signal?: AbortSignal }) => {
        getRunCalls++;
        return source.getRun(id, o);
      },
    });
    const before = ProbeTab.created;
    const el = await page(counting);
    expect(ProbeTab.created).to.equal(before);
    const callsAfterLoad = getRunCalls;
    tabs(el)
      .find((t) => t.dataset.tab === 'files')!
      .click();
    await settle(el);
    expect(ProbeTab.created).to.equal(before + 1);
    const probe = q(el, '#panel-files')!.firstElementChild as ProbeTab;
    expect(probe.shadowRoot!.textContent).to.contain(`probe for ${source.defaultRunId()}`);
    tabs(el)[0].click();
    await settle(el);
    tabs(el)
      .find((t) => t.dataset.tab === 'files')!
      .click();
    await settle(el);
    expect(ProbeTab.created).to.equal(before + 1);
    expect(q(el, '#panel-files')!.firstElementChild).to.equal(probe);
    expect(getRunCalls).to.equal(callsAfterLoad);
  });

  it('disables a tab the source cannot serve, with the reason', async () => {
    const run = generateSampleRun({ seed: 2, steps: 30, logLines: 5 });
    const source = new MemorySource(run);
    const limited: RunSource = { getRun: (id, o) => source.getRun(id, o), defaultRunId: () => run.info.id };
    const el = await page(limited);
    const files = tabs(el).find((t) => t.dataset.tab === 'files')!;
    expect(files.getAttribute('aria-disabled')).to.equal('true');
    expect(files.title).to.equal('This source does not provide files.');
    const model = tabs(el).find((t) => t.dataset.tab === 'model')!;
    expect(model.title).to.equal('This source does not provide model data.');
    files.click();
    await settle(el);
    expect(selected(el)).to.equal('overview');
  });

  it('disables, without asking, a tab whose contents an ended run says it has none of', async () => {
    const run = generateSampleRun({ seed: 2, steps: 30, logLines: 5 });
    const source = new MemorySource({ ...run, files: [], model: undefined });
    let listFilesCalls = 0;
    const counting: RunSource = Object.assign(Object.create(source) as RunSource, {
      listFiles: (...a: Parameters<NonNullable<RunSource['listFiles']>>) => {
        listFilesCalls++;
        return source.listFiles(...a);
      },
    });
    const el = await page(counting);
    const files = tabs(el).find((t) => t.dataset.tab === 'files')!;
    expect(files.getAttribute('aria-disabled')).to.equal('true');
    expect(files.title).to.equal('This run has no files.');
    const model = tabs(el).find((t) => t.dataset.tab === 'model')!;
    expect(model.title).to.equal('This run has no model data.');
    files.click();
    await settle(el);
    expect(selected(el)).to.equal('overview');
    expect(listFilesCalls).to.equal(0);
  });

  it('keeps a tab usable while the run is live, even when it has none yet', async () => {
    const run = generateSampleRun({ seed: 2, steps: 30, logLines: 5, state: 'running' });
    const el = await page(new MemorySource({ ...run, files: [], info: { ...run.info, heartbeatAt: Date.now() } }));
    const files = tabs(el).find((t) => t.dataset.tab === 'files')!;
    expect(files.hasAttribute('aria-disabled')).to.equal(false);
  });

  it('keeps the open tab in the URL hash and restores it', async () => {
    const source = new MemorySource(generateSampleRun({ seed: 2, steps: 30, logLines: 5 }));
    const el = await page(source, false);
    tabs(el)
      .find((t) => t.dataset.tab === 'files')!
      .click();
    await settle(el);
    expect(location.hash).to.equal('#tab=files');
    el.remove();
    const again = await page(source, false);
    expect(selected(again)).to.equal('files');
    location.hash = '#overview';
    await until(() => expect(selected(again)).to.equal('overview'));
  });

  it('reads permalinks of its tabs from the hash', () => {
    expect(tabFromHash('#logs')).to.equal('logs');
    expect(tabFromHash('#L120-L140')).to.equal('logs');
    expect(tabFromHash('#files=media/images')).to.equal('files');
    expect(tabFromHash('#tab=model&L=3')).to.equal('model');
    expect(tabFromHash('#files=/a/&L=3-9')).to.equal('logs');
    expect(tabFromHash('#files=/%E0%A4%A')).to.equal('files');
    expect(tabFromHash('#nothing')).to.be.undefined;
  });

  it('warns about an unknown tab and falls back to the overview', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...a: unknown[]) => warnings.push(a);
    try {
      const el = await fixture<RunPage>(
        html`<run-page
          no-hash
          tab="nope"
          .source=${new MemorySource(generateSampleRun({ seed: 2, steps: 10, logLines: 2 }))}
        ></run-page>`,
      );
      await settle(el);
      expect(selected(el)).to.equal('overview');
      expect(warnings).to.have.length.greaterThan(0);
    } finally {
      console.warn = warn;
    }
  });

  it('speaks Japanese and switches theme', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="ja">
        <run-page
          no-hash
          theme="dark"
          .source=${new MemorySource(generateSampleRun({ seed: 2, steps: 10, logLines: 2 }))}
        ></run-page>
      </div>`,
    );
    const el = wrapper.querySelector('run-page')!;
    await settle(el);
    expect(tabs(el).map((t) => t.textContent!.trim())).to.include('概要');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(20, 22, 27)');
  });

  it('shows a retryable error in its header', async () => {
    let calls = 0;
    const run = generateSampleRun({ seed: 2, steps: 10, logLines: 2 });
    const source: RunSource = {
      defaultRunId: () => run.info.id,
      getRun: async () => {
        calls++;
        if (calls === 1)
          throw Object.assign(new Error('offline'), { name: 'SourceError', code: 'unavailable', retryable: true });
        return run.info;
      },
    };
    const el = await page(source);
    const retry = q<HTMLButtonElement>(el, '.header [part~="retry"]');
    expect(retry).to.exist;
    retry!.click();
    await until(() => expect(q(el, '.title')?.textContent).to.equal(run.info.name));
  });
});
