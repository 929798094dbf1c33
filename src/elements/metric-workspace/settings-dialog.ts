/**
 * The modal dialog that edits a panel's, a new panel's or a section's settings: what it edits, the
 * draft of chosen metrics, the form's errors, and focus back on the button that opened it.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { adoptStyles } from '../../internal/adopt-styles.js';
import type { Lang } from '../../internal/i18n.js';
import { dialogStyles } from './dialog.styles.js';
import { msg } from './metric-workspace.messages.js';
import { dmsg } from './settings-dialog.messages.js';
import type { Panel } from './panel-layout.js';
import { readLevelForm, readPanelForm } from './settings-form.js';
import { renderSharedFields, type DialogFieldParts } from './shared-fields.js';
import { MAX_COLUMNS, type PanelSettings, type SharedOptions, type WorkspaceSettings } from './workspace-settings.js';

export type Editing =
  { scope: 'panel'; id: string } | { scope: 'new'; section: string } | { scope: 'section'; name: string };

/** Metric checkboxes shown at once (the filter narrows the rest). */
const DIALOG_METRICS = 200;

/** Metric keys offered as x axis (the rest are not listed). */
const X_METRICS = 200;

/** The dialog's own parts of the shared fields of a level with options `o`: "inherit" everywhere, metric keys as x. */
function dialogFieldParts(l: Lang, o: SharedOptions, metricKeys: string[]): DialogFieldParts {
  return {
    inherit: (chosen) => html`<option value="" ?selected=${chosen}>${msg(l, 'inherit')}</option>`,
    xKeys: (shown) =>
      metricKeys
        .filter((k) => k !== shown)
        .slice(0, X_METRICS)
        .map((k) => html`<option value=${k}>${k}</option>`),
    outliers: html`<label class="field"
      >${msg(l, 'outliers')}
      <select name="ignoreOutliers">
        <option value="" ?selected=${o.ignoreOutliers === undefined}>${msg(l, 'inherit')}</option>
        <option value="on" ?selected=${o.ignoreOutliers === true}>${msg(l, 'on')}</option>
        <option value="off" ?selected=${o.ignoreOutliers === false}>${msg(l, 'off')}</option>
      </select></label
    >`,
  };
}

/** What the dialog reads from the workspace and asks of it. */
export interface DialogHost {
  lang(): Lang;
  layout(): WorkspaceSettings;
  panelById(id: string): Panel | undefined;
  metricKeys(): string[];
  sectionLabel(name: string): string;
  /** Changes the layout (saved, and announced with `metric-workspace-change`). */
  edit(change: (s: WorkspaceSettings, edits: typeof import('./layout-edits.js')) => void): void;
  /** The `<dialog>` element of the template. */
  element(): HTMLDialogElement | undefined;
  /** Where focus goes when the opener is gone. */
  focusFallback(): void;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isCssColor(c: string): boolean {
  return typeof CSS !== 'undefined' && CSS.supports('color', c);
}

export class SettingsDialog {
  private editing?: Editing;
  private draftMetrics: string[] = [];
  private metricFilter = '';
  private formErrors: string[] = [];
  private opener?: HTMLElement;
  private seq = 0;
  private shownSeq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly h: DialogHost,
  ) {}

