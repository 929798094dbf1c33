import { LitElement, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import type { PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import { TaskStatus, type Task } from '@lit/task';
import { orList, warnAttribute } from './attribute-check.js';
import { checkSource, sourceFailure } from '../data/checked-source.js';
import { isSourceError, SourceError } from '../data/errors.js';
import type { RunSource, SourceMethod } from '../data/source.js';
import { runContext, type RunContextValue } from './context.js';
import { observeDocumentChanges } from './document-observer.js';
import { emit } from './emit.js';
import { loadTranslation, onTranslationsChanged, resolveLang, type Lang } from './i18n.js';
import '../translations/lazy-languages.js';
import { common } from './messages.js';
import { renderEmpty, renderError, renderLoading, renderNoSource, renderUnsupported, stateStyles } from './states.js';
import { ReadProblems } from './read-problems.js';
import { SrcLoad } from './src-loader.js';
import { themeStyles } from './theme.js';

export type ThemeName = 'light' | 'dark' | 'auto';

/** Each element's checked source and the problems it lists, so an element inside another does not list them twice. */
const problemsOf = new WeakMap<RunSource, ReadProblems>();
const THEMES: readonly string[] = ['light', 'dark', 'auto'];
/** How long a first render waits for labels that load on demand before it shows English. */
const LABELS_WAIT_MS = 3000;

/** How a task's outcome is drawn; `complete` is required, the rest have shared defaults. */
export interface TaskRenderers<R> {
  complete: (value: R) => TemplateResult;
  /** The run has none of this data (`not-found`). */
  empty?: (error: SourceError) => TemplateResult;
  loading?: () => TemplateResult;
  /** What the element shows, for the unsupported message ("console logs"). */
  what: string;
}

/**
 * What every runpage element shares: where its data comes from (`source` property, `src`
 * attribute, or the nearest `<run-source>`/`<run-page>`), which run it shows, its language and
 * theme, and the loading / empty / error / unsupported states.
 *
 * Every answer of the source is checked against the source contract on its way in
 * (`data/checked-source.ts`); what had to be left out or converted is listed in a notice at the top.
 *
 * The design tokens below are read by every element (values in `internal/theme.ts`); set them on
 * the element or any ancestor. `theme="light"`/`"dark"` only swaps their defaults.
 *
 * @csspart read-problems - The notice of values from the source that could not be read (shown only when there are some).
 * @cssprop --runpage-font-family - Text font (default the system UI font).
 * @cssprop --runpage-font-mono - Code font (logs, values, commands) (default the system monospace font).
 * @cssprop --runpage-font-size - Base font size (default `14px`).
 * @cssprop --runpage-radius - Corner radius of controls and panels (default `6px`).
 * @cssprop --runpage-color-bg - Background (default `#ffffff`, dark `#14161b`).
 * @cssprop --runpage-color-surface - Raised surfaces (toolbars, headers, cards) (default `#f6f7f9`, dark `#1b1e25`).
 * @cssprop --runpage-color-surface-2 - Hovered, selected and pressed things on a surface (default `#eceef2`, dark `#262a34`).
 * @cssprop --runpage-color-fg - Text colour (default `#1b1e24`, dark `#e6e8ec`).
 * @cssprop --runpage-color-muted - Secondary text (default `#5b6270`, dark `#a0a8b6`).
 * @cssprop --runpage-color-border - Borders and rules (default `#d9dde4`, dark `#323744`).
 * @cssprop --runpage-color-accent - Links, selection, the selected tab (default `#2559d9`, dark `#7aa7ff`).
 * @cssprop --runpage-color-accent-fg - Text on the accent colour (default `#ffffff`, dark `#0d1117`).
 * @cssprop --runpage-color-focus - Focus ring (default `#2559d9`, dark `#8ab4ff`).
 * @cssprop --runpage-color-danger - Errors and failures (default `#c8281c`, dark `#ff7b70`).
 * @cssprop --runpage-color-warning - Warnings (default `#a04600`, dark `#f5a524`).
 * @cssprop --runpage-color-success - Success and additions (default `#11703f`, dark `#4fd18b`).
 * @cssprop --runpage-color-highlight - Search matches (default `#fff0a8`, dark `#5c4a00`).
 * @cssprop --runpage-color-grid - Chart grid lines and table rules (default `#e7e9ee`, dark `#2a2e38`).
 * @cssprop --runpage-series-0 - Chart series colour 1 of 10 (default `#2559d9`, dark `#7aa7ff`).
 * @cssprop --runpage-series-1 - Chart series colour 2 of 10 (default `#e8590c`, dark `#ff9a4d`).
 * @cssprop --runpage-series-2 - Chart series colour 3 of 10 (default `#2f9e44`, dark `#5fd47a`).
 * @cssprop --runpage-series-3 - Chart series colour 4 of 10 (default `#c2255c`, dark `#ff6fa3`).
 * @cssprop --runpage-series-4 - Chart series colour 5 of 10 (default `#7048e8`, dark `#a991ff`).
 * @cssprop --runpage-series-5 - Chart series colour 6 of 10 (default `#0c8599`, dark `#3fd0e6`).
 * @cssprop --runpage-series-6 - Chart series colour 7 of 10 (default `#c98a00`, dark `#ffd43b`).
 * @cssprop --runpage-series-7 - Chart series colour 8 of 10 (default `#5c940d`, dark `#a9e34b`).
 * @cssprop --runpage-series-8 - Chart series colour 9 of 10 (default `#862e9c`, dark `#e599f7`).
 * @cssprop --runpage-series-9 - Chart series colour 10 of 10 (default `#495057`, dark `#ced4da`).
 * @cssprop --runpage-space - The base unit of the spacing scale (default 8px); every step below defaults to a multiple of it.
 * @cssprop --runpage-space-1 - Spacing step 1 (default 4px): between an icon and its label.
 * @cssprop --runpage-space-2 - Spacing step 2 (default 8px): between controls, cell padding.
 * @cssprop --runpage-space-3 - Spacing step 3 (default 12px): inside a box.
 * @cssprop --runpage-space-4 - Spacing step 4 (default 16px): between blocks of a panel.
 * @cssprop --runpage-space-5 - Spacing step 5 (default 24px): between sections.
 * @cssprop --runpage-space-6 - Spacing step 6 (default 32px): around a page.
 * @cssprop --runpage-gutter - Space between a run page tab's content and the window edge (default 8px on a phone to 16px from 800px wide).
 * @cssprop --runpage-section-gap - Between the sections of a panel (default 16px).
 * @cssprop --runpage-panel-padding - Inside a chart card or boxed panel (default 8px).
 * @cssprop --runpage-panel-min-width - Narrowest chart of a responsive chart grid (default 360px).
 * @cssprop --runpage-state-min-height - Height of the loading, empty, error and unsupported states (default 160px), so a panel does not jump when its data arrives.
 */
export abstract class RunpageElement extends LitElement {
  static override styles: CSSResultGroup = [themeStyles, stateStyles];

  static override properties: PropertyDeclarations = {
    source: { attribute: false },
    src: {},
    run: {},
    theme: { reflect: true },
    inherited: { state: true },
    locale: { state: true },
  };

  /** The data source. Beats `src` and any source inherited from an ancestor. */
  declare source?: RunSource;

  /** URL of a `.runpage.json` bundle or of a run on a runpage server; used when `source` is not set. */
  declare src?: string;

  /** Id of the run to show; defaults to the inherited run or the source's own run. */
  declare run?: string;

  /** `light`, `dark` or `auto` (follows the OS); unset inherits the colours around it. */
  declare theme?: ThemeName;

  declare protected inherited?: RunContextValue;

  /** The language labels are shown in, from the nearest `lang` attribute. */
  protected locale: Lang = 'en';

  private readonly fromSrc = new SrcLoad(this);
  private stopObserving?: () => void;
  private stopTranslations?: () => void;
  private readonly readProblems = new ReadProblems(this);
  private checked?: { given: RunSource; checked: RunSource };

  constructor() {
    super();
    // `inherited` follows the run context of the nearest <run-source> or <run-page> around.
    new ContextConsumer(this, { context: runContext, subscribe: true, callback: (value) => (this.inherited = value) });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setLocale(resolveLang(this));
    this.stopObserving = observeDocumentChanges(() => {
      const lang = resolveLang(this);
      if (lang !== this.locale) this.setLocale(lang);
    });
    this.stopTranslations = onTranslationsChanged(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopObserving?.();
    this.stopTranslations?.();
  }

  /**
   * The control `focus()` moves to, as a selector in the shadow root (the first match): the search
   * box, the selected tab… Unset, `focus()` moves to the Retry button of an error, if one is shown.
   */
  protected focusSelector?: string;

  /** Focuses the element's first control (see `focusSelector`), as focusing a form field would. */
  override focus(options?: FocusOptions): void {
    const root = this.renderRoot;
    const target =
      (this.focusSelector ? root?.querySelector<HTMLElement>(this.focusSelector) : null) ??
      root?.querySelector<HTMLElement>('[part~="retry"]');
    if (target) target.focus(options);
    else super.focus(options);
  }

  /** Shows `lang`, loading its labels first if they load on demand (the element re-renders when they arrive). */
  private setLocale(lang: Lang): void {
    this.locale = lang;
    this.labelsLoading = loadTranslation(lang);
  }

  /** The labels of the element's language while they load (German, a registered loader). */
  private labelsLoading?: Promise<void>;

  /**
   * The first render waits for the labels of the element's language (at most LABELS_WAIT_MS), so
   * a German page does not flash English; later language changes re-render when the labels arrive.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const labels = this.hasUpdated ? undefined : this.labelsLoading;
    if (!labels) return super.scheduleUpdate();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, LABELS_WAIT_MS)));
    return Promise.race([labels, waited]).then(() => {
      clearTimeout(timer);
      return super.scheduleUpdate();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme') && this.theme !== undefined && !THEMES.includes(this.theme)) {
      warnAttribute(this, 'theme', this.theme, orList(THEMES), 'using the inherited colours');
    }
    if (changed.has('src')) this.fromSrc.load(this.src);
  }

  /**
   * The source in effect (explicit property, then `src`, then inherited), seen through the
   * boundary that checks every answer against the source contract (`data/checked-source.ts`):
   * what it repairs is listed in a notice at the top of the element. The same object for as long
   * as the source stays the same; `uncheckedSource()` gives the source itself.
   */
  get dataSource(): RunSource | undefined {
    const given =
      this.source ?? (this.src ? this.fromSrc.source : undefined) ?? (this.src ? undefined : this.inherited?.source);
    if (!given) return undefined;
    if (this.checked?.given !== given) {
      this.readProblems.reset();
      this.readProblems.above = problemsOf.get(given);
      const checked: RunSource = checkSource(given, {
        repaired: (request, repairs) => {
          // answers still on their way from a source this element no longer shows are not listed
          if (this.checked?.checked === checked) this.readProblems.repaired(request, repairs);
        },
      });
      this.checked = { given, checked };
      problemsOf.set(checked, this.readProblems);
    }
    return this.checked.checked;
  }

  /** The run in effect: `run`, then the inherited run, then the source's default run. */
  get runId(): string | undefined {
    return this.run || this.inherited?.runId || this.dataSource?.defaultRunId?.();
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.readProblems.renderInto(this.renderRoot, this.locale);
  }

  /**
   * The state before any data task: waiting for `src`, its failure, or no source at all.
   * Returns undefined when a source is ready.
   */
  protected renderSourceState(): TemplateResult | undefined {
    if (this.source) return this.renderRunState();
    if (this.src) {
      const { source, error, retry } = this.fromSrc;
      if (error) return renderError(this.locale, error, retry);
      return source ? this.renderRunState() : renderLoading(this.locale);
    }
    if (this.inherited?.error) return renderError(this.locale, this.inherited.error, this.inherited.retry);
    if (this.inherited?.pending && !this.inherited.source) return renderLoading(this.locale);
    if (!this.inherited?.source) return renderNoSource(this.locale);
    return this.renderRunState();
  }

  /** False for an element about many runs (a table of runs), which shows no "no run selected" state. */
  protected get needsRun(): boolean {
    return true;
  }

  private renderRunState(): TemplateResult | undefined {
    if (this.runId || !this.needsRun) return undefined;
    // A source that throws when read has no default run to give: say so rather than "no run selected".
    const failure = sourceFailure(this.dataSource);
    if (failure) return renderError(this.locale, failure, () => this.requestUpdate());
    return renderEmpty(common(this.locale, 'noRun'), common(this.locale, 'noRunDetail'));
  }

  /**
   * Dispatches `type` with `detail` from this element; it bubbles and is composed unless `init`
   * says otherwise. Returns false when a listener cancelled a cancelable event.
   */
  protected emit<T>(type: string, detail: T, init?: Omit<CustomEventInit, 'detail'>): boolean {
    return emit(this, type, detail, init);
  }

  /** Draws a data task through every state. */
  protected renderTask<R>(task: Task<readonly unknown[], R>, r: TaskRenderers<R>): TemplateResult {
    const before = this.renderSourceState();
    if (before) return before;
    switch (task.status) {
      case TaskStatus.COMPLETE:
        return r.complete(task.value as R);
      case TaskStatus.ERROR:
        return this.renderTaskError(task, r);
      default:
        return r.loading ? r.loading() : renderLoading(this.locale);
    }
  }

  private renderTaskError<R>(task: Task<readonly unknown[], R>, r: TaskRenderers<R>): TemplateResult {
    const error = task.error;
    if (isSourceError(error)) {
      if (error.code === 'unsupported') return renderUnsupported(this.locale, r.what);
      if (error.code === 'not-found' && r.empty) return r.empty(error);
      if (error.code === 'aborted') return r.loading ? r.loading() : renderLoading(this.locale);
    }
    return renderError(this.locale, error, () => void task.run());
  }
}

/** Returns the method, bound, or throws the `unsupported` error the element renders. */
export function requireMethod<M extends SourceMethod>(source: RunSource, method: M): NonNullable<RunSource[M]> {
  const fn = source[method];
  if (typeof fn !== 'function') throw new SourceError('unsupported', `This source has no ${method}().`);
  return (fn as (...a: unknown[]) => unknown).bind(source) as NonNullable<RunSource[M]>;
}
