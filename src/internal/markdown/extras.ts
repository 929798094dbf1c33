/** The rarer parts of Markdown (raw HTML tags, GFM tables): one chunk, loaded by the first text that may use them. */
export { readRawHtml } from './raw-html.js';
export { readTable } from './tables.js';
