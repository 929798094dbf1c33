/**
 * DOMPurify, loaded the first time something needs sanitizing (SVG previews, highlighted code;
 * Markdown is made into DOM nodes without HTML, src/internal/markdown.ts). The result of each function is safe to insert with `unsafeHTML`.
 */
import type { DOMPurify } from 'dompurify';
import { LazyModule } from '../data/source.js';
import { decodeComponent } from './decode.js';

/** DOMPurify with runpage's hooks; a failed load is tried again by the next call (exported for its test). */
export const purifier = new LazyModule<DOMPurify>(() =>
  import('dompurify').then(({ default: purify }) => {
    purify.addHook('afterSanitizeAttributes', (node) => {
      // Links to the web open in a new tab without handing it this page.
      if (node.tagName === 'A' && /^https?:/i.test(node.getAttribute('href') ?? '')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
      // An image without a text alternative is named by its file, as a screen reader would.
      if (node.tagName === 'IMG' && !node.hasAttribute('alt')) {
        const src = node.getAttribute('src') ?? '';
        const file = src.split(/[?#]/)[0].split('/').pop() || 'image';
        node.setAttribute('alt', decodeComponent(file) ?? file);
      }
    });
    return purify;
  }),
);

/** An SVG document without scripts, event handlers or external references. */
export async function sanitizeSvg(dirty: string): Promise<string> {
  const purify = await purifier.get();
  return purify.sanitize(dirty, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'use'],
  });
}

/** highlight.js output: only `<span class>` survives. */
export async function sanitizeHighlight(dirty: string): Promise<string> {
  const purify = await purifier.get();
  return purify.sanitize(dirty, { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'] });
}
