import { html, LitElement, css, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { RunSource } from '../../data/source.js';
import { runContext } from '../../internal/context.js';
import { forgetSource, loadSource } from '../../internal/src-loader.js';

/**
 * Provides one data source (and optionally one run) to every runpage element inside it.
 * A `src` is fetched once and shared by all of them.
 *
 * @summary Gives the elements inside it a data source.
 * @slot - Any content; runpage elements inside use this source unless they set their own.
 */
export class RunSourceElement extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The data source handed to the elements inside. Beats `src`. */
  @property({ attribute: false }) source?: RunSource;

  /** URL of a `.runpage.json` bundle or of a run on a runpage server. */
  @property() src?: string;

  /** Id of the run the elements inside show. */
  @property() run?: string;

  @state() private loaded?: RunSource;
  @state() private error?: unknown;
  private pending?: Promise<RunSource>;

  private provider = new ContextProvider(this, { context: runContext, initialValue: {} });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src')) this.load();
    this.provider.setValue({
      source: this.source ?? this.loaded,
      runId: this.run || undefined,
      pending: this.source ? undefined : this.pending,
      error: this.source ? undefined : this.error,
      retry: this.source || !this.error ? undefined : this.retry,
    });
  }

  private retry = (): void => {
    if (this.src) forgetSource(this.src);
    this.load();
    this.requestUpdate();
  };

  private load(): void {
    this.loaded = undefined;
    this.error = undefined;
    this.pending = undefined;
    const src = this.src;
    if (!src) return;
    const pending = loadSource(src);
    this.pending = pending;
    pending.then(
      (s) => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        this.loaded = s;
      },
      (e: unknown) => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        this.error = e;
      },
    );
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
