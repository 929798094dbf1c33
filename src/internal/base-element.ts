import { LitElement, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { TaskStatus, type Task } from '@lit/task';
import { checkSource, sourceFailure } from '../data/checked-source.js';
import { isSourceError, SourceError } from '../data/errors.js';
import type { RunSource, SourceMethod } from '../data/source.js';
import { runContext, type RunContextValue } from './context.js';
import { observeDocumentChanges } from './document-observer.js';
import { resolveLang, type Lang } from './i18n.js';
import { common } from './messages.js';
import { renderEmpty, renderError, renderLoading, renderNoSource, renderUnsupported, stateStyles } from './states.js';
import { ReadProblems, readProblemsStyles } from './read-problems.js';
import { forgetSource, loadSource } from './src-loader.js';
import { themeStyles } from './theme.js';

export type ThemeName = 'light' | 'dark' | 'auto';

/** Each element's checked source and the problems it lists, so an element inside another does not list them twice. */
const problemsOf = new WeakMap<RunSource, ReadProblems>();
const THEMES: readonly string[] = ['light', 'dark', 'auto'];

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
 * @csspart read-problems - The notice of values from the source that could not be read (shown only when there are some).
 * @cssprop --runpage-state-min-height - Height of the loading, empty, error and unsupported states (default 160px), so a panel does not jump when its data arrives.
 */
export abstract class RunpageElement extends LitElement {
  static override styles: CSSResultGroup = [themeStyles, stateStyles, readProblemsStyles];

  /** The data source. Beats `src` and any source inherited from an ancestor. */
  @property({ attribute: false }) source?: RunSource;

  /** URL of a `.runpage.json` bundle or of a run on a runpage server; used when `source` is not set. */
  @property() src?: string;

  /** Id of the run to show; defaults to the inherited run or the source's own run. */
  @property() run?: string;

  /** `light`, `dark` or `auto` (follows the OS); unset inherits the colours around it. */
  @property({ reflect: true }) theme?: ThemeName;

  @consume({ context: runContext, subscribe: true })
  @state()
  protected inherited?: RunContextValue;

  /** The language labels are shown in, from the nearest `lang` attribute. */
  @state() protected locale: Lang = 'en';

  @state() private srcSource?: RunSource;
  @state() private srcError?: unknown;
  @state() private srcLoading = false;
  private stopObserving?: () => void;
  private readonly readProblems = new ReadProblems(this);
  private checked?: { given: RunSource; checked: RunSource };

  override connectedCallback(): void {
    super.connectedCallback();
    this.locale = resolveLang(this);
    this.stopObserving = observeDocumentChanges(() => {
      const lang = resolveLang(this);
      if (lang !== this.locale) this.locale = lang;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopObserving?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme') && this.theme !== undefined && !THEMES.includes(this.theme)) {
      console.warn(
        `<${this.localName}>: theme="${this.theme}" is not light, dark or auto; using the inherited colours.`,
      );
    }
    if (changed.has('src')) this.loadSrc();
  }

  /**
   * The source in effect (explicit property, then `src`, then inherited), seen through the
   * boundary that checks every answer against the source contract (`data/checked-source.ts`):
   * what it repairs is listed in a notice at the top of the element. The same object for as long
   * as the source stays the same; `uncheckedSource()` gives the source itself.
   */
  get dataSource(): RunSource | undefined {
    const given =
      this.source ?? (this.src ? this.srcSource : undefined) ?? (this.src ? undefined : this.inherited?.source);
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

  private loadSrc(): void {
    const src = this.src;
    this.srcSource = undefined;
    this.srcError = undefined;
    if (!src) {
      this.srcLoading = false;
      return;
    }
    this.srcLoading = true;
    loadSource(src).then(
      (source) => {
        if (this.src !== src) return;
        this.srcSource = source;
        this.srcLoading = false;
      },
      (error: unknown) => {
        if (this.src !== src) return;
        this.srcError = error;
        this.srcLoading = false;
      },
    );
  }

  private retrySrc = (): void => {
    if (this.src) forgetSource(this.src);
    this.loadSrc();
  };

  /**
   * The state before any data task: waiting for `src`, its failure, or no source at all.
   * Returns undefined when a source is ready.
   */
  protected renderSourceState(): TemplateResult | undefined {
    if (this.source) return this.renderRunState();
    if (this.src) {
      if (this.srcLoading) return renderLoading(this.locale);
      if (this.srcError) return renderError(this.locale, this.srcError, this.retrySrc);
      return this.srcSource ? this.renderRunState() : renderLoading(this.locale);
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
