/**
 * The x-axis, smoothing, weight and outlier fields shared by the toolbar (workspace values; x and
 * smoothing have no "inherit") and the settings dialog (every level can also inherit).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { SMOOTHING_KINDS } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import { msg } from './metric-workspace.messages.js';
import type { SharedOptions } from './workspace-settings.js';

const X_AXES = ['step', 'relative', 'process', 'wallclock'] as const;
/** Metric keys offered as x axis in the dialog (the rest are not listed). */
const DIALOG_METRICS = 200;

export interface SharedFields {
  lang: Lang;
  options: SharedOptions;
  /** In the dialog: named form fields with "inherit"; in the toolbar: controls that set values at once. */
  inDialog: boolean;
  /** Metric keys the dialog offers as x axis. */
  metricKeys: () => string[];
  set?: (key: keyof SharedOptions, value: unknown) => void;
}

export function renderSharedFields(f: SharedFields): TemplateResult {
  const { lang: l, options: o, inDialog, set } = f;
  const name = (n: string) => (inDialog ? n : nothing);
  const inherit = html`<option value="" ?selected=${o.x === undefined}>${msg(l, 'inherit')}</option>`;
  const customX = o.x !== undefined && !(X_AXES as readonly string[]).includes(o.x) ? o.x : undefined;
  return html`<label class="field"
      >${msg(l, 'xAxis')}
      <select name=${name('x')} @change=${(e: Event) => set?.('x', (e.target as HTMLSelectElement).value || undefined)}>
        ${inDialog ? inherit : nothing}
        ${X_AXES.map((x) => html`<option value=${x} ?selected=${(o.x ?? (inDialog ? '' : 'step')) === x}>${msg(l, x)}</option>`)}
        ${customX ? html`<option value=${customX} selected>${customX}</option>` : nothing}
        ${
          inDialog
            ? f
                .metricKeys()
                .filter((k) => k !== customX)
                .slice(0, DIALOG_METRICS)
                .map((k) => html`<option value=${k}>${k}</option>`)
            : nothing
        }
      </select></label
    >
    <label class="field"
      >${msg(l, 'smoothing')}
      <select
        name=${name('smoothing')}
        @change=${(e: Event) => set?.('smoothing', (e.target as HTMLSelectElement).value || undefined)}
      >
        ${inDialog ? html`<option value="" ?selected=${o.smoothing === undefined}>${msg(l, 'inherit')}</option>` : nothing}
        ${SMOOTHING_KINDS.map(
          (k) =>
            html`<option value=${k} ?selected=${(o.smoothing ?? (inDialog ? '' : 'none')) === k}>${msg(l, k)}</option>`,
        )}
      </select></label
    >
    <label class="field"
      >${msg(l, 'smoothingWeight')}
      <input
        class="weight"
        name=${name('smoothingWeight')}
        type="number"
        min="0"
        step="any"
        .value=${o.smoothingWeight === undefined ? '' : String(o.smoothingWeight)}
        @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).valueAsNumber;
          set?.('smoothingWeight', Number.isFinite(v) && v >= 0 ? v : undefined);
        }}
    /></label>
    ${
      inDialog
        ? html`<label class="field"
            >${msg(l, 'outliers')}
            <select name="ignoreOutliers">
              <option value="" ?selected=${o.ignoreOutliers === undefined}>${msg(l, 'inherit')}</option>
              <option value="on" ?selected=${o.ignoreOutliers === true}>${msg(l, 'on')}</option>
              <option value="off" ?selected=${o.ignoreOutliers === false}>${msg(l, 'off')}</option>
            </select></label
          >`
        : html`<label class="field check"
            ><input
              type="checkbox"
              .checked=${o.ignoreOutliers === true}
              @change=${(e: Event) => set?.('ignoreOutliers', (e.target as HTMLInputElement).checked || undefined)}
            />${msg(l, 'outliers')}</label
          >`
    }`;
}
