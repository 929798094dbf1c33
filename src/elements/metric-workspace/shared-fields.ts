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

export interface SharedFields {
  lang: Lang;
  options: SharedOptions;
  /**
   * In the settings dialog: what only it adds (named form fields, "inherit" at every level). Absent
   * in the toolbar, whose controls set values at once.
   */
  dialog?: DialogFieldParts;
  set?: (key: keyof SharedOptions, value: unknown) => void;
}

/** What the dialog adds to the shared fields: made in settings-dialog.ts, which loads with the dialog. */
export interface DialogFieldParts {
  /** The "inherit" option of a select, chosen when the level has no value of its own. */
  inherit(chosen: boolean): TemplateResult;
  /** Metric keys offered as x axis after the named axes, but `shown` (a custom x listed already). */
  xKeys(shown: string | undefined): TemplateResult[];
  /** The outlier field: a select with "inherit". */
  outliers: TemplateResult;
}

export function renderSharedFields(f: SharedFields): TemplateResult {
  const { lang: l, options: o, dialog, set } = f;
  const inDialog = dialog !== undefined;
  const name = (n: string) => (inDialog ? n : nothing);
  const customX = o.x !== undefined && !(X_AXES as readonly string[]).includes(o.x) ? o.x : undefined;
  return html`<label class="field"
      >${msg(l, 'xAxis')}
      <select name=${name('x')} @change=${(e: Event) => set?.('x', (e.target as HTMLSelectElement).value || undefined)}>
        ${dialog?.inherit(o.x === undefined) ?? nothing}
        ${X_AXES.map((x) => html`<option value=${x} ?selected=${(o.x ?? (inDialog ? '' : 'step')) === x}>${msg(l, x)}</option>`)}
        ${customX ? html`<option value=${customX} selected>${customX}</option>` : nothing}
        ${dialog?.xKeys(customX) ?? nothing}
      </select></label
    >
    <label class="field"
      >${msg(l, 'smoothing')}
      <select
        name=${name('smoothing')}
        @change=${(e: Event) => set?.('smoothing', (e.target as HTMLSelectElement).value || undefined)}
      >
        ${dialog?.inherit(o.smoothing === undefined) ?? nothing}
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
      dialog
        ? dialog.outliers
        : html`<label class="field check"
            ><input
              type="checkbox"
              .checked=${o.ignoreOutliers === true}
              @change=${(e: Event) => set?.('ignoreOutliers', (e.target as HTMLInputElement).checked || undefined)}
            />${msg(l, 'outliers')}</label
          >`
    }`;
}
