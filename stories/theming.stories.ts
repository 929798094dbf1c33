import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import manifest from '../custom-elements.json';
import { elementTheming, sharedTokens, spacingTokens } from './support/theming-reference.js';
import { sampleSource } from './support/sources.js';

/**
 * Theming: every `--runpage-*` custom property and `::part`, read from custom-elements.json at
 * build time, and a run page restyled to another brand with custom properties only.
 */
const meta: Meta = {
  title: 'Guides/Theming',
  parameters: { layout: 'padded' },
};
export default meta;
type Story = StoryObj;

const swatch = (value: string) =>
  /^#|^rgb|^hsl/.test(value)
    ? html`<span
        style="display:inline-block;width:1em;height:1em;vertical-align:middle;border:1px solid #8886;border-radius:3px;background:${value}"
      ></span> `
    : nothing;

const cell =
  'padding:4px 8px;border-bottom:1px solid var(--runpage-color-border, #ddd);text-align:start;vertical-align:top';

/** Tokens shared by every element, then each element's own custom properties and parts. */
export const Reference: Story = {
  render: () => html`
    <h2>Shared tokens</h2>
    <p>
      Set any of these on an element or on a wrapper; <code>theme="light|dark|auto"</code> only swaps their defaults.
    </p>
    <table style="border-collapse:collapse;font-size:13px">
      <thead>
        <tr>
          <th style=${cell}>property</th>
          <th style=${cell}>light</th>
          <th style=${cell}>dark</th>
        </tr>
      </thead>
      <tbody>
        ${sharedTokens().map(
          (t) =>
            html`<tr>
              <td style=${cell}><code>${t.name}</code></td>
              <td style=${cell}>${swatch(t.light)}<code>${t.light}</code></td>
              <td style=${cell}>${t.dark ? html`${swatch(t.dark)}<code>${t.dark}</code>` : '(same)'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>Spacing and sizing</h2>
    <p>
      One scale for every gap and padding. The steps default to multiples of <code>--runpage-space</code>, so setting
      that one token scales them all; any step can be set on its own.
    </p>
    <table style="border-collapse:collapse;font-size:13px">
      <thead>
        <tr>
          <th style=${cell}>property</th>
          <th style=${cell}>default</th>
          <th style=${cell}>for</th>
        </tr>
      </thead>
      <tbody>
        ${spacingTokens().map(
          (t) =>
            html`<tr>
              <td style=${cell}><code>${t.name}</code></td>
              <td style=${cell}><code>${t.value}</code></td>
              <td style=${cell}>${t.description}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${elementTheming(manifest).map(
      (el) => html`
        <h2><code>&lt;${el.tag}&gt;</code></h2>
        ${
          el.properties.length
            ? html`<h3>Custom properties</h3>
                <table style="border-collapse:collapse;font-size:13px">
                  ${el.properties.map(
                    (p) =>
                      html`<tr>
                        <td style=${cell}><code>${p.name}</code></td>
                        <td style=${cell}>${p.description}</td>
                      </tr>`,
                  )}
                </table>`
            : nothing
        }
        ${
          el.parts.length
            ? html`<h3>Parts</h3>
                <table style="border-collapse:collapse;font-size:13px">
                  ${el.parts.map(
                    (p) =>
                      html`<tr>
                        <td style=${cell}><code>${el.tag}::part(${p.name})</code></td>
                        <td style=${cell}>${p.description}</td>
                      </tr>`,
                  )}
                </table>`
            : nothing
        }
      `,
    )}
  `,
};

/** A whole run page in another brand: nothing but `--runpage-*` custom properties on a wrapper. */
export const BrandedRunPage: Story = {
  render: () => html`
    <style>
      .acme-brand {
        --runpage-font-family: Georgia, 'Times New Roman', serif;
        --runpage-font-size: 15px;
        --runpage-radius: 0px;
        --runpage-space: 10px;
        --runpage-color-bg: #fbf7f0;
        --runpage-color-surface: #f3ecdf;
        --runpage-color-surface-2: #e9dfcc;
        --runpage-color-fg: #2b2118;
        --runpage-color-muted: #6f5d4b;
        --runpage-color-border: #d9c9ae;
        --runpage-color-accent: #0f6e5c;
        --runpage-color-accent-fg: #ffffff;
        --runpage-color-focus: #c2410c;
        --runpage-color-grid: #eadfcb;
        --runpage-color-highlight: #fde68a;
        --runpage-series-0: #0f6e5c;
        --runpage-series-1: #c2410c;
        --runpage-series-2: #7c3aed;
        --runpage-series-3: #b91c1c;
        --runpage-series-4: #1d4ed8;
        background: var(--runpage-color-bg);
        padding: 12px;
      }
    </style>
    <div class="acme-brand">
      <run-page no-hash style="height: 85vh" .source=${sampleSource({ extraMetrics: 6 })}></run-page>
    </div>
  `,
};
