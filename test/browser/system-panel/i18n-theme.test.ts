import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/system-panel/define.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { THEME_TOKENS } from '../../../src/internal/theme.js';
import { mlflowRun, wandbRun } from './key-sets.js';
import { chartById, charts, drawn, panelReady, pixelsNearValue, rgbOf, text } from './helpers.js';

function statsRow(el: SystemPanel, chartId: string, label: string): string[] {
  const card = chartById(el, chartId).closest('[part="chart"]')!;
  const row = [...card.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent!.includes(label))!;
  return [...row.querySelectorAll('td')].map((td) => td.textContent!.trim());
}

describe('system-panel: language, theme, statistics and totals', () => {
  it('Japanese labels with lang="ja"', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ja">
        <system-panel
          .source=${mlflowRun({ minutes: 10, hardware: { cpuCount: 16, memoryBytes: 2 ** 37, gpus: [{ name: 'NVIDIA L4' }, { name: 'NVIDIA L4' }] } })}
        ></system-panel>
      </div>`,
    );
    const el = wrapper.querySelector('system-panel')!;
    await panelReady(el);
    const groups = [...el.shadowRoot!.querySelectorAll('section h3')].map((h) => h.textContent);
    expect(groups).to.deep.equal(['CPU', 'メモリ', 'ディスク', 'ネットワーク', 'GPU']);
    expect(charts(el).map((c) => c.label)).to.include.members([
      'システムの CPU 使用率 (%)',
      'ネットワーク通信量 (MB/s)',
      'ディスク容量 (GB)',
      'GPU 電力 (W)',
    ]);
    expect(chartById(el, 'network').metrics).to.deep.equal(['送信', '受信']);
    expect(chartById(el, 'disk-bytes').metrics).to.deep.equal(['空き', '使用中']);
    expect(text(el)).to.contain('最小');
    const hw = el.shadowRoot!.querySelector('[part="hardware"]')!.textContent!.replace(/\s+/g, ' ');
    expect(hw).to.contain('16 コア');
    expect(hw).to.contain('メモリ 128 GB');
    expect(hw).to.contain('NVIDIA L4 × 2');
    expect(text(el)).to.contain('時刻で表示');
    await expect(el).to.be.accessible();
  });

  it('dark theme: GPU lines in the dark palette, still one colour per GPU', async () => {
    const el = await fixture<SystemPanel>(
      html`<system-panel theme="dark" .source=${wandbRun({ minutes: 10, gpus: 2 })}></system-panel>`,
    );
    await panelReady(el);
    const util = chartById(el, 'gpu-util');
    const dark0 = rgbOf(THEME_TOKENS['series-0'][1]);
    const light0 = rgbOf(THEME_TOKENS['series-0'][0]);
    const dark1 = rgbOf(THEME_TOKENS['series-1'][1]);
    expect(pixelsNearValue(util, 10, dark0, 20)).to.be.greaterThan(50);
    expect(pixelsNearValue(util, 10, light0, 20)).to.equal(0);
    expect(pixelsNearValue(util, 20, dark1, 20)).to.be.greaterThan(50);
    el.theme = 'light';
    await waitUntil(() => pixelsNearValue(util, 10, light0, 20) > 50, 'not redrawn in the light palette', {
      timeout: 5000,
    });
    await expect(el).to.be.accessible();
  });

  it('min / mean / max / last follow the visible range', async () => {
    const el = await fixture<SystemPanel>(
      html`<div style="width: 900px"><system-panel .source=${wandbRun({ minutes: 10, gpus: 1 })}></system-panel></div>`,
    );
    const panel = el.querySelector('system-panel')!;
    await panelReady(panel);
    // system.cpu cycles 40, 41, 42, 43, 44
    await waitUntil(() => statsRow(panel, 'proc-cpu-share', 'system.cpu').length === 4, 'no statistics');
    expect(statsRow(panel, 'proc-cpu-share', 'system.cpu')).to.deep.equal(['40 %', '42 %', '44 %', '44 %']);
    const cpu = chartById(panel, 'proc-cpu-share');
    await waitUntil(() => cpu.uplot, 'chart not drawn');
    // what a drag-select across the plot does
    cpu.uplot!.setScale('x', { min: 14, max: 46 });
    await waitUntil(
      () => statsRow(panel, 'proc-cpu-share', 'system.cpu')[3] === '42 %',
      'statistics not of the zoomed range',
    );
    expect(statsRow(panel, 'proc-cpu-share', 'system.cpu')).to.deep.equal(['40 %', '41 %', '42 %', '42 %']);
    // a double-click on the plot
    cpu.uplot!.over.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await waitUntil(
      () => statsRow(panel, 'proc-cpu-share', 'system.cpu')[3] === '44 %',
      'statistics not back to the full range',
    );
  });

  it('counter charts show the totals under the cursor', async () => {
    const el = await fixture<SystemPanel>(
      html`<div style="width: 900px"><system-panel .source=${wandbRun({ minutes: 20, gpus: 1 })}></system-panel></div>`,
    );
    const panel = el.querySelector('system-panel')!;
    await panelReady(panel);
    const network = chartById(panel, 'network');
    await drawn(network);
    const u = network.uplot!;
    u.setCursor({ left: u.valToPos(600, 'x'), top: 10 });
    const totals = () => network.closest('[part="chart"]')!.querySelector('[data-totals]')!.textContent!.trim();
    await waitUntil(() => totals() !== '', 'no totals');
    // 1 MiB/s sent and 4 MiB/s received for 600 s
    expect(totals()).to.equal('Total at 10m 0s: sent 600 MB · received 2.344 GB');
    const tooltip = network.shadowRoot!.querySelector<HTMLElement>('[part~="tooltip"]')!;
    await waitUntil(() => !tooltip.hidden, 'no tooltip');
    expect(tooltip.querySelector('.tt-footer')!.textContent).to.equal(
      'Total at 10m 0s: sent 600 MB · received 2.344 GB',
    );
  });
});
