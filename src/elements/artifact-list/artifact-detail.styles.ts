/** Styles of the opened artifact, adopted by the element when the detail's code loads. */
import { css } from 'lit';
import { jsonTreeStyles } from './json-tree.styles.js';

export const detailStyles = [
  css`
    .detail-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-2);
      margin-bottom: var(--_space-2);
    }
    .detail-title {
      font-size: 1.25em;
      overflow-wrap: anywhere;
    }
    .detail-title:focus {
      outline: none;
    }
    .detail-title .version {
      color: var(--_color-muted);
      font-weight: normal;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px var(--_space-4);
      margin: 0 0 var(--_space-4);
    }
    .facts dt {
      color: var(--_color-muted);
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .block {
      margin-bottom: var(--_space-5);
    }
    .markdown {
      overflow-wrap: anywhere;
    }
    .markdown > :first-child {
      margin-top: 0;
    }
    .markdown a,
    .link {
      color: var(--_color-accent);
    }
    .link {
      font: inherit;
      background: none;
      border: 0;
      padding: 0;
      cursor: pointer;
      text-decoration: underline;
    }
    .lineage,
    .versions {
      list-style: none;
      padding: 0;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .lineage li,
    .versions li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
    }
    .muted {
      color: var(--_color-muted);
    }
    [part='file-browser'] {
      --runpage-file-browser-height: var(--runpage-artifact-list-files-height, 400px);
    }
    .manifest {
      max-height: 24rem;
      overflow: auto;
    }
  `,
  jsonTreeStyles,
];
