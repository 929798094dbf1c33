/** DOMPurify, loaded the first time a preview needs to sanitize something. */
import type { Config } from 'dompurify';

type Purifier = { sanitize(dirty: string, config: Config): string };
let purifier: Promise<Purifier> | undefined;

function loadPurifier(): Promise<Purifier> {
  purifier ??= import('dompurify').then((m) => m.default as unknown as Purifier);
  return purifier;
}

/** Markdown/notebook HTML: no scripts, handlers, forms or frames; links open safely. */
export async function sanitizeHtml(dirty: string): Promise<string> {
  const purify = await loadPurifier();
  return purify.sanitize(dirty, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}

/** An SVG document without scripts, event handlers or external references. */
export async function sanitizeSvg(dirty: string): Promise<string> {
  const purify = await loadPurifier();
  return purify.sanitize(dirty, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'use'],
  });
}

/** highlight.js output: only `<span class>` survives. */
export async function sanitizeHighlight(dirty: string): Promise<string> {
  const purify = await loadPurifier();
  return purify.sanitize(dirty, { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'] });
}
