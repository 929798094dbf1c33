/** The System tab's toolbar: the x-axis switch, the column count and the GPU selector. */
import { html, nothing, type TemplateResult } from 'lit';
import type { GridColumns } from '../../internal/chart-grid.js';
import type { Lang } from '../../internal/i18n.js';
import type { RovingTabindexController } from '../../internal/roving-tabindex.js';
import { styleProps } from '../../internal/style-props.js';
import { msg } from './system-panel.messages.js';

/** GPUs from this many on get a selector. */
export const GPU_SELECTOR_MIN = 8;
/** The column counts the toolbar offers besides automatic. */
const COLUMN_CHOICES = [1, 2, 3, 4, 6];

export interface SystemToolbarState {
  lang: Lang;
  wallclock: boolean;
  columns: GridColumns;
  /** Every GPU of the run, and the ones shown. */
  gpus: readonly number[];
  selected: ReadonlySet<number>;
  gpuButtons: RovingTabindexController<HTMLButtonElement>;
  onToggleXAxis: () => void;
  onColumns: (columns: GridColumns) => void;
  onGpus: (next: Set<number>) => void;
}

export function renderXAxisSwitch(s: SystemToolbarState): TemplateResult {
  const { lang, wallclock } = s;
  return html`<button
      class="rp-button switch"
      type="button"
      role="switch"
      aria-checked=${wallclock ? 'true' : 'false'}
      @click=${s.onToggleXAxis}
    >
      <span class="switch-track" aria-hidden="true"></span>${msg(lang, 'wallclockSwitch')}
    </button>
    <span class="axis-note">${msg(lang, 'xAxis')}: ${msg(lang, wallclock ? 'wallclock' : 'relative')}</span>`;
}

export function renderColumnsSelect(s: SystemToolbarState): TemplateResult {
  const { lang, columns } = s;
  return html`<label class="field rp-label columns-field">
    ${msg(lang, 'columns')}
    <select
      class="columns rp-input"
      @change=${(e: Event) => s.onColumns((e.target as HTMLSelectElement).value === 'auto' ? 'auto' : Number((e.target as HTMLSelectElement).value))}
    >
      <option value="auto" ?selected=${columns === 'auto'}>${msg(lang, 'columnsAuto')}</option>
      ${COLUMN_CHOICES.map((n) => html`<option value=${n} ?selected=${columns === n}>${n}</option>`)}
    </select>
  </label>`;
}

/** Whether the run has GPUs to choose from: from 8 on, or fewer when some are hidden (so they can be shown again). */
export function hasGpuSelector(s: SystemToolbarState): boolean {
  return s.gpus.length >= GPU_SELECTOR_MIN || s.selected.size < s.gpus.length;
}

export function renderGpuSelector(s: SystemToolbarState): TemplateResult | typeof nothing {
  if (!hasGpuSelector(s)) return nothing;
  const { lang, gpus: all, selected } = s;
  const everyGpu = all.every((g) => selected.has(g));
  const toggle = (gpu: number) => {
    const next = new Set(selected);
    if (next.has(gpu)) next.delete(gpu);
    else next.add(gpu);
    s.onGpus(next);
  };
  return html`<div
    class="gpu-selector"
    part="gpu-selector"
    role="toolbar"
    aria-label=${msg(lang, 'gpuSelector')}
    @keydown=${s.gpuButtons.handleKeydown}
  >
    <span class="label" aria-hidden="true">${msg(lang, 'gpuSelector')}</span>
    <button
      class="rp-button gpu-toggle"
      type="button"
      aria-pressed=${everyGpu ? 'true' : 'false'}
      @click=${(e: Event) => {
        s.gpuButtons.setActive(e.currentTarget as HTMLButtonElement);
        s.onGpus(everyGpu ? new Set() : new Set(all));
      }}
    >
      ${msg(lang, 'allGpus')}
    </button>
    ${all.map(
      (g) =>
        html`<button
          class="rp-button gpu-toggle"
          type="button"
          data-gpu=${g}
          aria-pressed=${selected.has(g) ? 'true' : 'false'}
          @click=${(e: Event) => {
            s.gpuButtons.setActive(e.currentTarget as HTMLButtonElement);
            toggle(g);
          }}
        >
          <span class="swatch" style=${styleProps({ '--swatch': `var(--_series-${g % 10})` })}></span
          >${msg(lang, 'gpu', g)}
        </button>`,
    )}
  </div>`;
}
