/**
 * Markdown to sanitized HTML. `marked` and DOMPurify are loaded on first use, so elements that
 * never show Markdown never download them. The result is safe to insert with `unsafeHTML`.
 */
import { sanitizeHtml } from './sanitize.js';

let parser: Promise<(text: string) => string> | undefined;

function loadParser(): Promise<(text: string) => string> {
  parser ??= import('marked').then(
    ({ marked }) =>
      (text: string) =>
        marked.parse(text, { async: false, gfm: true }) as string,
  );
  return parser;
}

/** Sanitized HTML for Markdown text (raw HTML inside it is sanitized too). */
export async function markdownToSafeHtml(text: string): Promise<string> {
  const parse = await loadParser();
  return sanitizeHtml(parse(text));
}
