/** The hardware header's rows from RunInfo.hardware; GPUs of the same model are counted together. */
import { html, nothing, type TemplateResult } from 'lit';
import type { GpuInfo, HardwareInfo, RunInfo } from '../../data/source.js';
import { formatBytes } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { msg } from './system-panel.messages.js';

export interface HardwareRow {
  label: string;
  value: string;
}

interface GpuModel {
  name: string;
  count: number;
  memoryBytes?: number;
}

/** GPUs grouped by name and memory, in the order they first appear. */
export function gpuModels(gpus: readonly GpuInfo[]): GpuModel[] {
  const out: GpuModel[] = [];
  for (const g of gpus) {
    if (!g || typeof g !== 'object') continue;
    const name = typeof g.name === 'string' && g.name ? g.name : '?';
    const memoryBytes = typeof g.memoryBytes === 'number' && Number.isFinite(g.memoryBytes) ? g.memoryBytes : undefined;
    const same = out.find((m) => m.name === name && m.memoryBytes === memoryBytes);
    if (same) same.count++;
    else out.push(memoryBytes === undefined ? { name, count: 1 } : { name, count: 1, memoryBytes });
  }
  return out;
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

export function hardwareRows(hw: HardwareInfo | undefined, lang: Lang): HardwareRow[] {
  if (!hw || typeof hw !== 'object') return [];
  const rows: HardwareRow[] = [];
  const cpu: string[] = [];
  if (typeof hw.cpu === 'string' && hw.cpu) cpu.push(hw.cpu);
  const cores = count(hw.cpuCount);
  const threads = count(hw.cpuCountLogical);
  if (cores) cpu.push(msg(lang, 'cores', cores));
  if (threads && threads !== cores) cpu.push(msg(lang, 'threads', threads));
  if (cpu.length) rows.push({ label: msg(lang, 'cpu'), value: cpu.join(' · ') });
  const memory = count(hw.memoryBytes);
  if (memory) rows.push({ label: msg(lang, 'memory'), value: formatBytes(memory, lang) });
  const models = gpuModels(Array.isArray(hw.gpus) ? hw.gpus : []);
  if (models.length) {
    const value = models
      .map((m) => {
        const text = msg(lang, 'gpuModel', m.count, m.name);
        if (m.memoryBytes === undefined) return text;
        const size = formatBytes(m.memoryBytes, lang);
        return `${text} (${m.count > 1 ? msg(lang, 'each', size) : size})`;
      })
      .join(', ');
    rows.push({ label: msg(lang, 'gpus'), value });
  }
  const accel: string[] = [];
  const n = count(hw.acceleratorCount);
  if (n !== undefined) accel.push(String(n));
  if (typeof hw.accelerator === 'string' && hw.accelerator) accel.push(hw.accelerator);
  if (typeof hw.cudaVersion === 'string' && hw.cudaVersion) accel.push(msg(lang, 'cudaVersion', hw.cudaVersion));
  if (accel.length) rows.push({ label: msg(lang, 'accelerators'), value: accel.join(' · ') });
  return rows;
}

/** The hardware header: a label / value grid. */
export function renderHardware(info: RunInfo | undefined, lang: Lang): TemplateResult | typeof nothing {
  const rows = hardwareRows(info?.hardware, lang);
  if (!rows.length) return nothing;
  return html`<dl class="hardware" part="hardware" aria-label=${msg(lang, 'hardware')}>
    ${rows.map(
      (r) =>
        html`<div class="row">
          <dt>${r.label}</dt>
          <dd>${r.value}</dd>
        </div>`,
    )}
  </dl>`;
}
