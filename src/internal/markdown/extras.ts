/**
 * The rarer parts of Markdown (raw HTML tags, tables, images, character references): one chunk,
 * loaded by the first text that may use them.
 */
export { readEntity } from './entities.js';
export { readImage } from './images.js';
export { readRawHtml } from './raw-html.js';
export { readTable } from './tables.js';
