import { fixture, html, waitUntil } from '@open-wc/testing';
import { MemorySource, type MemoryMetric, type MemoryRun } from '../../../src/data/memory-source.js';
import type { MediaItem } from '../../../src/data/source.js';
import '../../../src/elements/metric-workspace/define.js';
import type { MetricWorkspace } from '../../../src/elements/metric-workspace/metric-workspace.js';
import { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';

export const START = Date.UTC(2026, 0, 1);

/** A small history metric with steps 0..n-1. */
export function metric(
  key: string,
  n = 20,
  group: 'history' | 'system' = key.startsWith('system.') ? 'system' : 'history',
): MemoryMetric {
  const step = new Float64Array(n);
  const value = new Float64Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    step[i] = i;
    value[i] = Math.sin(i / 3) + key.length;
    time[i] = START + i * 1000;
  }
  return { key, group, step, value, time };
}

export function runOf(keys: string[], extra: Partial<MemoryRun> = {}, id = 'ws-run'): MemoryRun {
  return { info: { id, name: id, state: 'finished', startedAt: START }, metrics: keys.map((k) => metric(k)), ...extra };
}

export function sourceOf(keys: string[], extra: Partial<MemoryRun> = {}, id = 'ws-run'): MemorySource {
  return new MemorySource(runOf(keys, extra, id));
}

let storageCounter = 0;
/** A storage key no other test uses, so saved settings do not leak between tests. */
export function freshStorageKey(): string {
  return `test-${Date.now()}-${++storageCounter}`;
}

export async function workspace(
  source: MemorySource | import('../../../src/data/source.js').RunSource,
  opts: { storageKey?: string; height?: number; lang?: string; theme?: string } = {},
): Promise<MetricWorkspace> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${opts.lang ?? 'en'}>
      <metric-workspace
        .source=${source}
        storage-key=${opts.storageKey ?? freshStorageKey()}
        theme=${opts.theme ?? 'light'}
        style=${`height: ${opts.height ?? 700}px`}
      ></metric-workspace>
    </div>`,
  );
  const el = wrapper.querySelector('metric-workspace')!;
  await waitUntil(
    () => el.shadowRoot!.querySelector('.body, [part~="state"]:not([part~="loading"])'),
    'workspace did not load',
    {
      timeout: 5000,
    },
  );
  await el.updateComplete;
  return el;
}

export function root(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

export function sectionNames(el: MetricWorkspace): string[] {
  return [...root(el).querySelectorAll('section.section')].map((s) => s.getAttribute('data-section') ?? '');
}

export function panelTitles(el: MetricWorkspace, section?: string): string[] {
  const scope = section === undefined ? root(el) : root(el).querySelector(`section[data-section="${section}"]`);
  return [...(scope?.querySelectorAll('.panel-title') ?? [])].map((t) => t.textContent!.trim());
}

export function charts(el: MetricWorkspace): MetricChart[] {
  return [...root(el).querySelectorAll('.panel-body > *')].filter((c): c is MetricChart => c instanceof MetricChart);
}

export function chartOf(el: MetricWorkspace, panelId: string): MetricChart | undefined {
  const c = root(el).querySelector(`[data-panel-id="${CSS.escape(panelId)}"] .panel-body > *`);
  return c instanceof MetricChart ? c : undefined;
}

export async function search(el: MetricWorkspace, text: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>('input.search')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export function mediaItem(key: string, step: number, index: number, extra: Partial<MediaItem> = {}): MediaItem {
  return {
    key,
    step,
    index,
    kind: 'image',
    url: pixel(step * 10 + index),
    caption: `${key} ${index} @ ${step}`,
    width: 4,
    height: 4,
    ...extra,
  };
}

/** A tiny PNG data URL whose colour depends on `n` (made with a canvas). */
export function pixel(n: number): string {
  const c = document.createElement('canvas');
  c.width = c.height = 4;
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = `hsl(${(n * 37) % 360} 70% 50%)`;
  ctx.fillRect(0, 0, 4, 4);
  return c.toDataURL('image/png');
}
