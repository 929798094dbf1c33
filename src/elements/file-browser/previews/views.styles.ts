import { css } from 'lit';

/**
 * Styles of the preview views (code, highlight.js classes, JSON, diff, CSV, Markdown, notebook,
 * media). They load with the views and are adopted by the element then.
 */
export const previewStyles = css`
  /* a note above a view, and the bar of a partly read file */
  .preview-note {
    margin: 0;
    padding: 6px var(--_space-2);
    color: var(--_color-muted);
    font-size: 0.9em;
  }
  .load-more {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: var(--_space-2);
    padding: 6px var(--_space-2);
    border-top: 1px solid var(--_color-border);
    color: var(--_color-muted);
    position: sticky;
    bottom: 0;
    background: var(--_color-surface);
  }
  .load-more-error {
    color: var(--_color-danger);
  }
  /* Syntax colours: the series palette pulled toward the text colour, so text keeps 4.5:1 contrast in both themes. */
  :host {
    --_fb-syntax-0: color-mix(in srgb, var(--_series-0) 70%, var(--_color-fg));
    --_fb-syntax-1: color-mix(in srgb, var(--_series-1) 70%, var(--_color-fg));
    --_fb-syntax-2: color-mix(in srgb, var(--_series-2) 70%, var(--_color-fg));
    --_fb-syntax-4: color-mix(in srgb, var(--_series-4) 70%, var(--_color-fg));
    --_fb-syntax-5: color-mix(in srgb, var(--_series-5) 70%, var(--_color-fg));
  }
  .code,
  .hex {
    font-family: var(--_font-mono);
    font-size: 0.9em;
    line-height: 1.45;
  }
  .code {
    display: flex;
    align-items: flex-start;
    flex: 1 0 auto;
    min-width: 0;
  }
  .code pre {
    margin: 0;
    padding: 6px var(--_space-2);
    white-space: pre;
    tab-size: 4;
  }
  .gutter {
    flex: none;
    text-align: right;
    color: var(--_color-muted);
    user-select: none;
    background: var(--_color-surface);
    border-right: 1px solid var(--_color-border);
    position: sticky;
    left: 0;
  }
  .code-text {
    flex: 1;
  }
  .lines {
    flex: 1;
    min-height: 240px;
    overflow: auto;
    position: relative;
    font-family: var(--_font-mono);
    font-size: 0.9em;
  }
  .lines-body {
    position: relative;
    min-width: 100%;
  }
  .lines .line {
    position: absolute;
    left: 0;
    right: 0;
    height: 20px;
    line-height: 20px;
    display: flex;
    white-space: pre;
  }
  .lines .ln {
    flex: none;
    width: var(--ln-width);
    padding: 0 6px;
    box-sizing: content-box;
    text-align: right;
    color: var(--_color-muted);
    background: var(--_color-surface);
    border-right: 1px solid var(--_color-border);
    position: sticky;
    left: 0;
    user-select: none;
  }
  .lines .lt {
    padding: 0 var(--_space-2);
  }
  .hex {
    margin: 0;
    padding: 6px var(--_space-2);
    white-space: pre;
  }
  /* highlight.js classes, coloured from theme tokens */
  .hljs-keyword,
  .hljs-selector-tag,
  .hljs-built_in,
  .hljs-type {
    color: var(--_fb-syntax-4);
  }
  .hljs-string,
  .hljs-regexp,
  .hljs-addition {
    color: var(--_fb-syntax-2);
  }
  .hljs-number,
  .hljs-literal,
  .hljs-symbol {
    color: var(--_fb-syntax-1);
  }
  .hljs-comment,
  .hljs-quote,
  .hljs-meta {
    color: var(--_color-muted);
    font-style: italic;
  }
  .hljs-title,
  .hljs-section,
  .hljs-function .hljs-title,
  .hljs-title.function_ {
    color: var(--_fb-syntax-0);
  }
  .hljs-attr,
  .hljs-attribute,
  .hljs-variable,
  .hljs-template-variable,
  .hljs-property {
    color: var(--_fb-syntax-5);
  }
  .hljs-deletion {
    color: var(--_color-danger);
  }
  .hljs-emphasis {
    font-style: italic;
  }
  .hljs-strong {
    font-weight: 600;
  }

  /* json */
  .json {
    padding: 6px var(--_space-2);
    font-family: var(--_font-mono);
    font-size: 0.9em;
  }
  .json-tools {
    display: flex;
    gap: 4px;
    margin-bottom: 6px;
    font-family: var(--_font-family);
  }
  .json ul {
    list-style: none;
    margin: 0;
    padding-left: 1.25em;
  }
  .json > ul {
    padding-left: 0;
  }
  .json li {
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  .json-toggle {
    text-align: left;
  }
  .caret::before {
    content: '▸';
    display: inline-block;
    width: 1em;
    color: var(--_color-muted);
  }
  .json-toggle[aria-expanded='true'] .caret::before {
    content: '▾';
  }
  .json-leaf {
    padding-left: 1em;
  }
  .json-key {
    color: var(--_fb-syntax-5);
  }
  .json-summary {
    color: var(--_color-muted);
  }
  .json-string {
    color: var(--_fb-syntax-2);
  }
  .json-number {
    color: var(--_fb-syntax-1);
  }
  .json-boolean,
  .json-null {
    color: var(--_fb-syntax-4);
  }

  /* diff */
  .diff {
    font-family: var(--_font-mono);
    font-size: 0.9em;
  }
  .diff-file + .diff-file {
    border-top: 1px solid var(--_color-border);
  }
  .diff-file-header {
    display: flex;
    gap: var(--_space-2);
    justify-content: space-between;
    padding: 6px var(--_space-2);
    background: var(--_color-surface);
    font-family: var(--_font-family);
    font-weight: 600;
    position: sticky;
    top: 0;
  }
  .diff-title {
    overflow-wrap: anywhere;
  }
  .diff-stat-add {
    color: var(--_color-success);
  }
  .diff-stat-del {
    color: var(--_color-danger);
  }
  .diff-meta {
    margin: 0;
    padding: 4px var(--_space-2);
    color: var(--_color-muted);
    white-space: pre-wrap;
  }
  .diff-table {
    border-collapse: collapse;
    width: 100%;
  }
  .diff-table td {
    padding: 0 6px;
    vertical-align: top;
    line-height: 1.45;
  }
  .diff-table .ln {
    width: 1%;
    text-align: right;
    color: var(--_color-muted);
    user-select: none;
    white-space: nowrap;
  }
  .diff-text {
    white-space: pre;
  }
  .diff-add {
    background: var(--_fb-added);
  }
  .diff-del {
    background: var(--_fb-removed);
  }
  .diff-add .diff-text {
    color: var(--_color-success);
  }
  .diff-del .diff-text {
    color: var(--_color-danger);
  }
  .diff-hunk {
    background: var(--_color-surface);
    color: var(--_color-accent);
  }
  .diff-meta,
  .diff-meta td {
    color: var(--_color-muted);
  }

  /* csv */
  .csv {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 240px;
  }
  .csv-scroll {
    flex: 1;
    overflow: auto;
    position: relative;
    font-variant-numeric: tabular-nums;
  }
  .csv-head {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_color-surface);
    width: max-content;
    min-width: 100%;
  }
  .csv-body {
    position: relative;
  }
  .csv-row {
    display: grid;
    grid-template-columns: var(--csv-columns);
    height: 26px;
    align-items: center;
    width: max-content;
    min-width: 100%;
    border-bottom: 1px solid var(--_color-grid);
  }
  .csv-body .csv-row {
    position: absolute;
    left: 0;
  }
  .csv-cell {
    padding: 0 6px;
    overflow: hidden;
    white-space: pre;
    text-overflow: ellipsis;
  }
  .csv-head .csv-cell {
    font-weight: 600;
  }
  .csv-n {
    color: var(--_color-muted);
    text-align: right;
  }

  /* markdown, notebook */
  .markdown {
    padding: 0 var(--_space-3);
    line-height: 1.55;
    overflow-wrap: anywhere;
  }
  .markdown img {
    max-width: 100%;
  }
  .markdown pre,
  .markdown code {
    font-family: var(--_font-mono);
    background: var(--_color-surface);
    border-radius: 4px;
  }
  .markdown pre {
    padding: var(--_space-2);
    overflow: auto;
  }
  .markdown a {
    color: var(--_color-accent);
  }
  .markdown table {
    border-collapse: collapse;
  }
  .markdown th,
  .markdown td {
    border: 1px solid var(--_color-border);
    padding: 2px 6px;
  }
  .notebook {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
    padding: var(--_space-2);
  }
  .nb-cell {
    border-left: 3px solid transparent;
    padding-left: var(--_space-2);
  }
  .nb-code {
    border-left-color: var(--_color-border);
  }
  .nb-prompt {
    color: var(--_color-muted);
    font-family: var(--_font-mono);
    font-size: 0.85em;
  }
  .nb-source,
  .nb-output {
    margin: 0;
    padding: 6px var(--_space-2);
    font-family: var(--_font-mono);
    font-size: 0.9em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .nb-code .nb-source {
    background: var(--_color-surface);
    border-radius: 4px;
  }
  .nb-error {
    color: var(--_color-danger);
  }
  .nb-output img {
    max-width: 100%;
  }

  /* media */
  .media {
    display: flex;
    justify-content: center;
    align-items: center;
    padding: var(--_space-2);
    flex: 1;
    background: repeating-conic-gradient(var(--_color-surface) 0% 25%, var(--_color-bg) 0% 50%) 50% / 16px 16px;
  }
  .media img,
  .media video {
    max-width: 100%;
    max-height: 100%;
    object-fit: contain;
  }
  .media img.small {
    width: 256px;
    max-width: 100%;
    image-rendering: pixelated;
  }
  .media audio {
    width: 100%;
  }
`;
