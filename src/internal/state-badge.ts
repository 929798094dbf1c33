import { css, html, nothing, type TemplateResult } from 'lit';
import type { RunState } from '../data/source.js';
import { defineMessages, type Lang } from './i18n.js';

export const stateLabels = defineMessages('stateBadge', {
  running: 'Running',
  finished: 'Finished',
  failed: 'Failed',
  crashed: 'Crashed',
  killed: 'Killed',
  pending: 'Pending',
  unknown: 'Unknown state',
  exitCode: (code: number) => `exit code ${code}`,
  tags: 'Tags',
});

/** The run state as a coloured badge; failed runs show their exit code. */
export function renderStateBadge(state: RunState, lang: Lang, exitCode?: number): TemplateResult {
  const label = stateLabels(lang, state);
  const code =
    state === 'failed' && exitCode !== undefined && exitCode !== 0
      ? ` (${stateLabels(lang, 'exitCode', exitCode)})`
      : '';
  return html`<span class="rp-badge rp-badge--${state}" part="state-badge" data-state=${state}
    >${state === 'running' ? html`<span class="rp-badge__pulse" aria-hidden="true"></span>` : ''}${label}${code}</span
  >`;
}

/** A run's tags as chips (nothing when it has none). */
export function renderTags(tags: readonly string[] | undefined, lang: Lang): TemplateResult | typeof nothing {
  if (!tags?.length) return nothing;
  return html`<ul class="rp-tags" aria-label=${stateLabels(lang, 'tags')}>
    ${tags.map((t) => html`<li class="rp-tag">${t}</li>`)}
  </ul>`;
}

/** Styles of the state badge and the tag chips. */
export const stateBadgeStyles = css`
  .rp-tags {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .rp-tag {
    padding: 1px 8px;
    border-radius: 999px;
    background: var(--_color-surface-2);
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
  .rp-badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 999px;
    font-size: 0.85em;
    font-weight: 600;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .rp-badge--running {
    color: var(--_color-accent);
  }
  .rp-badge--finished {
    color: var(--_color-success);
  }
  .rp-badge--failed {
    color: var(--_color-danger);
  }
  .rp-badge--crashed {
    color: var(--_color-warning);
  }
  .rp-badge--killed,
  .rp-badge--pending,
  .rp-badge--unknown {
    color: var(--_color-muted);
  }
  .rp-badge__pulse {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: currentColor;
    animation: rp-pulse 1.6s ease-in-out infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .rp-badge__pulse {
      animation: none;
    }
  }
  @keyframes rp-pulse {
    50% {
      opacity: 0.3;
    }
  }
`;
