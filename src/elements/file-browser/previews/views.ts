/**
 * Everything a preview draws with, in one module that `FilePreview` imports on first use, so the
 * element's own chunk carries none of it.
 */
export { CsvView } from './csv.js';
export { parseUnifiedDiff } from './diff-parse.js';
export { renderDiff } from './diff.js';
export { renderHex } from './hex.js';
export { canHighlight, highlightCode } from './highlight.js';
export { JsonTreeView } from './json.js';
export { renderMarkdown } from './markdown.js';
export { renderAudio, renderImage, renderVideo } from './media.js';
export { NotebookView, parseNotebook } from './notebook.js';
export { sanitizeSvg } from '../../../internal/sanitize.js';
export { renderCode } from './text.js';
export { previewStyles } from './views.styles.js';
export { LinesView } from './lines.js';
