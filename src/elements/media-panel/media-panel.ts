import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { styleProps } from '../../internal/style-props.js';
import { initialState } from '@lit/task';
import type { MediaItem, MediaKey } from '../../data/source.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { formatNumber } from '../../internal/format.js';
import { followLiveRun } from '../../internal/live-controller.js';
import { SourceTask } from '../../internal/source-task.js';
import { renderEmpty, renderError, renderLoading } from '../../internal/states.js';
import { seriesColor, ThemeController } from '../../internal/theme.js';
import { listConverter, numberConverter } from '../metric-chart/attribute-converters.js';
import { lazyImport } from '../../internal/lazy-import.js';
import { msg } from './media-panel.messages.js';
import { mediaPanelStyles } from './media-panel.styles.js';
import { classesOf, drawableBoxes, mergeSteps, snapIndex } from './media-steps.js';

/** Painting segmentation masks loads with the first mask shown: most media have none. */
export const maskCode = lazyImport(() => import('./mask-paint.js'));

const TAG = 'media-panel';

/** `detail` of `media-panel-step`: the step now shown. */
export interface MediaPanelStepDetail {
  step: number;
}

interface Shown {
  step: number;
  /** Items by key, in `keys` order; an error for a key that failed. */
  byKey: { key: string; items: MediaItem[]; error?: unknown }[];
}

/**
 * Images logged at steps (example predictions, samples) for one or several keys side by side:
 * a step slider that snaps to steps with images, captions, click to enlarge, and bounding boxes
 * and class masks drawn over the images with per-class toggles.
 *
 * @summary Logged images by step, with boxes and masks.
 *
 * @csspart base - The wrapper of everything below.
 * @csspart controls - The step slider and the class toggles.
 * @csspart slider - The step slider.
 * @csspart key - The column of one media key.
 * @csspart figure - One image with its overlay and caption.
 * @csspart caption - An image caption.
 * @csspart dialog - The enlarged image dialog.
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-media-panel-thumb-size - Width of each image in the grid (default 160px).
 *
 * @fires media-panel-step - The step shown changed (slider, keys or buttons); `detail.step`.
 */
export class MediaPanel extends RunpageElement {
  /** `focus()` moves to the step slider. */
  protected override focusSelector = 'input[type="range"]';

  static override styles = [RunpageElement.styles, mediaPanelStyles];

  static override properties = {
    keys: { converter: listConverter(TAG, /,/) },
    step: { type: Number, converter: numberConverter(TAG) },
    noLive: { type: Boolean, attribute: 'no-live' },
    index: { state: true },
    hiddenClasses: { state: true },
    showBoxes: { state: true },
    showMasks: { state: true },
    enlarged: { state: true },
  };

  /** Media keys to show side by side (attribute: comma-separated or a JSON list). Default: every image key. */
  declare keys?: string[];

  /** The step to show; snaps to the nearest step with images. Default: the last one. */
  declare step?: number;

  /** Do not follow new media while the run trains. */
  noLive = false;