  open(editing: Editing, opener: EventTarget | null): void {
    this.opener = opener instanceof HTMLElement ? opener : undefined;
    this.editing = editing;
    this.formErrors = [];
    this.metricFilter = '';
    this.draftMetrics = editing.scope === 'panel' ? [...(this.h.panelById(editing.id)?.keys ?? [])] : [];
    const seq = ++this.seq;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const d = this.h.element();
      if (d && !d.open && seq === this.seq) {
        adoptStyles(d.getRootNode() as DocumentFragment, dialogStyles);
        d.showModal();
        this.shownSeq = seq;
      }
    });
  }

  close(): void {
    this.h.element()?.close();
  }

  private readonly onClose = (): void => {
    // the close event is queued: a dialog opened again since then is not the one that closed
    if (this.h.element()?.open || this.shownSeq !== this.seq) return;
    this.editing = undefined;
    const opener = this.opener;
    this.opener = undefined;
    this.host.requestUpdate();
    if (opener?.isConnected) opener.focus();
    else this.h.focusFallback();
  };

  private readonly onSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const editing = this.editing;
    if (!editing) return;
    const form = new FormData(e.target as HTMLFormElement);
    if (editing.scope === 'section') {
      const { options, errors } = readLevelForm(form);
      if (this.showErrors(errors)) return;
      this.h.edit((s) => {
        const own = s.sections[editing.name] ?? {};
        s.sections[editing.name] = { collapsed: own.collapsed, pinned: own.pinned, ...options };
      });
      return this.close();
    }
    const { settings, errors } = readPanelForm(form, this.draftMetrics, isCssColor);
    if (this.showErrors(errors)) return;
    if (editing.scope === 'new') {
      this.h.edit((s, edits) =>
        s.custom.push({ ...settings, id: edits.newPanelId(s), section: editing.section, metrics: settings.metrics! }),
      );
      return this.close();
    }
    const panel = this.h.panelById(editing.id);
    if (!panel) return this.close();
    this.h.edit((s) => {
      if (panel.auto) {
        const own = { ...settings };
        if (sameJson(own.metrics, [panel.id])) delete own.metrics;
        s.panels[panel.id] = own;
      } else {
        const i = s.custom.findIndex((c) => c.id === panel.id);
        if (i >= 0) s.custom[i] = { ...settings, id: panel.id, section: panel.section, metrics: settings.metrics! };
      }
    });
    this.close();
  };

  /** Shows the form's errors; true when there are some. */
  private showErrors(errors: string[]): boolean {
    this.formErrors = errors;
    this.host.requestUpdate();
    return errors.length > 0;
  }

  private resetPanel(panel: Panel): void {
    this.h.edit((s) => delete s.panels[panel.id]);
    this.close();
  }

  render(): TemplateResult {
    const l = this.h.lang();
    const e = this.editing;
    let heading = '';
    let body: TemplateResult | typeof nothing = nothing;
    let panel: Panel | undefined;
    if (e?.scope === 'section') {
      heading = dmsg(l, 'sectionDialog', this.h.sectionLabel(e.name));
      body = this.renderSectionForm(this.h.layout().sections[e.name] ?? {});
    } else if (e) {
      panel = e.scope === 'panel' ? this.h.panelById(e.id) : undefined;
      heading = panel ? dmsg(l, 'panelSettings', panel.title) : dmsg(l, 'newPanel');
      body = this.renderPanelForm(panel?.settings ?? {});
    }
    const error = this.formErrors.length ? this.describeErrors() : '';
    return html`<dialog part="dialog" class="settings" aria-labelledby="dialog-title" @close=${this.onClose}>
      ${
        e
          ? html`<form @submit=${this.onSubmit} novalidate>
              <h2 id="dialog-title">${heading}</h2>
              <div class="form-fields">${body}</div>
              ${error ? html`<p class="form-error" role="alert">${error}</p>` : nothing}
              <div class="dialog-buttons">
                ${
                  panel?.auto && panel.settings
                    ? html`<button class="rp-button" type="button" @click=${() => this.resetPanel(panel!)}>
                        ${dmsg(l, 'reset')}
                      </button>`
                    : nothing
                }
                <button class="rp-button" type="button" @click=${() => this.close()}>${dmsg(l, 'cancel')}</button>
                <button class="rp-button rp-button--primary" type="submit">${dmsg(l, 'apply')}</button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  private describeErrors(): string {
    const l = this.h.lang();
    return this.formErrors
      .map((f) =>
        f === 'metrics' ? dmsg(l, 'pickMetric') : f.startsWith('color:') ? dmsg(l, 'badColor', f.slice(6)) : f,
      )
      .join(' ');
  }

  private renderSectionForm(own: WorkspaceSettings['sections'][string]): TemplateResult {
    const l = this.h.lang();
    return html`${renderSharedFields({ lang: l, options: own, dialog: dialogFieldParts(l, own, this.h.metricKeys()) })}
      <label class="field"
        >${msg(l, 'columns')}
        <select name="columns">
          <option value="" ?selected=${own.columns === undefined}>${msg(l, 'inherit')}</option>
          ${Array.from({ length: MAX_COLUMNS }, (_, i) => i + 1).map(
            (n) => html`<option value=${n} ?selected=${own.columns === n}>${n}</option>`,
          )}
        </select></label
      >`;
  }

  private renderPanelForm(s: PanelSettings): TemplateResult {
    const l = this.h.lang();
    const filter = this.metricFilter.toLowerCase();
    const keys = this.h.metricKeys();
    const chosen = new Set(this.draftMetrics);
    const listed = keys
      .filter((k) => chosen.has(k) || k.toLowerCase().includes(filter))
      .slice(0, DIALOG_METRICS + chosen.size);
    const toggle = (key: string, on: boolean) => {
      this.draftMetrics = on ? [...this.draftMetrics, key] : this.draftMetrics.filter((k) => k !== key);
      this.host.requestUpdate();
    };
    const num = (name: 'xMin' | 'xMax' | 'yMin' | 'yMax') =>
      html`<label class="field"
        >${dmsg(l, name)}<input
          name=${name}
          type="number"
          step="any"
          .value=${s[name] === undefined ? '' : String(s[name])}
      /></label>`;
    return html`<label class="field wide"
        >${dmsg(l, 'title')}<input
          name="title"
          type="text"
          .value=${s.title ?? ''}
          placeholder=${dmsg(l, 'titlePlaceholder')}
      /></label>
      <fieldset class="metrics wide">
        <legend>${dmsg(l, 'metrics')}</legend>
        <input
          type="search"
          aria-label=${dmsg(l, 'metricsFilter')}
          placeholder=${dmsg(l, 'metricsFilter')}
          .value=${this.metricFilter}
          @input=${(ev: Event) => {
            this.metricFilter = (ev.target as HTMLInputElement).value;
            this.host.requestUpdate();
          }}
        />
        <div class="metric-list">
          ${listed.map(
            (k) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  .checked=${chosen.has(k)}
                  @change=${(ev: Event) => toggle(k, (ev.target as HTMLInputElement).checked)}
                />${k}</label
              >`,
          )}
        </div>
      </fieldset>
      ${renderSharedFields({ lang: l, options: s, dialog: dialogFieldParts(l, s, keys) })}
      <label class="field check"
        ><input name="logX" type="checkbox" .checked=${s.logX === true} />${dmsg(l, 'logX')}</label
      >
      <label class="field check"
        ><input name="logY" type="checkbox" .checked=${s.logY === true} />${dmsg(l, 'logY')}</label
      >
      ${num('xMin')} ${num('xMax')} ${num('yMin')} ${num('yMax')}
      <label class="field wide"
        >${dmsg(l, 'legend')}<input
          name="legend"
          type="text"
          .value=${s.legend ?? ''}
          placeholder="\${metric}"
          title=${dmsg(l, 'legendHelp')}
      /></label>
      <label class="field wide"
        >${dmsg(l, 'colors')}<input
          name="colors"
          type="text"
          .value=${(s.colors ?? []).join(', ')}
          placeholder="#2559d9, tomato"
          title=${dmsg(l, 'colorsHelp')}
      /></label>`;
  }
}
