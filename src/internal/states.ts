import { css, html, nothing, type TemplateResult } from 'lit';
import { isSourceError, type SourceError } from '../data/errors.js';
import type { Lang } from './i18n.js';
import { common } from './messages.js';

/**
 * Markup and styles of the states every element shares: loading, empty, error, unsupported; the
 * styles also give `.rp-button` its look (a state's Retry, a chart's Reset zoom: every element may draw one).
 */
export const stateStyles = css`
  .rp-state {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_space-2);
    min-height: var(--runpage-state-min-height, 160px);
    padding: var(--_space-4);
    color: var(--_color-muted);
    text-align: center;
    background: var(--_color-bg);
    border-radius: var(--_radius);
  }
  .rp-state strong {
    color: var(--_color-fg);
    font-weight: 600;
  }
  .rp-state p {
    margin: 0;
    max-width: 60ch;
    overflow-wrap: anywhere;
  }
  .rp-state--error strong {
    color: var(--_color-danger);
  }
  .rp-skeleton {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
    width: 100%;
  }
  .rp-skeleton span {
    display: block;
    height: 0.9em;
    border-radius: 4px;
    background: linear-gradient(
      90deg,
      var(--_color-surface) 0%,
      var(--_color-surface-2) 50%,
      var(--_color-surface) 100%
    );
    background-size: 200% 100%;
    animation: rp-shimmer 1.4s ease-in-out infinite;
  }
  .rp-skeleton span:nth-child(2n) {
    width: 70%;
  }
  @media (prefers-reduced-motion: reduce) {
    .rp-skeleton span {
      animation: none;
    }
  }
  @keyframes rp-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  .rp-visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .rp-button {
    font: inherit;
    color: var(--_color-fg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    padding: 4px 12px;
    cursor: pointer;
  }
  .rp-button:hover {
    background: var(--_color-surface-2);
  }
  .rp-button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  .rp-button[aria-pressed='true'] {
    background: var(--_color-accent);
    border-color: var(--_color-accent);
    color: var(--_color-accent-fg);
  }
  :focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: 2px;
  }
`;

export function renderLoading(lang: Lang, lines = 4): TemplateResult {
  return html`<div class="rp-state rp-state--loading" part="state loading" role="status" aria-busy="true">
    <div class="rp-skeleton" aria-hidden="true">${Array.from({ length: lines }, () => html`<span></span>`)}</div>
    <span class="rp-visually-hidden">${common(lang, 'loading')}</span>
  </div>`;
}

export function renderEmpty(title: string, detail?: string): TemplateResult {
  return html`<div class="rp-state rp-state--empty" part="state empty">
    <strong>${title}</strong>${detail ? html`<p>${detail}</p>` : nothing}
  </div>`;
}

export function renderUnsupported(lang: Lang, what: string): TemplateResult {
  return html`<div class="rp-state rp-state--unsupported" part="state unsupported">
    <strong>${common(lang, 'unsupported')}</strong>
    <p>${common(lang, 'unsupportedDetail', what)}</p>
  </div>`;
}

export function renderError(lang: Lang, error: unknown, retry?: () => void): TemplateResult {
  const message = error instanceof Error ? error.message : String(error);
  const retryable = isSourceError(error) ? (error as SourceError).retryable : true;
  return html`<div class="rp-state rp-state--error" part="state error" role="alert">
    <strong>${common(lang, 'errorTitle')}</strong>
    <p>${message}</p>
    ${
      retry && retryable
        ? html`<button class="rp-button" part="retry" type="button" @click=${retry}>${common(lang, 'retry')}</button>`
        : nothing
    }
  </div>`;
}

export function renderNoSource(lang: Lang): TemplateResult {
  return renderEmpty(common(lang, 'noSource'), common(lang, 'noSourceDetail'));
}