  private index = -1;
  private hiddenClasses = new Set<number>();
  private showBoxes = true;
  private showMasks = true;
  declare private enlarged?: { key: string; index: number };
  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector<HTMLDialogElement>('dialog') ?? null;
  }
  private enlargeOpener?: HTMLElement;
  private paletteVersion = 0;
  /** The masks shown when their code last failed to load (they stay hidden). */
  private masksFailedFor?: string;
  private lastStepCount = 0;

  private keysTask = new SourceTask(this, {
    args: () => [this.dataSource, this.runId, this.keys] as const,
    argsEqual: (a, b) => a[0] === b[0] && a[1] === b[1] && JSON.stringify(a[2]) === JSON.stringify(b[2]),
    task: async ([source, runId, keys], { signal }): Promise<MediaKey[]> => {
      if (!source || !runId) return initialState as never;
      const all = await requireMethod(source, 'listMedia')(runId, { signal });
      const images = (Array.isArray(all) ? all : []).filter((k) => k && k.kind === 'image');
      if (!keys || keys.length === 0) return images;
      return keys.map((key) => images.find((k) => k.key === key)).filter((k): k is MediaKey => k !== undefined);
    },
  });

  private itemsTask = new SourceTask(this, {
    args: () => [this.dataSource, this.runId, this.keysTask.value, this.currentStep()] as const,
    task: async ([source, runId, keys, step], { signal }): Promise<Shown> => {
      if (!source || !runId || !keys || step === undefined) return initialState as never;
      const getMedia = requireMethod(source, 'getMedia');
      const byKey = await Promise.all(
        keys.map(async (k) => {
          if (!k.steps.includes(step)) return { key: k.key, items: [] };
          try {
            const items = await getMedia({ runId, key: k.key, step }, { signal });
            return {
              key: k.key,
              items: Array.isArray(items) ? items.filter((i) => i && typeof i.url === 'string') : [],
            };
          } catch (error) {
            if (signal.aborted) throw error;
            return { key: k.key, items: [], error };
          }
        }),
      );
      return { step, byKey };
    },
  });

  constructor() {
    super();
    new ThemeController(this, () => {
      this.paletteVersion++;
      this.requestUpdate();
    });
    followLiveRun(this, (events) => {
      if (events.some((e) => e.type === 'media-changed')) void this.keysTask.run();
    });
  }

  /** Steps that have images for the shown keys, ascending. */
  get steps(): number[] {
    return mergeSteps(this.keysTask.value ?? []);
  }

  private currentStep(): number | undefined {
    const steps = this.steps;
    return this.index >= 0 && this.index < steps.length ? steps[this.index] : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const steps = this.steps;
    if (!steps.length) {
      this.lastStepCount = 0;
      return;
    }
    const followingNewest = this.step === undefined && this.index === this.lastStepCount - 1;
    if (changed.has('step') || this.index < 0 || this.index >= steps.length) this.index = snapIndex(steps, this.step);
    // new steps arrived live while the newest was shown: keep showing the newest
    else if (steps.length > this.lastStepCount && followingNewest) this.index = steps.length - 1;
    this.lastStepCount = steps.length;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.paintMasks();
  }

  private goTo(index: number): void {
    const steps = this.steps;
    if (!steps.length) return;
    const next = Math.min(steps.length - 1, Math.max(0, index));
    if (next === this.index) return;
    this.index = next;
    this.emit<MediaPanelStepDetail>('media-panel-step', { step: steps[next] });
  }

  private onKeydown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.composedPath()[0];
    // the range input moves itself (and fires input); text fields keep their arrows
    if (target instanceof HTMLInputElement) return;
    let handled = true;
    if (e.key === 'ArrowLeft') this.goTo(this.index - 1);
    else if (e.key === 'ArrowRight') this.goTo(this.index + 1);
    else if (e.key === 'Home' && !this.dialog?.open) this.goTo(0);
    else if (e.key === 'End' && !this.dialog?.open) this.goTo(this.steps.length - 1);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  private enlarge(key: string, index: number, opener: EventTarget | null): void {
    this.enlargeOpener = opener instanceof HTMLElement ? opener : undefined;
    this.enlarged = { key, index };
    void this.updateComplete.then(() => {
      if (this.dialog && !this.dialog.open) this.dialog.showModal();
    });
  }

  private onDialogClose = (): void => {
    if (this.dialog?.open) return; // opened again before the queued close event arrived
    this.enlarged = undefined;
    const opener = this.enlargeOpener;
    this.enlargeOpener = undefined;
    if (opener?.isConnected) opener.focus();
  };

  private toggleClass(id: number, on: boolean): void {
    const next = new Set(this.hiddenClasses);
    if (on) next.delete(id);
    else next.add(id);
    this.hiddenClasses = next;
  }

  private classColor(id: number): string {
    return `var(--_series-${((id % 10) + 10) % 10})`;
  }

  private paintMasks(): void {
    const canvases = this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas.mask');
    if (!canvases.length) return;
    const mask = maskCode.now;
    if (!mask) {
      // loading re-renders this element, which paints them. Masks whose code could not load are
      // hidden; other masks (another step) ask for it again.
      const urls = [...canvases].map((c) => c.dataset.url).join(' ');
      if (maskCode.failed && (this.masksFailedFor ??= urls) === urls) {
        for (const canvas of canvases) canvas.hidden = true;
      } else {
        this.masksFailedFor = undefined;
        void maskCode.load(this);
      }
      return;
    }
    mask.paintMasks(canvases, this.hiddenClasses, this.paletteVersion, (id) => seriesColor(this, id));
  }

  // ---- render -----------------------------------------------------------------------------

  override render(): TemplateResult {
    const l = this.locale;
    return this.renderTask(this.keysTask, {
      what: msg(l, 'what'),
      empty: () => renderEmpty(msg(l, 'empty'), msg(l, 'emptyDetail')),
      complete: (keys) => {
        const steps = mergeSteps(keys);
        if (!keys.length || !steps.length) return renderEmpty(msg(l, 'empty'), msg(l, 'emptyDetail'));
        return this.renderPanel(keys, steps);
      },
    });
  }

  private renderPanel(keys: MediaKey[], steps: number[]): TemplateResult {
    const l = this.locale;
    const index = Math.max(0, Math.min(this.index, steps.length - 1));
    const step = steps[index];
    const shown = this.itemsTask.value;
    const items = shown?.byKey.flatMap((k) => k.items) ?? [];
    const classes = classesOf(items);
    const hasBoxes = items.some((i) => (i.boxes?.length ?? 0) > 0);
    const hasMasks = items.some((i) => typeof i.maskUrl === 'string');
    const stepText = msg(
      l,
      'stepValue',
      formatNumber(step, l),
      formatNumber(index + 1, l),
      formatNumber(steps.length, l),
    );
    return html`<div
      part="base"
      class="base"
      role="region"
      aria-label=${msg(l, 'region', keys.map((k) => k.key).join(', '))}
      @keydown=${this.onKeydown}
    >
      <div part="controls" class="controls">
        <button
          class="rp-button"
          type="button"
          aria-label=${msg(l, 'previous')}
          ?disabled=${index <= 0}
          @click=${() => this.goTo(index - 1)}
        >
          ←
        </button>
        <label class="slider-label">
          <span class="rp-visually-hidden">${msg(l, 'step')}</span>
          <input
            part="slider"
            class="slider"
            type="range"
            min="0"
            max=${steps.length - 1}
            step="1"
            .value=${String(index)}
            aria-valuetext=${stepText}
            ?disabled=${steps.length < 2}
            @input=${(e: Event) => this.goTo(Number((e.target as HTMLInputElement).value))}
          />
        </label>
        <button
          class="rp-button"
          type="button"
          aria-label=${msg(l, 'next')}
          ?disabled=${index >= steps.length - 1}
          @click=${() => this.goTo(index + 1)}
        >
          →
        </button>
        <span class="step" aria-live="polite">${stepText}</span>
      </div>
      ${hasBoxes || hasMasks ? this.renderClassToggles(classes, hasBoxes, hasMasks) : nothing}
      ${this.renderItems(keys, shown, step)} ${this.renderDialog(shown)}
    </div>`;
  }

  private renderCheck(key: 'showBoxes' | 'showMasks', label: string): TemplateResult {
    return html`<label class="check"
      ><input
        type="checkbox"
        .checked=${this[key]}
        @change=${(e: Event) => (this[key] = (e.target as HTMLInputElement).checked)}
      />${label}</label
    >`;
  }

  private renderClassToggles(
    classes: { id: number; name: string }[],
    hasBoxes: boolean,
    hasMasks: boolean,
  ): TemplateResult {
    const l = this.locale;
    return html`<fieldset class="classes">
      <legend>${msg(l, 'classes')}</legend>
      ${hasBoxes ? this.renderCheck('showBoxes', msg(l, 'boxes')) : nothing}
      ${hasMasks ? this.renderCheck('showMasks', msg(l, 'mask')) : nothing}
      ${classes.map(
        (c) =>
          html`<label class="check class-toggle"
            ><input
              type="checkbox"
              data-class-id=${c.id}
              .checked=${!this.hiddenClasses.has(c.id)}
              @change=${(e: Event) => this.toggleClass(c.id, (e.target as HTMLInputElement).checked)}
            /><span class="swatch" style=${styleProps({ background: this.classColor(c.id) })}></span>${c.name}</label
          >`,
      )}
    </fieldset>`;
  }

  private renderItems(keys: MediaKey[], shown: Shown | undefined, step: number): TemplateResult {
    const l = this.locale;
    if (!shown) {
      if (this.itemsTask.error) return renderError(l, this.itemsTask.error, () => void this.itemsTask.run());
      return renderLoading(l, 3);
    }
    // the previous step's images stay (dimmed) until the new ones arrive: no layout jump
    const stale = shown.step !== step;
    return html`<div
      class=${stale ? 'keys stale' : 'keys'}
      aria-busy=${stale ? 'true' : 'false'}
      style=${styleProps({ '--_key-count': String(keys.length) })}
    >
      ${shown.byKey.map(
        ({ key, items, error }) =>
          html`<section part="key" class="key" aria-label=${key}>
            ${shown.byKey.length > 1 ? html`<h3 class="key-title">${key}</h3>` : nothing}
            ${
              error
                ? renderError(l, error, () => void this.itemsTask.run())
                : items.length === 0
                  ? html`<p class="none">${msg(l, 'noImages')}</p>`
                  : html`<div class="grid">${items.map((item) => this.renderFigure(item, false))}</div>`
            }
          </section>`,
      )}
    </div>`;
  }

  private renderFigure(item: MediaItem, large: boolean): TemplateResult {
    const l = this.locale;
    const name = msg(l, 'image', item.key, formatNumber(item.index, l), formatNumber(item.step, l));
    const caption = typeof item.caption === 'string' ? item.caption : '';
    const boxes = this.showBoxes ? drawableBoxes(item.boxes).filter((b) => !this.hiddenClasses.has(b.classId)) : [];
    const ratio =
      item.width && item.height && item.width > 0 && item.height > 0 ? `${item.width} / ${item.height}` : '1 / 1';
    const frame = html`<div class="frame" style=${styleProps({ 'aspect-ratio': String(ratio) })}>
      <img src=${item.url} alt=${caption || name} loading="lazy" decoding="async" />
      ${
        this.showMasks && typeof item.maskUrl === 'string'
          ? html`<canvas class="mask" data-url=${item.maskUrl} aria-hidden="true"></canvas>`
          : nothing
      }
      ${
        boxes.length
          ? html`<svg class="boxes" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
              ${boxes.map(
                (b) => svg`<rect x=${b.minX} y=${b.minY} width=${b.maxX - b.minX} height=${b.maxY - b.minY}
                style=${styleProps({ stroke: this.classColor(b.classId) })} data-class-id=${b.classId} vector-effect="non-scaling-stroke"><title>${b.caption ?? b.classId}${b.score !== undefined ? ` ${b.score.toFixed(2)}` : ''}</title></rect>`,
              )}
            </svg>`
          : nothing
      }
    </div>`;
    return html`<figure part="figure" class=${large ? 'figure large' : 'figure'}>
      ${
        large
          ? frame
          : html`<button
              class="thumb"
              type="button"
              aria-label=${msg(l, 'enlarge', caption || name)}
              @click=${(e: Event) => this.enlarge(item.key, item.index, e.currentTarget)}
            >
              ${frame}
            </button>`
      }
      ${caption ? html`<figcaption part="caption">${caption}</figcaption>` : nothing}
    </figure>`;
  }

  private renderDialog(shown: Shown | undefined): TemplateResult {
    const l = this.locale;
    const e = this.enlarged;
    const item = e ? shown?.byKey.find((k) => k.key === e.key)?.items.find((i) => i.index === e.index) : undefined;
    return html`<dialog
      part="dialog"
      aria-label=${item ? msg(l, 'image', item.key, String(item.index), String(item.step)) : msg(l, 'what')}
      @close=${this.onDialogClose}
    >
      ${
        e
          ? html`<div class="dialog-body">
              ${item ? this.renderFigure(item, true) : html`<p class="none">${msg(l, 'noImages')}</p>`}
              <button class="rp-button" type="button" @click=${() => this.dialog?.close()}>${msg(l, 'close')}</button>
            </div>`
          : nothing
      }
    </dialog>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'media-panel-step': CustomEvent<MediaPanelStepDetail>;
  }
}
