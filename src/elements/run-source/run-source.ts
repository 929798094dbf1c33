import { html, LitElement, css, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import type { RunSource } from '../../data/source.js';
import { runContext } from '../../internal/context.js';
import { SrcLoad } from '../../internal/src-loader.js';

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

  static override properties = {
    source: { attribute: false },
    src: {},
    run: {},
  };

  /** The data source handed to the elements inside. Beats `src`. */
  declare source?: RunSource;

  /** URL of a `.runpage.json` bundle or of a run on a runpage server. */
  declare src?: string;

  /** Id of the run the elements inside show. */
  declare run?: string;

  private readonly fromSrc = new SrcLoad(this);

  private provider = new ContextProvider(this, { context: runContext, initialValue: {} });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src')) this.fromSrc.load(this.src);
    const { source, pending, error, retry } = this.fromSrc;
    this.provider.setValue({
      source: this.source ?? source,
      runId: this.run || undefined,
      pending: this.source ? undefined : pending,
      error: this.source ? undefined : error,
      retry: this.source || !error ? undefined : retry,
    });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
